"""Hedged and conditional: cues in the stance's clause or governing it."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from parley.extract.attributes import is_conditional, is_hedged
from parley.extract.segment import blank_nlp


def spans(text: str, clause: str | None = None) -> tuple[Span, Span]:
    """(clause, sentence) for the first sentence of ``text``; the clause is the
    substring ``clause`` or the whole sentence."""
    doc = blank_nlp()(text)
    sent = next(iter(doc.sents))
    if clause is None:
        return sent, sent
    at = text.index(clause)
    span = doc.char_span(at, at + len(clause), alignment_mode="expand")
    assert span is not None
    return span, sent


@pytest.mark.parametrize(
    ("text", "clause", "expected"),
    [
        ("Moscow could abandon its claims to Kherson.", None, True),
        ("Putin may agree to a ceasefire.", None, True),
        ("Kyiv might accept monitors.", None, True),
        ("Putin is potentially willing to give up his claims.", None, True),
        ("Russia is reportedly ready to freeze the front line.", None, True),
        ("Trump is said to favour recognition of Crimea.", None, True),
        ("Russia appears ready to accept a ceasefire.", None, True),
        ("Moscow seemed willing to freeze the front line.", None, True),
        ("Kyiv appears to favour a ceasefire in the air.", None, True),
        ("Putin appeared on television and demanded Donbas.", None, False),
        ("It is unclear whether Trump asked Ukraine to recognise Crimea.",
         "Trump asked Ukraine to recognise Crimea", True),
        ("Putin demands that Ukraine withdraw from Donbas.", None, False),
        ("Putin questions the legitimacy of a leader whose term ended in May 2024.", None, False),
        ("Moscow is ready to hand over parts of Sumy as part of a possible deal.", None, False),
        ("Ukraine will not make concessions that could undermine its defence.", None, False),
        # a hedge in another clause of a long sentence is about something else
        ("Putin insists on the whole of Donbas, while analysts say the talks may fail.",
         "Putin insists on the whole of Donbas", False),
        # a negated modal refuses; a modal inside the condition belongs to the condition
        ("Zelensky said elections could not be held during the war.", None, False),
        ("Moscow might never accept European troops.", None, False),
        ("Kyiv is ready to hold a vote once its allies could guarantee its security.", None,
         False),
        ("Kyiv could hold a vote once its allies guarantee its security.", None, True),
        ("Russia would probably accept a ceasefire.", None, True),
        ("Russia is expected to propose a ceasefire.", None, True),
        ("Russia is rumoured to want a ceasefire.", None, True),
    ],
)
def test_is_hedged_reads_cues_in_the_stance_clause(text: str, clause: str | None,
                                                   expected: bool) -> None:
    c, s = spans(text, clause)
    assert is_hedged(c, s) is expected


@pytest.mark.parametrize(
    ("text", "clause", "expected"),
    [
        ("Zelensky is ready for direct talks once a ceasefire is reached.", None, True),
        ("Russia would not accept any deal unless Ukraine withdrew its troops.", None, True),
        ("Kyiv would agree to neutrality in exchange for security guarantees.", None, True),
        ("Moscow is open to dialogue, but on the condition that its demands are met.", None,
         True),
        ("If the US lifts sanctions, Moscow would freeze the front.",
         "Moscow would freeze the front", True),
        ("Putin demands Donbas, but in return, Moscow would freeze the front in Kherson.",
         "Moscow would freeze the front in Kherson", True),
        ("We cannot sign a treaty without settling the status of Crimea.", None, True),
        ("A referendum is possible only after the withdrawal of Russian troops.", None, True),
        ("Putin would drop his claim to Kherson if the US recognised Crimea.",
         "Putin would drop his claim to Kherson", True),
        ("Putin is ready to meet Zelensky, but first all issues must be settled.",
         "Putin is ready to meet Zelensky", True),
        ("Moscow wants Donbas, while Kyiv would accept a freeze if guarantees came.",
         "Moscow wants Donbas", False),
        ("Russia is open to dialogue, but on the condition that its demands are met.",
         "Russia is open to dialogue", True),
        ("Kyiv wants a treaty so as not to repeat what was once done in Budapest.", None, False),
        # "once" before its verb is the adverb "at one time", no condition
        ("Putin once insisted that Ukraine must never join NATO.", None, False),
        ("Moscow once sought a neutral Ukraine.", None, False),
        ("Once agreed, the ceasefire would take effect at midnight.", None, True),
        ("Kyiv will hold elections once the fighting stopped.", None, True),
        ("Putin urged Kyiv to release the prisoners as soon as possible.", None, False),
        ("Putin urges Ukraine to give up Donbas, three sources said.", None, False),
        # the source's anonymity is no condition on the stance
        ("Moscow wants a neutral Ukraine, an official said on condition of anonymity.", None,
         False),
        ("Putin demands that Ukraine withdraw from Donbas.", None, False),
        # "provided" as a conjunction, also after a speech aside; not "provided weapons"
        ("Moscow is open to talks, he said, provided they respect its interests.",
         "Moscow is open to talks", True),
        ("Russia would accept a truce, provided Kyiv withdraws from Donetsk.", None, True),
        ("Kyiv wants more air defence, which the US provided last week.", None, False),
        # a concession is no condition, nor is what it contains
        ("Kyiv wants an invitation to NATO, even if membership would come only after the war.",
         None, False),
        ("Even if Kyiv agrees, Moscow will not accept a ceasefire.",
         "Moscow will not accept a ceasefire", False),
        ("Russia would accept a truce only if Kyiv withdraws, even if talks drag on.", None,
         True),
        ("Provided Kyiv withdraws, Russia would accept a truce.", "Russia would accept a truce",
         True),
        ("Russia would accept a truce, assuming Kyiv withdraws.", None, True),
        ("Russia would accept a truce so long as Kyiv withdraws.", None, True),
    ],
)
def test_is_conditional_finds_conditions_and_exchanges(text: str, clause: str | None,
                                                       expected: bool) -> None:
    c, s = spans(text, clause)
    assert is_conditional(c, s) is expected


def test_attributes_accept_an_explicit_dossier(dossier) -> None:
    c, s = spans("Putin may demand Kherson if talks fail.")
    assert is_hedged(c, s, dossier=dossier)
    assert is_conditional(c, s, dossier=dossier)
