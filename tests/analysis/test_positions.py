"""positions() and timeline() on small hand-built stores."""

from __future__ import annotations

import pytest
from analysis_builders import C, report_of

from parley.analysis import positions, timeline
from parley.store.corrections import edit_claim, reject_claim


def stances(pos):
    return [(s.act, s.outcome) for s in pos.stances]


def test_position_is_the_latest_claim(store, add, dossier):
    add("2024-06-01", C("RU", "demand", "territory", "ru_control"))
    later = add("2025-04-01", C("RU", "propose", "territory", "freeze"))
    [pos] = positions(store, dossier=dossier)
    assert (pos.actor, pos.issue, pos.date) == ("RU", "territory", "2025-04-01")
    assert stances(pos) == [("propose", "freeze")]
    assert pos.claim_ids == tuple(later)


def test_as_of_goes_back_in_time(store, add, dossier):
    add("2024-06-01", C("RU", "demand", "territory", "ru_control"))
    add("2025-04-01", C("RU", "propose", "territory", "freeze"))
    [pos] = positions(store, as_of="2025-01-01", dossier=dossier)
    assert stances(pos) == [("demand", "ru_control")]
    assert positions(store, as_of="2024-01-01", dossier=dossier) == []


def test_ties_on_the_latest_date_keep_every_distinct_stance(store, add, dossier):
    a = add("2025-08-01", C("RU", "demand", "territory", "ru_control", regions=("UA-14", "UA-09")))
    b = add("2025-08-01", C("RU", "propose", "territory", "freeze", regions=("UA-23", "UA-65")),
            outlet="Other")
    c = add("2025-08-01", C("RU", "demand", "territory", "ru_control", regions=("UA-14",)),
            outlet="Third")
    [pos] = positions(store, dossier=dossier)
    assert stances(pos) == [("demand", "ru_control"), ("propose", "freeze")]
    demand, freeze = pos.stances
    assert demand.claim_ids == tuple(sorted(a + c)) and demand.reports == 2
    assert freeze.claim_ids == tuple(b) and freeze.regions == ("UA-23", "UA-65")
    assert [(r.region, r.act, r.outcome) for r in pos.regions] == [
        ("UA-09", "demand", "ru_control"), ("UA-14", "demand", "ru_control"),
        ("UA-23", "propose", "freeze"), ("UA-65", "propose", "freeze"),
    ]


def test_past_dated_claim_counts_at_its_own_date(store, add, dossier):
    add("2025-03-01", C("UA", "reject", "territory", "ru_control"))
    # reported later, but about a stance held in 2024: must not become the current one
    add("2025-05-01", C("UA", "propose", "territory", "freeze", when="2024-11"))
    [pos] = positions(store, dossier=dossier)
    assert stances(pos) == [("reject", "ru_control")]
    [old] = positions(store, as_of="2024-12-31", dossier=dossier)
    assert (old.date, stances(old)) == ("2024-11-01", [("propose", "freeze")])


def test_past_counts_just_before_the_report(store, add, dossier):
    add("2025-05-01", C("UA", "demand", "ceasefire", "ceasefire", when="past"),
        C("UA", "propose", "ceasefire", "partial"))
    [pos] = positions(store, dossier=dossier)
    assert stances(pos) == [("propose", "partial")]
    assert pos.date == "2025-05-01"


def test_rejected_claims_are_ignored_and_edits_used(store, add, dossier):
    first = add("2025-01-01", C("US", "propose", "sanctions", "lifted"))
    wrong = add("2025-02-01", C("US", "demand", "sanctions", "kept"))
    reject_claim(store, wrong[0])
    [pos] = positions(store, dossier=dossier)
    assert stances(pos) == [("propose", "lifted")] and pos.claim_ids == tuple(first)
    edited = edit_claim(store, first[0], changes={"act": "demand"}, dossier=dossier)
    [pos] = positions(store, dossier=dossier)
    assert stances(pos) == [("demand", "lifted")] and pos.claim_ids == (edited.id,)


