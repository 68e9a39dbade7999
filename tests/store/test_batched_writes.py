"""Several whole reports per write transaction: each report is still all or nothing,
a report that cannot be stored fails alone, an interrupted or killed run leaves only
whole reports (searchable ones) and a re-run finishes the job."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from tests.store.conftest import write_report
from tests.store.test_ingest import _words

from parley.store import Store, list_claims, list_reports, search_reports
from parley.store.ingest import TRANSACTION, ingest


def _corpus(folder: Path, n: int, *, bad: int | None = None) -> None:
    for i in range(n):
        name = "bad" if i == bad else f"r{i:02d}"
        outlet = "Fresh Outlet" if i in (bad, n - 1) else "Wire"
        write_report(folder, f"{i:02d}{name}", outlet=outlet,
                     body=f"CLAIM RU demand territory ru_control\nword{i}x {_words(i, 60)}")


def _whole(store: Store) -> None:
    """Every stored report has its claim, its bands and its full-text entry; nothing else is stored."""
    ids = [r[0] for r in store.conn.execute("SELECT id FROM reports ORDER BY id")]
    assert [r[0] for r in store.conn.execute("SELECT DISTINCT report_id FROM claims ORDER BY 1")] == ids
    assert [r[0] for r in store.conn.execute("SELECT DISTINCT report_id FROM report_bands ORDER BY 1")] == ids
    assert [r[0] for r in store.conn.execute("SELECT rowid FROM reports_fts ORDER BY 1")] == ids
    assert store.conn.execute("SELECT COUNT(*) FROM stories WHERE first_report_id NOT IN"
                              " (SELECT id FROM reports)").fetchone()[0] == 0


@pytest.mark.parametrize("workers", [1, 2])
def test_a_report_that_cannot_be_stored_fails_alone(tmp_path: Path, store: Store, fake_extractor: object,
                                                    workers: int) -> None:
    # a real SQL failure in the middle of a transaction, after the report's outlet (new to
    # the database) was written: the outlet goes with it, and the last report, of the same
    # outlet, is stored with a valid outlet id (no stale cached id)
    store.conn.execute("CREATE TRIGGER refuse BEFORE INSERT ON reports WHEN new.title LIKE '%bad'"
                       " BEGIN SELECT RAISE(ABORT, 'refused by test'); END")
    _corpus(tmp_path, 12, bad=5)
    summary = ingest(store, [tmp_path], workers=workers)
    assert (summary.new, summary.claims) == (11, 11)
    assert summary.failed == ((("05bad.txt", "cannot store: refused by test"),))
    docs = [r.doc for r in list_reports(store)]
    assert len(docs) == 11 and "05bad.txt" not in docs
    assert {r.outlet for r in list_reports(store)} == {"Wire", "Fresh Outlet"}
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    _whole(store)
    assert [h.title for h in search_reports(store, "word7x")] == ["07r07"]


def test_a_failing_commit_is_retried_report_by_report(tmp_path: Path, store: Store,
                                                      fake_extractor: object) -> None:
    # a deferred constraint fails only at COMMIT, for the whole transaction: the reports
    # are then written one transaction each, so only the faulty one fails
    store.conn.executescript("""
        CREATE TABLE checked (ref INTEGER REFERENCES reports(id) DEFERRABLE INITIALLY DEFERRED);
        CREATE TRIGGER dangling AFTER INSERT ON reports WHEN new.title LIKE '%bad'
        BEGIN INSERT INTO checked(ref) VALUES (-1); END;
    """)
    _corpus(tmp_path, 6, bad=2)
    seen: list[int] = []
    summary = ingest(store, [tmp_path], progress=lambda s: seen.append(s.processed))
    assert (summary.new, summary.claims, len(summary.failed)) == (5, 5, 1)
    assert summary.failed[0][0] == "02bad.txt" and "FOREIGN KEY" in summary.failed[0][1]
    assert seen[-1] == 6
    _whole(store)


class _InterruptedConnection:
    """The store's connection, interrupted (Ctrl-C) in the middle of the 4th report's writes."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn, self.band_writes = conn, 0

    def executemany(self, sql: str, rows: object) -> sqlite3.Cursor:
        if "report_bands" in sql:
            self.band_writes += 1
            if self.band_writes == 4:  # its report row is written, its bands and claims not yet
                raise KeyboardInterrupt
        return self.conn.executemany(sql, rows)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> object:
        return getattr(self.conn, name)


def test_an_interrupt_inside_a_report_keeps_the_whole_ones_before_it(tmp_path: Path, store: Store,
                                                                     fake_extractor: object) -> None:
    _corpus(tmp_path, 8)
    real = store.conn
    store.conn = _InterruptedConnection(real)  # type: ignore[assignment]
    with pytest.raises(KeyboardInterrupt):
        ingest(store, [tmp_path])
    store.conn = real
    assert sorted(r.doc for r in list_reports(store)) == ["00r00.txt", "01r01.txt", "02r02.txt"]
    _whole(store)
    rerun = ingest(store, [tmp_path])
    assert (rerun.new, rerun.unchanged) == (5, 3)
    _whole(store)


