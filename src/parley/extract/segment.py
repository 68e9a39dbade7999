"""Sentence and paragraph boundaries, shared by the extractor and the scorer.

Rule-based: spaCy's English tokenizer plus its ``sentencizer`` rule (computed
over token arrays by ``parley_sentencizer``), with every
line break treated as a boundary (headlines, list items and paragraphs in
news text sit on lines of their own). No statistical model is loaded.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IDX, IS_LOWER, IS_PUNCT, LIKE_NUM, LOWER, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

_NEWLINE = re.compile(r"\n")


@dataclass(frozen=True)
class Sentence:
    start: int  # character offsets into the full text
    end: int
    paragraph: int  # index of the paragraph (block separated by blank lines or line breaks)


_PUNCT_CHARS = tuple(Sentencizer.default_punct_chars)
# their hashes, sorted for a binary search (a string's hash is the same in every vocab)
_PUNCT_HASHES = numpy.array(sorted({hash_string(c) for c in _PUNCT_CHARS}), dtype="uint64")


@Language.component(
    "parley_sentencizer",
    assigns=["token.is_sent_start"],
    requires=[],
)
def sentencizer(doc: Doc) -> Doc:
    """spaCy's rule ``sentencizer`` computed over the token arrays: a sentence starts
    at the first token after a sentence-final mark ("." "!" "?" ...) that is neither
    punctuation nor such a mark. Same boundaries, without a Token object per token."""
    n = len(doc)
    if not n:
        return doc
    arr = doc.to_array([ORTH, IS_PUNCT])
    orth = arr[:, 0]
    at = numpy.minimum(numpy.searchsorted(_PUNCT_HASHES, orth), len(_PUNCT_HASHES) - 1)
    marks = _PUNCT_HASHES[at] == orth
    word = (arr[:, 1] == 0) & ~marks
    positions = numpy.arange(n)
    # index of the last word before each token (-1 before the first)
    last_word = numpy.maximum.accumulate(numpy.where(word, positions, -1))
    prev_word = numpy.concatenate(([-1], last_word[:-1]))
    seen = numpy.concatenate(([0], numpy.cumsum(marks)))  # marks before each token
    # a word starts a sentence when a mark lies between it and the word before it
    starts = word & (seen[positions] - seen[prev_word + 1] > 0)
    starts[0] = True
    flags = numpy.where(starts, 1, -1).astype("int64").astype("uint64").reshape(n, 1)
    doc.from_array([SENT_START], flags)
    return doc


@Language.component(
    "parley_line_breaks",
    assigns=["token.is_sent_start"],
    requires=[],
)
def line_breaks(doc: Doc) -> Doc:
    """A token after a line break starts a sentence; one inside a line after a
    sentencizer boundary stays as the sentencizer set it. Works from the text's
    line breaks, touching only the tokens next to them (no walk over every token)."""
    n = len(doc)
    if not n:
        return doc
    text = doc_text(doc)
    orth = token_strings(doc)[1]
    arr = doc.to_array([IDX, SENT_START, IS_LOWER, SPACY, LIKE_NUM])
    idx = arr[:, 0].tolist()
    # set all boundaries at once: each Token.is_sent_start assignment scans the Doc
    flags = arr[:, 1].view("int64").tolist()  # 1 start, -1 not, 0 unset
    lower, spaced, like_num = arr[:, 2].tolist(), arr[:, 3].tolist(), arr[:, 4].tolist()
    # "..., etc. are needed": a full stop before a lower-case word on the same line
    # ends an abbreviation, not the sentence
    for i in (arr[1:, 1] == 1).nonzero()[0].tolist():
        if lower[i + 1] and spaced[i] and orth[i] == "." and \
                "\n" not in text[idx[i] : idx[i + 1]]:
            flags[i + 1] = -1
    starts = {0}
    inside: set[int] = set()  # whitespace tokens holding a line break
    for m in _NEWLINE.finditer(text):
        p = m.start()
        i = bisect.bisect_right(idx, p) - 1
        if i < 0:
            continue
        if p < idx[i] + len(orth[i]):
            inside.add(i)  # the break is inside a whitespace token
        if i + 1 < n:
            starts.add(i + 1)
    for i in sorted(starts):
        if i in inside:
            continue
        flags[i] = 1
        # "3. Ukraine will not join NATO.": a list number opens its item's sentence
        if like_num[i] and len(orth[i]) <= 3 and i + 2 < n \
                and orth[i + 1] in (".", ")") and not orth[i + 2].isspace():
            flags[i + 1] = -1
            flags[i + 2] = -1
    for i in inside:
        if i > 0:
            flags[i] = -1
    doc.from_array([SENT_START], numpy.array(flags, dtype="int64").astype("uint64")
                   .reshape(n, 1))
    return doc


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (the property joins every token on each call;
    the extractor stores the report text it tokenized)."""
    text = doc.user_data.get("parley_text")
    if text is None:
        text = doc.user_data["parley_text"] = doc.text
    return text


