"""The analysis commands: thin wrappers printing table, JSON, CSV, Markdown or HTML."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from parley.cli import main
from parley.extract.records import Claim, Extraction
from parley.ingest.report import Report
from parley.store.db import Store


def _report(store: Store, n: int, date: str, *claims: tuple[str, str, str, str, tuple[str, ...]]) -> None:
    body = f"Unique body {n} " + " ".join(f"w{n}x{i}" for i in range(40))
    rep = Report(text=body, doc=f"d{n}.txt", date=dt.date.fromisoformat(date), outlet=f"Outlet {n}",
                 url=f"https://example.org/{n}")
    made = tuple(Claim(doc=rep.doc, start=i, end=i + 5, text=f"quote {n}.{i}", actor=a, act=act,
                       issue=issue, outcome=o, regions=r) for i, (a, act, issue, o, r) in enumerate(claims))
    store.add_report(rep, Extraction(rep.doc, made, ()))


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = tmp_path / "cli.db"
    with Store(path) as s:
        _report(s, 1, "2024-06-14", ("RU", "demand", "territory", "ru_control", ("UA-14", "UA-23")))
        _report(s, 2, "2025-04-20", ("RU", "propose", "territory", "freeze", ("UA-14", "UA-23")))
        _report(s, 3, "2025-04-21", ("UA", "reject", "territory", "ru_control", ()),
                ("UA", "propose", "territory", "freeze", ()))
    return str(path)


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_positions_json_and_csv(db):
    data = json.loads(run("positions", "--db", db, "--actor", "RU", "--json"))
    assert [(p["actor"], p["issue"], p["stances"][0]["act"], p["stances"][0]["outcome"]) for p in data] == [
        ("RU", "territory", "propose", "freeze")]
    rows = list(csv.DictReader(io.StringIO(run("positions", "--db", db, "--format", "csv",
                                               "--as-of", "2025-01-01"))))
    assert [(r["actor"], r["act"], r["outcome"]) for r in rows] == [("RU", "demand", "ru_control")]


def test_timeline_shifts_conflicts_contradictions(db):
    tl = json.loads(run("timeline", "--db", db, "--actor", "RU", "--issue", "territory", "--json"))
    assert [t["date"] for t in tl] == ["2024-06-14", "2025-04-20"]
    sh = list(csv.DictReader(io.StringIO(run("shifts", "--db", db, "--since", "2025-04-01",
                                             "--until", "2025-04-30", "--csv"))))
    assert [(r["actor"], r["kind"]) for r in sh] == [("RU", "softened"), ("UA", "new")]
    conf = json.loads(run("conflicts", "--db", db, "--json"))
    assert conf[0]["overlap"] is True and conf[0]["conflicts"] == []
    assert "contradictions" in run("contradictions", "--db", db, "--table").lower()


def test_brief_writes_markdown_and_html(db, tmp_path):
    md = run("brief", "--db", db, "--since", "2025-04-01", "--until", "2025-04-30")
    assert md.startswith("# Brief 2025-04-01 – 2025-04-30")
    out = tmp_path / "brief.html"
    run("brief", "--db", db, "--since", "2025-04-01", "--until", "2025-04-30", "--format", "html",
        "-o", str(out))
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("args", [
    ["shifts", "--since", "2025-05-01", "--until", "2025-04-01"],
    ["brief", "--since", "2025-05-01", "--until", "2025-04-01"],
])
def test_until_before_since_is_a_usage_error(db, args):
    result = CliRunner().invoke(main, [*args, "--db", db])
    assert result.exit_code != 0 and "before --since" in result.output


def test_missing_database_is_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["positions", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "no such database" in result.output
