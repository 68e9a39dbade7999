"""Sentence and paragraph boundaries, shared by the extractor and the scorer.

Rule-based: spaCy's English tokenizer plus its ``sentencizer``, with every
line break treated as a boundary (headlines, list items and paragraphs in
news text sit on lines of their own). No statistical model is loaded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

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
    sentencizer boundary stays as the sentencizer set it."""
    prev = None
    for token in doc:
        if prev is None or "\n" in prev.whitespace_ or "\n" in prev.text:
            token.is_sent_start = True
        elif token.is_space and "\n" in token.text:
            token.is_sent_start = False
        prev = token
    return doc


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
    for sent in doc.sents:
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
