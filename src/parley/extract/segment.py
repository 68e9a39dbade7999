"""Sentence and paragraph boundaries, shared by the extractor and the scorer.

Rule-based: spaCy's English tokenizer plus its ``sentencizer``, with every
line break treated as a boundary (headlines, list items and paragraphs in
news text sit on lines of their own). No statistical model is loaded.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.attrs import IDX, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

_NEWLINE = re.compile(r"\n")


@dataclass(frozen=True)
class Sentence:
    start: int  # character offsets into the full text
    end: int
    paragraph: int  # index of the paragraph (block separated by blank lines or line breaks)


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
    idx = doc.to_array(IDX).tolist()
    starts = {0}
    inside: set[int] = set()  # whitespace tokens holding a line break
    for m in _NEWLINE.finditer(text):
        p = m.start()
        i = bisect.bisect_right(idx, p) - 1
        if i < 0:
            continue
        t = doc[i]
        if p < idx[i] + len(t.text):
            inside.add(i)  # the break is inside a whitespace token
        if i + 1 < n:
            starts.add(i + 1)
    for i in sorted(starts):
        token = doc[i]
        if i in inside:
            continue
        token.is_sent_start = True
        # "3. Ukraine will not join NATO.": a list number opens its item's sentence
        if token.like_num and len(token.text) <= 3 and i + 2 < n \
                and doc[i + 1].text in (".", ")") and not doc[i + 2].is_space:
            doc[i + 1].is_sent_start = False
            doc[i + 2].is_sent_start = False
    for i in inside:
        if i > 0:
            doc[i].is_sent_start = False
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
        # from the attribute arrays: a Token object per token costs more than the look-ups
        strings = doc.vocab.strings
        ids = doc.to_array([LOWER, ORTH])
        lower = [strings[int(h)] for h in ids[:, 0]]
        orth = [strings[int(h)] for h in ids[:, 1]]
        cached = doc.user_data["parley_strs"] = (lower, orth)
    _LAST_STRINGS = (doc, cached)
    return cached


_LAST_STRINGS: tuple = (None, None)


def sentence_spans(doc: Doc) -> list[Span]:
    """The Doc's sentences as Spans, from sentence bounds computed once from the
    sentence-start array (``doc.sents`` builds a Token object for every token on
    every call). Call it after the boundary components have run."""
    cached = doc.user_data.get("parley_sent_bounds")  # plain ints: user_data stays picklable
    if cached is None or cached[0] != len(doc):
        flags = doc.to_array(SENT_START).tolist()
        bounds = [i for i, f in enumerate(flags) if f == 1 or i == 0]
        bounds.append(len(doc))
        cached = doc.user_data["parley_sent_bounds"] = (len(doc), bounds)
    bounds = cached[1]
    return [doc[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


@lru_cache(maxsize=1)
def blank_nlp() -> Language:
    """English tokenizer + rule sentencizer + line-break boundaries."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
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
