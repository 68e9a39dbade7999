"""Shifts: how a party's stance on an issue changed between two dates.

The stance before is the position as of the day before ``since``; the stance
after is the position as of ``until`` (default: today).

* **new**: the party's first claim on the issue falls in the period.
* **softened / hardened** (ordinal issues): for regional issues, first region by
  region over the regions named both before and after (net count of regions
  moved away from / towards the pole); otherwise, or on a tie, the mean rank of what the party
  demands or proposes moved away from / towards its own **pole**. A party's pole
  is the end of the scale its earliest position leans to (mean rank of its first
  demands/proposals; when that sits exactly mid-scale, the mean of its 32 most
  recent ones; failing that, the opposite of what it rejects). So for Russia on
  territory (pole ru_control) ru_control → freeze is softening, and for Ukraine
  (pole ua_control) ua_control → freeze is softening too.
* Same rank, or a non-ordinal issue: for an outcome held both times, demand →
  propose or reject → demand/propose is softening; the reverse is hardening.
* **dropped**: a demand still the latest stance but not repeated for
  ``dropped_after_months``; reported when that anniversary falls in the period.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import replace

from parley.analysis import _sql
from parley.analysis._sql import Light
from parley.analysis.positions import POSITIVE, position_from, read_claims, read_positions
from parley.analysis.records import Position, Shift
from parley.dossier import Dossier, load_dossier
from parley.dossier.schema import Issue
from parley.store.db import Store

EVIDENCE_PER_SIDE = 5
# how open an act is to the outcome it names: higher = softer
OPENNESS = {"reject": 0, "demand": 1, "propose": 2}


def add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def summary(pos: Position | None) -> str:
    if pos is None:
        return ""
    parts = []
    for s in pos.stances:
        txt = f"{s.act} {s.outcome or '(unspecified)'}"
        if s.regions:
            txt += f" [{', '.join(s.regions)}]"
        if s.conditional:
            txt += " (conditional)"
        if s.hedged:
            txt += " (hedged)"
        parts.append(txt)
    return "; ".join(parts)


def mean_rank(pos: Position | None, issue: Issue) -> float | None:
    if pos is None:
        return None
    ranks = [issue.rank(s.outcome) for s in pos.stances if s.act in POSITIVE]
    known = [r for r in ranks if r is not None]
    return sum(known) / len(known) if known else None


def pole(store: Store, actor: str, issue: Issue) -> int | None:
    """0 or the top rank: the end of the scale the party leans to (None: unknown)."""
    top = len(issue.outcomes) - 1
    if top < 1:
        return None
    mid = top / 2
    first = _sql.earliest(store, actor, issue.code)
    if first is not None:
        m = mean_rank(position_from(_sql.recent(store, actor, issue.code, until=first.date,
                                                limit=64), issue=issue), issue)
        if m is not None and m != mid:
            return 0 if m < mid else top
    claims = _sql.recent(store, actor, issue.code, until=None, limit=32)
    ranks = [issue.rank(c.outcome) for c in claims if c.act in POSITIVE]
    known = [r for r in ranks if r is not None]
    if known and sum(known) / len(known) != mid:
        return 0 if sum(known) / len(known) < mid else top
    rejected = [issue.rank(c.outcome) for c in claims if c.act == "reject"]
    rk = [r for r in rejected if r is not None]
    if rk and sum(rk) / len(rk) != mid:
        return top if sum(rk) / len(rk) < mid else 0
    return None


def compare(before: Position, after: Position, issue: Issue | None,
            store: Store) -> tuple[str, str] | None:
    """(kind, why) when ``after`` is softer or harder than ``before``."""
    if issue is not None and issue.ordinal:
        rb, ra = _region_ranks(before, issue), _region_ranks(after, issue)
        b, a = mean_rank(before, issue), mean_rank(after, issue)
        changed = any(rb[r] != ra[r] for r in rb.keys() & ra.keys()) or (
            b is not None and a is not None and a != b)
        p = pole(store, before.actor, issue) if changed else None  # the pole costs queries
        regional = _by_region(before, after, issue, p)
        if regional:
            return regional
        if b is not None and a is not None and p is not None and a != b:
            dist_b, dist_a = abs(b - p), abs(a - p)
            pole_name = issue.outcomes[p].code
            if dist_a > dist_b:
                return "softened", f"moved away from its pole ({pole_name}) on the scale"
            return "hardened", f"moved towards its pole ({pole_name}) on the scale"
    acts_b = {s.outcome: s.act for s in before.stances}
    acts_a = {s.outcome: s.act for s in after.stances}
    for outcome in [o for o in acts_b if o in acts_a]:  # stance order: the same every run
        ob, oa = OPENNESS.get(acts_b[outcome], 1), OPENNESS.get(acts_a[outcome], 1)
        if oa > ob:
            return "softened", f"{acts_b[outcome]} → {acts_a[outcome]} on {outcome or 'the issue'}"
        if oa < ob:
            return "hardened", f"{acts_b[outcome]} → {acts_a[outcome]} on {outcome or 'the issue'}"
    return None


def _region_ranks(pos: Position, issue: Issue) -> dict[str, float]:
    ranks: dict[str, list[int]] = {}
    for r in pos.regions:
        rank = issue.rank(r.outcome)
        if r.act in POSITIVE and rank is not None:
            ranks.setdefault(r.region, []).append(rank)
    return {k: sum(v) / len(v) for k, v in ranks.items()}


def _by_region(before: Position, after: Position, issue: Issue, p: int | None) -> tuple[str, str] | None:
    """Regional issues: compare the regions named both times (net direction, region by region)."""
    if p is None:
        return None
    rb, ra = _region_ranks(before, issue), _region_ranks(after, issue)
    softer = sorted(r for r in rb.keys() & ra.keys() if abs(ra[r] - p) > abs(rb[r] - p))
    harder = sorted(r for r in rb.keys() & ra.keys() if abs(ra[r] - p) < abs(rb[r] - p))
    if len(softer) == len(harder):
        return None
    pole_name = issue.outcomes[p].code
    if len(softer) > len(harder):
        why = f"moved away from its pole ({pole_name}) in {', '.join(softer)}"
        return "softened", why + (f"; towards it in {', '.join(harder)}" if harder else "")
    why = f"moved towards its pole ({pole_name}) in {', '.join(harder)}"
    return "hardened", why + (f"; away from it in {', '.join(softer)}" if softer else "")


def _evidence(store: Store, claims: list[Light], pos: Position | None) -> tuple[int, ...]:
    """Ids of the claims of the position's latest date (quoted as evidence)."""
    if pos is None:
        return ()
    ids = set(pos.claim_ids)
    return tuple([c.claim_id for c in claims if c.date == pos.date and c.claim_id in ids][:EVIDENCE_PER_SIDE])


