"""Benchmark: positions, timeline, shifts, conflicts and the brief on a store of generated claims.

    python benchmarks/analysis_bench.py [--claims 1000000] [--db /tmp/parley-bench.db]

Fills a fresh store (10 claims per report, 11 parties x 25 issues, five years of
dates, 5% rejected by the analyst, syndicated stories) with plain SQL inserts,
then prints the median time of each analysis call over a few runs. Target: each
under 200 ms at 1,000,000 claims.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from parley.analysis import brief, conflicts, positions, shifts, timeline
from parley.dossier import load_dossier
from parley.store.dates import stance_date
from parley.store.db import Store

PER_REPORT = 10
REGIONS = ["UA-14", "UA-09", "UA-23", "UA-65", "UA-43"]


def fill(store: Store, n_claims: int, *, seed: int = 7) -> None:
    d = load_dossier()
    rng = random.Random(seed)
    parties = [p.code for p in d.parties]
    issues = [(i.code, i.outcome_codes() or [None], i.regional) for i in d.issues]
    start = dt.date(2021, 1, 1)
    conn = store.conn
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO outlets(id, name) VALUES (?, ?)", [(i, f"Outlet {i}") for i in range(1, 51)])
    n_reports = n_claims // PER_REPORT
    now = dt.datetime.now(dt.UTC).isoformat()
    reports, stories, claims = [], [], []
    story = 0
    for r in range(1, n_reports + 1):
        day = start + dt.timedelta(days=r * 1826 // n_reports)
        if rng.random() > 0.2 or story == 0:  # 20% are syndicated copies of the previous story
            story += 1
            stories.append((story, r, now))
        reports.append((r, f"id{r}", f"https://example.org/{r}", story, rng.randint(1, 50), f"r{r}.txt",
                        "text", day.isoformat(), f"report {r}", now))
        for k in range(PER_REPORT):
            code, outcomes, regional = rng.choice(issues)
            when = rng.choice([None] * 18 + ["past", (day - dt.timedelta(days=400)).isoformat()[:7]])
            regions = json.dumps(rng.sample(REGIONS, rng.randint(1, 3)) if regional else [])
            claims.append((
                r, "rejected" if rng.random() < 0.05 else "machine", f"f{r}-{k}", k, k + 1,
                f"quote {r}.{k}", rng.choice(parties), rng.choice(["demand", "propose", "reject"]),
                code, rng.choice(outcomes), regions, int(rng.random() < 0.2), int(rng.random() < 0.1),
                when, day.isoformat(), stance_date(when, day.isoformat()),
                rng.choice(["named", "anonymous", "outlet", "document"]),
            ))
        if len(claims) >= 100_000:
            _flush(conn, stories, reports, claims)
    _flush(conn, stories, reports, claims)
    conn.execute("COMMIT")
    conn.execute("ANALYZE")


def _flush(conn, stories, reports, claims) -> None:  # type: ignore[no-untyped-def]
    conn.executemany("INSERT INTO stories(id, first_report_id, created_at) VALUES (?,?,?)", stories)
    conn.executemany(
        "INSERT INTO reports(id, identity, url, story_id, outlet_id, doc, format, date, text, ingested_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)", reports)
    conn.executemany(
        'INSERT INTO claims(report_id, status, fingerprint, start, "end", text, actor, act, issue, outcome,'
        ' regions, hedged, conditional, "when", report_date, stance_date, source_kind)'
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", claims)
    stories.clear()
    reports.clear()
    claims.clear()


def timed(fn, runs: int = 5) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """Median wall and CPU milliseconds (CPU time is steadier on a busy machine)."""
    wall, cpu, size = [], [], 0
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        size = len(fn())
        wall.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return statistics.median(wall), statistics.median(cpu), size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--db", default=None, help="database file (reused if it already has claims)")
    args = ap.parse_args()
    path = Path(args.db or Path(tempfile.gettempdir()) / f"parley-bench-{args.claims}.db")
    store = Store(path)
    have = store.conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
    if have == 0:
        t0 = time.perf_counter()
        fill(store, args.claims)
        print(f"filled {args.claims:,} claims in {time.perf_counter() - t0:.1f} s -> {path}")
    else:
        print(f"reusing {path} ({have:,} claims)")
    d = load_dossier()
    cases = {
        "positions (all parties x issues)": lambda: positions(store, dossier=d),
        "positions --as-of 2023-06-30": lambda: positions(store, as_of="2023-06-30", dossier=d),
        "timeline RU territory (one year)": lambda: timeline(store, actor="RU", issue="territory",
                                                             since="2025-01-01"),
        "timeline RU territory UA-14 (all)": lambda: timeline(store, actor="RU", issue="territory",
                                                              region="UA-14"),
        "shifts one month": lambda: shifts(store, since="2025-06-01", until="2025-06-30", dossier=d),
        "conflicts (all issues)": lambda: conflicts(store, dossier=d),
        # the brief reads positions once and shares them with shifts and conflicts
        "brief one month": lambda: [brief(store, since="2025-06-01", until="2025-06-30", dossier=d)],
        "brief one year": lambda: [brief(store, since="2024-07-01", until="2025-06-30", dossier=d)],
    }
    print(f"{'call':<38} {'wall':>8}    {'cpu':>8}")
    for name, fn in cases.items():
        ms, cpu, size = timed(fn)
        print(f"{name:<38} {ms:8.1f} ms {cpu:8.1f} ms  ({size} rows)")
    store.close()


if __name__ == "__main__":
    main()
