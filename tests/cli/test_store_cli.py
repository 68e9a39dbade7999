"""parley ingest | claims | reports | export | import | runs through the command line."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.store.conftest import FakeExtractor, write_report

from parley.cli import main


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def ingested(tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(FakeExtractor, "skip", set())
    monkeypatch.setattr("parley.store.ingest.extract_report", FakeExtractor.extract)
    src = tmp_path / "in"
    src.mkdir()
    write_report(src, "a", body="CLAIM RU demand territory ru_control\nCLAIM UA reject ceasefire partial")
    db = tmp_path / "p.db"
    result = runner.invoke(main, ["ingest", str(src), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["new"] == 1
    return db


def _claims(runner: CliRunner, db: Path) -> list[dict]:
    result = runner.invoke(main, ["claims", "list", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"just some notes\n", "not an SQLite file"),
        (None, "it has other tables"),
    ],
)
def test_foreign_database_file_is_one_line_error(tmp_path: Path, runner: CliRunner, content: bytes | None,
                                                  problem: str) -> None:
    db = tmp_path / "other.db"
    if content is None:
        with sqlite3.connect(db) as conn:
            conn.execute("CREATE TABLE invoices (id INTEGER)")
    else:
        db.write_bytes(content)
    result = runner.invoke(main, ["claims", "list", "--db", str(db)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(db) in lines[0] and problem in lines[0]


def test_ingest_names_failed_input_and_exits_1(tmp_path: Path, runner: CliRunner) -> None:
    write_report(tmp_path, "ok")
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "p.db"), "--json"])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr
    summary = json.loads(result.stdout)
    assert (summary["new"], summary["failed"]) == (1, 1)


def test_claims_edit_accept_add_through_the_cli(ingested: Path, runner: CliRunner) -> None:
    claims = {c["issue"]: c for c in _claims(runner, ingested)}
    db = ["--db", str(ingested)]
    r = runner.invoke(main, ["claims", "edit", str(claims["territory"]["id"]), *db, "--act", "propose",
                             "--outcome", "freeze", "--note", "misread", "--json"])
    assert r.exit_code == 0, r.output
    assert (json.loads(r.stdout)["act"], json.loads(r.stdout)["status"]) == ("propose", "edited")
    r = runner.invoke(main, ["claims", "reject", str(claims["ceasefire"]["id"]), *db])
    assert r.exit_code == 0, r.output
    c = claims["territory"]
    r = runner.invoke(main, ["claims", "add", "--report", str(c["report_id"]), "--start", str(c["start"]),
                             "--end", str(c["end"]), "--actor", "US", "--act", "demand", "--issue", "talks", *db])
    assert r.exit_code == 0, r.output
    statuses = sorted(c["status"] for c in _claims(runner, ingested))
    assert statuses == ["added", "edited", "rejected"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["claims", "edit", "1", "--actor", "XX"], 2, "unknown actor"),
        (["claims", "accept", "99"], 1, "no claim 99"),
        (["reports", "show", "99"], 1, "no report 99"),
        (["reports", "search", '"open'], 2, "bad search query"),
    ],
)
def test_store_commands_turn_bad_arguments_into_one_line(ingested: Path, runner: CliRunner, args: list[str],
                                                         code: int, message: str) -> None:
    result = runner.invoke(main, [*args, "--db", str(ingested)])
    assert result.exit_code == code
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_claims_list_csv_has_a_header_and_a_row_per_claim(ingested: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["claims", "list", "--db", str(ingested), "--csv"])
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith("id,report_id,origin,status") and len(lines) == 3


def test_export_import_round_trip_through_the_cli(ingested: Path, runner: CliRunner, tmp_path: Path) -> None:
    first = _claims(runner, ingested)[0]["id"]
    runner.invoke(main, ["claims", "accept", str(first), "--db", str(ingested)])
    out = tmp_path / "backup.jsonl"
    assert runner.invoke(main, ["export", "--db", str(ingested), "-o", str(out)]).exit_code == 0
    restored = tmp_path / "restored.db"
    result = runner.invoke(main, ["import", str(out), "--db", str(restored)])
    assert result.exit_code == 0, result.output
    assert _claims(runner, restored) == _claims(runner, ingested)
    runs = runner.invoke(main, ["runs", "--db", str(restored), "--json"])
    assert [r["command"] for r in json.loads(runs.stdout)] == ["ingest"]


def test_ingest_reads_standard_input(tmp_path: Path, runner: CliRunner) -> None:
    text = "---\ntitle: piped\ndate: 2025-05-01\noutlet: Pipe\n---\nThe delegations met in Istanbul.\n"
    result = runner.invoke(main, ["ingest", "-", "--db", str(tmp_path / "p.db"), "--json"], input=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["new"] == 1
    shown = runner.invoke(main, ["reports", "list", "--db", str(tmp_path / "p.db"), "--json"])
    assert [r["outlet"] for r in json.loads(shown.stdout)] == ["Pipe"]


def test_ingest_refuses_a_map_for_an_unknown_field(runner, tmp_path):
    result = runner.invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "p.db"),
                                  "--map", "colour=x"])
    assert result.exit_code == 2
    assert "colour" in result.output