def shifts(
    store: Store,
    *,
    since: dt.date | str,
    until: dt.date | str | None = None,
    dropped_after_months: int = 6,
    dossier: Dossier | None = None,
    actor: str | None = None,
    issue: str | None = None,
) -> list[Shift]:
    """Softened, hardened, new and dropped stances between ``since`` and ``until``."""
    dossier = dossier or load_dossier()
    end = dt.date.fromisoformat(_sql.iso(until)) if until else dt.date.today()
    keys = list(_sql.pairs(store, actor=actor, issue=issue))
    afters = read_positions(store, keys, until=end.isoformat(), dossier=dossier)
    return shifts_from(store, afters, since=since, until=end, dossier=dossier,
                       dropped_after_months=dropped_after_months)


def shifts_from(
    store: Store,
    afters: dict[tuple[str, str], tuple[Position, list[Light]]],
    *,
    since: dt.date | str,
    until: dt.date | str,
    dossier: Dossier,
    dropped_after_months: int = 6,
) -> list[Shift]:
    """``shifts`` over positions already read as of ``until`` (``read_positions``).

    The brief reads the positions at the end of its period once and passes them
    here and to ``conflicts_from``.
    """
    start = dt.date.fromisoformat(_sql.iso(since) or "")
    end = dt.date.fromisoformat(_sql.iso(until) or "")
    day_before = (start - dt.timedelta(days=1)).isoformat()
    issues = {i.code: i for i in dossier.issues}
    # only pairs with claims in the period can have changed; the rest may have dropped
    moved = [k for k, (p, _) in afters.items() if p.date and p.date >= start.isoformat()]
    befores = _sql.heads(store, moved, until=day_before)
    out: list[Shift] = []
    for (a, i), (after, after_claims) in afters.items():
        meta = issues.get(i)
        if (a, i) in befores:
            before_claims = read_claims(store, a, i, until=day_before, meta=meta, rows=befores[(a, i)])
            before = position_from(before_claims, issue=meta)
            after_ev = _evidence(store, after_claims, after)
            if before is None:
                first = _sql.earliest(store, a, i)
                out.append(Shift(a, i, "new", first.date if first else after.date, "", summary(after),
                                 "first stance on this issue", (), after_ev))
            else:
                found = compare(before, after, meta, store)
                if found:
                    out.append(Shift(a, i, found[0], after.date, summary(before), summary(after),
                                     found[1], _evidence(store, before_claims, before), after_ev))
        for s in after.stances:
            if s.act != "demand" or not s.date:
                continue
            lapse = add_months(dt.date.fromisoformat(s.date), dropped_after_months)
            if start <= lapse <= end:
                ids = [c.claim_id for c in after_claims
                       if c.date == s.date and (c.act, c.outcome) == (s.act, s.outcome)]
                ev = tuple(ids[:EVIDENCE_PER_SIDE])
                out.append(Shift(a, i, "dropped", lapse.isoformat(), f"demand {s.outcome or ''}".strip(),
                                 "", f"not repeated for {dropped_after_months} months", ev, ()))
    # quotes for every shift in one read
    cited = {e.claim_id: e for e in _sql.by_ids(
        store, dict.fromkeys(i for sh in out for i in sh.before_evidence + sh.after_evidence))}
    out = [replace(sh, before_evidence=tuple(cited[i] for i in sh.before_evidence),  # type: ignore[misc]
                   after_evidence=tuple(cited[i] for i in sh.after_evidence)) for sh in out]
    order = {"new": 0, "softened": 1, "hardened": 2, "dropped": 3}
    return sorted(out, key=lambda s: (s.date or "", order[s.kind], s.actor, s.issue))
