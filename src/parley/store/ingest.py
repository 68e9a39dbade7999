"""Ingest runs and re-extraction: reports in, claims out, corrections kept.

Reading and extraction (the CPU work) run in a process pool, and so does
everything else a report needs that does not depend on the database: its
identity, MinHash signature and every row to store (``prepare_report``). The
calling process is the single writer and only runs SQL: several whole reports
per transaction, each under its own savepoint, so a report that cannot be
stored fails alone, a run killed at any point leaves only whole reports, and
running it again finishes the job. Work goes to the pool in small batches (a
few files, or a few records of a streamed JSON-lines file or standard input,
which the caller reads), so the round trips cost little; the batches in flight
are bounded and results are written in input order, so memory stays flat
however large the corpus and the stored result does not depend on which worker
was faster. The library never prints: pass ``progress`` to follow a run.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import inspect
import multiprocessing
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.dossier import Dossier, load_dossier
from parley.errors import InputError
from parley.extract import extract_report, get_extractor
from parley.extract.records import Extraction
from parley.ingest import STREAMED_SUFFIXES, expand_paths, iter_reports
from parley.ingest.report import Report
from parley.store import neardup
from parley.store.corrections import apply_correction
from parley.store.db import AddResult, Store, prepare_report

Progress = Callable[["IngestSummary"], None]
_BUSY_RETRIES = 5
BATCH = 8  # files or records per pool task: few round trips, yet both workers stay busy
# Reports per write transaction at most (each under its own savepoint). A commit per
# report wrote every index page it touched to the WAL again (~90 pages a report;
# ~30 with 8 reports a transaction) and the full-text index a segment per report.
TRANSACTION = 32
# The writer's page cache (KiB) during an ingest: each report touches index pages at
# random (claims, LSH bands); with SQLite's 2 MB default most were read again from the file.
WRITER_CACHE_KIB = 64 * 1024


@dataclass(frozen=True)
class IngestSummary:
    """What a run did. ``ingested`` counts every report newly stored."""

    run_id: int | None = None
    new: int = 0
    unchanged: int = 0
    new_versions: int = 0
    duplicates: int = 0
    failed: tuple[tuple[str, str], ...] = ()  # (input, problem)
    claims: int = 0
    controls: int = 0
    orphaned: int = 0  # corrections flagged by a reextract
    seconds: float = 0.0

    @property
    def ingested(self) -> int:
        return self.new + self.new_versions + self.duplicates

    @property
    def processed(self) -> int:
        return self.ingested + self.unchanged + len(self.failed)

    @property
    def rate(self) -> float:
        return self.processed / self.seconds if self.seconds > 0 else 0.0

    def counts(self) -> dict[str, Any]:
        return {
            "ingested": self.ingested, "new": self.new, "unchanged": self.unchanged,
            "new_versions": self.new_versions, "duplicates": self.duplicates,
            "failed": len(self.failed), "claims": self.claims, "controls": self.controls,
            "orphaned": self.orphaned, "seconds": round(self.seconds, 3),
        }

    def to_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, **self.counts(),
                "failures": [{"input": i, "problem": p} for i, p in self.failed]}


@dataclass
class _Tally:
    new: int = 0
    unchanged: int = 0
    new_versions: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    claims: int = 0
    controls: int = 0
    orphaned: int = 0

    def freeze(self, run_id: int | None, started: float) -> IngestSummary:
        return IngestSummary(
            run_id=run_id, new=self.new, unchanged=self.unchanged, new_versions=self.new_versions,
            duplicates=self.duplicates, failed=tuple(self.failed), claims=self.claims,
            controls=self.controls, orphaned=self.orphaned, seconds=time.perf_counter() - started,
        )


def dossier_hash(dossier: Dossier) -> str:
    return hashlib.sha256(dossier.model_dump_json().encode("utf-8")).hexdigest()[:16]


def extractor_label(dossier: Dossier) -> str:
    ex = get_extractor(dossier)
    return f"{ex.name} {ex.version}"


# -- worker side --------------------------------------------------------------
# A processed input is one of these tuples, in input order:
#   ("report", PreparedReport)     every row to store, computed in the worker
#   ("unchanged", doc)             already stored: not extracted again
#   ("failed", doc, problem)       extraction failed
#   ("error", input, problem)      the input could not be read
_WORKER_DOSSIER: Dossier | None = None
_WORKER_DB: sqlite3.Connection | None = None


def _init_worker(dossier: Dossier, db_path: str | None = None) -> None:
    global _WORKER_DOSSIER, _WORKER_DB
    _WORKER_DOSSIER = dossier
    if db_path and db_path != ":memory:":
        # read-only: lets a worker skip extraction of reports already stored
        _WORKER_DB = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=30)


def _stored(identity: str, conn: sqlite3.Connection | None = None) -> bool:
    conn = conn or _WORKER_DB
    if conn is None:
        return False
    try:
        return conn.execute("SELECT 1 FROM reports WHERE identity = ?", (identity,)).fetchone() is not None
    except sqlite3.Error:
        return False


def _process_item(item: Report | InputError, dossier: Dossier | None = None,
                  db: sqlite3.Connection | None = None) -> tuple[Any, ...]:
    """The CPU work for one report: extraction, near-duplicate signature and every stored row."""
    if isinstance(item, InputError):
        return ("error", item.path, item.problem)
    identity = neardup.storage_identity(item)
    if _stored(identity, db):  # skip extraction: a re-run only does the missing work
        return ("unchanged", item.doc)
    try:
        extraction = extract_report(item, dossier=dossier or _WORKER_DOSSIER)
        return ("report", prepare_report(item, extraction, identity=identity))
    except Exception as exc:  # one report's failure must not stop the batch
        return ("failed", item.doc, f"extraction failed: {type(exc).__name__}: {exc}")


def _process_batch(batch: list[str | Report], options: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Do a batch's CPU work in a worker: files named are read here, Reports come read.

    One result per report or input error, in input order.
    """
    out: list[tuple[Any, ...]] = []
    for entry in batch:
        items = [entry] if isinstance(entry, Report) else _reports([entry], **options)
        out.extend(_process_item(item) for item in items)
    return out


