"""Docs that cannot drift: every command is in the README and in docs/cli.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from parley.cli.reference import commands, reference_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_cli_reference_is_up_to_date():
    current = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == reference_markdown(), (
        "docs/cli.md is stale: run `python -m parley.cli.reference > docs/cli.md`"
    )


@pytest.mark.parametrize("path", [p for p, c in commands() if p.count(" ") == 1])
def test_every_top_level_command_is_in_the_readme(path: str):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"`{re.escape(path)}\b", readme) or f"{path} " in readme, (
        f"`{path}` is not documented in README.md"
    )


def test_every_command_has_help_text():
    missing = [p for p, c in commands() if p != "parley" and not (c.help or c.short_help)]
    assert not missing, f"commands without help: {missing}"
