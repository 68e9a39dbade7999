"""Current positions and timelines.

**Current stance.** A claim counts at its stance date (``store.dates``): a
``when`` in the past counts then, ``past`` the day before the report. The
current stance of a party on an issue is every distinct (act, outcome) among
its claims of the latest stance date on or before ``as_of`` (ties are all
kept, each with its own support: two outlets reporting opposite stances on one
day show as two stances, and ``parley contradictions`` lists them).

**Support.** A stance is supported by the claims carrying the same (act,
outcome) back to the last claim that breaks it: the same outcome with another
act, or (ordinal issues) a demand/proposal of another outcome for an
overlapping set of regions. ``since`` is the earliest supporting date.
``reports`` counts reports, ``independent`` stories (syndicated copies once),
``outlets`` outlet names. ``hedged``/``conditional`` hold when every supporting
claim is.

**Depth.** Claims are read newest first, a few per pair, and deeper only while
a current stance's run has not ended (at most ``_sql.MAX_DEPTH`` claims), so a
query costs index seeks, not a scan of the store.

**Regions.** For regional issues (territory, recognition) each region named in
the party's recent claims gets the latest stance covering it (see
``region_stances``: a region-less "freeze the current line" covers every region).
"""

from __future__ import annotations

import datetime as dt

from parley.analysis import _sql
from parley.analysis._sql import Light
from parley.analysis.records import Position, RegionStance, Stance, TimelineEntry
from parley.dossier import Dossier
from parley.dossier.schema import Issue
from parley.extract.records import SOURCE_STRENGTH
from parley.store.db import Store

ACT_ORDER = {"demand": 0, "propose": 1, "reject": 2}
POSITIVE = ("demand", "propose")


def _issue(dossier: Dossier | None, code: str) -> Issue | None:
    if dossier is None:
        return None
    return next((i for i in dossier.issues if i.code == code), None)


def _overlap(a: tuple[str, ...] | set[str], b: tuple[str, ...] | set[str]) -> bool:
    return not a or not b or bool(set(a) & set(b))


def breaks(key: tuple[str, str | None], regions: set[str], c: Light, issue: Issue | None) -> bool:
    """Does claim ``c`` end the run of stance ``key`` (read backwards in time)?"""
    act, outcome = key
    if (c.act, c.outcome) == key:
        return False
    if c.outcome == outcome:  # another act on the same outcome (or on the issue unspecified)
        return _overlap(regions, c.regions)
    ordinal = issue.ordinal if issue is not None else False
    if ordinal and act in POSITIVE and c.act in POSITIVE and c.outcome is not None:
        return _overlap(regions, c.regions)
    return False


def strongest(claims: list[Light]) -> Light:
    return max(claims, key=lambda c: (SOURCE_STRENGTH.get(c.source_kind, 0), c.date or "", -c.claim_id))


def counts(claims: list[Light]) -> tuple[int, int, int]:
    """(reports, independent stories, outlets) behind some claims."""
    reports = {c.report_id for c in claims}
    stories = {c.story_id if c.story_id is not None else -c.report_id for c in claims}
    outlets = {c.outlet or f"#{c.story_id or -c.report_id}" for c in claims}
    return len(reports), len(stories), len(outlets)


def _sort_key(issue: Issue | None):
    def key(k: tuple[str, str | None]) -> tuple[int, int, str]:
        rank = issue.rank(k[1]) if issue is not None else None
        return ACT_ORDER.get(k[0], 9), rank if rank is not None else 99, k[1] or ""
    return key


def runs_open(claims: list[Light], *, issue: Issue | None = None) -> bool:
    """Could older claims still add support to a current stance (no break seen yet)?"""
    if not claims:
        return False
    latest = claims[0].date
    top = [c for c in claims if c.date == latest]
    for key in {(c.act, c.outcome) for c in top}:
        regions = {r for c in top if (c.act, c.outcome) == key for r in c.regions}
        if not any(c.date != latest and breaks(key, regions, c, issue) for c in claims):
            return True
    return False


def read_claims(store: Store, actor: str, issue: str, *, until: str | None, meta: Issue | None,
                rows: list[Light] | None = None) -> list[Light]:
    """The newest claims of a pair, read deep enough to see where current stances began."""
    limit = _sql.HEAD
    if rows is None:
        rows = _sql.recent(store, actor, issue, until=until, limit=limit)
    while len(rows) >= limit and limit < _sql.MAX_DEPTH and runs_open(rows, issue=meta):
        limit *= 4
        rows = _sql.recent(store, actor, issue, until=until, limit=limit)
    return rows


def read_positions(store: Store, keys: list[tuple[str, str]], *, until: str | None,
                   dossier: Dossier | None) -> dict[tuple[str, str], tuple[Position, list[Light]]]:
    """Positions of many pairs with the claims read for each."""
    out: dict[tuple[str, str], tuple[Position, list[Light]]] = {}
    for key, rows in _sql.heads(store, keys, until=until).items():
        meta = _issue(dossier, key[1])
        rows = read_claims(store, key[0], key[1], until=until, meta=meta, rows=rows)
        pos = position_from(rows, issue=meta)
        if pos is not None:
            out[key] = (pos, rows)
    return out


