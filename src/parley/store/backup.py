"""Backup: export every stored row (reports, claims, controls, corrections...) and restore it.

* ``jsonl``: one file; a header line, then ``{"table": ..., "row": {...}}`` per row.
* ``csv`` / ``parquet``: a directory with one file per table and ``manifest.json``.

Import into an empty database restores it exactly (same ids, same
corrections), so a restored database replays corrections like the original.
CSV cannot tell an empty string from NULL: it reads empty cells as NULL.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import json
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from parley.errors import InputError, UsageError
from parley.store.db import Store
from parley.store.migrations import applied

EXPORT_VERSION = 1
# Parents before children, so foreign keys hold while restoring.
TABLES = ("outlets", "runs", "stories", "reports", "report_bands", "claims", "control_facts", "corrections")
FORMATS = ("jsonl", "csv", "parquet")
_CHUNK = 2000


@dataclass(frozen=True)
class BackupSummary:
    path: str
    format: str
    rows: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "format": self.format, **self.rows}


def _columns(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    return [(r[1], (r[2] or "").upper()) for r in conn.execute(f"PRAGMA table_info({table})")]


def _rows(conn: sqlite3.Connection, table: str) -> Iterator[sqlite3.Row]:
    yield from conn.execute(f"SELECT * FROM {table} ORDER BY rowid")


def _manifest(store: Store) -> dict[str, Any]:
    return {
        "parley_export": EXPORT_VERSION,
        "migrations": applied(store.conn),
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "tables": list(TABLES),
    }


def _json_value(v: Any) -> Any:
    return {"$base64": base64.b64encode(v).decode("ascii")} if isinstance(v, bytes) else v


def export_db(store: Store, out: str | Path | None = None, *, fmt: str = "jsonl",
              stream: IO[str] | None = None) -> BackupSummary:
    """Write the whole database to ``out`` (a file for jsonl, a directory for csv/parquet).

    jsonl with no ``out`` writes to ``stream`` (standard output by default).
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    counts: dict[str, int] = {}
    conn = store.conn
    conn.execute("BEGIN")  # one consistent snapshot even while others write
    try:
        if fmt == "jsonl":
            fh: IO[str] = open(out, "w", encoding="utf-8") if out else (stream or sys.stdout)  # noqa: SIM115
            try:
                fh.write(json.dumps(_manifest(store)) + "\n")
                for table in TABLES:
                    n = 0
                    for row in _rows(conn, table):
                        data = {k: _json_value(row[k]) for k in row.keys()}  # noqa: SIM118 (sqlite3.Row iterates values)
                        fh.write(json.dumps({"table": table, "row": data}, ensure_ascii=False) + "\n")
                        n += 1
                    counts[table] = n
            finally:
                if out:
                    fh.close()
        else:
            if out is None:
                raise UsageError(f"--format {fmt} writes a directory", hint="give one with -o DIR")
            folder = Path(out)
            folder.mkdir(parents=True, exist_ok=True)
            for table in TABLES:
                writer = _write_csv if fmt == "csv" else _write_parquet
                counts[table] = writer(conn, table, folder / f"{table}.{fmt}")
            (folder / "manifest.json").write_text(json.dumps({**_manifest(store), "format": fmt}, indent=2))
    finally:
        conn.execute("COMMIT")
    return BackupSummary(str(out or "-"), fmt, counts)


def _write_csv(conn: sqlite3.Connection, table: str, path: Path) -> int:
    cols = [c for c, _ in _columns(conn, table)]
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(cols)
        for row in _rows(conn, table):
            w.writerow([base64.b64encode(v).decode() if isinstance(v, bytes) else v for v in row])
            n += 1
    return n


def _arrow_schema(conn: sqlite3.Connection, table: str) -> Any:
    import pyarrow as pa

    kinds = {"INTEGER": pa.int64(), "REAL": pa.float64(), "BLOB": pa.binary()}
    return pa.schema([(c, kinds.get(t, pa.string())) for c, t in _columns(conn, table)])