def token_strings(doc: Doc) -> tuple[list[str], list[str]]:
    """(lower-cased, verbatim) text of every token, built once per Doc so the rule
    code can index plain lists instead of creating a Token per look-up."""
    global _LAST_STRINGS
    last = _LAST_STRINGS  # one read: safe if another thread swaps it
    if last[0] is doc:
        return last[1]  # the rule code asks this many times per token
    cached = doc.user_data.get("parley_strs")
    if cached is None:  # the pipeline never retokenizes a Doc
        # from the attribute arrays: a Token object per token costs more than the
        # look-ups, and a dict look-up costs less than the StringStore's
        ids = doc.to_array([LOWER, ORTH])
        names = _strings_of(doc.vocab.strings)
        lower = [names[h] for h in ids[:, 0].tolist()]
        orth = [names[h] for h in ids[:, 1].tolist()]
        cached = doc.user_data["parley_strs"] = (lower, orth)
    _LAST_STRINGS = (doc, cached)
    return cached


_LAST_STRINGS: tuple = (None, None)


def is_name_or_pronoun(doc: Doc, i: int) -> bool:
    """Token ``i`` is a capitalised word or a personal pronoun: a subject that an adverb
    such as "once" may follow ("Putin once said"), unlike a common noun ("a ceasefire
    once agreed")."""
    return (doc[i].is_title and doc[i].is_alpha) or \
        token_strings(doc)[0][i] in {"he", "she", "they", "it", "we", "i"}


class _StringCache(dict):
    """Hash -> string for one StringStore, filled on first look-up."""

    def __init__(self, store: object) -> None:
        super().__init__()
        self.store = store

    def __missing__(self, key: int) -> str:
        if len(self) >= _STRING_CACHE_MAX:
            self.clear()  # bounded: a long run meets new words in every report
        value = self[key] = self.store[key]  # type: ignore[index]
        return value


_STRING_CACHE_MAX = 200_000
_STRING_CACHES: dict[int, _StringCache] = {}


def _strings_of(store: object) -> _StringCache:
    cache = _STRING_CACHES.get(id(store))
    if cache is None or cache.store is not store:
        if len(_STRING_CACHES) >= 8:
            _STRING_CACHES.clear()  # pipelines built and dropped (tests, dossier reloads)
        cache = _STRING_CACHES[id(store)] = _StringCache(store)
    return cache


def sentence_spans(doc: Doc) -> list[Span]:
    """The Doc's sentences as Spans, from sentence bounds computed once from the
    sentence-start array (``doc.sents`` builds a Token object for every token on
    every call). Call it after the boundary components have run."""
    cached = doc.user_data.get("parley_sent_bounds")  # plain ints: user_data stays picklable
    if cached is None or cached[0] != len(doc):
        flags = doc.to_array(SENT_START)
        if len(flags):
            flags[0] = 1  # the first token always opens a sentence
        bounds = numpy.flatnonzero(flags == 1).tolist()
        bounds.append(len(doc))
        cached = doc.user_data["parley_sent_bounds"] = (len(doc), bounds)
    bounds = cached[1]
    global _LAST_SPANS
    last = _LAST_SPANS  # one read: safe if another thread swaps it
    if last[0] is doc and last[1] is bounds:
        return list(last[2])  # the extractor asks three times per report
    spans = [doc[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    _LAST_SPANS = (doc, bounds, spans)
    return list(spans)


_LAST_SPANS: tuple = (None, None, [])


@lru_cache(maxsize=1)
def blank_nlp() -> Language:
    """English tokenizer + rule sentencizer + line-break boundaries."""
    nlp = spacy.blank("en")
    # spaCy's sentencizer rule over token arrays (same boundaries, less CPU)
    nlp.add_pipe("parley_sentencizer", name="sentencizer")
    nlp.add_pipe("parley_line_breaks", after="sentencizer")
    return nlp


def sentences(text: str, *, start: int = 0) -> list[Sentence]:
    """Sentences of ``text[start:]`` as spans of the full text (whitespace trimmed)."""
    nlp = blank_nlp()
    body = text[start:]
    doc = nlp(body)
    out: list[Sentence] = []
    para = 0
    last_end = 0
    for sent in sentence_spans(doc):
        s = sent.start_char
        e = sent.end_char
        chunk = body[s:e]
        stripped = chunk.strip()
        if not stripped:
            continue
        s += len(chunk) - len(chunk.lstrip())
        e = s + len(stripped)
        if "\n" in body[last_end:s]:
            para += 1
        out.append(Sentence(start + s, start + e, para))
        last_end = e
    return out


def sentence_index(sents: list[Sentence], offset: int) -> int | None:
    """Index of the sentence containing character ``offset`` (binary search)."""
    lo, hi = 0, len(sents) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s = sents[mid]
        if offset < s.start:
            hi = mid - 1
        elif offset >= s.end:
            lo = mid + 1
        else:
            return mid
    return None
