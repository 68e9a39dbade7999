"""shifts(), conflicts(), contradictions() and corroboration() on hand-built stores."""

from __future__ import annotations

import pytest
from analysis_builders import C, report_of

from parley.analysis import conflicts, contradictions, corroboration, corroborations, shifts
from parley.errors import NotFoundError

DN, LU, ZP, KH = "UA-14", "UA-09", "UA-23", "UA-65"


def kinds(found):
    return [(s.actor, s.issue, s.kind) for s in found]


def test_russia_territory_softens_then_hardens(store, add, dossier):
    add("2024-06-14", C("RU", "demand", "territory", "ru_control", regions=(DN, LU, ZP, KH)))
    add("2025-04-20", C("RU", "propose", "territory", "freeze"))
    add("2025-08-10", C("RU", "demand", "territory", "ru_control", regions=(DN, LU)),
        C("RU", "propose", "territory", "freeze", regions=(ZP, KH)))
    [soft] = shifts(store, since="2025-04-01", until="2025-04-30", dossier=dossier)
    assert (soft.kind, soft.date, soft.before, soft.after) == (
        "softened", "2025-04-20", f"demand ru_control [{LU}, {DN}, {ZP}, {KH}]", "propose freeze")
    assert "ru_control" in soft.detail and soft.before_evidence and soft.after_evidence
    [hard] = shifts(store, since="2025-08-01", until="2025-08-31", dossier=dossier)
    assert hard.kind == "hardened"


def test_ukraine_moving_to_freeze_is_softening(store, add, dossier):
    add("2024-01-10", C("UA", "demand", "territory", "ua_control"))
    add("2025-02-10", C("UA", "propose", "territory", "freeze"))
    assert kinds(shifts(store, since="2025-01-01", until="2025-12-31", dossier=dossier)) == [
        ("UA", "territory", "softened")]


@pytest.mark.parametrize(("before", "after", "kind"), [
    ("demand", "propose", "softened"),
    ("propose", "demand", "hardened"),
    ("reject", "propose", "softened"),
    ("propose", "reject", "hardened"),
])
def test_act_changes_on_the_same_outcome(store, add, dossier, before, after, kind):
    add("2025-01-01", C("US", before, "ceasefire", "ceasefire"))
    add("2025-03-01", C("US", after, "ceasefire", "ceasefire"))
    assert kinds(shifts(store, since="2025-02-01", until="2025-03-31", dossier=dossier)) == [
        ("US", "ceasefire", kind)]


def test_new_and_dropped(store, add, dossier):
    add("2025-01-05", C("RU", "demand", "neutrality", "neutral"))
    add("2025-03-01", C("CN", "propose", "talks", "direct_talks"))
    found = shifts(store, since="2025-02-01", until="2025-07-31", dropped_after_months=6,
                   dossier=dossier)
    assert [(s.actor, s.kind, s.date) for s in found] == [
        ("CN", "new", "2025-03-01"), ("RU", "dropped", "2025-07-05")]
    # repeating the demand keeps it alive
    add("2025-06-01", C("RU", "demand", "neutrality", "neutral"))
    found = shifts(store, since="2025-02-01", until="2025-07-31", dossier=dossier)
    assert [(s.actor, s.kind) for s in found] == [("CN", "new")]


def test_unchanged_stance_is_no_shift(store, add, dossier):
    add("2025-01-01", C("RU", "demand", "nato_membership", "legal_ban"))
    add("2025-03-01", C("RU", "demand", "nato_membership", "legal_ban"))
    assert shifts(store, since="2025-02-01", until="2025-03-31", dossier=dossier) == []


def test_conflicts_per_region_and_zone(store, add, dossier):
    add("2025-08-10", C("RU", "demand", "territory", "ru_control", regions=(DN,)),
        C("RU", "propose", "territory", "freeze", regions=(ZP,)))
    add("2025-08-12", C("UA", "reject", "territory", "ru_control"),
        C("UA", "propose", "territory", "freeze"))
    [terr] = conflicts(store, dossier=dossier)
    assert terr.issue == "territory" and terr.parties == ("RU", "UA")
    assert [(c.a, c.b, c.regions) for c in terr.conflicts] == [("RU", "UA", (DN,))]
    assert "RU demands ru_control; UA rejects it" in terr.conflicts[0].reason
    assert [(z.region, z.outcomes) for z in terr.zones] == [(DN, ()), (ZP, ("freeze",))]
    assert terr.overlap and f"no overlap in {DN}" in terr.summary


