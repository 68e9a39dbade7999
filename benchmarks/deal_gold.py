"""Deals and forecast on the gold-annotated open corpus and seeds (../shared).

The extractor is bypassed: the store is filled with the gold claims and control
facts (an "oracle" extractor), so the figures show what the deal layer makes of
a correct record, and how long it takes.

    python benchmarks/deal_gold.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time
from pathlib import Path

from parley.deal import evaluate_deal, forecast, load_deal
from parley.deal.render import forecast_rows
from parley.dossier import load_dossier
from parley.extract.records import Claim, ControlFact, Extraction
from parley.ingest.files import read_text_report
from parley.store.db import Store

ROOT = Path(__file__).resolve().parents[1]


def build(store: Store, shared: Path) -> tuple[int, int, int]:
    docs = claims = controls = 0
    for gold, folder in (("open.jsonl", "corpus-open"), ("seeds.jsonl", "seeds")):
        for line in (shared / "gold" / gold).read_text(encoding="utf-8").splitlines():
            g = json.loads(line)
            path = shared / folder / g["doc"]
            if not path.exists():
                continue
            report = read_text_report(path, date=dt.date.fromisoformat(g["date"]) if g.get("date") else None)
            text = report.text

            def span(quote: str, text: str = text, body: int = report.body_start) -> tuple[int, int]:
                i = text.find(quote)
                return (i, i + len(quote)) if i >= 0 else (body, body + 1)

            cs = []
            for c in g["claims"]:
                if c.get("optional"):
                    continue
                s, e = span(c["quote"])
                cs.append(Claim(doc=g["doc"], start=s, end=e, text=text[s:e], actor=c["actor"],
                                act=c["act"], issue=c["issue"], outcome=c.get("outcome"),
                                regions=tuple(c.get("regions") or ()), hedged=c["hedged"],
                                conditional=c["conditional"], when=c.get("when"),
                                source_kind=c["source_kind"], source_count=c.get("source_count"),
                                rule="gold"))
            fs = []
            for f in g.get("control") or []:
                s, e = span(f["quote"])
                fs.append(ControlFact(doc=g["doc"], start=s, end=e, text=text[s:e], holder=f["holder"],
                                      regions=tuple(f["regions"]), share=f["share"], rule="gold"))
            store.add_report(report, Extraction(doc=g["doc"], claims=tuple(cs), controls=tuple(fs)))
            docs, claims, controls = docs + 1, claims + len(cs), controls + len(fs)
    return docs, claims, controls


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    args = ap.parse_args()
    dossier = load_dossier(None)
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "gold.db")
        t = time.perf_counter()
        docs, claims, controls = build(store, Path(args.shared))
        print(f"store: {docs} reports, {claims} gold claims, {controls} control facts "
              f"({time.perf_counter() - t:.2f} s)")
        for path in sorted((ROOT / "examples" / "deals").glob("*.yaml")):
            deal = load_deal(path, dossier=dossier)
            t = time.perf_counter()
            ev = evaluate_deal(store, deal, dossier=dossier, as_of="2026-01-01")
            ms = (time.perf_counter() - t) * 1000
            print(f"\n{deal.title}: {len(ev.verdicts)} verdicts in {ms:.0f} ms; "
                  f"unproposed {len(ev.unproposed)}/{sum(len(x.regions) or 1 for x in deal.terms)}")
            for s in ev.summaries:
                print(f"  {s.party:7} met {s.meets_demand} acceptable {s.acceptable} "
                      f"against {s.moves_against} red lines {s.red_line} none {s.no_position}")
            if ev.territory:
                tr = ev.territory
                print(f"  territory: to RU {tr.km2_to_ru:,.0f} km² / {tr.population_to_ru:,} people; "
                      f"to UA {tr.km2_to_ua:,.0f} km²; not counted: {', '.join(tr.unknown) or 'none'}")
                for a in tr.assumptions[:3]:
                    print(f"    - {a}")
            for c in ev.caps:
                print(f"  army cap: {c.text}")
        t = time.perf_counter()
        fcs = forecast(store, dossier=dossier, as_of="2026-01-01")
        print(f"\nforecast: {len(fcs)} issues in {(time.perf_counter() - t) * 1000:.0f} ms")
        for row in forecast_rows(fcs):
            if row["actors"]:
                print(f"  {row['issue']:16} actors {row['actors']} mean {row['weighted_mean']} "
                      f"EU {row['eu_forecast']} ({row['nearest_outcome']}, {row['rounds']} rounds, {row['stop']})\n"
                      f"      {row['sensitivity']}")
        store.close()


if __name__ == "__main__":
    main()