# -- inputs -------------------------------------------------------------------
def expand_globs(paths: Iterable[str | Path]) -> Iterator[str | Path | InputError]:
    """Paths as given, with quoted globs (``'corpus/**/*.txt'``) expanded."""
    for raw in paths:
        s = str(raw)
        if s != "-" and any(ch in s for ch in "*?[") and not Path(s).exists():
            matches = sorted(glob.glob(s, recursive=True))
            if not matches:
                yield InputError(s, "no files match this pattern")
            yield from matches
        else:
            yield raw


def _expand(paths: Iterable[str | Path]) -> Iterator[str | Path | InputError]:
    """Every input file (or ``-``) named by ``paths``, or the InputError of a bad one."""
    for item in expand_globs(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from expand_paths([item])


_READER_OPTIONS = frozenset(inspect.signature(iter_reports).parameters)


def _reports(paths: Iterable[str | Path], **options: Any) -> Iterator[Report | InputError]:
    kwargs = {k: v for k, v in options.items() if v is not None and k in _READER_OPTIONS}
    pending: list[str | Path] = []
    for item in expand_globs(paths):
        if isinstance(item, InputError):
            if pending:
                yield from iter_reports(pending, **kwargs)
                pending = []
            yield item
        else:
            pending.append(item)
    if pending:
        yield from iter_reports(pending, **kwargs)


def _read_by_writer(item: str | Path) -> bool:
    """Standard input and JSON-lines files are read in the calling process and their
    records shared out: a worker reading a large export alone would hold all its results."""
    return str(item) == "-" or Path(item).suffix.lower() in STREAMED_SUFFIXES


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _begin_run(store: Store, command: str, dossier: Dossier | str | None) -> tuple[Dossier, float, int]:
    """Load the dossier and record the run (with the dossier's hash and extractor version)."""
    d = dossier if isinstance(dossier, Dossier) else load_dossier(dossier)
    run_id = store.start_run(command, dossier=d.name, dossier_hash=dossier_hash(d),
                             extractor=extractor_label(d))
    return d, time.perf_counter(), run_id


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    *,
    dossier: Dossier | str | None = None,
    workers: int = 1,
    field_map: dict[str, str] | None = None,
    date: Any = None,
    outlet: str | None = None,
    progress: Progress | None = None,
    in_flight: int | None = None,
) -> IngestSummary:
    """Read, extract and store every report under ``paths``; bad inputs are counted, not fatal.

    ``in_flight`` bounds the inputs (files or records) handed to the workers and not yet written.
    """
    with store.page_cache(WRITER_CACHE_KIB):
        return _ingest(store, paths, dossier=dossier, workers=workers, field_map=field_map, date=date,
                       outlet=outlet, progress=progress, in_flight=in_flight)


