"""Response time of each dashboard page over a store of 100,000 claims.

    python benchmarks/web_bench.py [--claims 100000] [--db /tmp/web_bench.db]

Builds (once) a synthetic store with Store.add_report and hand-made claims,
then times each page in-process (FastAPI TestClient), HTML and JSON, and
prints the first (cold) request and the median of the next 5 (warm: the app
caches page data until the database changes). Target: under 300 ms each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
import warnings
from pathlib import Path

from parley.dossier import load_dossier
from parley.extract.records import Claim, ControlFact, Extraction
from parley.ingest.report import Report
from parley.store.db import Store

PER_REPORT = 10


def build(path: Path, n_claims: int) -> None:
    d = load_dossier()
    rng = random.Random(7)
    parties = ["RU", "UA", "US", "EUROPE", "NATO", "CN", "TR"]
    issues = [i for i in d.issues if i.outcomes]
    regions = [r.code for r in d.regions] or ["UA-14"]
    store = Store(path)
    day0 = dt.date(2022, 3, 1)
    for n in range(n_claims // PER_REPORT):
        sentences, claims = [], []
        pos = 0
        for k in range(PER_REPORT):
            actor, issue = rng.choice(parties), rng.choice(issues)
            outcome = rng.choice(issue.outcomes).code
            s = f"Report {n} item {k}: {actor} position on {issue.code} is {outcome}."
            claims.append(Claim(doc=f"r{n}", start=pos, end=pos + len(s), text=s, actor=actor,
                                act=rng.choice(("demand", "propose", "reject")), issue=issue.code,
                                outcome=outcome,
                                regions=(rng.choice(regions),) if issue.regional else (),
                                hedged=rng.random() < 0.1, conditional=False, when=None,
                                source_kind="named", source_count=None, source=None, rule="bench",
                                sentence_start=pos, sentence_end=pos + len(s)))
            sentences.append(s)
            pos += len(s) + 1
        text = " ".join(sentences)
        date = day0 + dt.timedelta(days=n * 1000 // (n_claims // PER_REPORT))
        rep = Report(text=text, doc=f"r{n}.txt", body_start=0, title=f"Report {n}", date=date,
                     outlet=f"Outlet {n % 40}", url=f"https://example.org/{n}", path=None,
                     format="text", meta={})
        controls = (ControlFact(doc=f"r{n}", start=0, end=5, text=text[:5], holder="RU",
                                regions=(rng.choice(regions),), share=rng.random(),
                                source_kind="named", source_count=None, source=None, rule="bench",
                                when=None),) if n % 50 == 0 else ()
        store.add_report(rep, Extraction(doc=f"r{n}", claims=tuple(claims), controls=controls,
                                         warnings=()))
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--db", default="/tmp/parley_web_bench.db")
    args = ap.parse_args()
    path = Path(args.db)
    if not path.exists():
        t = time.perf_counter()
        build(path, args.claims)
        print(f"built {args.claims} claims in {time.perf_counter() - t:.1f}s -> {path}")
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

    from parley.web import create_app

    client = TestClient(create_app(path))
    n = client.get("/claims.json").json()["total"]
    mid = client.get("/claims.json?order=id").json()["claims"][0]["report_id"]
    pages = ["/", "/?as_of=2023-06-01", "/issue/territory", "/party/RU", "/map?party=RU",
             f"/report/{mid}", "/claims", "/claims?actor=UA&issue=territory&order=date&page=3",
             "/search?q=ceasefire", "/brief", "/brief?since=2024-01-01&until=2024-03-01",
             "/brief?since=2023-01-01&until=2023-12-31", "/brief?since=2022-01-01&until=2025-01-01",
             "/upload"]
    print(f"{n} claims in store; ms: first request (cold, wall and CPU: CPU is steadier on a"
          " busy machine), then median of 5 (warm)")
    print(f"{'page':55} {'cold':>8} {'cpu':>8} {'html':>8} {'json':>8}")
    worst_cold = worst_warm = 0.0
    for url in pages:
        t, c = time.perf_counter(), time.process_time()
        r = client.get(url)
        cold, cpu = (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000
        assert r.status_code == 200, (url, r.status_code, r.text[:200])
        row = []
        for accept in ("text/html", "application/json"):
            times = []
            for _ in range(5):
                t = time.perf_counter()
                r = client.get(url, headers={"Accept": accept})
                times.append((time.perf_counter() - t) * 1000)
                assert r.status_code == 200, (url, r.status_code, r.text[:200])
            row.append(statistics.median(times))
        worst_cold, worst_warm = max(worst_cold, cold), max(worst_warm, *row)
        print(f"{url:55} {cold:8.1f} {cpu:8.1f} {row[0]:8.1f} {row[1]:8.1f}")
    print(f"worst cold: {worst_cold:.1f} ms; worst warm: {worst_warm:.1f} ms (target < 300 ms)")


if __name__ == "__main__":
    main()
