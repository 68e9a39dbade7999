"""Sentence bounds computed from arrays match spaCy's own ``doc.sents``."""

from __future__ import annotations

import pytest

from parley.extract.segment import blank_nlp, doc_text, sentence_spans, token_strings


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv rejected the plan. Moscow insisted on it.\n\nA new paragraph starts here",
        "Headline without a stop\nBody line one.  Body line two.\n \n  Indented line.",
        "Intro:\n1. First point.\n2) Second point.\n- A bullet.\n\n\n",
        "\nLeading break\r\nand a Windows break.",
    ],
)
def test_sentence_spans_match_doc_sents(text: str) -> None:
    doc = blank_nlp()(text)
    assert [(s.start, s.end) for s in sentence_spans(doc)] == [
        (s.start, s.end) for s in doc.sents
    ]


def test_every_line_starts_a_sentence_and_list_numbers_stay_with_their_item() -> None:
    doc = blank_nlp()("The plan:\n1. Ukraine will not join NATO.\nEnd")
    texts = [s.text.strip() for s in sentence_spans(doc)]
    assert texts == ["The plan:", "1. Ukraine will not join NATO.", "End"]


def test_token_strings_and_text_are_the_docs() -> None:
    doc = blank_nlp()("Kyiv SAID No.")
    lower, orth = token_strings(doc)
    assert lower == [t.lower_ for t in doc] and orth == [t.text for t in doc]
    assert doc_text(doc) == doc.text
