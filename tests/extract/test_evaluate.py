"""The scorer follows the guidelines' Scoring section, on tiny hand-made gold files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parley.errors import InputError
from parley.extract.evaluate import evaluate, load_gold
from parley.extract.records import Claim, ControlFact, Extraction

TEXT = (
    "Putin demands that Ukraine leave Donbas. Kyiv rejects the demand.\n"
    "Russia controls about 88% of Donbas and 73% of Kherson.\n"
)
S1 = TEXT.index("Putin")
S2 = TEXT.index("Kyiv")
S3 = TEXT.index("Russia controls")


def claim(start: int, actor: str, act: str, issue: str, **kw) -> Claim:
    end = TEXT.index(".", start) + 1
    return Claim(doc="a.txt", start=start, end=end, text=TEXT[start:end], actor=actor, act=act,
                 issue=issue, **kw)


def gold_claim(quote: str, actor: str, act: str, issue: str, **kw) -> dict:
    base = {"quote": quote, "actor": actor, "act": act, "issue": issue, "outcome": None,
            "regions": [], "hedged": False, "conditional": False, "when": None,
            "source_kind": "outlet", "source_count": None}
    return {**base, **kw}


def score(tmp_path: Path, gold_claims: list[dict], predicted: list[Claim],
          controls_gold: list[dict] | None = None, controls: list[ControlFact] | None = None):
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "a.txt").write_text(TEXT, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "a.txt", "date": "2025-08-21", "claims": gold_claims,
                                "control": controls_gold or []}) + "\n", encoding="utf-8")

    def extract(path: Path, date: str | None):
        return TEXT, 0, Extraction("a.txt", tuple(predicted), tuple(controls or ()))

    return evaluate(gold, tmp_path / "docs", extract=extract)


def test_match_needs_same_sentence_actor_act_and_issue(tmp_path: Path) -> None:
    gold = [gold_claim("leave Donbas", "RU", "demand", "territory"),
            gold_claim("rejects the demand", "UA", "reject", "territory")]
    pred = [claim(S1, "RU", "demand", "territory"),      # tp
            claim(S2, "UA", "demand", "territory"),      # wrong act: fp (and the gold is fn)
            claim(S2, "RU", "reject", "territory")]      # wrong actor: fp
    r = score(tmp_path, gold, pred)
    assert (r.claims.tp, r.claims.fp, r.claims.fn) == (1, 2, 1)
    assert r.claims.precision == pytest.approx(1 / 3)
    assert r.claims.recall == pytest.approx(1 / 2)


def test_claim_in_another_sentence_does_not_match(tmp_path: Path) -> None:
    r = score(tmp_path, [gold_claim("leave Donbas", "RU", "demand", "territory")],
              [claim(S2, "RU", "demand", "territory")])
    assert (r.claims.tp, r.claims.fp, r.claims.fn) == (0, 1, 1)


def test_same_key_in_one_sentence_counts_once(tmp_path: Path) -> None:
    gold = [gold_claim("Putin demands", "RU", "demand", "territory"),
            gold_claim("leave Donbas", "RU", "demand", "territory")]
    pred = [claim(S1, "RU", "demand", "territory"), claim(S1 + 6, "RU", "demand", "territory")]
    r = score(tmp_path, gold, pred)
    assert (r.claims.tp, r.claims.fp, r.claims.fn) == (1, 0, 0)


def test_optional_gold_is_left_out_on_both_sides(tmp_path: Path) -> None:
    gold = [gold_claim("leave Donbas", "RU", "demand", "territory"),
            gold_claim("rejects the demand", "UA", "reject", "territory", optional=True)]
    found = score(tmp_path, gold, [claim(S1, "RU", "demand", "territory"),
                                   claim(S2, "UA", "reject", "territory")])
    missed = score(tmp_path, gold, [claim(S1, "RU", "demand", "territory")])
    for r in (found, missed):
        assert (r.claims.tp, r.claims.fp, r.claims.fn) == (1, 0, 0)


def test_attribute_agreement_is_scored_on_matched_claims_only(tmp_path: Path) -> None:
    gold = [gold_claim("leave Donbas", "RU", "demand", "territory", outcome="ru_control",
                       regions=["UA-14", "UA-09"], when="past", source_kind="named"),
            gold_claim("rejects the demand", "UA", "reject", "territory", hedged=True)]
    pred = [claim(S1, "RU", "demand", "territory", outcome="ru_control",
                  regions=("UA-09", "UA-14"), when=None, source_kind="outlet")]
    r = score(tmp_path, gold, pred)
    agreement = r.attribute_agreement()
    assert agreement["regions"] == 1.0  # a set: order does not matter
    assert agreement["outcome"] == 1.0
    assert agreement["when"] == 0.0
    assert agreement["source_kind"] == 0.0
    assert agreement["hedged"] == 1.0  # the unmatched hedged gold claim is not counted
    assert [e.kind for e in r.errors].count("attribute") == 1


def test_per_issue_breakdown(tmp_path: Path) -> None:
    gold = [gold_claim("leave Donbas", "RU", "demand", "territory"),
            gold_claim("leave Donbas", "RU", "demand", "neutrality")]
    r = score(tmp_path, gold, [claim(S1, "RU", "demand", "territory"),
                               claim(S2, "UA", "reject", "sanctions")])
    assert (r.per_issue["territory"].tp, r.per_issue["neutrality"].fn,
            r.per_issue["sanctions"].fp) == (1, 1, 1)


def fact(holder: str, regions: tuple[str, ...], share: float, start: int = S3) -> ControlFact:
    return ControlFact(doc="a.txt", start=start, end=start + 20, text=TEXT[start:start + 20],
                       holder=holder, regions=regions, share=share)


@pytest.mark.parametrize(
    ("predicted", "counts"),
    [
        ([fact("RU", ("UA-09", "UA-14"), 0.88)], (1, 0, 0)),
        ([fact("RU", ("UA-14", "UA-09"), 0.875)], (1, 0, 0)),   # within 0.01
        ([fact("RU", ("UA-14", "UA-09"), 0.86)], (0, 1, 1)),    # share off by 0.02
        ([fact("UA", ("UA-14", "UA-09"), 0.88)], (0, 1, 1)),    # holder differs
        ([fact("RU", ("UA-14",), 0.88)], (0, 1, 1)),            # region set differs
        ([fact("RU", ("UA-14", "UA-09"), 0.88, start=S1)], (0, 1, 1)),  # other sentence
    ],
)
def test_control_facts_match_on_holder_span_regions_and_share(tmp_path: Path, predicted,
                                                              counts) -> None:
    gold = [{"quote": "Russia controls about 88% of Donbas", "holder": "RU",
             "regions": ["UA-14", "UA-09"], "share": 0.88}]
    r = score(tmp_path, [], [], gold, predicted)
    assert (r.control.tp, r.control.fp, r.control.fn) == counts


def test_missing_document_counts_its_gold_as_missed(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "gone.txt", "claims": [
        gold_claim("x", "RU", "demand", "territory"),
        gold_claim("y", "RU", "demand", "talks", optional=True)]}) + "\n")
    (tmp_path / "docs").mkdir()
    r = evaluate(gold, tmp_path / "docs", extract=lambda p, d: ("", 0, Extraction("", (), ())))
    assert (r.claims.fn, len(r.problems)) == (1, 1)


def test_malformed_gold_line_names_file_and_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc": "a.txt", "claims": []}\n{not json\n')
    with pytest.raises(InputError) as exc:
        load_gold(gold)
    assert "gold.jsonl:2" in str(exc.value)
