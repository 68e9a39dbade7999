"""A tiny migrations system (after sqlite-utils): each schema change is a named
function, applied once, in order, recorded in the ``parley_migrations`` table.

Never edit a migration that has shipped: add a new one. Tables are documented
in docs/schema.md.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(name: str) -> Callable[[Migration], Migration]:
    def register(fn: Migration) -> Migration:
        MIGRATIONS.append((name, fn))
        return fn

    return register


@migration("0001_initial")
def _initial(conn: sqlite3.Connection) -> None:
    conn.executescript(
        """
        CREATE TABLE outlets (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            domain TEXT
        );

        -- A story groups a report with its syndicated near-copies, so that
        -- corroboration counts independent outlets, not copies.
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            first_report_id INTEGER,
            created_at TEXT NOT NULL
        );

        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            command TEXT NOT NULL,             -- ingest, reextract, import
            started_at TEXT NOT NULL,
            finished_at TEXT,
            dossier TEXT,                      -- name of the dossier used
            dossier_hash TEXT,
            extractor TEXT,                    -- extractor name and version
            counts TEXT                        -- JSON: ingested, unchanged, failed...
        );

        -- One row per version of a report. identity = hash of the normalised
        -- text; the same URL with a new text is a new version (same url,
        -- version + 1, previous_id pointing at the older row).
        CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            identity TEXT NOT NULL UNIQUE,
            url TEXT,
            version INTEGER NOT NULL DEFAULT 1,
            previous_id INTEGER REFERENCES reports(id),
            is_latest INTEGER NOT NULL DEFAULT 1,
            story_id INTEGER REFERENCES stories(id),
            outlet_id INTEGER REFERENCES outlets(id),
            doc TEXT NOT NULL,                 -- file name or record name
            path TEXT,
            format TEXT NOT NULL,
            title TEXT,
            date TEXT,                         -- ISO date of publication, may be NULL
            text TEXT NOT NULL,                -- the original decoded text
            body_start INTEGER NOT NULL DEFAULT 0,
            meta TEXT,                         -- JSON of other metadata
            minhash BLOB,                      -- near-duplicate signature
            run_id INTEGER REFERENCES runs(id),
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX reports_url ON reports(url);
        CREATE INDEX reports_date ON reports(date);
        CREATE INDEX reports_story ON reports(story_id);

        -- LSH bands of the MinHash signature: candidates for near-duplicates.
        CREATE TABLE report_bands (
            band INTEGER NOT NULL,
            hash TEXT NOT NULL,
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE
        );
        CREATE INDEX report_bands_lookup ON report_bands(band, hash);

        -- Claims as the analyst sees them: machine output with corrections
        -- applied. origin = machine | analyst; status = machine | accepted |
        -- rejected | edited | added. Rejected claims stay (status) but analysis
        -- skips them. The corrections table is the durable log from which
        -- analyst state is re-applied after re-extraction.
        CREATE TABLE claims (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            origin TEXT NOT NULL DEFAULT 'machine',
            status TEXT NOT NULL DEFAULT 'machine',
            fingerprint TEXT NOT NULL,         -- stable across re-extraction
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            actor TEXT NOT NULL,
            act TEXT NOT NULL,
            issue TEXT NOT NULL,
            outcome TEXT,
            regions TEXT NOT NULL DEFAULT '[]', -- JSON list of ISO codes
            hedged INTEGER NOT NULL DEFAULT 0,
            conditional INTEGER NOT NULL DEFAULT 0,
            "when" TEXT,                       -- NULL, YYYY, YYYY-MM, YYYY-MM-DD or past
            report_date TEXT,                  -- copy of reports.date for fast queries
            stance_date TEXT,                  -- the date the stance counts at (see store.dates)
            source_kind TEXT NOT NULL,
            source_count INTEGER,
            source TEXT,
            rule TEXT,
            run_id INTEGER REFERENCES runs(id),
            correction_id INTEGER              -- the correction that shaped this row, if any
        );
        CREATE INDEX claims_actor_issue_date ON claims(actor, issue, stance_date);
        CREATE INDEX claims_issue_date ON claims(issue, stance_date);
        CREATE INDEX claims_report ON claims(report_id);
        CREATE INDEX claims_fingerprint ON claims(fingerprint);
        CREATE INDEX claims_date ON claims(stance_date);

        CREATE TABLE control_facts (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            holder TEXT NOT NULL,
            regions TEXT NOT NULL,             -- JSON list
            share REAL NOT NULL,
            report_date TEXT,
            "when" TEXT,
            source_kind TEXT NOT NULL,
            source_count INTEGER,
            source TEXT,
            rule TEXT,
            run_id INTEGER REFERENCES runs(id)
        );
        CREATE INDEX control_holder_date ON control_facts(holder, report_date);

        -- The analyst's corrections: never deleted by re-extraction.
        -- action = accept | reject | edit | add. ``target`` is the fingerprint
        -- of the machine claim acted on (NULL for add); ``claim`` the full claim
        -- as the analyst left it (JSON); ``before`` the machine claim (JSON).
        -- orphaned = 1 when the evidence no longer yields that machine claim.
        CREATE TABLE corrections (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES reports(id),
            action TEXT NOT NULL,
            target TEXT,
            claim TEXT,
            before TEXT,
            note TEXT,
            author TEXT,
            created_at TEXT NOT NULL,
            orphaned INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX corrections_report ON corrections(report_id);
        CREATE INDEX corrections_target ON corrections(target);

        -- Full-text search over reports (title + text).
        CREATE VIRTUAL TABLE reports_fts USING fts5(
            title, text, content='reports', content_rowid='id'
        );
        CREATE TRIGGER reports_fts_ai AFTER INSERT ON reports BEGIN
            INSERT INTO reports_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TRIGGER reports_fts_ad AFTER DELETE ON reports BEGIN
            INSERT INTO reports_fts(reports_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
        END;
        CREATE TRIGGER reports_fts_au AFTER UPDATE OF title, text ON reports BEGIN
            INSERT INTO reports_fts(reports_fts, rowid, title, text)
            VALUES ('delete', old.id, old.title, old.text);
            INSERT INTO reports_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        """
    )


@migration("0002_claims_report_date_index")
def _claims_report_date_index(conn: sqlite3.Connection) -> None:
    # The brief and period listings select claims by the date they were reported.
    conn.execute("CREATE INDEX IF NOT EXISTS claims_report_date ON claims(report_date)")


@migration("0003_report_bands_covering_index")
def _report_bands_covering_index(conn: sqlite3.Connection) -> None:
    # The near-duplicate lookup counts band matches per report: with report_id in
    # the index it is answered from the index alone (about half the time per ingest).
    conn.execute("CREATE INDEX IF NOT EXISTS report_bands_match ON report_bands(band, hash, report_id)")
    conn.execute("DROP INDEX IF EXISTS report_bands_lookup")


@migration("0004_reports_fts_indexed_by_store")
def _reports_fts_indexed_by_store(conn: sqlite3.Connection) -> None:
    # The store indexes a transaction's reports in one statement before COMMIT
    # (Store.batch) instead of row by row: with a trigger, every INSERT INTO
    # reports made FTS5 write a segment of its own (the statement's savepoint
    # flushes its pending data), about a fifth of the writer's instructions.
    # Reports stored before stay indexed: the trigger indexed them.
    conn.execute("DROP TRIGGER IF EXISTS reports_fts_ai")


def applied(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM parley_migrations ORDER BY id")]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply every migration not yet recorded; return the names applied now."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS parley_migrations ("
        " id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)"
    )
    done = set(applied(conn))
    now_applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        with conn:  # one transaction per migration
            fn(conn)
            conn.execute(
                "INSERT INTO parley_migrations(name, applied_at) VALUES (?, ?)",
                (name, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )
        now_applied.append(name)
    return now_applied
