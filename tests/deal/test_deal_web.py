"""The dashboard's deal pages: HTML with the verdict table and map, and the JSON form."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from parley.web.app import create_app

DEAL = """\
title: Web <deal>
date: 2025-08-10
terms:
  territory:
    Donbas: ru_control
  foreign_troops: european_peacekeepers
"""


@pytest.fixture
def client(deal_store, tmp_path, monkeypatch):
    path = deal_store.path
    deal_store.close()
    deals = tmp_path / "deals"
    deals.mkdir()
    (deals / "test-deal.yaml").write_text(DEAL)
    (deals / "broken.yaml").write_text("title: x\nterms:\n  fishing: yes\n")
    (deals / "army.yaml").write_text("title: Army cap\ndate: 2025-08-10\n"
                                     "terms:\n  army_limits: {outcome: limited, cap: 600000}\n")
    monkeypatch.setenv("PARLEY_DEALS", str(deals))
    with TestClient(create_app(path)) as c:
        yield c


def test_deal_json_has_verdicts_and_territory(client):
    data = client.get("/deal/test-deal.json").json()
    kinds = {(v["party"], v["issue"]): v["verdict"] for v in data["evaluation"]["verdicts"]}
    assert kinds[("RU", "foreign_troops")] == "red_line"
    assert data["evaluation"]["territory"]["km2_to_ru"] == pytest.approx(0.12 * 53201)


def test_deal_page_escapes_title_and_draws_changed_regions(client):
    html = client.get("/deal/test-deal").text
    assert "Web &lt;deal&gt;" in html and "<deal>" not in html
    assert 'data-code="UA-14"' in html and "#e63c3c" in html  # Donetsk drawn as going to RU


def test_deals_list_shows_bad_file_with_its_problem(client):
    data = client.get("/deals.json").json()
    by_name = {d["name"]: d for d in data["deals"]}
    assert by_name["test-deal"]["terms"] == 2
    assert "unknown issue" in by_name["broken"]["error"]


@pytest.mark.parametrize("name", ["nope", "..%2Fsecret"])
def test_unknown_deal_is_404(client, name):
    assert client.get(f"/deal/{name}.json").status_code == 404


def test_deal_page_compares_army_caps(client):
    data = client.get("/deal/army.json").json()
    caps = {(c["party"], c["act"]): c["difference"] for c in data["evaluation"]["caps"]}
    assert caps == {("RU", "demand"): 515_000, ("UA", "propose"): -200_000}
    html = client.get("/deal/army").text
    assert 'id="army-caps"' in html and "+515,000" in html
    assert "deal caps at 600,000; RU demanded 85,000 on 2025-08-04" in html