def _write_parquet(conn: sqlite3.Connection, table: str, path: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError("parquet export needs pyarrow", hint="pip install pyarrow") from None
    schema = _arrow_schema(conn, table)
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        cur = conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
        while batch := cur.fetchmany(_CHUNK):
            cols = list(zip(*batch, strict=True))
            writer.write_table(pa.table([list(c) for c in cols], schema=schema))
            n += len(batch)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n


# -- import -------------------------------------------------------------------
def _check_manifest(manifest: dict[str, Any], source: str, store: Store) -> None:
    if manifest.get("parley_export") != EXPORT_VERSION:
        raise InputError(source, "not a parley export (no parley_export header)")
    known = set(applied(store.conn))
    unknown = [m for m in manifest.get("migrations", []) if m not in known]
    if unknown:
        raise InputError(source, f"export made by a newer parley (schema {unknown[-1]})",
                         hint="upgrade parley, then import")


def _jsonl_rows(path: Path, store: Store) -> Iterator[tuple[str, dict[str, Any]]]:
    with path.open(encoding="utf-8") as fh:
        first = fh.readline()
        try:
            _check_manifest(json.loads(first or "{}"), str(path), store)
        except json.JSONDecodeError:
            raise InputError(str(path), "line 1: not a parley export (bad JSON)") from None
        for lineno, line in enumerate(fh, start=2):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                table, row = rec["table"], rec["row"]
            except (json.JSONDecodeError, KeyError, TypeError):
                raise InputError(str(path), f"line {lineno}: not an export record") from None
            if table not in TABLES:
                raise InputError(str(path), f"line {lineno}: unknown table {table!r}")
            yield table, {k: base64.b64decode(v["$base64"]) if isinstance(v, dict) else v
                          for k, v in row.items()}


def _dir_rows(folder: Path, store: Store) -> Iterator[tuple[str, dict[str, Any]]]:
    mpath = folder / "manifest.json"
    if not mpath.exists():
        raise InputError(str(folder), "not a parley export (no manifest.json)")
    manifest = json.loads(mpath.read_text(encoding="utf-8"))
    _check_manifest(manifest, str(folder), store)
    fmt = manifest.get("format", "csv")
    for table in TABLES:
        path = folder / f"{table}.{fmt}"
        if not path.exists():
            raise InputError(str(path), "missing from the export")
        types = dict(_columns(store.conn, table))
        if fmt == "parquet":
            import pyarrow.parquet as pq

            pf = pq.ParquetFile(path)
            for batch in pf.iter_batches(batch_size=_CHUNK):
                for row in batch.to_pylist():
                    yield table, row
        else:
            with path.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    yield table, {k: _from_csv(v, types.get(k, "")) for k, v in row.items()}


def _from_csv(value: str, kind: str) -> Any:
    if value == "":
        return None
    if kind == "BLOB":
        return base64.b64decode(value)
    if kind == "INTEGER":
        return int(value)
    if kind == "REAL":
        return float(value)
    return value


def import_db(store: Store, source: str | Path) -> BackupSummary:
    """Restore an export into an empty database, in one transaction (all or nothing)."""
    path = Path(source)
    if not path.exists():
        raise InputError(str(path), "no such file or directory")
    if store.conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]:
        raise UsageError(f"{store.path}: database is not empty", hint="import into a new --db file")
    rows = _dir_rows(path, store) if path.is_dir() else _jsonl_rows(path, store)
    counts = {t: 0 for t in TABLES}
    fmt = "jsonl"
    if path.is_dir():
        fmt = json.loads((path / "manifest.json").read_text(encoding="utf-8")).get("format", "csv")
    with store.transaction() as conn:
        conn.execute("DELETE FROM runs")  # runs recorded by an empty database are not part of it
        sql_cache: dict[tuple[str, tuple[str, ...]], str] = {}
        for table, row in rows:
            key = (table, tuple(row))
            sql = sql_cache.get(key)
            if sql is None:
                cols = ", ".join(f'"{c}"' for c in row)
                sql = sql_cache[key] = f"INSERT INTO {table}({cols}) VALUES ({','.join('?' * len(row))})"
            try:
                conn.execute(sql, list(row.values()))
            except sqlite3.Error as exc:
                raise InputError(str(path), f"{table} row {row.get('id', '?')}: {exc}") from None
            counts[table] += 1
        conn.execute("INSERT INTO reports_fts(rowid, title, text) SELECT id, title, text FROM reports")
    return BackupSummary(str(path), fmt, counts)
