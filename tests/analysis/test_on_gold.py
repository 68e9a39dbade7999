"""On the annotated seeds and open corpus (../shared), the answers read right."""

from __future__ import annotations

import pytest
from analysis_builders import store_from_gold

from parley.analysis import conflicts, positions, shifts

pytestmark = pytest.mark.shared


@pytest.fixture()
def gold_store(store, shared_dir):
    store_from_gold(store, shared_dir / "gold" / "open.jsonl", shared_dir / "corpus-open")
    store_from_gold(store, shared_dir / "gold" / "seeds.jsonl", shared_dir / "seeds")
    return store


def test_russian_territorial_demand_softens_then_hardens(gold_store, dossier):
    [april] = shifts(gold_store, since="2025-04-01", until="2025-04-30", actor="RU",
                     issue="territory", dossier=dossier)
    assert april.kind == "softened" and "freeze" in april.after
    [august] = shifts(gold_store, since="2025-08-01", until="2025-08-31", actor="RU",
                      issue="territory", dossier=dossier)
    assert august.kind == "hardened"
    assert "demand ru_control [UA-09, UA-14]" in august.after and "freeze [UA-23, UA-65]" in august.after


def test_donbas_has_no_overlap_but_the_south_could_freeze(gold_store, dossier):
    [terr] = conflicts(gold_store, issue="territory", dossier=dossier)
    zones = {z.region: z.outcomes for z in terr.zones}
    assert zones["UA-14"] == () and zones["UA-09"] == ()
    assert zones["UA-23"] == ("freeze",) and zones["UA-65"] == ("freeze",)


def test_ukraine_rejects_ceding_donbas(gold_store, dossier):
    [ua] = positions(gold_store, actor="UA", issue="territory", dossier=dossier)
    assert [(s.act, s.outcome) for s in ua.stances] == [("reject", "ru_control")]
    assert ua.since == "2022-03-04"  # held since the first Podolyak statement
