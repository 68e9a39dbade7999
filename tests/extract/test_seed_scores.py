"""Gold-score regression: the extractor against the shared gold annotations."""

from __future__ import annotations

from pathlib import Path

from parley.extract.evaluate import evaluate_extractor

DATA = Path(__file__).resolve().parent.parent / "data"


def score_project_set(name: str, dossier):
    """The extractor on one of the project's own gold sets in tests/data (no problems)."""
    result = evaluate_extractor(DATA / name / "gold.jsonl", DATA / name / "docs", dossier=dossier)
    assert not result.problems
    return result


def test_seed_scores_reach_target(shared_dir, dossier) -> None:
    result = evaluate_extractor(
        shared_dir / "gold" / "seeds.jsonl", shared_dir / "seeds", dossier=dossier
    )
    assert result.claims.f1 >= 0.98
    assert result.claims.precision >= 0.97


def test_open_corpus_scores_do_not_regress(shared_dir, dossier) -> None:
    # target is 0.80, now reached (0.803); these floors guard it
    result = evaluate_extractor(
        shared_dir / "gold" / "open.jsonl", shared_dir / "corpus-open", dossier=dossier
    )
    assert result.claims.f1 >= 0.80
    assert result.claims.precision >= 0.94


def test_news_set_scores_do_not_regress(dossier) -> None:
    # the project's own news-style set (tests/data/newsdev); far from the news
    # targets (P 0.85, F1 0.75): these floors guard the current level
    result = score_project_set("newsdev", dossier)
    assert result.claims.f1 >= 0.67
    assert result.claims.precision >= 0.87
    assert result.control.f1 >= 0.9


def test_held_out_news_set_scores_do_not_regress(dossier) -> None:
    # tests/data/newsheld: 20 news-style reports written and annotated before the
    # extractor ran on them; held out until its first score (F1 0.40), a development
    # set since (F1 0.71 at P 0.89). These floors only catch a regression.
    result = score_project_set("newsheld", dossier)
    assert result.documents == 20
    assert result.claims.f1 >= 0.70
    assert result.claims.precision >= 0.88
    assert result.control.f1 >= 0.9


def test_third_news_set_scores_do_not_regress(dossier) -> None:
    # tests/data/newsheld2: 24 news-style reports, wholly held out (nobody writing
    # rules reads them or their errors). First measured at P 0.592 R 0.208 F1 0.308,
    # now P 0.635 R 0.249 F1 0.358: far below the news targets; floors catch a regression.
    result = score_project_set("newsheld2", dossier)
    assert result.documents == 24
    assert result.claims.f1 >= 0.33
    assert result.claims.precision >= 0.60
