"""Ingest throughput, peak memory and database size on a generated corpus.

    python benchmarks/ingest_bench.py                 # 10,000 reports, 1 and 2 workers
    python benchmarks/ingest_bench.py --reports 1000  # a quick run

Reports are ~800 words: claim sentences of the kind the extractor looks for,
mixed with filler, with varied outlets, dates and URLs; about 5% are
syndicated near-copies (a few words changed, another outlet). Each
configuration runs in a fresh subprocess so peak memory (max RSS of the
process and of its worker processes) is its own. CPU milliseconds per report
(the writing process, and its workers together) are printed too: on a shared
machine they are a steadier comparison than reports/s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLAIMS = [
    "Russian President Vladimir Putin demanded that Ukraine withdraw its troops from the Donetsk region.",
    "Ukrainian President Volodymyr Zelensky rejected any ceasefire that would freeze the front line.",
    "The Kremlin said Russia would insist on Ukraine's neutrality and a legal ban on NATO membership.",
    "Kyiv proposed a full ceasefire in the air and at sea for thirty days.",
    "Foreign Minister Sergei Lavrov said Moscow rejects the deployment of European peacekeepers.",
    "Zelensky said Ukraine needs security guarantees from its partners before any agreement.",
    "US envoy Steve Witkoff proposed a meeting between the leaders in the coming weeks.",
    "Dmitry Peskov said the lifting of sanctions must be part of any settlement.",
    "Ukraine's foreign minister said Kyiv will never recognise Crimea as Russian.",
    "According to two officials familiar with the talks, Russia offered to freeze the line in Zaporizhzhia.",
]
FILLER = [
    "The talks took place behind closed doors and lasted several hours.",
    "Analysts cautioned that the positions of both sides remain far apart.",
    "Markets reacted calmly to the news, with the rouble little changed.",
    "The statement was published on the ministry's website late in the evening.",
    "Diplomats said further rounds were expected but gave no date.",
    "Residents of the frontline towns reported more shelling overnight.",
    "The delegation included military officers and economic advisers.",
    "Several European leaders welcomed the contacts but urged caution.",
    "Officials declined to comment on the details of the draft.",
    "The previous round ended without a joint declaration.",
]
OUTLETS = ["Wire One", "Daily Courier", "Evening Post", "Kyiv Ledger", "Moscow Review", "Global Desk",
           "Northern Times", "Harbor Herald"]


def make_report(rng: random.Random, i: int) -> tuple[str, list[str]]:
    sentences: list[str] = []
    while sum(len(s.split()) for s in sentences) < 800:
        pool = CLAIMS if rng.random() < 0.15 else FILLER
        s = rng.choice(pool)
        # vary wording so reports are not near-copies of each other
        sentences.append(s.replace("the", rng.choice(["the", "this", "that"]), 1) + f" Ref {i}-{len(sentences)}.")
    return " ".join(sentences), sentences


def generate(folder: Path, n: int, *, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    base = dt.date(2024, 1, 1)
    bodies: list[list[str]] = []
    for i in range(n):
        if bodies and rng.random() < 0.05:  # a syndicated near-copy of an earlier report
            sentences = list(rng.choice(bodies[-200:]))
            for _ in range(3):
                k = rng.randrange(len(sentences))
                sentences[k] = sentences[k].replace("said", "stated", 1)
            body = " ".join(sentences)
        else:
            body, sentences = make_report(rng, i)
            bodies.append(sentences)
        date = base + dt.timedelta(days=rng.randrange(600))
        outlet = rng.choice(OUTLETS)
        head = (f"---\ntitle: Report {i}\ndate: {date.isoformat()}\noutlet: {outlet}\n"
                f"url: https://{outlet.lower().replace(' ', '')}.example/{i}\n---\n")
        (folder / f"r{i:05d}.txt").write_text(head + body + "\n", encoding="utf-8")


def peak_rss_mb() -> float:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (self_kb + child_kb) / 1024  # main process + largest worker


def run_one(corpus: str, db: str, workers: int, extractor: str) -> None:
    import parley.store.ingest as ingest_mod
    from parley.extract.records import Extraction
    from parley.store import Store
    from parley.store.ingest import ingest

    if extractor == "none":  # measure the store alone (workers are forked: they inherit this)
        ingest_mod.extract_report = lambda r, dossier=None: Extraction(doc=r.doc, claims=(), controls=())

    t0, cpu0 = time.perf_counter(), time.process_time()
    with Store(db) as store:
        summary = ingest(store, [corpus], workers=workers)
    seconds, main_cpu = time.perf_counter() - t0, time.process_time() - cpu0
    children = os.times()  # the pool's workers have been joined: their CPU time is in
    n = max(summary.processed, 1)
    print(json.dumps({
        "workers": workers, "extractor": extractor, "reports": summary.processed, "new": summary.new,
        "duplicates": summary.duplicates, "failed": len(summary.failed), "claims": summary.claims,
        "seconds": round(seconds, 2), "reports_per_s": round(summary.processed / seconds, 1),
        "main_cpu_ms": round(main_cpu * 1000 / n, 2),
        "worker_cpu_ms": round((children.children_user + children.children_system) * 1000 / n, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1), "db_mb": round(os.path.getsize(db) / 1e6, 1),
    }))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--extractor", choices=["rules", "none"], nargs="+", default=["rules", "none"],
                    help="rules: the real extractor; none: no extraction (the store's own cost)")
    ap.add_argument("--run", nargs=4, metavar=("CORPUS", "DB", "WORKERS", "EXTRACTOR"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run:
        run_one(args.run[0], args.run[1], int(args.run[2]), args.run[3])
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        t0 = time.perf_counter()
        generate(corpus, args.reports)
        print(f"generated {args.reports} reports in {time.perf_counter() - t0:.1f}s")
        for ex, w in [(ex, w) for ex in args.extractor for w in args.workers]:
            db = Path(tmp) / f"bench-{ex}-{w}.db"
            out = subprocess.run([sys.executable, __file__, "--run", str(corpus), str(db), str(w), ex],
                                 capture_output=True, text=True, check=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"extractor={ex} workers={w}: {r['reports']} reports ({r['duplicates']} near-copies, "
                  f"{r['claims']} claims) in {r['seconds']}s = {r['reports_per_s']} reports/s; "
                  f"CPU per report {r['main_cpu_ms']} ms main + {r['worker_cpu_ms']} ms workers; "
                  f"peak RSS {r['peak_rss_mb']} MB; database {r['db_mb']} MB")


if __name__ == "__main__":
    main()
