"""Score the extractor on the two halves of the news-style set.

    python benchmarks/newsdev_halves.py

Odd-numbered reports are the development half, even-numbered ones are held
out (see tests/data/newsdev/README.md). Prints P/R/F1 for each half.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from parley.dossier import load_dossier
from parley.extract.evaluate import evaluate_extractor

HERE = Path(__file__).resolve().parent.parent / "tests" / "data" / "newsdev"


def halves(gold: Path) -> dict[str, list[str]]:
    parts: dict[str, list[str]] = {"dev (odd)": [], "held-out (even)": []}
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            number = int(json.loads(line)["doc"][:3])
            parts["dev (odd)" if number % 2 else "held-out (even)"].append(line)
    return parts


def main() -> int:
    if not (HERE / "gold.jsonl").exists():
        print(f"skipped: {HERE} not found")
        return 0
    dossier = load_dossier()
    for name, lines in halves(HERE / "gold.jsonl").items():
        with tempfile.TemporaryDirectory() as tmp:
            gold = Path(tmp) / "gold.jsonl"
            gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
            score = evaluate_extractor(gold, HERE / "docs", dossier=dossier).claims
            print(f"{name:16} P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}"
                  f"  (tp {score.tp}, fp {score.fp}, fn {score.fn})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
