"""Read-side queries over the store, shared by the CLI, analysis and the web app.

Every function takes a ``Store`` and returns frozen value objects; none prints.
Claims are the analyst's view (machine output with corrections applied).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from parley.errors import NotFoundError, UsageError
from parley.store.db import Store

CLAIM_ORDERS = {
    "date": "c.stance_date, c.report_id, c.start, c.id",
    "-date": "c.stance_date DESC, c.report_id DESC, c.start, c.id",
    "id": "c.id",
    "report": "c.report_id, c.start, c.id",
}
STATUSES = ("machine", "accepted", "rejected", "edited", "added")


@dataclass(frozen=True)
class StoredClaim:
    """A claim as stored: the claim's fields plus where it came from and its status."""

    id: int
    report_id: int
    origin: str  # machine | analyst
    status: str  # machine | accepted | rejected | edited | added
    fingerprint: str
    start: int
    end: int
    text: str
    actor: str
    act: str
    issue: str
    outcome: str | None
    regions: tuple[str, ...]
    hedged: bool
    conditional: bool
    when: str | None
    source_kind: str
    source_count: int | None
    source: str | None
    rule: str | None
    report_date: str | None
    stance_date: str | None
    doc: str
    title: str | None
    url: str | None
    outlet: str | None
    story_id: int | None
    correction_id: int | None = None
    note: str | None = None
    orphaned: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {k: (list(v) if k == "regions" else v) for k, v in self.__dict__.items()}


@dataclass(frozen=True)
class StoredReport:
    """One stored report version with its metadata and claim count."""

    id: int
    identity: str
    url: str | None
    version: int
    is_latest: bool
    previous_id: int | None
    story_id: int | None
    outlet: str | None
    doc: str
    path: str | None
    format: str
    title: str | None
    date: str | None
    text: str
    body_start: int
    meta: dict[str, Any] = field(default_factory=dict)
    claim_count: int = 0
    ingested_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class SearchHit:
    """A full-text match: the report and a snippet with [matches] marked."""

    report_id: int
    title: str | None
    date: str | None
    outlet: str | None
    url: str | None
    snippet: str
    rank: float

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


_CLAIM_SELECT = """
SELECT c.*, r.doc AS doc, r.title AS title, r.url AS url, r.story_id AS story_id,
       o.name AS outlet, k.note AS note, COALESCE(k.orphaned, 0) AS orphaned
FROM claims c
JOIN reports r ON r.id = c.report_id
LEFT JOIN outlets o ON o.id = r.outlet_id
LEFT JOIN corrections k ON k.id = c.correction_id
"""


