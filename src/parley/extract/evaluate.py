"""Score extraction against a gold file, exactly as the guidelines' Scoring section says.

* A predicted claim matches a gold claim when both are in the same article,
  the predicted evidence span overlaps the gold quote's sentence, and
  ``actor``, ``act`` and ``issue`` are equal.
* Within one sentence, claims with the same (actor, act, issue) count once.
* Micro P/R/F1 over these keys across all articles; optional gold claims are
  left out on both sides (finding one is not rewarded, missing one is not
  penalised).
* On matched keys, each attribute (outcome, regions, hedged, conditional,
  when, source_kind) is scored as the share that agree.
* Control facts match on holder, overlapping span and equal region set, with
  ``share`` within 0.01.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.errors import InputError
from parley.extract.records import Claim, ControlFact, Extraction
from parley.extract.segment import Sentence, sentences

ATTRIBUTES: tuple[str, ...] = ("outcome", "regions", "hedged", "conditional", "when", "source_kind")

Key = tuple[int, str, str, str]  # (sentence index, actor, act, issue)


@dataclass(frozen=True)
class GoldDoc:
    doc: str
    date: str | None
    claims: tuple[dict[str, Any], ...]
    control: tuple[dict[str, Any], ...]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True)
class ScoringError:
    kind: str  # "miss" (gold not found), "extra" (predicted, not in gold), "attribute", "control-miss", "control-extra"
    doc: str
    sentence: str
    actor: str | None = None
    act: str | None = None
    issue: str | None = None
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items()}


@dataclass
class EvalResult:
    claims: Counts = field(default_factory=Counts)
    control: Counts = field(default_factory=Counts)
    per_issue: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    attributes: dict[str, list[int]] = field(
        default_factory=lambda: {a: [0, 0] for a in ATTRIBUTES}
    )  # attribute -> [agree, total]
    errors: list[ScoringError] = field(default_factory=list)
    documents: int = 0
    problems: list[str] = field(default_factory=list)  # gold quotes not found, missing docs

    def attribute_agreement(self) -> dict[str, float | None]:
        return {a: (ok / n if n else None) for a, (ok, n) in self.attributes.items()}

    def to_dict(self, *, errors: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "documents": self.documents,
            "claims": self.claims.to_dict(),
            "attributes": {
                a: (round(v, 4) if v is not None else None)
                for a, v in self.attribute_agreement().items()
            },
            "control": self.control.to_dict(),
            "per_issue": {k: v.to_dict() for k, v in sorted(self.per_issue.items())},
            "problems": list(self.problems),
        }
        if errors:
            out["errors"] = [e.to_dict() for e in self.errors]
        return out


def load_gold(path: str | Path) -> list[GoldDoc]:
    """Read a gold JSONL file; a malformed line raises InputError naming it."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(str(p), f"cannot read gold file: {exc.strerror or exc}") from None
    docs = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            docs.append(
                GoldDoc(
                    doc=d["doc"],
                    date=d.get("date"),
                    claims=tuple(d.get("claims") or ()),
                    control=tuple(d.get("control") or ()),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{p}:{n}", f"malformed gold record: {exc}") from None
    return docs


def _overlapping(sents: list[Sentence], start: int, end: int) -> list[int]:
    return [i for i, s in enumerate(sents) if s.start < max(end, start + 1) and start < s.end]


def _locate(text: str, quote: str, body_start: int, sents: list[Sentence]) -> int | None:
    pos = text.find(quote, body_start)
    if pos < 0:
        pos = text.find(quote)
    if pos < 0:
        return None
    hits = _overlapping(sents, pos, pos + len(quote))
    return hits[0] if hits else None


def _agree(attr: str, gold: dict[str, Any], pred: Claim) -> bool:
    g = gold.get(attr)
    p = getattr(pred, attr)
    if attr == "regions":
        return set(g or ()) == set(p or ())
    if attr in ("hedged", "conditional"):
        return bool(g) == bool(p)
    return g == p


def score_document(
    result: EvalResult,
    gold: GoldDoc,
    text: str,
    body_start: int,
    extraction: Extraction,
) -> None:
    """Add one article's counts to ``result``."""
    sents = sentences(text, start=body_start)
    result.documents += 1

    def sent_text(i: int) -> str:
        return text[sents[i].start : sents[i].end]

    required: dict[Key, list[dict[str, Any]]] = defaultdict(list)
    optional: set[Key] = set()
    for g in gold.claims:
        i = _locate(text, g["quote"], body_start, sents)
        if i is None:
            result.problems.append(f"{gold.doc}: gold quote not found: {g['quote'][:60]!r}")
            if not g.get("optional"):
                result.claims.fn += 1
                result.per_issue[g["issue"]].fn += 1
            continue
        key = (i, g["actor"], g["act"], g["issue"])
        if g.get("optional"):
            optional.add(key)
        else:
            required[key].append(g)
    optional -= set(required)

    predicted: dict[Key, list[Claim]] = defaultdict(list)
    for c in extraction.claims:
        cands = _overlapping(sents, c.start, c.end)
        keys = [(i, c.actor, c.act, c.issue) for i in cands]
        chosen = next((k for k in keys if k in required), None)
        if chosen is None and any(k in optional for k in keys):
            continue  # matches an optional gold claim: left out on both sides
        if chosen is None:
            chosen = keys[0] if keys else (-1, c.actor, c.act, c.issue)
        predicted[chosen].append(c)

    for key, preds in predicted.items():
        if key in required:
            result.claims.tp += 1
            result.per_issue[key[3]].tp += 1
            golds = required[key]
            best = max(
                ((g, p) for g in golds for p in preds),
                key=lambda gp: sum(_agree(a, gp[0], gp[1]) for a in ATTRIBUTES),
            )
            wrong = []
            for a in ATTRIBUTES:
                ok = _agree(a, best[0], best[1])
                result.attributes[a][0] += ok
                result.attributes[a][1] += 1
                if not ok:
                    wrong.append(f"{a}: gold {best[0].get(a)!r} vs {getattr(best[1], a)!r}")
            if wrong:
                result.errors.append(
                    ScoringError("attribute", gold.doc, sent_text(key[0]), *key[1:], "; ".join(wrong))
                )
        else:
            result.claims.fp += 1
            result.per_issue[key[3]].fp += 1
            p = preds[0]
            where = sent_text(key[0]) if key[0] >= 0 else p.text
            result.errors.append(
                ScoringError("extra", gold.doc, where, *key[1:], f"rule {p.rule}: {p.text[:80]!r}")
            )
    for key, golds in required.items():
        if key not in predicted:
            result.claims.fn += 1
            result.per_issue[key[3]].fn += 1
            result.errors.append(
                ScoringError("miss", gold.doc, sent_text(key[0]), *key[1:], f"quote: {golds[0]['quote']!r}")
            )

    _score_control(result, gold, text, body_start, sents, extraction.controls)


def _score_control(
    result: EvalResult,
    gold: GoldDoc,
    text: str,
    body_start: int,
    sents: list[Sentence],
    controls: Iterable[ControlFact],
) -> None:
    unmatched = list(controls)
    for g in gold.control:
        i = _locate(text, g["quote"], body_start, sents)
        hit = None
        if i is not None:
            s = sents[i]
            for p in unmatched:
                if (
                    p.holder == g["holder"]
                    and p.start < s.end
                    and s.start < max(p.end, p.start + 1)
                    and set(p.regions) == set(g["regions"])
                    and abs(p.share - float(g["share"])) <= 0.01 + 1e-9
                ):
                    hit = p
                    break
        if hit is not None:
            unmatched.remove(hit)
            result.control.tp += 1
        else:
            result.control.fn += 1
            result.errors.append(
                ScoringError(
                    "control-miss",
                    gold.doc,
                    text[sents[i].start : sents[i].end] if i is not None else g["quote"],
                    detail=f"{g['holder']} {g['regions']} {g['share']}",
                )
            )
    for p in unmatched:
        result.control.fp += 1
        result.errors.append(
            ScoringError("control-extra", gold.doc, p.text, detail=f"{p.holder} {list(p.regions)} {p.share}")
        )


def evaluate(
    gold_path: str | Path,
    docs_dir: str | Path,
    *,
    extract: Callable[[Path, str | None], tuple[str, int, Extraction]],
) -> EvalResult:
    """Score ``extract`` (path, gold date -> (text, body_start, extraction)) on a gold file."""
    result = EvalResult()
    docs_dir = Path(docs_dir)
    for gold in load_gold(gold_path):
        path = docs_dir / gold.doc
        if not path.exists():
            result.problems.append(f"{gold.doc}: not found in {docs_dir}")
            for g in gold.claims:
                if not g.get("optional"):
                    result.claims.fn += 1
                    result.per_issue[g["issue"]].fn += 1
            result.control.fn += len(gold.control)
            continue
        text, body_start, extraction = extract(path, gold.date)
        score_document(result, gold, text, body_start, extraction)
    return result


def evaluate_extractor(
    gold_path: str | Path, docs_dir: str | Path, *, dossier: Any = None
) -> EvalResult:
    """Score parley's own extractor on a gold file and the folder of its articles.

    The gold file's ``date`` stands in for the report date when the article
    carries none of its own.
    """
    import datetime as dt

    from parley.extract import extract_report
    from parley.ingest.files import read_text_report

    def run(path: Path, date: str | None) -> tuple[str, int, Extraction]:
        report = read_text_report(path)
        if report.date is None and date:
            report = read_text_report(path, date=dt.date.fromisoformat(date))
        return report.text, report.body_start, extract_report(report, dossier=dossier)

    return evaluate(gold_path, docs_dir, extract=run)
