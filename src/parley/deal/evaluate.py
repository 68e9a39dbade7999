"""Evaluate a deal against every party's record, term by term.

For each party and term, from the party's claims up to the date (per region for
territory and recognition: claims naming the region and claims naming none):
its latest word on the deal's outcome itself decides, else its current stance
(``parley.analysis.positions.position_from``):

* ``red_line``      its latest claim on this outcome rejects it (a rejection wins
                    a same-day tie);
* ``meets_demand``  ... demands it (or the deal goes beyond its current demand
                    toward its own pole);
* ``acceptable``    ... proposes or accepts it;
* ``moves_against`` it never spoke of this outcome and its current stance asks
                    for another; ``steps`` = distance on the ordinal scale;
* ``no_position``   nothing stated on this outcome, or only rejections of others.

The record is a mapping ``(actor, issue) -> [Evidence, newest first]`` so the
logic runs on hand-built inputs as well as on a store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

from parley.analysis import _sql
from parley.analysis.positions import position_from
from parley.analysis.records import Evidence, Stance
from parley.deal.caps import CapComparison, compare_caps
from parley.deal.model import Deal, Term
from parley.deal.territory import ControlEntry, TerritoryChanges, territory_changes
from parley.dossier import Dossier, load_dossier
from parley.dossier.schema import Issue
from parley.store.db import Store

Record = Mapping[tuple[str, str], list[Evidence]]
VERDICTS = ("meets_demand", "acceptable", "moves_against", "red_line", "no_position")
LABELS = {"meets_demand": "meets a demand", "acceptable": "acceptable",
          "moves_against": "moves against its position", "red_line": "crosses a red line",
          "no_position": "no stated position"}


@dataclass(frozen=True)
class Verdict:
    party: str
    term: str  # the term's label
    issue: str
    outcome: str
    region: str | None
    verdict: str
    steps: int | None  # moves_against on an ordinal scale
    detail: str
    stances: tuple[str, ...]  # the stances the verdict rests on, "demand freeze"
    evidence: tuple[Evidence, ...]
    caps: tuple[CapComparison, ...] = ()  # army_limits: the party's stated caps vs the deal's

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "evidence": [e.to_dict() for e in self.evidence],
                "caps": [c.to_dict() for c in self.caps]}


@dataclass(frozen=True)
class PartySummary:
    party: str
    name: str
    meets_demand: int
    acceptable: int
    moves_against: int
    red_line: int
    no_position: int
    red_lines: tuple[str, ...]  # the terms crossing them

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class DealEvaluation:
    deal: Deal
    as_of: str | None
    verdicts: tuple[Verdict, ...]
    summaries: tuple[PartySummary, ...]
    unproposed: tuple[str, ...]  # terms (per region) no party ever demanded or proposed
    silent: tuple[str, ...]  # parties with no claim on any issue of the deal
    territory: TerritoryChanges | None
    caps: tuple[CapComparison, ...] = ()  # every party's stated army cap vs the deal's

    def to_dict(self) -> dict[str, Any]:
        return {"deal": self.deal.to_dict(), "as_of": self.as_of,
                "summaries": [s.to_dict() for s in self.summaries],
                "unproposed": list(self.unproposed), "silent": list(self.silent),
                "verdicts": [v.to_dict() for v in self.verdicts],
                "territory": self.territory.to_dict() if self.territory else None,
                "caps": [c.to_dict() for c in self.caps]}


def record_from_store(store: Store, *, as_of: dt.date | str | None, issues: set[str]) -> Record:
    """Each party's live claims on the given issues up to ``as_of``, newest first."""
    until = _sql.iso(as_of)
    out: dict[tuple[str, str], list[Evidence]] = {}
    for issue in sorted(issues):
        for actor, i in _sql.pairs(store, issue=issue):
            claims = _sql.recent_evidence(store, actor, i, until=until)
            if claims:
                out[(actor, i)] = claims
    return out


def _claims_for(claims: list[Evidence], region: str | None) -> list[Evidence]:
    """Claims naming the region, and claims naming no region (they speak of all)."""
    if region is None:
        return claims
    return [c for c in claims if region in c.regions or not c.regions]


