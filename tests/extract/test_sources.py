"""Who vouches for a claim: named speaker, unnamed sources (with count), document, outlet."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from parley.extract.attributes import SourceContext, SourceInfo, attribute_source
from parley.extract.segment import blank_nlp


def source(text: str, needle: str, *, actor: str | None = None,
           speaker_is_actor: bool = False, outlet: str | None = None) -> SourceInfo:
    """Source of the sentence of ``text`` containing ``needle``; ``actor`` is the
    actor's words in that sentence (None: no actor named in it)."""
    doc = blank_nlp()(text)
    at = text.index(needle)
    sent = next(s for s in doc.sents if s.start_char <= at < s.end_char)
    actor_span: Span | None = None
    if actor is not None:
        a = text.index(actor, sent.start_char)
        actor_span = doc.char_span(a, a + len(actor), alignment_mode="expand")
    ctx = SourceContext(doc, outlet=outlet)
    return attribute_source(sent, sent, actor_span=actor_span,
                            speaker_is_actor=speaker_is_actor, context=ctx)


@pytest.mark.parametrize(
    ("text", "kind", "count"),
    [
        ("Putin wants Donbas, three sources familiar with Kremlin thinking told Reuters.",
         "anonymous", 3),
        ("Moscow could drop its claims to Kherson, three of the sources said.", "anonymous", 3),
        ("Moscow wants a treaty, one of the sources said.", "anonymous", 1),
        ("A fourth source said Putin wants sanctions lifted.", "anonymous", 1),
        ("Moscow is ready to hand over parts of Sumy, the sources said.", "anonymous", None),
        ("People familiar with the situation say Putin wants Donbas.", "anonymous", None),
        ("Putin is ready to freeze the front, according to two Russian sources.", "anonymous", 2),
        ("Russia wants neutrality, a senior official said, speaking on condition of anonymity.",
         "anonymous", 1),
        ("The Russian source says Putin wants the four regions.", "anonymous", 1),
        # an official who must not be named, however the report puts it
        ("A Ukrainian official, who asked not to be named, said Kyiv would never cede Donbas.",
         "anonymous", 1),
        ("Kyiv would never cede Donbas, said a European diplomat who declined to be identified.",
         "anonymous", 1),
        ("A Russian official, who was not authorised to speak publicly, said Moscow wants Donbas.",
         "anonymous", 1),
        ("Two officials, speaking anonymously, said Russia wants neutrality.", "anonymous", 2),
        # those who were there: "people who attended", "officials involved in the talks"
        ("Two people who attended the session said Russia pressed for elections.",
         "anonymous", 2),
        ("Three people present said the US side pushed for a full truce.", "anonymous", 3),
        ("Four officials involved in the negotiations said Washington wants a smaller army.",
         "anonymous", 4),
        ("Moscow, according to a senior Kremlin aide, does not object to EU membership.",
         "anonymous", 1),
        # ... but officials who are the target of an act are no source
        ("Brussels announced new sanctions against Russian officials and companies.",
         "outlet", None),
        ("Kyiv must give up Donbas, according to the draft.", "document", None),
        # a statement or a call readout is a document; a speaker's statement is the speaker
        ("Ukraine must be at the table, according to a statement issued by the Elysee.",
         "document", None),
        ("The Kremlin readout says Russia agreed to a halt on energy strikes.", "document", None),
        ("Zelensky said in a statement that Ukraine would never recognise the annexation.",
         "named", None),
        ("The 28-point plan calls for Ukraine to cap its army.", "document", None),
        ("Under the draft agreement, Ukraine would stay out of NATO.", "document", None),
        ("The plan, seen by Reuters, would require Kyiv to cede Donbas.", "document", None),
        ("The draft would also bar Ukraine from NATO, two officials said.", "anonymous", 2),
        ("Moscow wants sanctions lifted, the Journal reported, citing US officials.",
         "anonymous", None),
        ("A senior Ukrainian official told AFP that Kyiv would not cede land.", "anonymous", 1),
        ("White House press secretary Karoline Leavitt said Trump wants a deal.", "named", None),
        ("Russia wants Crimea recognised, Reuters reported.", "outlet", None),
        ("Zelensky said Ukraine will not recognise the occupation of Crimea.", "named", None),
        ("Ukraine will never give up Crimea, Zelensky told reporters.", "named", None),
        ("Moscow will not accept European troops, said Dmitry Peskov.", "named", None),
        ("Joining NATO is a strategic goal, according to Kyiv.", "named", None),
        ("Putin continues to insist that Ukraine abandon its NATO ambitions.", "outlet", None),
        ("Russia has also rejected a NATO military presence in Ukraine.", "outlet", None),
        # first or second person outside quote marks: a transcript line, a printed speech
        ("Guarantees that bring NATO troops to our border are a non-starter.", "named", None),
        ("You can't go on forever without elections.", "named", None),
        ("We will never recognise the annexation of Crimea.", "named", None),
        ("US proposals include a European peacekeeping contingent.", "outlet", None),
        # an event verb is no speech: "announced the annexation" reports an act
        ("Putin announced the annexation of four regions in 2022.", "outlet", None),
    ],
)
def test_attribute_source_reads_the_sentence(text: str, kind: str, count: int | None) -> None:
    info = source(text, text[:10], actor=text.split()[0])
    assert (info.kind, info.count) == (kind, count)


