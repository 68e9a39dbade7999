"""Conflicts between parties, the zone of possible agreement, and contradictions.

**Conflict** (per issue, and per region for regional issues): party A demands
or proposes an outcome party B rejects, or both *demand* different outcomes of
an ordinal issue (one scale point excludes the other).

**Zone of possible agreement**: the outcomes every party that spoke (with a
named outcome) has demanded or proposed and not rejected. A party that has only
rejected counts as accepting every outcome it did not reject. For regional
issues a party's stance on a region is its latest stance naming that region,
else its current region-less stance (e.g. "no territorial concessions").

**Contradiction**: two live claims by the same party on the same issue and
outcome, one demanding/proposing and one rejecting, within ``window_days``:
``denial`` when the rejecting claim is a denial ("the Kremlin denied ..."),
``outlets`` when they come from different outlets, else ``self``. Claims of one
report never contradict each other (a text weighing both sides is nuance, not a
contradiction), and each pair of reports shows once per outcome.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable

from parley.analysis import _sql
from parley.analysis.positions import POSITIVE, positions
from parley.analysis.records import Contradiction, IssueConflicts, PairConflict, Position, Zone
from parley.dossier import Dossier, load_dossier
from parley.dossier.schema import Issue
from parley.store.db import Store

# (act, outcome, claim ids)
Held = list[tuple[str, str | None, tuple[int, ...]]]
DENIAL = re.compile(r"\b(den(y|ies|ied|ying|ial)|dismissed|refuted|not true|false)\b", re.I)


def _held(pos: Position, region: str | None) -> Held:
    if region is not None:
        rows = [(r.act, r.outcome, r.claim_ids) for r in pos.regions if r.region == region]
        if rows:
            return rows
        return [(s.act, s.outcome, s.claim_ids) for s in pos.stances if not s.regions]
    return [(s.act, s.outcome, s.claim_ids) for s in pos.stances]


def _pair(a: str, ha: Held, b: str, hb: Held, issue: Issue | None,
          region: str | None) -> PairConflict | None:
    reasons: list[str] = []
    ids_a: set[int] = set()
    ids_b: set[int] = set()
    for (x, hx, y, hy, ix, iy) in ((a, ha, b, hb, ids_a, ids_b), (b, hb, a, ha, ids_b, ids_a)):
        for act, outcome, cx in hx:
            if act not in POSITIVE or outcome is None:
                continue
            for act2, outcome2, cy in hy:
                if act2 == "reject" and outcome2 == outcome:
                    reasons.append(f"{x} {act}s {outcome}; {y} rejects it")
                    ix.update(cx)
                    iy.update(cy)
    if issue is not None and issue.ordinal:
        for (act, outcome, cx), (act2, outcome2, cy) in itertools.product(ha, hb):
            if act == act2 == "demand" and outcome and outcome2 and outcome != outcome2:
                reasons.append(f"{a} demands {outcome}; {b} demands {outcome2}")
                ids_a.update(cx)
                ids_b.update(cy)
    if not reasons:
        return None
    return PairConflict(a, b, (region,) if region else (), "; ".join(dict.fromkeys(reasons)),
                        tuple(sorted(ids_a)), tuple(sorted(ids_b)))


def _accepted(held: Held, issue: Issue | None) -> set[str] | None:
    named = [(act, o) for act, o, _ in held if o is not None]
    if not named:
        return None  # spoke, but no outcome named: cannot place it
    rejected = {o for act, o in named if act == "reject"}
    positive = {o for act, o in named if act in POSITIVE}
    if positive:
        return positive - rejected
    every = set(issue.outcome_codes()) if issue is not None else set()
    return every - rejected


def _zone(held: dict[str, Held], issue: Issue | None, region: str | None) -> Zone:
    sets = {p: s for p, h in held.items() if (s := _accepted(h, issue)) is not None}
    common = set.intersection(*sets.values()) if sets else set()
    order = issue.outcome_codes() if issue is not None else []
    outcomes = sorted(common, key=lambda o: (order.index(o) if o in order else 99, o))
    return Zone(region, tuple(sorted(sets)), tuple(outcomes))


def conflicts(
    store: Store,
    *,
    as_of: dt.date | str | None = None,
    dossier: Dossier | None = None,
    issue: str | None = None,
    stale_after_days: int | None = 365,
) -> list[IssueConflicts]:
    """Per issue: incompatible pairs of parties and the zone of possible agreement.

    A party whose latest stance on an issue is more than ``stale_after_days`` older
    than the newest stance on that issue is left out (listed in ``stale``): a 2022
    statement does not clash with a 2025 one. None keeps every party.
    """
    dossier = dossier or load_dossier()
    return conflicts_from(positions(store, as_of=as_of, issue=issue, dossier=dossier), dossier=dossier,
                          stale_after_days=stale_after_days)


def conflicts_from(poss: Iterable[Position], *, dossier: Dossier,
                   stale_after_days: int | None = 365) -> list[IssueConflicts]:
    """``conflicts`` over positions already computed (in ``positions`` order)."""
    meta = {i.code: i for i in dossier.issues}
    by_issue: dict[str, list[Position]] = {}
    for pos in poss:
        by_issue.setdefault(pos.issue, []).append(pos)
    out: list[IssueConflicts] = []
    for code, every in by_issue.items():
        poss, stale = _fresh(every, stale_after_days)
        im = meta.get(code)
        regions = sorted({r.region for p in poss for r in p.regions})
        scopes: list[str | None] = list(regions) if regions else [None]
        found: dict[tuple[str, str, str], PairConflict] = {}
        zones: list[Zone] = []
        for region in scopes:
            held = {p.actor: _held(p, region) for p in poss}
            held = {k: v for k, v in held.items() if v}
            for a, b in itertools.combinations(sorted(held), 2):
                c = _pair(a, held[a], b, held[b], im, region)
                if c:  # one row per pair and reason, listing its regions
                    old = found.get((a, b, c.reason))
                    if old is not None:
                        c = PairConflict(a, b, old.regions + c.regions, c.reason,
                                         tuple(sorted(set(old.a_claims + c.a_claims))),
                                         tuple(sorted(set(old.b_claims + c.b_claims))))
                    found[(a, b, c.reason)] = c
            zone = _zone(held, im, region)
            if len(zone.parties) >= 2:  # a zone needs two parties that named outcomes
                zones.append(zone)
        overlap = any(z.outcomes for z in zones)
        pairs = sorted(found.values(), key=lambda c: (c.a, c.b, c.regions))
        out.append(IssueConflicts(
            issue=code, parties=tuple(p.actor for p in poss), stale=stale, conflicts=tuple(pairs),
            zones=tuple(zones), overlap=overlap, summary=_summary(pairs, zones, poss),
        ))
    return out


def _fresh(poss: list[Position], stale_after_days: int | None) -> tuple[list[Position], tuple[str, ...]]:
    if stale_after_days is None:
        return poss, ()
    newest = max(dt.date.fromisoformat(p.date) for p in poss if p.date)
    keep = [p for p in poss if p.date and (newest - dt.date.fromisoformat(p.date)).days <= stale_after_days]
    return keep, tuple(p.actor for p in poss if p not in keep)


def _summary(found: list[PairConflict], zones: list[Zone], poss: list[Position]) -> str:
    if len(poss) < 2:
        return f"only {poss[0].actor} has spoken" if poss else "no stances"
    parts = []
    none = [z for z in zones if not z.outcomes and len(z.parties) >= 2]
    for z in zones:
        if z.outcomes:
            where = f" in {z.region}" if z.region else ""
            parts.append(f"overlap{where}: {', '.join(z.outcomes)} ({', '.join(z.parties)})")
    if none:
        where = f" in {', '.join(z.region for z in none if z.region)}" if none[0].region else ""
        parts.append(f"no overlap{where}: nothing accepted by all who spoke")
    head = f"{len(found)} conflict(s)" if found else "no conflicts"
    return head + ("; " + "; ".join(parts) if parts else "")


def contradictions(
    store: Store,
    *,
    window_days: int = 30,
    as_of: dt.date | str | None = None,
    since: dt.date | str | None = None,
    actor: str | None = None,
    limit: int = 1000,
) -> list[Contradiction]:
    """Pairs of live claims by one party that cannot both hold, within a window."""
    where = ["a.outcome IS NOT NULL", "a.status != 'rejected'", "ra.is_latest = 1"]
    args: list[object] = [f"+{int(window_days)} days"]
    if as_of:
        where.append("b.stance_date <= ?")
        args.append(_sql.iso(as_of))
    if since:
        where.append("a.stance_date >= ?")
        args.append(_sql.iso(since))
    if actor:
        where.append("a.actor = ?")
        args.append(actor)
    sql = f"""
    SELECT a.id, b.id FROM claims a
    JOIN reports ra ON ra.id = a.report_id
    JOIN claims b ON b.actor = a.actor AND b.issue = a.issue
         AND b.stance_date >= a.stance_date AND b.stance_date <= date(a.stance_date, ?)
    JOIN reports rb ON rb.id = b.report_id
    WHERE {' AND '.join(where)} AND b.outcome = a.outcome AND b.id != a.id
      AND b.status != 'rejected' AND rb.is_latest = 1 AND b.report_id != a.report_id
      AND (b.stance_date > a.stance_date OR b.id > a.id)
      AND ((a.act IN ('demand', 'propose') AND b.act = 'reject')
           OR (a.act = 'reject' AND b.act IN ('demand', 'propose')))
    ORDER BY a.stance_date, a.id, b.id LIMIT {int(limit)}
    """
    rows = store.conn.execute(sql, args).fetchall()
    ev = {e.claim_id: e for e in _sql.by_ids(store, {i for r in rows for i in r})}
    out: list[Contradiction] = []
    seen: set[tuple[int, int, str, str | None]] = set()
    for ida, idb in rows:
        first, second = ev[ida], ev[idb]
        if first.regions and second.regions and not set(first.regions) & set(second.regions):
            continue  # different regions: both can hold
        key = (first.report_id, second.report_id, first.issue, first.outcome)
        if key in seen:  # one row per pair of reports and outcome
            continue
        seen.add(key)
        rej = first if first.act == "reject" else second
        days = (dt.date.fromisoformat(second.date or "") - dt.date.fromisoformat(first.date or "")).days
        if DENIAL.search(rej.quote):
            kind = "denial"
        elif (first.outlet or first.story_id) != (second.outlet or second.story_id):
            kind = "outlets"
        else:
            kind = "self"
        detail = (f"{first.actor} {first.act}s {first.outcome} ({first.outlet or first.source or '?'}, "
                  f"{first.date}) vs {second.act}s ({second.outlet or second.source or '?'}, {second.date})")
        out.append(Contradiction(kind, first.actor, first.issue, first.outcome, days, first, second, detail))
    return out