def _claim(row: sqlite3.Row) -> StoredClaim:
    return StoredClaim(
        id=row["id"], report_id=row["report_id"], origin=row["origin"], status=row["status"],
        fingerprint=row["fingerprint"], start=row["start"], end=row["end"], text=row["text"],
        actor=row["actor"], act=row["act"], issue=row["issue"], outcome=row["outcome"],
        regions=tuple(json.loads(row["regions"] or "[]")), hedged=bool(row["hedged"]),
        conditional=bool(row["conditional"]), when=row["when"], source_kind=row["source_kind"],
        source_count=row["source_count"], source=row["source"], rule=row["rule"],
        report_date=row["report_date"], stance_date=row["stance_date"], doc=row["doc"],
        title=row["title"], url=row["url"], outlet=row["outlet"], story_id=row["story_id"],
        correction_id=row["correction_id"], note=row["note"], orphaned=bool(row["orphaned"]),
    )


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims ``list_claims`` and ``count_claims`` select (dates compare against the stance date).

    The two functions also take these fields as keyword arguments:
    ``list_claims(store, actor="RU")`` is ``list_claims(store, ClaimFilter(actor="RU"))``.
    """

    actor: str | None = None
    issue: str | None = None
    report_id: int | None = None
    since: Any = None
    until: Any = None
    status: str | tuple[str, ...] | list[str] | None = None
    include_rejected: bool = True
    latest_only: bool = False

    def where(self) -> tuple[str, list[Any]]:
        """The SQL ``WHERE`` clause (over claims ``c`` joined to reports ``r``) and its arguments."""
        where: list[str] = []
        args: list[Any] = []
        if self.actor:
            where.append("c.actor = ?")
            args.append(self.actor)
        if self.issue:
            where.append("c.issue = ?")
            args.append(self.issue)
        if self.report_id is not None:
            where.append("c.report_id = ?")
            args.append(int(self.report_id))
        if self.since:
            where.append("c.stance_date >= ?")
            args.append(str(self.since))
        if self.until:
            where.append("c.stance_date <= ?")
            args.append(str(self.until))
        if self.status:
            wanted = (self.status,) if isinstance(self.status, str) else tuple(self.status)
            bad = [s for s in wanted if s not in STATUSES]
            if bad:
                raise UsageError(f"unknown claim status {bad[0]!r}", hint=f"use one of {', '.join(STATUSES)}")
            where.append(f"c.status IN ({','.join('?' * len(wanted))})")
            args.extend(wanted)
        if not self.include_rejected:
            where.append("c.status != 'rejected'")
        if self.latest_only:
            where.append("r.is_latest = 1")
        return (" WHERE " + " AND ".join(where)) if where else "", args


def _claim_filter(given: ClaimFilter | None, fields: dict[str, Any]) -> ClaimFilter:
    if given is None:
        return ClaimFilter(**fields)  # an unknown keyword is a TypeError, as for any function
    if fields:
        raise TypeError("pass a ClaimFilter or filter keywords, not both")
    return given


def list_claims(
    store: Store,
    claim_filter: ClaimFilter | None = None,
    /,
    *,
    limit: int | None = None,
    offset: int = 0,
    order: str = "date",
    **filters: Any,
) -> list[StoredClaim]:
    """Claims matching ``claim_filter`` or the ``ClaimFilter`` fields given as keywords."""
    if order not in CLAIM_ORDERS:
        raise UsageError(f"unknown order {order!r}", hint=f"use one of {', '.join(CLAIM_ORDERS)}")
    where, args = _claim_filter(claim_filter, filters).where()
    sql = _CLAIM_SELECT + where + " ORDER BY " + CLAIM_ORDERS[order]
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args += [int(limit), int(offset)]
    return [_claim(r) for r in store.conn.execute(sql, args)]


def count_claims(store: Store, claim_filter: ClaimFilter | None = None, /, **filters: Any) -> int:
    """How many claims ``list_claims`` would return with the same filter."""
    where, args = _claim_filter(claim_filter, filters).where()
    sql = "SELECT COUNT(*) FROM claims c JOIN reports r ON r.id = c.report_id" + where
    return int(store.conn.execute(sql, args).fetchone()[0])


def get_claim(store: Store, claim_id: int) -> StoredClaim:
    """One claim by id (NotFoundError when there is none)."""
    row = store.conn.execute(_CLAIM_SELECT + " WHERE c.id = ?", (int(claim_id),)).fetchone()
    if row is None:
        raise NotFoundError(f"no claim {claim_id}", hint="list them with `parley claims list`")
    return _claim(row)


_REPORT_SELECT = """
SELECT r.*, o.name AS outlet,
       (SELECT COUNT(*) FROM claims c WHERE c.report_id = r.id) AS claim_count