_KILLED = """
import os, signal, sys
import parley.store.ingest as mod
from parley.store import Store
from tests.store.conftest import FakeExtractor
mod.extract_report = FakeExtractor.extract
real = Store._insert_report
done = []
def insert_then_die(self, p, run_id):
    result = real(self, p, run_id)
    done.append(p.doc)
    if len(done) == int(sys.argv[3]):  # killed with this report's rows written, before its commit
        os.kill(os.getpid(), signal.SIGKILL)
    return result
Store._insert_report = insert_then_die
with Store(sys.argv[1]) as s:
    mod.ingest(s, [sys.argv[2]], workers=int(sys.argv[4]))
"""


@pytest.mark.parametrize("workers", [1, 2])
def test_a_run_killed_mid_transaction_leaves_whole_reports_and_a_rerun_finishes(
        tmp_path: Path, db_path: Path, fake_extractor: object, workers: int) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    n = TRANSACTION + 10
    _corpus(folder, n)
    root = Path(__file__).resolve().parents[2]
    log = tmp_path / "stderr.txt"
    with log.open("w") as err:  # its own process group, so its orphaned workers can be ended too
        proc = subprocess.Popen([sys.executable, "-c", _KILLED, str(db_path), str(folder),
                                 str(TRANSACTION + 3), str(workers)], cwd=root, stdout=subprocess.DEVNULL,
                                stderr=err, start_new_session=True)
        try:
            returncode = proc.wait(timeout=120)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
    assert returncode == -9, log.read_text()
    with Store(db_path) as store:
        stored = store.conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
        assert 0 < stored < TRANSACTION + 3  # the first transaction committed, the killed one not
        _whole(store)
        rerun = ingest(store, [folder], workers=workers)
        assert (rerun.new, rerun.unchanged, rerun.failed) == (n - stored, stored, ())
        _whole(store)
        assert len(list_claims(store)) == n


def test_reports_of_a_database_from_before_migration_0004_stay_searchable(tmp_path: Path,
                                                                         fake_extractor: object) -> None:
    from parley.store.migrations import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE parley_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
                 " applied_at TEXT NOT NULL)")
    for name, fn in MIGRATIONS[:3]:
        fn(conn)
        conn.execute("INSERT INTO parley_migrations(name, applied_at) VALUES (?, 'then')", (name,))
    # a report written by the old store: indexed by the trigger that 0004 drops
    conn.execute("INSERT INTO reports(identity, doc, format, title, text, ingested_at)"
                 " VALUES ('x', 'old.txt', 'text', 'old', 'an older zebra report', 'then')")
    conn.commit()
    conn.close()
    write_report(tmp_path, "new", body="a newer zebra report")
    with Store(path) as store:
        triggers = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert "reports_fts_ai" not in triggers and "reports_fts_ad" in triggers
        assert ingest(store, [tmp_path / "new.txt"]).new == 1
        assert sorted(h.title for h in search_reports(store, "zebra")) == ["new", "old"]


def test_ingest_gives_the_writer_a_larger_page_cache_only_while_it_runs(tmp_path: Path, store: Store,
                                                                      fake_extractor: object) -> None:
    from parley.store.ingest import WRITER_CACHE_KIB

    seen: list[int] = []
    before = store.conn.execute("PRAGMA cache_size").fetchone()[0]
    _corpus(tmp_path, 2)
    ingest(store, [tmp_path], progress=lambda s: seen.append(store.conn.execute("PRAGMA cache_size").fetchone()[0]))
    assert seen == [-WRITER_CACHE_KIB] * 2
    assert store.conn.execute("PRAGMA cache_size").fetchone()[0] == before


def test_the_extractor_warms_up_before_the_workers_fork_and_a_failing_warm_up_is_harmless(
        tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.store.conftest import FakeExtractor

    calls: list[tuple[str, int]] = []

    def extractor(report: object, *, dossier: object = None) -> object:
        calls.append((report.doc, os.getpid()))  # type: ignore[attr-defined]
        if report.doc == "warm-up":  # type: ignore[attr-defined]
            raise RuntimeError("cannot warm up")
        return FakeExtractor.extract(report)  # type: ignore[arg-type]

    monkeypatch.setattr("parley.store.ingest.extract_report", extractor)
    _corpus(tmp_path, 3)
    summary = ingest(store, [tmp_path], workers=2)
    assert (summary.new, summary.claims, summary.failed) == (3, 3, ())
    assert calls == [("warm-up", os.getpid())]  # the workers' calls happen in their own processes
