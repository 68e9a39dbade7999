"""Generate the CLI reference (docs/cli.md) from the commands themselves.

``python -m parley.cli.reference > docs/cli.md`` rewrites it; a test fails
when the file and the commands disagree, so the docs cannot drift.
"""

from __future__ import annotations

import click

from parley.cli import main


def _walk(
    cmd: click.Command, path: list[str], parent: click.Context | None
) -> list[tuple[list[str], click.Command, click.Context]]:
    # Contexts are chained from the root so every command inherits the group's
    # settings (``-h``), whatever ran before in the same process.
    settings = cmd.context_settings if parent is None else {}
    ctx = click.Context(cmd, info_name=path[-1], parent=parent, **settings)
    out = [(path, cmd, ctx)]
    if isinstance(cmd, click.Group):
        for name in sorted(cmd.commands):
            out.extend(_walk(cmd.commands[name], [*path, name], ctx))
    return out


def commands() -> list[tuple[str, click.Command]]:
    """Every command path (``parley claims list``) with its click command."""
    return [(" ".join(p), c) for p, c, _ in _walk(main, ["parley"], None)]


def reference_markdown() -> str:
    lines = [
        "# parley command reference",
        "",
        "Generated from the commands by `python -m parley.cli.reference > docs/cli.md`;",
        "a test fails when this file is out of date.",
        "",
    ]
    for parts, cmd, ctx in _walk(main, ["parley"], None):
        path = " ".join(parts)
        if path == "parley":
            continue
        lines.append(f"## {path}")
        lines.append("")
        lines.append("```")
        lines.append(cmd.get_help(ctx).rstrip())
        lines.append("```")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    click.echo(reference_markdown(), nl=False)
