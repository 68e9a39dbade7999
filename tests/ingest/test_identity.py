"""Report identity and near-duplicate signatures, on texts written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ingest_samples import STORY_A, STORY_B, story

from parley.ingest.identity import (
    BANDS,
    DUPLICATE_THRESHOLD,
    NUM_PERM,
    lsh_bands,
    minhash,
    normalise_text,
    report_identity,
    signature_bytes,
    signature_from_bytes,
    similarity,
)
from parley.ingest.report import Report
from parley.ingest.text import report_from_text


def _edit(paragraphs: list[str], *, drop: int | None = None, headline: str | None = None,
          byline: str | None = None, words: dict[str, str] | None = None) -> str:
    out = list(paragraphs)
    if headline:
        out[0] = headline
    if byline:
        out[1] = byline
    if drop is not None:
        del out[drop]
    text = story(out)
    for old, new in (words or {}).items():
        text = text.replace(old, new)
    return text


COPIES = {
    "new headline": _edit(STORY_A, headline="Geneva talks: rival demands on withdrawal and ceasefire"),
    "dropped paragraph": _edit(STORY_A, drop=6),
    "other byline": _edit(STORY_A, byline="From staff and wire reports, Daily Example"),
    "all three": _edit(STORY_A, headline="Talks resume", drop=7, byline="Staff reporter"),
    "a few words changed": _edit(STORY_A, words={"Tuesday": "Tuesday morning", "hotel": "resort",
                                                 "reporters": "journalists", "two months": "eight weeks"}),
    "curly quotes and spacing": story(STORY_A).replace("'", "\u2019").replace(" - ", "  \u2013  "),
}
DIFFERENT = {
    "other story same talks": story(STORY_B),
    "first half only vs other story": story(STORY_B[:4]),
}


@pytest.mark.parametrize("name", list(COPIES))
def test_lightly_edited_copy_is_a_near_duplicate(name):
    assert similarity(minhash(story(STORY_A)), minhash(COPIES[name])) >= DUPLICATE_THRESHOLD


@pytest.mark.parametrize("name", list(COPIES))
def test_lightly_edited_copy_shares_an_lsh_band(name):
    assert set(lsh_bands(minhash(story(STORY_A)))) & set(lsh_bands(minhash(COPIES[name])))


@pytest.mark.parametrize("name", list(DIFFERENT))
def test_different_story_is_not_a_near_duplicate(name):
    assert similarity(minhash(story(STORY_A)), minhash(DIFFERENT[name])) < 0.2


def test_minhash_is_deterministic_and_round_trips_through_bytes():
    a, b = minhash(story(STORY_A)), minhash(story(STORY_A))
    assert signature_bytes(a) == signature_bytes(b)
    assert len(signature_bytes(a)) == NUM_PERM * 8
    back = signature_from_bytes(signature_bytes(a))
    assert similarity(a, back) == 1.0 and lsh_bands(back) == lsh_bands(a)


def test_lsh_bands_are_indexed_pairs():
    bands = lsh_bands(minhash("a short text"))
    assert [b for b, _ in bands] == list(range(BANDS))
    assert all(isinstance(h, str) and len(h) == 16 for _, h in bands)


def test_signature_from_bytes_rejects_wrong_length():
    with pytest.raises(ValueError, match="signature is"):
        signature_from_bytes(b"\x00" * 10)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Talks  resume\n\nin Geneva.", "Talks resume in Geneva."),
     ("the \u201cpeace\u201d plan\u2019s terms", 'the "peace" plan\'s terms'),
     ("Cafe\u0301 talks", "Caf\u00e9 talks")],
)
def test_normalise_text_equates_spacing_quotes_and_unicode_forms(a, b):
    assert normalise_text(a) == normalise_text(b)


def test_report_identity_hashes_the_body_only():
    r1 = report_from_text("---\ntitle: A\n---\nSame body.", doc="a")
    r2 = report_from_text("---\ntitle: Other\n---\nSame  body.", doc="b")
    r3 = Report(text="Different body.", doc="c")
    assert r1.body == "Same body."
    assert report_identity(r1) == report_identity(r2) != report_identity(r3)
    assert len(report_identity(r1)) == 64


def test_store_uses_the_ingest_identity():
    from parley.store import db, neardup

    assert db.report_identity is report_identity and neardup.minhash is minhash


def _datasketch_minhash(text: str):
    """A MinHash built the way parley did before computing signatures itself."""
    from datasketch import MinHash

    from parley.ingest.identity import SEED, shingles

    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32")
    mh.update_batch([s.encode("utf-8") for s in shingles(text)])
    return mh


@pytest.mark.parametrize("text", [story(STORY_A), story(STORY_B), "", "one", "Talks in Geneva",
                                  "Переговоры «в Женеве» — снова.", COPIES["curly quotes and spacing"]])
def test_signature_equals_datasketch_so_stored_signatures_stay_comparable(text):
    from parley.ingest.identity import signature

    expected = _datasketch_minhash(text)
    assert signature_bytes(signature(text)) == signature_bytes(expected) == signature_bytes(minhash(text))
    assert lsh_bands(signature(text)) == lsh_bands(expected)


@given(st.text(alphabet=st.sampled_from(list("abAB_1 \t\n.,'-\u00e9\u0435")), max_size=60))
def test_ascii_texts_take_a_faster_path_to_the_same_signature(text):
    from parley.ingest.identity import _ascii_shingles, shingles, signature

    if text.isascii():
        assert _ascii_shingles(text) == {s.encode() for s in shingles(text)}
    ascii_only = text.encode("ascii", "ignore").decode()
    expected = _datasketch_minhash(ascii_only).hashvalues.astype("uint32")
    assert signature(ascii_only).tolist() == expected.tolist()


def test_shingles_are_three_word_ngrams_or_the_whole_short_text():
    from parley.ingest.identity import shingles

    assert shingles("The talks, resumed in Geneva!") == {"the talks resumed", "talks resumed in",
                                                         "resumed in geneva"}
    assert shingles("Two words") == {"two words"}
    assert shingles("a b c d", size=2) == {"a b", "b c", "c d"}


@given(st.text(alphabet=st.sampled_from(list("ab \t\n\r\x0b\x0c\x1c\x85\u00a0\u2003\u2028\u3000'\u2019\u201c-\u2014e\u0301")),
               max_size=40))
def test_normalise_text_collapses_exactly_what_a_whitespace_regex_collapses(text):
    # identities stored before normalise_text switched from re.sub to split/join must not change
    import re
    import unicodedata

    from parley.ingest.identity import _QUOTES

    old = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).translate(_QUOTES)).strip()
    assert normalise_text(text) == old