def _pole(issue: Issue, stances: list[Any]) -> int:
    """-1 if the party leans to the first outcome, +1 to the last, 0 unknown."""
    n = len(issue.outcomes)
    mid = (n - 1) / 2
    ranks = [issue.rank(s.outcome) for s in stances if s.act in ("demand", "propose")]
    ranks = [r for r in ranks if r is not None]
    if ranks and (avg := sum(ranks) / len(ranks)) != mid:
        return -1 if avg < mid else 1
    rej = [issue.rank(s.outcome) for s in stances if s.act == "reject"]
    rej = [r for r in rej if r is not None]
    if rej and (avg := sum(rej) / len(rej)) != mid:
        return 1 if avg < mid else -1
    return 0


def verdict_for(party: str, term: Term, region: str | None, claims: list[Evidence], *,
                issue: Issue) -> Verdict:
    """The verdict of one party on one term (one region of it) from its claims."""
    mine = _claims_for(claims, region)
    pos = position_from(mine, issue=issue) if mine else None
    stances = [s for s in (pos.stances if pos else ()) if s.outcome is not None]
    o = term.outcome
    ids: set[int] = set()

    def use(chosen: list[Stance]) -> tuple[str, ...]:
        for s in chosen:
            ids.update(s.claim_ids)
        return tuple(f"{s.act} {s.outcome}" + (" (hedged)" if s.hedged else "") for s in chosen)

    on_o = [c for c in mine if c.outcome == o]  # newest first
    positive = [s for s in stances if s.act in ("demand", "propose") and s.outcome != o]
    steps: int | None = None
    used: tuple[str, ...] = ()
    if on_o:
        # its latest word on this very outcome decides; a rejection wins a same-day tie
        top = {c.act for c in on_o if c.date == on_o[0].date}
        act = next(a for a in ("reject", "demand", "propose") if a in top)
        run = []
        for c in on_o:
            if c.act != act and c.date != on_o[0].date:
                break
            if c.act == act:
                run.append(c)
        ids.update(c.claim_id for c in run)
        hedged = " (hedged)" if all(c.hedged for c in run) else ""
        used = (f"{act} {o}{hedged}",)
        since = run[-1].date
        kind = {"reject": "red_line", "demand": "meets_demand", "propose": "acceptable"}[act]
        verb = {"reject": "rejected", "demand": "demanded", "propose": "proposed or accepted"}[act]
        detail = f"it {verb} {o} (since {since}, last {run[0].date})"
        if len(top) > 1:
            detail += "; it also stated " + ", ".join(sorted(top - {act})) + f" {o} that day"
    elif positive:
        target = issue.rank(o)
        ranked = [(issue.rank(s.outcome), s) for s in positive]
        ranked = [(r, s) for r, s in ranked if r is not None]
        if issue.ordinal and target is not None and ranked:
            r, best = min(ranked, key=lambda rs: abs(rs[0] - target))
            diff = target - r
            used = use([best])
            pole = _pole(issue, stances) or _pole(issue, mine)  # else its whole record
            if pole != 0 and (diff > 0) == (pole > 0):
                kind, detail = "meets_demand", (f"it asked for {best.outcome}; the deal goes "
                                                f"{abs(diff)} step(s) beyond, toward its side")
            else:
                kind, steps = "moves_against", abs(diff)
                detail = f"it asked for {best.outcome}; {o} is {abs(diff)} step(s) away"
        else:
            used = use(positive)
            kind, detail = "moves_against", f"it asked for {', '.join(s.outcome or '' for s in positive)}"
    else:
        others = [s for s in stances if s.act == "reject"]
        used = use(others)
        kind = "no_position"
        detail = ("it rejected only " + ", ".join(s.outcome or "" for s in others)) if others else \
            ("no claim on record" if not claims else "no stance on this outcome")
    evidence = tuple(c for c in mine if c.claim_id in ids)
    return Verdict(party=party, term=term.label, issue=term.issue, outcome=o, region=region,
                   verdict=kind, steps=steps, detail=detail, stances=used, evidence=evidence)


