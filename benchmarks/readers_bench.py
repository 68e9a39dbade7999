"""Reader throughput per format, MinHash cost, and near-duplicate separation.

    python benchmarks/readers_bench.py [--n 300]

Generates reports (~800 words from a fixed vocabulary of claim and filler
sentences) as .txt, .html, .json, .jsonl and an RSS feed in a temp directory,
reads each with ``iter_reports`` and prints reports/s; then times ``signature``
and prints similarity of edited copies against different stories.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from parley.ingest import iter_reports
from parley.ingest.identity import DUPLICATE_THRESHOLD, lsh_bands, minhash, signature, similarity
from parley.ingest.report import Report

ACTORS = ["Moscow", "Kyiv", "The Kremlin", "Ukraine's foreign minister", "A Russian negotiator", "Washington"]
ACTS = ["demanded", "proposed", "rejected", "insisted on", "offered", "ruled out"]
THINGS = ["a ceasefire along the front line", "a withdrawal from the occupied regions", "neutral status",
          "security guarantees", "a prisoner exchange", "a freeze of the conflict", "talks in Istanbul"]
FILLER = ["Officials met in the capital on {d}.", "The weather in the region was cold and wet.",
          "Analysts said the statement was aimed at a domestic audience.", "Shelling continued overnight.",
          "Markets reacted calmly to the news.", "A spokesperson declined to comment on {d}.",
          "The meeting lasted about {n} hours, participants said.", "Grain exports rose by {n} percent."]


def make_story(rng: random.Random, words: int = 800) -> list[str]:
    paragraphs, count = [], 0
    while count < words:
        sents = []
        for _ in range(rng.randint(2, 4)):
            if rng.random() < 0.3:
                s = f"{rng.choice(ACTORS)} {rng.choice(ACTS)} {rng.choice(THINGS)}."
            else:
                s = rng.choice(FILLER).format(d=f"March {rng.randint(1, 28)}", n=rng.randint(2, 90))
            sents.append(s)
        p = " ".join(sents)
        paragraphs.append(p)
        count += len(p.split())
    return paragraphs


def write_corpus(root: Path, n: int, rng: random.Random) -> dict[str, list[Path]]:
    stories = [make_story(rng) for _ in range(n)]
    files: dict[str, list[Path]] = {"text": [], "html": [], "json": [], "jsonl": [], "rss": []}
    for i, s in enumerate(stories):
        body = "\n\n".join(s)
        p = root / f"r{i}.txt"
        p.write_text(f"---\ntitle: Report {i}\ndate: 2024-03-{i % 28 + 1:02d}\noutlet: Wire\n---\n{body}")
        files["text"].append(p)
        h = root / f"r{i}.html"
        paras = "".join(f"<p>{escape(x)}</p>" for x in s)
        h.write_text(f"<html><head><title>Report {i}</title><meta property='og:site_name' content='Wire'>"
                     f"<meta property='article:published_time' content='2024-03-05'></head><body>"
                     f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Report {i}</h1>"
                     f"{paras}</article><footer>Copyright</footer></body></html>")
        files["html"].append(h)
    records = [{"title": f"Report {i}", "body": "\n\n".join(s), "published_at": "2024-03-05", "source": "Wire"}
               for i, s in enumerate(stories)]
    j = root / "all.json"
    j.write_text(json.dumps({"articles": records}))
    files["json"].append(j)
    jl = root / "all.jsonl"
    jl.write_text("\n".join(json.dumps(r) for r in records))
    files["jsonl"].append(jl)
    items = "".join(f"<item><title>Report {i}</title><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>"
                    f"<description>{escape(''.join(f'<p>{x}</p>' for x in s))}</description></item>"
                    for i, s in enumerate(stories))
    rss = root / "all.rss"
    rss.write_text(f"<?xml version='1.0' encoding='utf-8'?><rss><channel><title>Wire</title>{items}</channel></rss>")
    files["rss"].append(rss)
    return files


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--big-mb", type=int, default=0, help="also stream a JSON-lines file of this size")
    args = ap.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        files = write_corpus(Path(tmp), args.n, rng)
        print(f"{'format':8s} {'reports':>8s} {'reports/s':>10s}")
        bodies: list[str] = []
        for fmt, paths in files.items():
            t0 = time.perf_counter()
            out = list(iter_reports(paths))
            dt = time.perf_counter() - t0
            ok = [r for r in out if isinstance(r, Report)]
            print(f"{fmt:8s} {len(ok):8d} {len(ok) / dt:10.0f}")
            if fmt == "text":
                bodies = [r.body for r in ok]
    minhash(bodies[0])  # the first MinHash object imports datasketch (~0.7 s): not a per-report cost
    t0 = time.perf_counter()
    [lsh_bands(signature(b)) for b in bodies]
    per = (time.perf_counter() - t0) / len(bodies) * 1000
    print(f"signature+bands (what ingest computes): {per:.2f} ms per ~800-word report")
    sigs = [minhash(b) for b in bodies]

    copies, different = [], []
    for i, b in enumerate(bodies[:100]):
        paras = b.split("\n\n")
        edited = paras[:]
        del edited[rng.randrange(len(edited))]  # a dropped paragraph
        edited[0] = "By Staff Reporter. " + edited[0]  # a byline
        k = rng.randrange(len(edited))
        edited[k] = edited[k].replace("said", "told reporters", 1)  # a reworded sentence
        copies.append(similarity(sigs[i], minhash("\n\n".join(edited))))
        different.append(similarity(sigs[i], sigs[(i + 1) % len(sigs)]))
    print(f"edited copies:     min {min(copies):.3f}  median {statistics.median(copies):.3f}")
    print(f"different stories: max {max(different):.3f}  median {statistics.median(different):.3f}")
    print(f"threshold {DUPLICATE_THRESHOLD}: copies grouped {sum(c >= DUPLICATE_THRESHOLD for c in copies)}/{len(copies)},"
          f" different grouped {sum(d >= DUPLICATE_THRESHOLD for d in different)}/{len(different)}")


    if args.big_mb:
        stream_big_jsonl(args.big_mb, rng)


def stream_big_jsonl(megabytes: int, rng: random.Random) -> None:
    """Peak memory while streaming a JSON-lines export larger than the per-file limit."""
    import resource

    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "big.jsonl"
        line = json.dumps({"title": "t", "body": "\n\n".join(make_story(rng)), "date": "2024-03-05"}) + "\n"
        with p.open("w") as fh:
            for _ in range(megabytes * 1024 * 1024 // len(line) + 1):
                fh.write(line)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t0 = time.perf_counter()
        count = sum(1 for r in iter_reports([p]) if isinstance(r, Report))
        secs = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"streamed {p.stat().st_size / 1e6:.0f} MB JSONL: {count} reports in {secs:.1f} s, "
              f"peak RSS {before:.0f} -> {after:.0f} MB")


if __name__ == "__main__":
    main()
