"""Shared SQL: the analyst's view of claims, read through the indexes.

Analysis never loops over all claims in Python. It walks the distinct
(actor, issue) pairs with index seeks, then reads a bounded number of rows per
pair in stance-date order (index ``claims_actor_issue_date``). Rejected claims
and claims of superseded report versions are skipped everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from parley.analysis.records import Evidence
from parley.store.db import Store

EVIDENCE_SELECT = """
SELECT c.id, c.report_id, c.stance_date, c.report_date, c.actor, c.act, c.issue, c.outcome,
       c.regions, c.hedged, c.conditional, c."when", c.text, c.source_kind, c.source,
       o.name AS outlet, r.url, r.title, r.story_id, c.status, r.doc
FROM claims c
JOIN reports r ON r.id = c.report_id
LEFT JOIN outlets o ON o.id = r.outlet_id
"""
# the analyst's view: corrections applied, rejected claims and old versions out
LIVE = "c.status != 'rejected' AND r.is_latest = 1"

# Position analysis reads light rows (no text): the newest HEAD claims of each pair
# first, more only while a current stance's run has not ended, at most MAX_DEPTH.
HEAD = 8
MAX_DEPTH = 4096

LIGHT_SELECT = """
SELECT c.id, c.report_id, c.stance_date, c.actor, c.issue, c.act, c.outcome, c.regions,
       c.hedged, c.conditional, c.source_kind, c.source, r.story_id, r.outlet_id
FROM claims c
JOIN reports r ON r.id = c.report_id
"""


class Light(NamedTuple):
    """A claim as position analysis needs it (``outlet`` is the outlet id)."""

    claim_id: int
    report_id: int
    date: str | None
    actor: str
    issue: str
    act: str
    outcome: str | None
    regions: tuple[str, ...]
    hedged: bool
    conditional: bool
    source_kind: str
    source: str | None
    story_id: int | None
    outlet: int | None


@lru_cache(maxsize=4096)
def _regions(raw: str | None) -> tuple[str, ...]:
    # few distinct region lists recur across many claims: parse each once
    return tuple(json.loads(raw)) if raw and raw != "[]" else ()


def light(row: Any) -> Light:
    return Light(row[0], row[1], row[2], row[3], row[4], row[5], row[6], _regions(row[7]),
                 bool(row[8]), bool(row[9]), row[10], row[11], row[12], row[13])


def iso(value: dt.date | str | None) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def evidence(row: sqlite3.Row | tuple[Any, ...]) -> Evidence:
    return Evidence(
        claim_id=row[0], report_id=row[1], date=row[2], report_date=row[3], actor=row[4],
        act=row[5], issue=row[6], outcome=row[7], regions=tuple(json.loads(row[8] or "[]")),
        hedged=bool(row[9]), conditional=bool(row[10]), when=row[11], quote=row[12],
        source_kind=row[13], source=row[14], outlet=row[15], url=row[16], title=row[17],
        story_id=row[18], status=row[19], doc=row[20],
    )


def pairs(store: Store, *, actor: str | None = None, issue: str | None = None) -> Iterator[tuple[str, str]]:
    """Distinct (actor, issue) pairs present in the store, by index skip-scan."""
    conn = store.conn
    if actor and issue:
        yield actor, issue
        return
    if actor:
        sql = "SELECT issue FROM claims WHERE actor = ? AND issue > ? ORDER BY actor, issue LIMIT 1"
        last = ""
        while (row := conn.execute(sql, (actor, last)).fetchone()) is not None:
            last = row[0]
            yield actor, last
        return
    if issue:
        sql = "SELECT actor FROM claims WHERE issue = ? AND actor > ? ORDER BY issue, actor LIMIT 1"
        last = ""
        while (row := conn.execute(sql, (issue, last)).fetchone()) is not None:
            last = row[0]
            yield last, issue
        return
    # two-level skip-scan: a row-value seek on (actor, issue) would scan within an actor
    next_actor = "SELECT actor FROM claims WHERE actor > ? ORDER BY actor LIMIT 1"
    last_a = ""
    while (row := conn.execute(next_actor, (last_a,)).fetchone()) is not None:
        last_a = row[0]
        yield from pairs(store, actor=last_a)


def _where(actor: str, issue: str, until: str | None, since: str | None) -> tuple[str, list[Any]]:
    where = ["c.actor = ?", "c.issue = ?", "c.stance_date IS NOT NULL", LIVE]
    args: list[Any] = [actor, issue]
    if until:
        where.append("c.stance_date <= ?")
        args.append(until)
    if since:
        where.append("c.stance_date >= ?")
        args.append(since)
    return " WHERE " + " AND ".join(where), args


def recent(store: Store, actor: str, issue: str, *, until: str | None, since: str | None = None,
           limit: int | None = HEAD) -> list[Light]:
    """A party's live claims on an issue as light rows, newest first (ties: higher id first)."""
    where, args = _where(actor, issue, until, since)
    sql = LIGHT_SELECT + where + " ORDER BY c.stance_date DESC, c.id DESC"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [light(r) for r in store.conn.execute(sql, args)]


def recent_evidence(store: Store, actor: str, issue: str, *, until: str | None,
                    since: str | None = None, region: str | None = None) -> list[Evidence]:
    """Like ``recent`` but full evidence rows (quotes, outlets, links), unbounded."""
    where, args = _where(actor, issue, until, since)
    if region:  # regions is a JSON list of codes: match the quoted code
        where += " AND c.regions LIKE ? ESCAPE '\\'"
        args.append('%"' + region.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + '"%')
    sql = EVIDENCE_SELECT + where + " ORDER BY c.stance_date DESC, c.id DESC"
    return [evidence(r) for r in store.conn.execute(sql, args)]


def earliest(store: Store, actor: str, issue: str) -> Light | None:
    sql = (LIGHT_SELECT + " WHERE c.actor = ? AND c.issue = ? AND c.stance_date IS NOT NULL AND "
           + LIVE + " ORDER BY c.stance_date, c.id LIMIT 1")
    row = store.conn.execute(sql, (actor, issue)).fetchone()
    return light(row) if row else None


def by_ids(store: Store, ids: Iterable[int]) -> list[Evidence]:
    ids = list(ids)
    if not ids:
        return []
    out: list[Evidence] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        sql = EVIDENCE_SELECT + f" WHERE c.id IN ({','.join('?' * len(chunk))})"
        out += [evidence(r) for r in store.conn.execute(sql, chunk)]
    order = {cid: n for n, cid in enumerate(ids)}
    return sorted(out, key=lambda e: order[e.claim_id])


def heads(store: Store, keys: list[tuple[str, str]], *, until: str | None,
          limit: int = HEAD) -> dict[tuple[str, str], list[Light]]:
    """The newest ``limit`` live claims (light rows) of many (actor, issue) pairs."""
    sql = (LIGHT_SELECT + " WHERE c.actor = ? AND c.issue = ? AND c.stance_date IS NOT NULL"
           " AND c.stance_date <= ? AND " + LIVE + f" ORDER BY c.stance_date DESC, c.id DESC LIMIT {int(limit)}")
    day = until or "9999-12-31"
    conn = store.conn
    return {(a, i): [light(r) for r in conn.execute(sql, (a, i, day))] for a, i in keys}
