"""The CLI shows the army-cap comparison and the forecast's stopping reason."""

from __future__ import annotations

import json

from click.testing import CliRunner

from parley.cli import main

DEAL = "title: Army cap\ndate: 2025-08-10\nterms:\n  army_limits: {outcome: limited, cap: 600000}\n"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_evaluate_table_and_md_list_army_caps(deal_store, tmp_path):
    db = deal_store.path
    deal_store.close()
    deal = tmp_path / "army.yaml"
    deal.write_text(DEAL)
    table = run("deal", "evaluate", str(deal), "--db", str(db))
    assert table.exit_code == 0 and "Army caps" in table.output and "515000" in table.output
    md = run("deal", "evaluate", str(deal), "--db", str(db), "--format", "md").output
    assert "- deal caps at 600,000; RU demanded 85,000 on 2025-08-04 — the deal is 515,000 above" in md
    compare = run("deal", "compare", str(deal), "--db", str(db), "--format", "csv").output
    assert "army_limits,,"+'"limited (cap 600,000)"' in compare


def test_forecast_reports_why_the_model_stopped(deal_store):
    db = deal_store.path
    deal_store.close()
    res = run("forecast", "--issue", "nato_membership", "--db", str(db), "--format", "json")
    (f,) = json.loads(res.output)
    assert f["stop"] == "converged" and f["stop_detail"]
    assert f["rounds"][1]["risk"] and "offers" in f["rounds"][1]
