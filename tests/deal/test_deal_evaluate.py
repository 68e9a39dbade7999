"""Verdicts per party and term, from hand-built records and from a small store."""

from __future__ import annotations

import pytest

from parley.analysis.records import Evidence
from parley.deal import evaluate_deal, evaluate_record, parse_deal, verdict_for
from parley.deal.model import Term


def ev(cid: int, actor: str, act: str, issue: str, outcome: str | None, *, date: str = "2025-08-01",
       regions: tuple[str, ...] = (), hedged: bool = False) -> Evidence:
    return Evidence(claim_id=cid, report_id=cid, date=date, report_date=date, actor=actor, act=act,
                    issue=issue, outcome=outcome, regions=regions, hedged=hedged, conditional=False,
                    when=None, quote=f"quote {cid}", source_kind="named", source="minister",
                    outlet="Wire", url=None, title=None, story_id=None, status="machine")


NATO = "nato_membership"


@pytest.mark.parametrize("claims, outcome, verdict, steps", [
    ([ev(1, "RU", "demand", NATO, "legal_ban")], "legal_ban", "meets_demand", None),
    ([ev(1, "UA", "propose", NATO, "renounced")], "renounced", "acceptable", None),
    ([ev(1, "UA", "reject", NATO, "renounced")], "renounced", "red_line", None),
    # member (rank 0) -> legal_ban (rank 2): two steps away from UA's stated position
    ([ev(1, "UA", "demand", NATO, "member")], "legal_ban", "moves_against", 2),
    ([ev(1, "RU", "demand", NATO, "legal_ban")], "renounced", "moves_against", 1),
    # RU asked for renounced, rejected member: legal_ban goes further toward RU's own pole
    ([ev(1, "RU", "demand", NATO, "renounced"), ev(2, "RU", "reject", NATO, "member")],
     "legal_ban", "meets_demand", None),
    ([ev(1, "UA", "reject", NATO, "legal_ban")], "renounced", "no_position", None),
    ([], "renounced", "no_position", None),
    # a rejection on the same day outweighs a proposal of the same outcome
    ([ev(2, "UA", "propose", NATO, "renounced"), ev(1, "UA", "reject", NATO, "renounced")],
     "renounced", "red_line", None),
])
def test_verdict_for_ordinal_issue(dossier, claims, outcome, verdict, steps):
    v = verdict_for(claims[0].actor if claims else "UA", Term(NATO, outcome), None, claims,
                    issue=dossier.issue(NATO))
    assert (v.verdict, v.steps) == (verdict, steps)
    if verdict != "no_position":
        assert v.evidence and all(e.issue == NATO for e in v.evidence)


def test_only_latest_stance_counts(dossier):
    # newest first: UA proposed renounced on 08-05 after demanding membership on 08-01
    claims = [ev(2, "UA", "propose", NATO, "renounced", date="2025-08-05"),
              ev(1, "UA", "demand", NATO, "member", date="2025-08-01")]
    v = verdict_for("UA", Term(NATO, "renounced"), None, claims, issue=dossier.issue(NATO))
    assert v.verdict == "acceptable" and [e.claim_id for e in v.evidence] == [2]


def test_region_verdict_uses_claims_naming_it_and_general_claims(dossier):
    claims = [ev(2, "UA", "reject", "territory", "ru_control", date="2025-08-05", regions=("UA-14",)),
              ev(1, "UA", "propose", "territory", "freeze", date="2025-08-03")]
    issue = dossier.issue("territory")
    term = Term("territory", "ru_control", target="UA-14", regions=("UA-14",))
    assert verdict_for("UA", term, "UA-14", claims, issue=issue).verdict == "red_line"
    # no claim names Zaporizhzhia: the general freeze proposal applies to it
    term23 = Term("territory", "freeze", target="UA-23", regions=("UA-23",))
    assert verdict_for("UA", term23, "UA-23", claims, issue=issue).verdict == "acceptable"


def test_evaluate_record_summaries_and_unproposed(dossier):
    deal = parse_deal("title: t\nterms:\n  nato_membership: renounced\n  sanctions: lifted\n",
                      dossier=dossier)
    record = {("UA", NATO): [ev(1, "UA", "reject", NATO, "renounced")],
              ("RU", NATO): [ev(2, "RU", "demand", NATO, "legal_ban")],
              ("RU", "sanctions"): [ev(3, "RU", "demand", "sanctions", "lifted")]}
    result = evaluate_record(deal, record, dossier=dossier)
    s = {x.party: x for x in result.summaries}
    assert (s["RU"].meets_demand, s["RU"].moves_against) == (1, 1)
    assert s["UA"].red_line == 1 and s["UA"].red_lines == ("nato_membership: renounced",)
    assert result.unproposed == ("nato_membership: renounced",)
    assert "US" in result.silent


def test_evaluate_deal_on_store_uses_record_as_of_date(dossier, deal_store):
    deal = parse_deal("title: t\ndate: 2025-08-10\nterms:\n  foreign_troops: european_peacekeepers\n",
                      dossier=dossier)
    now = {(v.party, v.verdict) for v in evaluate_deal(deal_store, deal, dossier=dossier).verdicts}
    assert {("RU", "red_line"), ("EUROPE", "acceptable")} <= now
    before = evaluate_deal(deal_store, deal, as_of="2025-08-02", dossier=dossier)
    assert before.verdicts == ()  # nobody had spoken on foreign troops by then
    assert before.unproposed == ("foreign_troops: european_peacekeepers",)


@pytest.mark.parametrize("outcome, verdict, steps", [
    ("ru_control", "meets_demand", None),  # its latest word on ru_control is the 2022 demand
    ("freeze", "acceptable", None),  # its current proposal
    ("ua_control", "moves_against", 1),  # never named; one step from freeze, away from its side
])
def test_latest_word_on_the_outcome_decides(dossier, outcome, verdict, steps):
    claims = [ev(2, "RU", "propose", "territory", "freeze", date="2025-08-02", regions=("UA-23",)),
              ev(1, "RU", "demand", "territory", "ru_control", date="2022-09-30", regions=("UA-23",))]
    term = Term("territory", outcome, target="UA-23", regions=("UA-23",))
    v = verdict_for("RU", term, "UA-23", claims, issue=dossier.issue("territory"))
    assert (v.verdict, v.steps) == (verdict, steps)
