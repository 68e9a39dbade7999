from __future__ import annotations

import sqlite3
from pathlib import Path

from parley.store import Store
from parley.store.migrations import MIGRATIONS, applied


def test_an_older_database_is_upgraded_in_place(tmp_path: Path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE parley_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
        " applied_at TEXT NOT NULL)"
    )
    name, first = MIGRATIONS[0]
    first(conn)
    conn.execute("INSERT INTO parley_migrations(name, applied_at) VALUES (?, 'then')", (name,))
    conn.commit()
    conn.close()

    with Store(path) as store:
        assert applied(store.conn) == [n for n, _ in MIGRATIONS]
        indexes = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "claims_report_date" in indexes


def test_migrations_are_applied_once(tmp_path: Path):
    path = tmp_path / "p.db"
    Store(path).close()
    with Store(path) as store:
        names = applied(store.conn)
    assert len(names) == len(set(names)) == len(MIGRATIONS)


def test_near_duplicate_lookup_is_answered_from_the_band_index(tmp_path: Path):
    with Store(tmp_path / "p.db") as store:
        indexes = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        plan = " ".join(r[-1] for r in store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT report_id, COUNT(*) FROM report_bands"
            " WHERE (band = 1 AND hash = 'a') OR (band = 2 AND hash = 'b') GROUP BY report_id"))
    assert "report_bands_match" in indexes and "report_bands_lookup" not in indexes
    assert "COVERING INDEX report_bands_match" in plan