def evaluate_record(deal: Deal, record: Record, *, dossier: Dossier, as_of: str | None = None,
                    territory: TerritoryChanges | None = None) -> DealEvaluation:
    """Verdicts for every party with a record on the deal's issues (pure: no store)."""
    issues = {t.issue for t in deal.terms}
    speaking = {a for (a, i) in record if i in issues}
    parties = [p for p in dossier.parties if p.code in speaking]
    parties += [type(dossier.parties[0])(code=a, name=a) for a in sorted(speaking)
                if a not in {p.code for p in dossier.parties}]
    verdicts: list[Verdict] = []
    unproposed: list[str] = []
    for term in deal.terms:
        issue = dossier.issue(term.issue)
        for region in term.regions or (None,):
            for p in parties:
                v = verdict_for(p.code, term, region, record.get((p.code, term.issue), []), issue=issue)
                if term.issue == "army_limits":
                    v = with_caps(v, term, record.get((p.code, term.issue), []))
                verdicts.append(v)
            ever = any(c.act in ("demand", "propose") and c.outcome == term.outcome
                       and (region is None or region in c.regions or not c.regions)
                       for (a, i), cs in record.items() if i == term.issue for c in cs)
            if not ever:
                unproposed.append(f"{term.issue}: {term.outcome}" + (f" [{region}]" if region else ""))
    summaries = []
    for p in parties:
        mine = [v for v in verdicts if v.party == p.code]
        counts = {k: sum(v.verdict == k for v in mine) for k in VERDICTS}
        summaries.append(PartySummary(
            party=p.code, name=p.name, **counts,
            red_lines=tuple(v.term + (f" ({v.region})" if v.region and v.region not in v.term else "")
                            for v in mine if v.verdict == "red_line")))
    silent = tuple(p.code for p in dossier.parties if p.code not in speaking)
    return DealEvaluation(deal=deal, as_of=as_of, verdicts=tuple(verdicts), summaries=tuple(summaries),
                          unproposed=tuple(unproposed), silent=silent, territory=territory,
                          caps=tuple(c for v in verdicts for c in v.caps))


def with_caps(v: Verdict, term: Term, claims: list[Evidence]) -> Verdict:
    """The verdict with the party's stated army caps set against the deal's (if any)."""
    cap = term.params.get("cap")
    caps = compare_caps(v.party, claims, deal_cap=cap if isinstance(cap, int) else None,
                        deal_outcome=term.outcome)
    if not caps:
        return v
    have = {e.claim_id for e in v.evidence}
    extra = tuple(c.evidence for c in caps if c.evidence.claim_id not in have)
    return replace(v, caps=tuple(caps), detail="; ".join([v.detail, *(c.text for c in caps)]),
                   evidence=v.evidence + extra)


def evaluate_deal(
    store: Store,
    deal: Deal,
    *,
    as_of: dt.date | str | None = None,
    dossier: Dossier | None = None,
    control: list[ControlEntry] | None = None,
) -> DealEvaluation:
    """The deal against every party's record as of ``as_of`` (default: the deal's date)."""
    dossier = dossier or load_dossier(None)
    when = _sql.iso(as_of) or deal.date
    record = record_from_store(store, as_of=when, issues={t.issue for t in deal.terms})
    terr = None
    if any(t.issue == "territory" for t in deal.terms):
        terr = territory_changes(store, deal, as_of=when, control=control, dossier=dossier)
    return evaluate_record(deal, record, dossier=dossier, as_of=when, territory=terr)


def compare_deals(store: Store, deals: list[Deal], *, as_of: dt.date | str | None = None,
                  dossier: Dossier | None = None,
                  control: list[ControlEntry] | None = None) -> list[DealEvaluation]:
    """Several deals evaluated on the same record and date, for a side-by-side view."""
    return [evaluate_deal(store, d, as_of=as_of, dossier=dossier, control=control) for d in deals]


def evaluate_deal_files(
    store: Store,
    paths: list[str],
    *,
    as_of: dt.date | str | None = None,
    dossier: Dossier | None = None,
    control_file: str | None = None,
) -> list[DealEvaluation]:
    """Load deal files (and the analyst's control figures) and evaluate each."""
    from parley.deal.model import load_deal
    from parley.deal.territory import load_control_file

    dossier = dossier or load_dossier(None)
    control = load_control_file(control_file, dossier=dossier) if control_file else None
    deals = [load_deal(p, dossier=dossier) for p in paths]
    return compare_deals(store, deals, as_of=as_of, dossier=dossier, control=control)
