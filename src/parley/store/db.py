"""The claim store: SQLite by default, one file, readable by any SQLite tool."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parley.errors import StoreError
from parley.extract.records import Claim, ControlFact, Extraction
from parley.ingest.identity import normalise_text, report_identity  # noqa: F401 - re-exported
from parley.ingest.report import Report
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
        row = self.conn.execute("SELECT id FROM outlets WHERE name = ?", (name,)).fetchone()
        if row:
            return int(row[0])
        return int(self.conn.execute("INSERT INTO outlets(name) VALUES (?)", (name,)).lastrowid or 0)

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
        from parley.store import neardup

        identity = identity or neardup.storage_identity(report)
        if signature is None or bands is None:
            signature, bands = neardup.fingerprint(report.body)
        with self.transaction() as conn:
            row = conn.execute("SELECT id FROM reports WHERE identity = ?", (identity,)).fetchone()
            if row:
                return AddResult(int(row[0]), "unchanged")
            status, version, previous_id, story = "new", 1, None, None
            if report.url:
                prev = conn.execute(
                    "SELECT id, version, story_id FROM reports WHERE url = ? ORDER BY version DESC LIMIT 1",
                    (report.url,),
                ).fetchone()
                if prev:
                    status, version, previous_id, story = "new_version", prev[1] + 1, prev[0], prev[2]
            if story is None:
                story = self._near_duplicate_story(signature, bands)
                if story is not None:
                    status = "duplicate"
            cur = conn.execute(
                "INSERT INTO reports(identity, url, version, previous_id, outlet_id, doc, path, format,"
                " title, date, text, body_start, meta, minhash, run_id, ingested_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    identity, report.url, version, previous_id, self.outlet_id(report.outlet),
                    report.doc, report.path, report.format, report.title,
                    report.date.isoformat() if report.date else None, report.text,
                    report.body_start, json.dumps(report.meta, default=str), signature, run_id,
                    now_iso(),
                ),
            )
            report_id = int(cur.lastrowid or 0)
            if previous_id is not None:
                conn.execute("UPDATE reports SET is_latest = 0 WHERE url = ? AND id != ?",
                             (report.url, report_id))
            if story is None:
                story = conn.execute(
                    "INSERT INTO stories(first_report_id, created_at) VALUES (?, ?)", (report_id, now_iso())
                ).lastrowid
            conn.execute("UPDATE reports SET story_id = ? WHERE id = ?", (story, report_id))
            conn.executemany(
                "INSERT INTO report_bands(band, hash, report_id) VALUES (?,?,?)",
                [(b, h, report_id) for b, h in bands],
            )
            self._insert_claims(conn, report_id, identity, report, extraction.claims, run_id)
            self._insert_controls(conn, report_id, report, extraction.controls, run_id)
        return AddResult(report_id, status, len(extraction.claims), len(extraction.controls), story)

    def _near_duplicate_story(self, signature: bytes, bands: list[tuple[int, str]]) -> int | None:
        """The story of the most similar stored report above the threshold, if any."""
        import numpy as np

        from parley.store import neardup

        if not bands:
            return None
        # one lookup for all bands, answered from the (band, hash, report_id) index;
        # the 10 most-shared candidates come back with their signatures in the same query
        cond = " OR ".join(["(band = ? AND hash = ?)"] * len(bands))
        rows = self.conn.execute(
            "SELECT r.minhash, r.story_id FROM ("
            f" SELECT report_id, COUNT(*) AS votes FROM report_bands WHERE {cond}"
            " GROUP BY report_id ORDER BY votes DESC, report_id LIMIT 10"
            ") AS c JOIN reports r ON r.id = c.report_id ORDER BY c.votes DESC, c.report_id",
            [v for bh in bands for v in bh],
        ).fetchall()
        mine = np.frombuffer(signature, dtype="<u8")
        best, best_sim = None, neardup.DUPLICATE_THRESHOLD
        for stored, story in rows:
            if stored is None or len(stored) != len(signature):
                continue
            # share of equal MinHash slots = estimated Jaccard (same as MinHash.jaccard)
            sim = np.count_nonzero(np.frombuffer(stored, dtype="<u8") == mine) / len(mine)
            if sim >= best_sim:  # ties: the later candidate wins, as before
                best, best_sim = story, sim
        return best

    def _insert_claims(self, conn: sqlite3.Connection, report_id: int, identity: str, report: Report,
                       claims: tuple[Claim, ...] | list[Claim], run_id: int | None,
                       keep_ids: dict[str, int] | None = None) -> set[str]:
        """Insert machine claims; ``keep_ids`` gives re-found claims their old row ids."""
        rd = report.date.isoformat() if report.date else None
        kept, fresh, fingerprints = [], [], set()
        unused = dict(keep_ids or {})
        for c in claims:
            fp = claim_fingerprint(c, identity)
            fingerprints.add(fp)
            row = (
                report_id, fp, c.start, c.end, c.text, c.actor, c.act, c.issue, c.outcome,
                json.dumps(list(c.regions)), int(c.hedged), int(c.conditional), c.when, rd,
                stance_date(c.when, rd), c.source_kind, c.source_count, c.source, c.rule, run_id,
            )
            if fp in unused:
                kept.append((unused.pop(fp), *row))
            else:
                fresh.append(row)
        cols = ('report_id, fingerprint, start, "end", text, actor, act, issue, outcome, regions,'
                ' hedged, conditional, "when", report_date, stance_date, source_kind, source_count,'
                " source, rule, run_id")
        # rows keeping their old id go first, so a fresh rowid cannot take one of theirs
        conn.executemany(f"INSERT INTO claims(id, {cols}) VALUES ({','.join('?' * 21)})", kept)
        conn.executemany(f"INSERT INTO claims({cols}) VALUES ({','.join('?' * 20)})", fresh)
        return fingerprints

    def _insert_controls(self, conn: sqlite3.Connection, report_id: int, report: Report,
                         controls: tuple[ControlFact, ...] | list[ControlFact], run_id: int | None) -> None:
        rd = report.date.isoformat() if report.date else None
        conn.executemany(
            'INSERT INTO control_facts(report_id, start, "end", text, holder, regions, share,'
            ' report_date, "when", source_kind, source_count, source, rule, run_id)'
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    report_id, f.start, f.end, f.text, f.holder, json.dumps(list(f.regions)), f.share,
                    rd, f.when, f.source_kind, f.source_count, f.source, f.rule, run_id,
                )
                for f in controls
            ],
        )


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
