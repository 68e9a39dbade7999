"""The claim store: SQLite by default, one file, readable by any SQLite tool."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from parley.errors import StoreError
from parley.extract.records import Claim, ControlFact, Extraction
from parley.ingest.identity import normalise_text, report_identity  # noqa: F401 - re-exported
from parley.ingest.report import Report
from parley.store import neardup
from parley.store.dates import stance_date
from parley.store.migrations import migrate

DEFAULT_DB = "parley.db"


def default_db_path() -> str:
    """``--db`` falls back to $PARLEY_DB, then ./parley.db."""
    return os.environ.get("PARLEY_DB") or DEFAULT_DB


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def claim_fingerprint(claim: Claim, report_identity_: str) -> str:
    """Stable id of a machine claim across re-extraction runs."""
    key = f"{report_identity_}|{claim.start}|{claim.end}|{claim.actor}|{claim.act}|{claim.issue}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True)
class AddResult:
    report_id: int
    status: str  # new | unchanged | new_version | duplicate
    claims: int = 0
    controls: int = 0
    story_id: int | None = None


class Store:
    """A connection to a parley database (created and migrated on open)."""

    def __init__(self, path: str | Path | None = None, *, create: bool = True) -> None:
        self.path = str(path or default_db_path())
        if self.path != ":memory:" and not create and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such database", hint="run `parley ingest` first")
        if self.path != ":memory:" and Path(self.path).exists():
            _check_is_sqlite(self.path)
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from None
        self.conn.row_factory = sqlite3.Row
        self._outlet_ids: dict[str, int] = {}
        # inside a report's savepoint: how many of _unindexed precede it (see store_prepared)
        self._report_mark: int | None = None
        self._unindexed: list[int] = []  # reports written in the open batch, not yet in reports_fts
        self.conn.execute("PRAGMA busy_timeout = 30000")
        self.conn.execute("PRAGMA foreign_keys = ON")
        try:
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            _check_is_parley(self.conn, self.path)
            migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path}: not a parley database ({exc})") from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT: a report is written whole or not at all."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            self._outlet_ids.clear()
            raise
        else:
            self.conn.execute("COMMIT")

    # -- runs -------------------------------------------------------------
    def start_run(self, command: str, *, dossier: str | None = None, dossier_hash: str | None = None,
                  extractor: str | None = None) -> int:
        cur = self.conn.execute(
            "INSERT INTO runs(command, started_at, dossier, dossier_hash, extractor) VALUES (?,?,?,?,?)",
            (command, now_iso(), dossier, dossier_hash, extractor),
        )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: dict[str, Any]) -> None:
        self.conn.execute(
            "UPDATE runs SET finished_at = ?, counts = ? WHERE id = ?",
            (now_iso(), json.dumps(counts), run_id),
        )

    # -- writing ----------------------------------------------------------
    def outlet_id(self, name: str | None) -> int | None:
        if not name:
            return None
        cached = self._outlet_ids.get(name)
        if cached is not None:
            return cached
        row = self.conn.execute("SELECT id FROM outlets WHERE name = ?", (name,)).fetchone()
        oid = int(row[0]) if row else int(
            self.conn.execute("INSERT INTO outlets(name) VALUES (?)", (name,)).lastrowid or 0)
        # outlets are never deleted or renamed; the cache is dropped on every rollback,
        # so it never holds the id of a row that was not kept
        self._outlet_ids[name] = oid
        return oid

    def add_report(
        self,
        report: Report,
        extraction: Extraction,
        *,
        run_id: int | None = None,
        identity: str | None = None,
        signature: bytes | None = None,
        bands: list[tuple[int, str]] | None = None,
    ) -> AddResult:
        """Store a report with its claims in one transaction.

        Status: ``unchanged`` (same text already stored: nothing written),
        ``new_version`` (same URL, new text), ``duplicate`` (a near-copy of a
        stored report: joins its story) or ``new``.
        """
        prepared = prepare_report(report, extraction, identity=identity, signature=signature, bands=bands)
        with self.batch():
            return self.store_prepared(prepared, run_id=run_id)

    @contextmanager
    def page_cache(self, kib: int) -> Iterator[Store]:
        """Let this connection cache up to ``kib`` KiB of pages for a while (a long write)."""
        previous = int(self.conn.execute("PRAGMA cache_size").fetchone()[0])
        self.conn.execute(f"PRAGMA cache_size = {-int(kib)}")
        try:
            yield self
        finally:
            self.conn.execute(f"PRAGMA cache_size = {previous}")

    @contextmanager
    def batch(self, *, busy_retries: int = 0) -> Iterator[Store]:
        """One ``BEGIN IMMEDIATE`` transaction for several whole reports (``store_prepared`` each).

        Committed on exit, and also when an exception ends the batch early (an
        interrupt): each report is written under its own savepoint, so the
        transaction only ever holds whole reports. If COMMIT itself fails the
        batch is rolled back and the error raised. ``busy_retries``: how often to
        try again when another writer held the lock past the busy timeout.
        """
        self._begin_immediate(busy_retries)
        self._unindexed = []
        try:
            yield self
        except BaseException:
            if self._report_mark is not None:  # interrupted between a report's SAVEPOINT and its handler
                self._rollback_report()
            self._finish()
            raise
        self._finish()

    def _begin_immediate(self, busy_retries: int) -> None:
        for attempt in range(busy_retries + 1):
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:  # another writer held the lock past the timeout
                if not is_busy(exc) or attempt == busy_retries:
                    raise
                time.sleep(0.2 * (attempt + 1))

    def _finish(self) -> None:
        try:
            index_reports(self.conn, self._unindexed)
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            self._outlet_ids.clear()
            raise
        finally:
            self._unindexed = []

    def _rollback_report(self) -> None:
        self.conn.execute("ROLLBACK TO report")
        self.conn.execute("RELEASE report")
        del self._unindexed[self._report_mark or 0 :]
        self._report_mark = None
        self._outlet_ids.clear()

    def store_prepared(self, p: PreparedReport, *, run_id: int | None = None) -> AddResult:
        """Write one prepared report inside an open ``batch``, all or nothing.

        The report is written under a savepoint: if any statement fails, its rows
        are rolled back and the error raised, and the batch's other reports stay.
        """
        self.conn.execute("SAVEPOINT report")
        self._report_mark = len(self._unindexed)
        try:
            result = self._insert_report(p, run_id)
        except BaseException:
            self._rollback_report()
            raise
        self.conn.execute("RELEASE report")
        self._report_mark = None
        return result

    def _insert_report(self, p: PreparedReport, run_id: int | None) -> AddResult:
        conn = self.conn
        row = conn.execute("SELECT id FROM reports WHERE identity = ?", (p.identity,)).fetchone()
        if row:
            return AddResult(int(row[0]), "unchanged")
        status, version, previous_id, story = "new", 1, None, None
        if p.url:
            prev = conn.execute(
                "SELECT id, version, story_id FROM reports WHERE url = ? ORDER BY version DESC LIMIT 1",
                (p.url,),
            ).fetchone()
            if prev:
                status, version, previous_id, story = "new_version", prev[1] + 1, prev[0], prev[2]
        if story is None:
            story = self._near_duplicate_story(p.signature, p.bands)
            if story is not None:
                status = "duplicate"
        now = now_iso()
        report_id = int(conn.execute(
            "INSERT INTO reports(identity, url, version, previous_id, outlet_id, story_id, doc, path, format,"
            " title, date, text, body_start, meta, minhash, run_id, ingested_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (p.identity, p.url, version, previous_id, self.outlet_id(p.outlet), story, *p.row,
             p.signature, run_id, now),
        ).lastrowid or 0)
        self._unindexed.append(report_id)  # indexed with the batch's other reports before COMMIT
        if previous_id is not None:
            conn.execute("UPDATE reports SET is_latest = 0 WHERE url = ? AND id != ?", (p.url, report_id))
        if story is None:  # a story of its own, opened by this report
            story = conn.execute(
                "INSERT INTO stories(first_report_id, created_at) VALUES (?, ?)", (report_id, now)
            ).lastrowid
            conn.execute("UPDATE reports SET story_id = ? WHERE id = ?", (story, report_id))
        conn.executemany("INSERT INTO report_bands(band, hash, report_id) VALUES (?,?,?)",
                         [(b, h, report_id) for b, h in p.bands])
        tail = (report_id, run_id)
        conn.executemany(_INSERT_CLAIM, [r + tail for r in p.claims])
        conn.executemany(_INSERT_CONTROL, [r + tail for r in p.controls])
        return AddResult(report_id, status, len(p.claims), len(p.controls), story)

    def _near_duplicate_story(self, signature: bytes, bands: list[tuple[int, str]]) -> int | None:
        """The story of the most similar stored report above the threshold, if any."""
        if not bands:
            return None
        # one lookup for all bands, answered from the (band, hash, report_id) index;
        # the 10 most-shared candidates come back with their signatures in the same query
        rows = [(sig, story) for sig, story in self.conn.execute(
            _near_duplicate_sql(len(bands)), [v for bh in bands for v in bh]) if sig and len(sig) == len(signature)]
        if not rows:
            return None
        mine = np.frombuffer(signature, dtype="<u8")
        stored = np.frombuffer(b"".join(sig for sig, _ in rows), dtype="<u8").reshape(len(rows), len(mine))
        # share of equal MinHash slots = estimated Jaccard (same as MinHash.jaccard), all candidates at once
        sims = np.count_nonzero(stored == mine, axis=1) / len(mine)
        top = sims.max()
        if top < neardup.DUPLICATE_THRESHOLD:
            return None
        last = len(rows) - 1 - int(np.argmax(sims[::-1] == top))  # ties: the later candidate wins, as before
        return rows[last][1]

    def _insert_claims(self, conn: sqlite3.Connection, report_id: int, identity: str, report: Report,
                       claims: tuple[Claim, ...] | list[Claim], run_id: int | None,
                       keep_ids: dict[str, int] | None = None) -> set[str]:
        """Insert machine claims; ``keep_ids`` gives re-found claims their old row ids."""
        rows = claim_rows(claims, identity, _iso(report.date))
        unused = dict(keep_ids or {})
        kept, fresh = [], []
        for r in rows:
            if r[0] in unused:
                kept.append((unused.pop(r[0]), *r, report_id, run_id))
            else:
                fresh.append(r + (report_id, run_id))
        # rows keeping their old id go first, so a fresh rowid cannot take one of theirs
        conn.executemany(_INSERT_CLAIM_WITH_ID, kept)
        conn.executemany(_INSERT_CLAIM, fresh)
        return {r[0] for r in rows}

    def _insert_controls(self, conn: sqlite3.Connection, report_id: int, report: Report,
                         controls: tuple[ControlFact, ...] | list[ControlFact], run_id: int | None) -> None:
        conn.executemany(_INSERT_CONTROL, [r + (report_id, run_id) for r in control_rows(controls, _iso(report.date))])


# -- rows prepared outside the writer -----------------------------------------
_CLAIM_COLS = ('fingerprint, start, "end", text, actor, act, issue, outcome, regions, hedged, conditional,'
               ' "when", report_date, stance_date, source_kind, source_count, source, rule, report_id, run_id')
_INSERT_CLAIM = f"INSERT INTO claims({_CLAIM_COLS}) VALUES ({','.join('?' * 20)})"
_INSERT_CLAIM_WITH_ID = f"INSERT INTO claims(id, {_CLAIM_COLS}) VALUES ({','.join('?' * 21)})"
_INSERT_CONTROL = (
    'INSERT INTO control_facts(start, "end", text, holder, regions, share, report_date, "when",'
    f" source_kind, source_count, source, rule, report_id, run_id) VALUES ({','.join('?' * 14)})"
)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


class PreparedReport(NamedTuple):
    """A report with every stored column computed, so that writing it is SQL only.

    Built by ``prepare_report``, a pure function: ingest workers build it and the
    single writer only stores it (``Store.store_prepared``). A plain tuple of
    plain values, so it is cheap to send between processes.
    """

    doc: str
    identity: str
    url: str | None
    outlet: str | None
    row: tuple[Any, ...]  # doc, path, format, title, date, text, body_start, meta (JSON)
    signature: bytes
    bands: list[tuple[int, str]]
    claims: list[tuple[Any, ...]]  # claims columns up to ``rule`` (report_id, run_id added on write)
    controls: list[tuple[Any, ...]]  # control_facts columns up to ``rule``


def claim_rows(claims: Iterable[Claim], identity: str, report_date: str | None) -> list[tuple[Any, ...]]:
    """Machine claims as rows of ``_CLAIM_COLS`` up to ``rule``; the fingerprint comes first."""
    dumps = json.dumps
    return [
        (claim_fingerprint(c, identity), c.start, c.end, c.text, c.actor, c.act, c.issue, c.outcome,
         dumps(list(c.regions)), int(c.hedged), int(c.conditional), c.when, report_date,
         stance_date(c.when, report_date), c.source_kind, c.source_count, c.source, c.rule)
        for c in claims
    ]


def control_rows(controls: Iterable[ControlFact], report_date: str | None) -> list[tuple[Any, ...]]:
    return [
        (f.start, f.end, f.text, f.holder, json.dumps(list(f.regions)), f.share, report_date, f.when,
         f.source_kind, f.source_count, f.source, f.rule)
        for f in controls
    ]


def prepare_report(report: Report, extraction: Extraction, *, identity: str | None = None,
                   signature: bytes | None = None, bands: list[tuple[int, str]] | None = None) -> PreparedReport:
    """Everything ``Store.store_prepared`` writes for ``report``, computed without the database."""
    identity = identity or neardup.storage_identity(report)
    if signature is None or bands is None:
        signature, bands = neardup.fingerprint(report.body)
    rd = _iso(report.date)
    row = (report.doc, report.path, report.format, report.title, rd, report.text, report.body_start,
           json.dumps(report.meta, default=str))
    return PreparedReport(report.doc, identity, report.url, report.outlet, row, signature, bands,
                          claim_rows(extraction.claims, identity, rd), control_rows(extraction.controls, rd))


@lru_cache(maxsize=4)
def _near_duplicate_sql(n_bands: int) -> str:
    cond = " OR ".join(["(band = ? AND hash = ?)"] * n_bands)
    return ("SELECT r.minhash, r.story_id FROM ("
            f" SELECT report_id, COUNT(*) AS votes FROM report_bands WHERE {cond}"
            " GROUP BY report_id ORDER BY votes DESC, report_id LIMIT 10"
            ") AS c JOIN reports r ON r.id = c.report_id ORDER BY c.votes DESC, c.report_id")


def index_reports(conn: sqlite3.Connection, report_ids: list[int]) -> None:
    """Add reports to the full-text index, all in one statement (one FTS5 segment)."""
    todo = sorted(set(report_ids))
    for i in range(0, len(todo), 500):  # well under SQLite's limit on bound variables
        ids = todo[i : i + 500]
        conn.execute("INSERT INTO reports_fts(rowid, title, text) SELECT id, title, text FROM reports"
                     f" WHERE id IN ({','.join('?' * len(ids))})", ids)


def is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _check_is_sqlite(path: str) -> None:
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise StoreError(f"{path}: cannot read database: {exc.strerror}") from None
    if head and head != _SQLITE_MAGIC:
        raise StoreError(f"{path}: not a parley database (not an SQLite file)",
                         hint="point --db at a parley database or a new file name")


def _check_is_parley(conn: sqlite3.Connection, path: str) -> None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if tables and "parley_migrations" not in tables:
        raise StoreError(f"{path}: not a parley database (it has other tables)",
                         hint="point --db at a parley database or a new file name")