def test_hedged_only_evidence_is_flagged(store, add, dossier):
    add("2025-01-01", C("CN", "propose", "talks", "direct_talks", hedged=True))
    add("2025-01-01", C("CN", "propose", "talks", "direct_talks", hedged=True), outlet="B")
    add("2025-01-01", C("TR", "propose", "talks", "direct_talks", hedged=True))
    add("2025-01-01", C("TR", "propose", "talks", "direct_talks"), outlet="B")
    cn, tr = positions(store, issue="talks", dossier=dossier)
    assert (cn.actor, cn.hedged, cn.stances[0].hedged) == ("CN", True, True)
    assert (tr.actor, tr.hedged) == ("TR", False)


def test_party_without_a_stance_has_no_position(store, add, dossier):
    add("2025-01-01", C("RU", "demand", "neutrality", "neutral"))
    assert positions(store, actor="UA", dossier=dossier) == []
    assert [p.issue for p in positions(store, actor="RU", dossier=dossier)] == ["neutrality"]


def test_syndicated_copies_count_once(store, add, dossier):
    [orig] = add("2025-01-01", C("RU", "demand", "nato_membership", "legal_ban"), outlet="Agency")
    add("2025-01-02", C("RU", "demand", "nato_membership", "legal_ban"), outlet="Paper A",
        story_of=report_of(store, orig))
    add("2025-01-02", C("RU", "demand", "nato_membership", "legal_ban",
                        source_kind="named", source="Peskov"), outlet="Paper B")
    [pos] = positions(store, dossier=dossier)
    s = pos.stances[0]
    assert (s.reports, s.independent, s.outlets) == (3, 2, 3)
    assert (s.strongest_source, s.source, s.since) == ("named", "Peskov", "2025-01-01")


@pytest.mark.parametrize(("history", "since"), [
    # the run of a stance is broken by the same outcome with another act
    ([("2025-01-01", "demand", "kept"), ("2025-02-01", "reject", "kept"),
      ("2025-03-01", "demand", "kept")], "2025-03-01"),
    # ... and, on an ordinal scale, by demanding another point
    ([("2025-01-01", "demand", "kept"), ("2025-02-01", "demand", "lifted"),
      ("2025-03-01", "demand", "kept")], "2025-03-01"),
    # repeating it does not break it
    ([("2025-01-01", "demand", "kept"), ("2025-02-01", "demand", "kept")], "2025-01-01"),
])
def test_since_is_the_start_of_the_unbroken_run(store, add, dossier, history, since):
    for date, act, outcome in history:
        add(date, C("EUROPE", act, "sanctions", outcome))
    [pos] = positions(store, dossier=dossier)
    assert pos.since == since


def test_timeline_lists_stances_oldest_first_with_quotes(store, add):
    add("2025-03-01", C("RU", "demand", "territory", "ru_control", regions=("UA-14",),
                        text="Moscow wants Donetsk.", source_kind="named", source="Lavrov"))
    add("2025-01-01", C("RU", "propose", "territory", "freeze", text="Moscow would freeze the line."))
    add("2025-02-01", C("RU", "demand", "territory", "ru_control", regions=("UA-23",)))
    rows = timeline(store, actor="RU", issue="territory")
    assert [(r.date, r.act, r.outcome) for r in rows] == [
        ("2025-01-01", "propose", "freeze"), ("2025-02-01", "demand", "ru_control"),
        ("2025-03-01", "demand", "ru_control")]
    assert rows[2].quote == "Moscow wants Donetsk." and rows[2].source == "Lavrov"
    assert [r.date for r in timeline(store, actor="RU", issue="territory", region="UA-14")] == [
        "2025-03-01"]
    assert len(timeline(store, actor="RU", issue="territory", as_of="2025-01-15")) == 1