def test_source_phrase_is_the_text_of_the_source() -> None:
    info = source("Putin wants Donbas, three sources familiar with Kremlin thinking told Reuters.",
                  "Putin", actor="Putin")
    assert info.phrase is not None and "sources" in info.phrase
    assert source("Ukraine will never give up Crimea, Zelensky told reporters.", "Ukraine",
                  actor="Ukraine").phrase == "Zelensky"


@pytest.mark.parametrize(
    ("text", "kind", "phrase"),
    [
        # the speaker is the subject before the verb, not the subject of what was said
        ("Ukraine's foreign minister said Kyiv would never trade land for peace.", "named",
         "Ukraine's foreign minister"),
        ("Zelensky said Ukraine would not negotiate while Putin stays in power.", "named",
         "Zelensky"),
        ("Moscow will not accept European troops, said Dmitry Peskov on Monday.", "named",
         "Dmitry Peskov"),
        # a name after the verb that goes on with a verb is what was said, not who said it
        ("The talks stalled and he said Kyiv had agreed to nothing.", "named", "he"),
        # "Name, the title, said ...": the name before the appositive
        ("Andriy Yermak, the head of the presidential office, said Kyiv would not cede land.",
         "named", "Andriy Yermak"),
        # a person's title that ends in an institution is the person
        ("A spokesman for the Kremlin said Moscow would not accept a ceasefire.", "named",
         "A spokesman for the Kremlin"),
        ("Kyiv must hold elections, the U.S. special envoy for Ukraine and Russia said.", "named",
         "the U.S. special envoy for Ukraine and Russia"),
        ("The Adviser to the Head of the President's Office noted that Kyiv wants guarantees.",
         "named", "The Adviser to the Head of the President's Office"),
        # a country or institution that "said": the outlet's account, no one on record
        ("Poland said it had no plans to send troops to Ukraine.", "outlet", None),
        ("The Kremlin said Moscow remained open to talks with Kyiv.", "outlet", None),
        ("Berlin says any deal must come with guarantees.", "outlet", None),
    ],
)
def test_speaker_is_the_subject_of_the_speech_verb(text: str, kind: str, phrase: str | None) -> None:
    info = source(text, text[:10])
    assert (info.kind, info.phrase) == (kind, phrase)


def test_source_is_carried_from_the_previous_sentence_without_an_actor() -> None:
    text = ("Moscow wants a treaty endorsed by the UN, one of the sources said.\n"
            "Another option is a return to the Istanbul framework.")
    assert source(text, "Another option") == SourceInfo("anonymous", 1, "one of the sources")


def test_source_is_not_carried_to_a_sentence_with_its_own_actor() -> None:
    text = ("Moscow wants a treaty, the sources said. "
            "Putin continues to insist that Ukraine stay out of NATO.")
    assert source(text, "Putin continues", actor="Putin").kind == "outlet"


def test_continued_quote_takes_the_speaker_named_after_it() -> None:
    text = ('"We will not give up the east. '
            'This is our land," Zelensky told reporters.')
    info = source(text, "We will not", actor="We")
    assert info.kind == "named"


def test_lead_takes_the_sources_of_a_following_this_was_reported() -> None:
    text = ("Putin has proposed to stop on the current front line. "
            "This was reported by the Financial Times, citing informed sources.")
    assert source(text, "Putin has", actor="Putin").kind == "anonymous"


def test_speaker_is_actor_makes_a_named_source_only_when_the_actor_speaks() -> None:
    text = "Putin, speaking in Moscow, said nothing new; Russia wants all of Donbas."
    info = source(text, "Putin", actor="Russia", speaker_is_actor=True)
    assert info.kind == "named"
    holds = source("Putin wants all of Donbas.", "Putin", actor="Putin", speaker_is_actor=True)
    assert holds.kind == "outlet"


def test_party_channel_is_a_named_source() -> None:
    info = source("Russia wants a neutral Ukraine.", "Russia", actor="Russia",
                  outlet="President of Russia (kremlin.ru)")
    assert info.kind == "named"
    assert source("Russia wants a neutral Ukraine.", "Russia", actor="Russia",
                  outlet="Reuters").kind == "outlet"


def test_outlet_is_read_from_front_matter_when_not_given() -> None:
    text = '---\noutlet: "President of Ukraine (president.gov.ua)"\n---\nKyiv wants guarantees.\n'
    assert source(text, "Kyiv wants", actor="Kyiv").kind == "named"