def _ingest(store: Store, paths: Iterable[str | Path], *, dossier: Dossier | str | None, workers: int,
            field_map: dict[str, str] | None, date: Any, outlet: str | None, progress: Progress | None,
            in_flight: int | None) -> IngestSummary:
    d, started, run_id = _begin_run(store, "ingest", dossier)
    tally = _Tally()
    # inputs (files or records) in flight: two tasks per worker, and a transaction's worth being gathered
    limit = in_flight or workers * 2 * BATCH + TRANSACTION

    def tick() -> None:
        if progress is not None:
            progress(tally.freeze(run_id, started))

    def count(res: tuple[Any, ...], outcome: AddResult | sqlite3.Error | None, sign: int = 1) -> None:
        if res[0] in ("error", "failed"):
            _count_failure(tally, (res[1], res[2]), sign)
        elif res[0] == "unchanged" or (isinstance(outcome, AddResult) and outcome.status == "unchanged"):
            tally.unchanged += sign
        elif isinstance(outcome, AddResult):
            tally.new += sign * (outcome.status == "new")
            tally.new_versions += sign * (outcome.status == "new_version")
            tally.duplicates += sign * (outcome.status == "duplicate")
            tally.claims += sign * outcome.claims
            tally.controls += sign * outcome.controls
        else:
            _count_failure(tally, (res[1].doc, f"cannot store: {outcome}"), sign)

    def write(results: list[tuple[Any, ...]]) -> None:
        """Store results in transactions of several reports, each report whole or not at all."""
        for chunk in _chunks(results, TRANSACTION):
            done: list[tuple[tuple[Any, ...], AddResult | sqlite3.Error | None]] = []
            begun = False
            try:
                with store.batch(busy_retries=_BUSY_RETRIES):
                    begun = True
                    for res in chunk:
                        outcome: AddResult | sqlite3.Error | None = None
                        if res[0] == "report":
                            try:
                                outcome = store.store_prepared(res[1], run_id=run_id)
                            except sqlite3.Error as exc:  # this report is rolled back, the others stay
                                outcome = exc
                        done.append((res, outcome))
                        count(res, outcome)
                        tick()
            except sqlite3.Error as exc:
                if begun and len(done) < len(chunk):
                    raise  # an interrupted batch whose COMMIT failed as well
                for res, outcome in done:  # COMMIT failed: none of the chunk is stored
                    count(res, outcome, sign=-1)
                alone = begun and len(chunk) > 1
                for res in chunk:
                    if alone:  # one transaction each, so only a report that cannot be stored fails
                        write([res])
                    else:  # BEGIN failed (locked past the retries), or the one report's COMMIT
                        count(res, exc if res[0] == "report" else None)
                        if not begun:
                            tick()

    options = {"date": date, "outlet": outlet, "field_map": field_map}
    if workers <= 1:
        for items in _chunks(_reports(paths, **options), TRANSACTION):
            write([_process_item(item, d, store.conn) for item in items])
        summary = tally.freeze(run_id, started)
        store.finish_run(run_id, summary.counts())
        return summary

    _warm_up(d)
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(d, store.path))
    queue: deque[tuple[list[str], Future[list[tuple[Any, ...]]]]] = deque()
    batch: list[str | Report] = []

    def drain_one() -> None:
        """Write the oldest task's results, with those of the next tasks (up to a transaction's
        worth) while enough tasks stay queued to keep every worker busy: fewer, larger
        transactions, and never a wait inside one."""
        results: list[tuple[Any, ...]] = []
        while queue and (not results or (len(results) < TRANSACTION and len(queue) > workers)):
            names, fut = queue.popleft()
            try:
                results.extend(fut.result())
            except Exception as exc:  # a crashed worker must not stop the run
                write(results)
                results = []
                for name in names:
                    tally.failed.append((name, f"cannot process: {type(exc).__name__}: {exc}"))
                    tick()
        write(results)

    def submit() -> None:
        names = [e.doc if isinstance(e, Report) else e for e in batch]
        queue.append((names, pool.submit(_process_batch, list(batch), options)))
        batch.clear()
        while len(queue) > max_tasks:
            drain_one()

    def add(entry: str | Report | InputError) -> None:
        if isinstance(entry, InputError):
            tally.failed.append((entry.path, entry.problem))
            tick()
            return
        batch.append(entry)
        if len(batch) >= BATCH:
            submit()

    max_tasks = max(workers + 1, -(-limit // BATCH))  # one running per worker, the rest queued
    try:
        for item in _expand(paths):
            if isinstance(item, InputError) or not _read_by_writer(item):
                add(item if isinstance(item, InputError) else str(item))
            else:
                for rec in _reports([item], **options):
                    add(rec)
        if batch:
            submit()
        while queue:
            drain_one()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        summary = tally.freeze(run_id, started)
        store.finish_run(run_id, summary.counts())
    return summary


# Written for the warm-up: a stance, a source, a date and a place, so that every part of the
# extractor sets itself up.
_WARM_UP = ("On 3 March 2025 Russia demanded that Ukraine withdraw from the Donetsk region, a Kremlin"
            " spokesman said. Kyiv rejected the demand and proposed a ceasefire, officials said.")


def _warm_up(dossier: Dossier) -> None:
    """Extract one short text in this process before the pool forks its workers: the
    extractor's lazy set-up (tokenizers, lexicons: ~0.4 s) is then inherited by every
    worker instead of being done again in each."""
    if multiprocessing.get_start_method() != "fork":
        return  # spawned workers inherit nothing
    with contextlib.suppress(Exception):  # only a head start: the workers report real failures
        extract_report(Report(text=_WARM_UP, doc="warm-up"), dossier=dossier)


def _count_failure(tally: _Tally, failure: tuple[str, str], sign: int) -> None:
    if sign > 0:
        tally.failed.append(failure)
    else:
        tally.failed.remove(failure)


# -- re-extraction ------------------------------------------------------------
def _report_from_row(row: sqlite3.Row) -> Report:
    import datetime as dt
    import json

    return Report(
        text=row["text"], doc=row["doc"], body_start=row["body_start"], title=row["title"],
        date=dt.date.fromisoformat(row["date"]) if row["date"] else None, outlet=row["outlet"],
        url=row["url"], path=row["path"], format=row["format"], meta=json.loads(row["meta"] or "{}"),
    )


def replace_extraction(store: Store, report_id: int, extraction: Extraction, *,
                       run_id: int | None = None) -> int:
    """Swap a report's machine claims for ``extraction`` and replay its corrections.

    Returns how many corrections are orphaned (their machine claim is gone).
    Claim ids stay the same for claims found again.
    """
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT r.*, o.name AS outlet FROM reports r LEFT JOIN outlets o ON o.id = r.outlet_id"
            " WHERE r.id = ?", (report_id,),
        ).fetchone()
        report = _report_from_row(row)
        keep_ids = {fp: cid for cid, fp in conn.execute(
            "SELECT id, fingerprint FROM claims WHERE report_id = ? ORDER BY id DESC", (report_id,))}
        conn.execute("DELETE FROM claims WHERE report_id = ?", (report_id,))
        conn.execute("DELETE FROM control_facts WHERE report_id = ?", (report_id,))
        machine = store._insert_claims(conn, report_id, row["identity"], report, extraction.claims,
                                       run_id, keep_ids=keep_ids)
        store._insert_controls(conn, report_id, report, extraction.controls, run_id)
        orphaned = 0
        for corr in conn.execute("SELECT * FROM corrections WHERE report_id = ? ORDER BY id",
                                 (report_id,)).fetchall():
            apply_correction(conn, corr, machine=machine, keep_ids=keep_ids)
        orphaned = conn.execute("SELECT COUNT(*) FROM corrections WHERE report_id = ? AND orphaned = 1",
                                (report_id,)).fetchone()[0]
    return int(orphaned)


def reextract(
    store: Store,
    *,
    dossier: Dossier | str | None = None,
    report_ids: Iterable[int] | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Re-run extraction over stored reports; every correction survives (orphans flagged)."""
    d, started, run_id = _begin_run(store, "reextract", dossier)
    tally = _Tally()
    if report_ids is None:
        ids = [r[0] for r in store.conn.execute("SELECT id FROM reports ORDER BY id")]
    else:
        ids = [int(i) for i in report_ids]
    try:
        for rid in ids:
            row = store.conn.execute(
                "SELECT r.*, o.name AS outlet FROM reports r LEFT JOIN outlets o ON o.id = r.outlet_id"
                " WHERE r.id = ?", (rid,),
            ).fetchone()
            if row is None:
                tally.failed.append((f"report {rid}", "no such report"))
                continue
            try:
                extraction = extract_report(_report_from_row(row), dossier=d)
            except Exception as exc:  # keep going; the report's old claims stay untouched
                tally.failed.append((row["doc"], f"extraction failed: {type(exc).__name__}: {exc}"))
                continue
            tally.orphaned += replace_extraction(store, rid, extraction, run_id=run_id)
            tally.new += 1
            tally.claims += len(extraction.claims)
            tally.controls += len(extraction.controls)
            if progress is not None:
                progress(tally.freeze(run_id, started))
    finally:
        summary = tally.freeze(run_id, started)
        store.finish_run(run_id, summary.counts())
    return summary