def position_from(claims: list[Light], *, issue: Issue | None = None) -> Position | None:
    """The position shown by a party's claims on one issue, newest first."""
    if not claims:
        return None
    latest = claims[0].date
    top = [c for c in claims if c.date == latest]
    keys = sorted({(c.act, c.outcome) for c in top}, key=_sort_key(issue))
    stances: list[Stance] = []
    every: list[Light] = []
    for key in keys:
        regions = {r for c in top if (c.act, c.outcome) == key for r in c.regions}
        support: list[Light] = []
        for c in claims:
            if c.date != latest and breaks(key, regions, c, issue):
                break
            if (c.act, c.outcome) == key:
                support.append(c)
        best = strongest(support)
        reports, independent, outlets = counts(support)
        stances.append(Stance(
            act=key[0], outcome=key[1], since=min(c.date or "" for c in support) or None,
            date=latest, reports=reports, independent=independent, outlets=outlets,
            strongest_source=best.source_kind, source=best.source,
            hedged=all(c.hedged for c in support), conditional=all(c.conditional for c in support),
            regions=tuple(sorted(regions)), claim_ids=tuple(sorted(c.claim_id for c in support)),
        ))
        every += support
    regional = (issue.regional if issue is not None else False) or any(c.regions for c in claims)
    region_rows: list[RegionStance] = []
    if regional:
        region_rows = region_stances(claims, issue=issue)
    uniq = list({c.claim_id: c for c in every}.values())
    reports, independent, outlets = counts(uniq)
    return Position(
        actor=claims[0].actor, issue=claims[0].issue, date=latest,
        since=min((s.since for s in stances if s.since), default=None), stances=tuple(stances),
        regions=tuple(region_rows), reports=reports, independent=independent, outlets=outlets,
        strongest_source=strongest(uniq).source_kind, hedged=all(c.hedged for c in uniq),
        conditional=all(c.conditional for c in uniq),
        claim_ids=tuple(sorted(c.claim_id for c in uniq)),
    )


def region_stances(claims: list[Light], *, issue: Issue | None = None) -> list[RegionStance]:
    """Per region, every (act, outcome) of the latest claims that cover it.

    A claim covers the regions it names; a claim naming none but an outcome ("freeze
    the current line") covers every region, so it supersedes older regional claims.
    On one date, claims naming the region win over region-less ones.
    """
    named = sorted({r for c in claims for r in c.regions})
    rows: list[RegionStance] = []
    for region in named:
        cover = [c for c in claims if region in c.regions or (not c.regions and c.outcome)]
        if not cover:
            continue
        day = cover[0].date  # newest first
        on_date = [c for c in cover if c.date == day]
        explicit = [c for c in on_date if region in c.regions]
        on_date = explicit or on_date
        for key in sorted({(c.act, c.outcome) for c in on_date}, key=_sort_key(issue)):
            ids = tuple(sorted(c.claim_id for c in on_date if (c.act, c.outcome) == key))
            rows.append(RegionStance(region=region, act=key[0], outcome=key[1], date=day, claim_ids=ids))
    return rows


def positions(
    store: Store,
    *,
    as_of: dt.date | str | None = None,
    actor: str | None = None,
    issue: str | None = None,
    dossier: Dossier | None = None,
) -> list[Position]:
    """Every party's current stance on every issue it spoke on, as of a date."""
    keys = list(_sql.pairs(store, actor=actor, issue=issue))
    return ordered([pos for pos, _ in read_positions(store, keys, until=_sql.iso(as_of),
                                                     dossier=dossier).values()], dossier)


def ordered(poss: list[Position], dossier: Dossier | None) -> list[Position]:
    """Positions in dossier order: parties, then issues."""
    return sorted(poss, key=lambda p: (_party_order(dossier, p.actor), _issue_order(dossier, p.issue)))


def _party_order(dossier: Dossier | None, code: str) -> tuple[int, str]:
    codes = [p.code for p in dossier.parties] if dossier else []
    return (codes.index(code) if code in codes else len(codes), code)


def _issue_order(dossier: Dossier | None, code: str) -> tuple[int, str]:
    codes = [i.code for i in dossier.issues] if dossier else []
    return (codes.index(code) if code in codes else len(codes), code)


def timeline(
    store: Store,
    *,
    actor: str,
    issue: str,
    region: str | None = None,
    as_of: dt.date | str | None = None,
    since: dt.date | str | None = None,
) -> list[TimelineEntry]:
    """A party's dated stances on an issue, oldest first, each with its quote and source."""
    claims = _sql.recent_evidence(store, actor, issue, until=_sql.iso(as_of), since=_sql.iso(since),
                                  region=region)
    claims.reverse()
    if region:  # the LIKE prefilter is textual: confirm on the parsed list
        claims = [c for c in claims if region in c.regions]
    return [
        TimelineEntry(
            date=c.date, act=c.act, outcome=c.outcome, regions=c.regions, hedged=c.hedged,
            conditional=c.conditional, quote=c.quote, source_kind=c.source_kind, source=c.source,
            outlet=c.outlet, url=c.url, report_date=c.report_date, claim_id=c.claim_id,
        )
        for c in claims
    ]
