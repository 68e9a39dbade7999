"""parley deal evaluate | compare | validate and parley forecast, end to end on a small store."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from parley.cli import main

_spec = importlib.util.spec_from_file_location(
    "deal_sample_store", Path(__file__).resolve().parents[1] / "deal" / "sample_store.py")
_sample = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_sample)
build_store = _sample.build_store

DEAL = """\
title: Test deal
date: 2025-08-10
terms:
  territory:
    Donbas: ru_control
  nato_membership: renounced
  foreign_troops: european_peacekeepers
"""


@pytest.fixture
def files(tmp_path):
    db = tmp_path / "p.db"
    build_store(str(db)).close()
    deal = tmp_path / "deal.yaml"
    deal.write_text(DEAL)
    other = tmp_path / "other.yaml"
    other.write_text(DEAL.replace("Test deal", "Other").replace("ru_control", "freeze"))
    return db, deal, other


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_validate_ok_and_error_with_line(tmp_path, files):
    _, deal, _ = files
    ok = run("deal", "validate", str(deal))
    assert ok.exit_code == 0 and "ok (3 terms" in ok.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: t\nterms:\n  sanctions: maybe\n")
    res = run("deal", "validate", str(bad))
    assert res.exit_code == 1
    assert f"{bad}:3: terms.sanctions: unknown outcome 'maybe'" in res.output


def test_evaluate_json_has_verdicts_evidence_and_territory(files):
    db, deal, _ = files
    res = run("deal", "evaluate", str(deal), "--db", str(db), "--format", "json")
    assert res.exit_code == 0, res.output
    (data,) = json.loads(res.output)
    kinds = {(v["party"], v["issue"], v["region"]): v["verdict"] for v in data["verdicts"]}
    assert kinds[("UA", "territory", "UA-14")] == "red_line"
    assert kinds[("RU", "foreign_troops", None)] == "red_line"
    assert data["territory"]["km2_to_ru"] == pytest.approx(0.12 * 53201)
    assert all(v["evidence"] for v in data["verdicts"] if v["verdict"] != "no_position")


@pytest.mark.parametrize("fmt, needle", [("table", "crosses a red line"), ("md", "## Verdicts"),
                                         ("html", "<table>")])
def test_evaluate_formats(files, fmt, needle):
    db, deal, _ = files
    res = run("deal", "evaluate", str(deal), "--db", str(db), "--format", fmt)
    assert res.exit_code == 0 and needle in res.output


def test_evaluate_html_escapes_quotes(files):
    db, deal, _ = files
    res = run("deal", "evaluate", str(deal), "--db", str(db), "--format", "html")
    assert "<script" not in res.output.lower()


def test_control_file_overrides_record(tmp_path, files):
    db, deal, _ = files
    control = tmp_path / "c.csv"
    control.write_text("region,ru_share,source,date\nDonbas,0.5,my estimate,2025-08-09\n")
    res = run("deal", "evaluate", str(deal), "--db", str(db), "--control", str(control), "--json")
    (data,) = json.loads(res.output)
    assert data["territory"]["km2_to_ru"] == pytest.approx(0.5 * 53201)


def test_compare_puts_deals_side_by_side(files):
    db, deal, other = files
    res = run("deal", "compare", str(deal), str(other), "--db", str(db), "--format", "csv")
    assert res.exit_code == 0
    header, *rows = res.output.strip().splitlines()
    assert header == "issue,region,Test deal,Other"
    assert "territory,UA-14,ru_control,freeze" in rows


def test_compare_markdown_names_record_dates(files):
    db, deal, other = files
    res = run("deal", "compare", str(deal), str(other), "--db", str(db), "--format", "md")
    assert "| record as of | 2025-08-10 | 2025-08-10 |" in res.output
    assert "| UA | met 0, against 1, red lines 2 | met 2, against 1, red lines 0 |" in res.output


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_forecast_formats(files, fmt):
    db, _, _ = files
    res = run("forecast", "--issue", "nato_membership", "--db", str(db), "--format", fmt)
    assert res.exit_code == 0 and "nato_membership" in res.output
