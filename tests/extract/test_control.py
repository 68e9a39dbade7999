"""Territorial control facts: holder, regions, share and the evidence."""

from __future__ import annotations

import pytest

from parley.extract.control import find_control_facts, parse_share
from parley.extract.segment import blank_nlp


def facts(text: str, dossier, *, body_start: int = 0):
    doc = blank_nlp()(text)
    return find_control_facts(doc, list(doc.sents), dossier, doc_name="t.txt",
                              body_start=body_start)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia controls about 88% of Donbas.", [("RU", ("UA-14", "UA-09"), 0.88)]),
        ("Russia controls about 88% of Donbas and 73% of Zaporizhia and Kherson.",
         [("RU", ("UA-14", "UA-09"), 0.88), ("RU", ("UA-23", "UA-65"), 0.73)]),
        ("Russian troops control about a fifth of Ukraine's territory.", [("RU", ("UA",), 0.2)]),
        ("Russia occupies some 19% of Ukraine.", [("RU", ("UA",), 0.19)]),
        ("Ukraine still holds about 30% of Donetsk region.", [("UA", ("UA-14",), 0.3)]),
        ("Russian forces hold nearly all of Luhansk and two-thirds of Donetsk.",
         [("RU", ("UA-09",), 0.95), ("RU", ("UA-14",), 0.6667)]),
        ("Moscow controls 19 per cent of Ukraine, officials say.", [("RU", ("UA",), 0.19)]),
        ("About 20 percent of Ukraine is under Russian control.", [("RU", ("UA",), 0.2)]),
        ("Kyiv holds half of the Kharkiv region.", [("UA", ("UA-63",), 0.5)]),
        # a list keeps its holder across "including", "among them" and vague pieces
        ("Russian troops hold roughly 20% of Ukraine's territory, including almost 98% of the"
         " Luhansk region.", [("RU", ("UA",), 0.2), ("RU", ("UA-09",), 0.98)]),
        ("Moscow's forces occupy around a fifth of Ukraine, including all of Crimea.",
         [("RU", ("UA",), 0.2), ("RU", ("UA-43",), 1.0)]),
        ("Russia now holds about 19% of Ukraine, among them most of Luhansk and around 65% of"
         " Donetsk.", [("RU", ("UA",), 0.19), ("RU", ("UA-14",), 0.65)]),
        # the self-proclaimed republics name their oblasts; "the territory of"
        ("The Russian army controls over 95 percent of the territory of the LNR and roughly half"
         " of the DNR.", [("RU", ("UA-09",), 0.95), ("RU", ("UA-14",), 0.5)]),
        ("Nearly 90 per cent of the Lugansk People's Republic is under Russian control.",
         [("RU", ("UA-09",), 0.9)]),
        # gains: state media's "liberated", a side's ground taken back
        ("Russian units have liberated more than 80 percent of the Donetsk People's Republic.",
         [("RU", ("UA-14",), 0.8)]),
        ("Ukrainian forces have recaptured about 40% of the Kharkiv region.",
         [("UA", ("UA-63",), 0.4)]),
        # "in Russian hands", a "Russian-controlled" area that "amounts to" a share
        ("About 75% of the Zaporizhzhia and Kherson regions are in Russian hands.",
         [("RU", ("UA-23", "UA-65"), 0.75)]),
        ("About 20% of Ukraine is in the hands of Russian forces.", [("RU", ("UA",), 0.2)]),
        ("Russian-controlled territory amounts to about 19% of Ukraine.", [("RU", ("UA",), 0.19)]),
        ("Russian-occupied areas make up nearly a fifth of Ukraine.", [("RU", ("UA",), 0.2)]),
        ("Putin shook hands with Trump, who wants 20% of Ukraine for Russia.", []),
        # "Ukrainian land", a share set off by commas; not "Ukraine's grain exports"
        ("Russia's army now holds roughly 19 per cent of Ukrainian land.", [("RU", ("UA",), 0.19)]),
        ("Russia controls around 112,000 square km, or 18.6%, of Ukraine.",
         [("RU", ("UA",), 0.186)]),
        ("Russia controls 20% of Ukraine's grain exports.", []),
        ("Russia controls 20% of Ukrainian grain exports.", []),
        # a second holder is its own; "7% of the country" names no region
        ("Russia controls about 88% of Donbas, while Ukraine holds some 12% of it.",
         [("RU", ("UA-14", "UA-09"), 0.88)]),
        ("Russia controls 20% of Ukraine, up from 7% of the country before 2022.",
         [("RU", ("UA",), 0.2)]),
        ("Russia controls 20% of Ukraine, and analysts say Kyiv's army has lost 5% of Kharkiv.",
         [("RU", ("UA",), 0.2)]),
        # no control fact: no control verb, no region, no holder
        ("Russia demands 100% of Donbas.", []),
        ("Inflation in Russia rose 9% last year.", []),
        ("Russia holds 40% of the gas market.", []),
        ("Forces control 20% of Donetsk.", []),
    ],
)
def test_find_control_facts_reads_holder_regions_and_share(text: str, expected, dossier) -> None:
    got = [(f.holder, f.regions, f.share) for f in facts(text, dossier)]
    assert got == expected


def test_passive_control_fact_evidence_ends_with_its_noun(dossier) -> None:
    (fact,) = facts("Nearly 90 per cent of Luhansk is under Russian control, officials say.", dossier)
    assert fact.text == "90 per cent of Luhansk is under Russian control"


def test_control_fact_evidence_is_the_exact_text(dossier) -> None:
    text = "Intro line.\nRussia controls about 88% of Donbas, according to US estimates."
    (fact,) = facts(text, dossier)
    assert text[fact.start:fact.end] == fact.text == "Russia controls about 88% of Donbas"
    assert fact.doc == "t.txt"
    assert (fact.source_kind, fact.source) == ("named", "US estimates")


def test_control_facts_skip_front_matter(dossier) -> None:
    text = "---\ntitle: Russia controls 88% of Donbas\n---\nNothing here.\n"
    assert facts(text, dossier, body_start=text.index("Nothing")) == []


def test_control_fact_with_unnamed_sources_is_anonymous(dossier) -> None:
    (fact,) = facts("Russia controls 70% of Zaporizhzhia, two sources said.", dossier)
    assert (fact.source_kind, fact.source_count) == ("anonymous", 2)


@pytest.mark.parametrize(
    ("text", "share"),
    [("88%", 0.88), ("19 per cent", 0.19), ("7.5 percent", 0.075), ("a fifth", 0.2),
     ("a quarter", 0.25), ("two-thirds", 0.6667), ("half", 0.5), ("nothing", None)],
)
def test_parse_share(text: str, share: float | None) -> None:
    assert parse_share(text) == share
