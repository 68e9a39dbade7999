"""Territorial arithmetic: shares from control facts, areas and 2022 populations from the dossier."""

from __future__ import annotations

import pytest

from parley.deal import parse_deal, territory_changes
from parley.deal.territory import ControlEntry, load_control_file

DONBAS = ControlEntry(regions=("UA-14", "UA-09"), ru_share=0.88, date="2025-08-21", source="Reuters")


def _deal(dossier, body: str):
    return parse_deal(f"title: t\ndate: 2025-08-22\nterms:\n  territory:\n{body}", dossier=dossier)


def test_group_fact_gives_remaining_share_of_group_area(dossier):
    # Donetsk 26,517 + Luhansk 26,684 = 53,201 km²; 12% of that = 6,384.12 km²
    t = territory_changes(None, _deal(dossier, "    Donbas: ru_control\n"), control=[DONBAS],
                          dossier=dossier)
    assert t.km2_to_ru == pytest.approx(0.12 * 53201)
    assert t.km2_to_ua == 0
    assert ("Donbas 88% held by RU per Reuters, 2025-08-21; the remaining 12% of 53,201 km² "
            "is 6,384 km²") in t.assumptions
    # population: 12% of 4,059,372 (Donetsk) + 12% of 2,102,921 (Luhansk), uniform density
    assert t.population_to_ru == round(0.12 * 4059372) + round(0.12 * 2102921)


def test_return_moves_the_ru_held_share_back(dossier):
    fact = ControlEntry(regions=("UA-63",), ru_share=0.05, date="2025-08-01", source="ISW")
    t = territory_changes(None, _deal(dossier, "    UA-63: ua_control\n"), control=[fact], dossier=dossier)
    assert t.km2_to_ua == pytest.approx(0.05 * 31415)  # Kharkiv 31,415 km²
    assert t.km2_to_ru == 0


def test_region_without_fact_is_named_not_guessed(dossier):
    t = territory_changes(None, _deal(dossier, "    UA-59: ua_control\n"), control=[DONBAS], dossier=dossier)
    assert t.unknown == ("UA-59",)
    assert t.km2_to_ua == 0
    assert "no control fact" in t.assumptions[0]


def test_freeze_moves_nothing_even_without_fact(dossier):
    t = territory_changes(None, _deal(dossier, "    UA-23: freeze\n"), control=[], dossier=dossier)
    assert t.unknown == () and t.km2_to_ru == 0 and t.km2_to_ua == 0


def test_crimea_has_no_2022_population_and_says_so(dossier):
    fact = ControlEntry(regions=("UA-43",), ru_share=0.0, date=None, source="analyst")
    t = territory_changes(None, _deal(dossier, "    UA-43: ru_control\n"), control=[fact], dossier=dossier)
    assert t.km2_to_ru == pytest.approx(26081)
    assert t.population_to_ru == 0
    assert "no 2022 population estimate" in t.regions[0].assumption


def test_analyst_figure_wins_over_newer_record_fact(dossier):
    record = ControlEntry(regions=("UA-14",), ru_share=0.7, date="2025-09-01", source="wire")
    mine = ControlEntry(regions=("UA-14",), ru_share=0.8, date="2025-01-01", source="me",
                        origin="analyst")
    t = territory_changes(None, _deal(dossier, "    UA-14: ru_control\n"), control=[record, mine],
                          dossier=dossier)
    assert t.regions[0].ru_share == 0.8


def test_store_control_facts_are_read_with_dates_and_sources(dossier, deal_store):
    t = territory_changes(deal_store, _deal(dossier, "    Donbas: ru_control\n"), dossier=dossier)
    assert t.km2_to_ru == pytest.approx(0.12 * 53201)
    assert "ISW" in t.assumptions[0] and "2025-08-01" in t.assumptions[0]


@pytest.mark.parametrize("suffix, content", [
    (".yaml", "Donbas: {ru_share: 0.88, source: Reuters, date: 2025-08-21}\n"),
    (".csv", "region,ru_share,source,date\nDonbas,88,Reuters,2025-08-21\n"),
])
def test_control_file_yaml_and_csv(dossier, tmp_path, suffix, content):
    path = tmp_path / f"control{suffix}"
    path.write_text(content)
    (entry,) = load_control_file(path, dossier=dossier)
    assert entry.regions == ("UA-14", "UA-09") and entry.ru_share == pytest.approx(0.88)
    assert entry.origin == "analyst" and entry.source == "Reuters"


def test_control_file_needs_a_source(dossier, tmp_path):
    from parley.errors import DealError

    path = tmp_path / "c.yaml"
    path.write_text("UA-14: 0.5\n")
    with pytest.raises(DealError) as info:
        load_control_file(path, dossier=dossier)
    assert "source" in info.value.problems[0] and ":1:" in info.value.problems[0]
