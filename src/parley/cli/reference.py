"""Generate the CLI reference (docs/cli.md) from the commands themselves.

``python -m parley.cli.reference > docs/cli.md`` rewrites it; a test fails
when the file and the commands disagree, so the docs cannot drift.
"""

from __future__ import annotations

import click

from parley.cli import main


def _walk(cmd: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    out = [(path, cmd)]
    if isinstance(cmd, click.Group):
        for name in sorted(cmd.commands):
            out.extend(_walk(cmd.commands[name], [*path, name]))
    return out


def commands() -> list[tuple[str, click.Command]]:
    """Every command path (``parley claims list``) with its click command."""
    return [(" ".join(p), c) for p, c in _walk(main, ["parley"])]


def reference_markdown() -> str:
    lines = [
        "# parley command reference",
        "",
        "Generated from the commands by `python -m parley.cli.reference > docs/cli.md`;",
        "a test fails when this file is out of date.",
        "",
    ]
    for path, cmd in commands():
        if path == "parley":
            continue
        ctx = click.Context(cmd, info_name=path)
        lines.append(f"## {path}")
        lines.append("")
        lines.append("```")
        lines.append(cmd.get_help(ctx).replace(f"Usage: {path}", f"Usage: {path}", 1).rstrip())
        lines.append("```")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    click.echo(reference_markdown(), nl=False)
