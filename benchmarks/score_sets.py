"""Score the extractor on every evaluation set there is, in one table.

    python benchmarks/score_sets.py            # table
    python benchmarks/score_sets.py --json     # one JSON object per set

Sets: the seeds and the open corpus from ../shared (skipped when it is absent),
the project's news sets in tests/data (newsdev split into its development and
held-out halves, newsheld, newsheld2). For each: claims P/R/F1 with counts,
control-fact F1 and the attribute agreement on matched claims. Which sets are
held out from rule writing is said in each set's README; this script only
measures.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from parley.dossier import load_dossier
from parley.extract.evaluate import evaluate_extractor

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = ROOT / "tests" / "data"


def sets() -> list[tuple[str, Path, Path, str | None]]:
    """(name, gold file, docs dir, half) for every set found; half is odd/even/None."""
    found = [
        ("seeds", SHARED / "gold" / "seeds.jsonl", SHARED / "seeds", None),
        ("open corpus", SHARED / "gold" / "open.jsonl", SHARED / "corpus-open", None),
        ("newsdev dev half", DATA / "newsdev" / "gold.jsonl", DATA / "newsdev" / "docs", "odd"),
        ("newsdev held-out half", DATA / "newsdev" / "gold.jsonl", DATA / "newsdev" / "docs", "even"),
        ("newsheld", DATA / "newsheld" / "gold.jsonl", DATA / "newsheld" / "docs", None),
        ("newsheld2 (held out)", DATA / "newsheld2" / "gold.jsonl", DATA / "newsheld2" / "docs", None),
    ]
    return [s for s in found if s[1].exists() and s[2].is_dir()]


def score(gold: Path, docs: Path, half: str | None, dossier) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        if half is not None:
            lines = [line for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()
                     and (int(json.loads(line)["doc"][:3]) % 2 == 1) == (half == "odd")]
            gold = Path(tmp) / "gold.jsonl"
            gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = evaluate_extractor(gold, docs, dossier=dossier)
    c = result.claims
    return {
        "documents": result.documents, "precision": round(c.precision, 3), "recall": round(c.recall, 3),
        "f1": round(c.f1, 3), "tp": c.tp, "fp": c.fp, "fn": c.fn,
        "control_f1": round(result.control.f1, 3) if result.control.tp + result.control.fn else None,
        "attributes": {a: round(ok / n, 3) for a, (ok, n) in result.attributes.items() if n},
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true", help="one JSON object per set")
    args = ap.parse_args()
    dossier = load_dossier()
    found = sets()
    if not found:
        print("skipped: no evaluation set found")
        return 0
    if not args.json:
        print(f"{'set':24} {'docs':>4} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn     control  source  outcome")
    for name, gold, docs, half in found:
        r = score(gold, docs, half, dossier)
        if args.json:
            print(json.dumps({"set": name, **r}))
            continue
        attrs = r["attributes"]
        control = "-" if r["control_f1"] is None else f"{r['control_f1']:.3f}"
        print(f"{name:24} {r['documents']:>4} {r['precision']:>6.3f} {r['recall']:>6.3f} {r['f1']:>6.3f}"
              f"   {r['tp']}/{r['fp']}/{r['fn']:<6} {control:>7}  {attrs.get('source_kind', 0):.3f}"
              f"   {attrs.get('outcome', 0):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
