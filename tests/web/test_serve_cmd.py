"""``parley serve`` refuses unsafe binds before starting anything."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from parley.cli import main
from parley.cli.web_cmds import is_loopback


@pytest.mark.parametrize("host,loopback", [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
    ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False),
])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serve_refuses_public_host_without_token(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "x.db"), "--host", "0.0.0.0"],
                           env={"PARLEY_TOKEN": ""})
    assert r.exit_code == 2
    assert "without a token" in r.output


def test_serve_read_token_flag_needs_token(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "x.db"),
                                  "--require-token-for-reads"], env={"PARLEY_TOKEN": ""})
    assert r.exit_code == 2
    assert "needs --token" in r.output