def test_issue_with_no_overlap_says_so(store, add, dossier):
    add("2025-01-01", C("RU", "demand", "nato_membership", "legal_ban"))
    add("2025-01-02", C("UA", "demand", "nato_membership", "member"))
    [nato] = conflicts(store, dossier=dossier)
    assert not nato.overlap and nato.zones[0].outcomes == ()
    assert nato.conflicts[0].reason == "RU demands legal_ban; UA demands member"
    assert "no overlap" in nato.summary


def test_rejecting_party_accepts_what_it_did_not_reject(store, add, dossier):
    add("2025-01-01", C("UA", "reject", "sanctions", "lifted"))
    add("2025-01-02", C("EUROPE", "demand", "sanctions", "kept"))
    [sanc] = conflicts(store, dossier=dossier)
    assert sanc.conflicts == () and sanc.zones[0].outcomes == ("kept",)


@pytest.mark.parametrize(("second", "outlet", "gap", "kind"), [
    (C("RU", "reject", "ceasefire", "ceasefire", text="The Kremlin denied it would agree."),
     "Wire", 3, "denial"),
    (C("RU", "reject", "ceasefire", "ceasefire"), "Other", 3, "outlets"),
    (C("RU", "reject", "ceasefire", "ceasefire"), "Wire", 3, "self"),
])
def test_contradictions(store, add, second, outlet, gap, kind):
    [a] = add("2025-01-01", C("RU", "propose", "ceasefire", "ceasefire"))
    [b] = add(f"2025-01-{1 + gap:02d}", second, outlet=outlet)
    [found] = contradictions(store, window_days=30)
    assert (found.kind, found.first.claim_id, found.second.claim_id, found.days_apart) == (
        kind, a, b, gap)


def test_contradictions_respect_window_and_regions(store, add):
    add("2025-01-01", C("RU", "propose", "ceasefire", "ceasefire"))
    add("2025-03-01", C("RU", "reject", "ceasefire", "ceasefire"))
    add("2025-01-01", C("RU", "demand", "territory", "ru_control", regions=(DN,)))
    add("2025-01-02", C("RU", "reject", "territory", "ru_control", regions=(ZP,)))
    assert contradictions(store, window_days=30) == []
    assert len(contradictions(store, window_days=90)) == 1


def test_corroboration_counts_stories_and_first_report(store, add):
    [a] = add("2025-01-03", C("RU", "demand", "neutrality", "neutral"), outlet="Agency",
              url="https://agency.example/1")
    [b] = add("2025-01-04", C("RU", "demand", "neutrality", "neutral"), outlet="Copy",
              story_of=report_of(store, a))
    [c] = add("2025-01-20", C("RU", "demand", "neutrality", "neutral", source_kind="document"),
              outlet="Paper")
    add("2025-03-30", C("RU", "demand", "neutrality", "neutral"))  # outside the window
    add("2025-01-05", C("RU", "propose", "neutrality", "neutral"))  # another act
    co = corroboration(store, b, window_days=30)
    assert (co.claims, co.reports, co.independent, co.outlets) == (3, 3, 2, 3)
    assert (co.first_date, co.first_outlet, co.first_url) == (
        "2025-01-03", "Agency", "https://agency.example/1")
    assert co.claim_ids == (a, b, c) and co.strongest_source == "document"
    assert set(corroborations(store, [a, 9999])) == {a}
    with pytest.raises(NotFoundError):
        corroboration(store, 9999)


def test_claims_of_one_report_never_contradict(store, add):
    add("2025-01-01", C("UA", "reject", "culture_rights", "protections"),
        C("UA", "propose", "culture_rights", "protections"))
    assert contradictions(store) == []


def test_stale_stances_are_left_out_of_conflicts(store, add, dossier):
    add("2022-05-01", C("US", "demand", "territory", "ua_control"))
    add("2025-08-01", C("RU", "demand", "territory", "ru_control"))
    add("2025-08-02", C("UA", "reject", "territory", "ru_control"))
    [terr] = conflicts(store, dossier=dossier)
    assert (terr.parties, terr.stale) == (("RU", "UA"), ("US",))
    [every] = conflicts(store, dossier=dossier, stale_after_days=None)
    assert set(every.parties) == {"RU", "UA", "US"} and len(every.conflicts) == 2
