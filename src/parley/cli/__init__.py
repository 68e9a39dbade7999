"""The parley command line: thin. Parse options, call the library, print.

Each layer's commands live in their own module and register on ``main``.
A ParleyError becomes one line on stderr and its exit code; nothing else
in the package prints.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from parley import __version__
from parley.errors import ParleyError


class ParleyGroup(click.Group):
    """Turns library errors into one actionable line and the error's exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ParleyError as exc:
            from rich.markup import escape

            from parley.cli.options import err_console

            err_console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False)
            sys.exit(exc.exit_code)


@click.group(cls=ParleyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="parley")
def main() -> None:
    """parley: who demands, proposes or rejects what in peace talks, sourced and dated.

    Read reports, extract claims, keep them in a database with the analyst's
    corrections, analyse positions, evaluate deals, and browse it all.
    """


def _register() -> None:
    # Each module adds its commands to ``main``; a missing module (a layer not
    # built yet) is skipped so the rest of the CLI keeps working.
    import importlib

    for name in ("dossier", "extract", "store", "analysis", "web", "deal"):
        try:
            importlib.import_module(f"parley.cli.{name}_cmds")
        except ModuleNotFoundError as exc:
            if exc.name != f"parley.cli.{name}_cmds":
                raise


_register()