FROM reports r LEFT JOIN outlets o ON o.id = r.outlet_id
"""


def _report(row: sqlite3.Row) -> StoredReport:
    return StoredReport(
        id=row["id"], identity=row["identity"], url=row["url"], version=row["version"],
        is_latest=bool(row["is_latest"]), previous_id=row["previous_id"], story_id=row["story_id"],
        outlet=row["outlet"], doc=row["doc"], path=row["path"], format=row["format"],
        title=row["title"], date=row["date"], text=row["text"], body_start=row["body_start"],
        meta=json.loads(row["meta"] or "{}"), claim_count=row["claim_count"],
        ingested_at=row["ingested_at"],
    )


def get_report(store: Store, report_id: int) -> StoredReport:
    """One report version by id (NotFoundError when there is none)."""
    row = store.conn.execute(_REPORT_SELECT + " WHERE r.id = ?", (int(report_id),)).fetchone()
    if row is None:
        raise NotFoundError(f"no report {report_id}", hint="list them with `parley reports list`")
    return _report(row)


def list_reports(
    store: Store,
    *,
    limit: int | None = None,
    offset: int = 0,
    since: Any = None,
    until: Any = None,
    outlet: str | None = None,
    latest_only: bool = True,
) -> list[StoredReport]:
    """Reports newest first (by publication date, then id)."""
    where: list[str] = []
    args: list[Any] = []
    if since:
        where.append("r.date >= ?")
        args.append(str(since))
    if until:
        where.append("r.date <= ?")
        args.append(str(until))
    if outlet:
        where.append("o.name = ?")
        args.append(outlet)
    if latest_only:
        where.append("r.is_latest = 1")
    sql = _REPORT_SELECT + ((" WHERE " + " AND ".join(where)) if where else "")
    sql += " ORDER BY r.date DESC, r.id DESC"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args += [int(limit), int(offset)]
    return [_report(r) for r in store.conn.execute(sql, args)]


def count_reports(store: Store, *, latest_only: bool = True) -> int:
    sql = "SELECT COUNT(*) FROM reports" + (" WHERE is_latest = 1" if latest_only else "")
    return int(store.conn.execute(sql).fetchone()[0])


def story_reports(store: Store, story_id: int) -> list[StoredReport]:
    """Every report grouped into one story (syndicated copies and versions), oldest first."""
    rows = store.conn.execute(_REPORT_SELECT + " WHERE r.story_id = ? ORDER BY r.date, r.id", (int(story_id),))
    return [_report(r) for r in rows]


def report_versions(store: Store, report_id: int) -> list[StoredReport]:
    """All versions sharing this report's URL, oldest first (just itself when it has no URL)."""
    rep = get_report(store, report_id)
    if not rep.url:
        return [rep]
    rows = store.conn.execute(_REPORT_SELECT + " WHERE r.url = ? ORDER BY r.version", (rep.url,))
    return [_report(r) for r in rows]


def search_reports(store: Store, query: str, *, limit: int = 20) -> list[SearchHit]:
    """Full-text search (SQLite FTS5 syntax) over titles and texts, best first."""
    if not query or not query.strip():
        raise UsageError("empty search query")
    sql = """
        SELECT r.id, r.title, r.date, r.url, o.name AS outlet,
               snippet(reports_fts, 1, '[', ']', '…', 12) AS snip, bm25(reports_fts) AS rank
        FROM reports_fts JOIN reports r ON r.id = reports_fts.rowid
        LEFT JOIN outlets o ON o.id = r.outlet_id
        WHERE reports_fts MATCH ? ORDER BY rank LIMIT ?
    """
    try:
        rows = store.conn.execute(sql, (query, int(limit))).fetchall()
    except sqlite3.OperationalError as exc:
        raise UsageError(f"bad search query {query!r}: {exc}",
                         hint='quote phrases with "..." and avoid stray punctuation') from None
    return [
        SearchHit(report_id=r["id"], title=r["title"], date=r["date"], outlet=r["outlet"],
                  url=r["url"], snippet=r["snip"], rank=float(r["rank"]))
        for r in rows
    ]


@dataclass(frozen=True)
class RunInfo:
    """One recorded run (ingest, reextract, import)."""

    id: int
    command: str
    started_at: str
    finished_at: str | None
    dossier: str | None
    dossier_hash: str | None
    extractor: str | None
    counts: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def list_runs(store: Store, *, limit: int | None = None) -> list[RunInfo]:
    """Runs newest first."""
    sql = "SELECT * FROM runs ORDER BY id DESC" + (" LIMIT ?" if limit is not None else "")
    rows = store.conn.execute(sql, (int(limit),) if limit is not None else ())
    return [
        RunInfo(id=r["id"], command=r["command"], started_at=r["started_at"],
                finished_at=r["finished_at"], dossier=r["dossier"], dossier_hash=r["dossier_hash"],
                extractor=r["extractor"], counts=json.loads(r["counts"] or "{}"))
        for r in rows
    ]
