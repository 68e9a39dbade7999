"""The mention finder: one matcher pass over the Doc, testable without stance logic."""

from __future__ import annotations

import pytest

from parley.extract.mentions import ACT, CUE, ISSUE, PARTY, REGION
from parley.extract.pipeline import RuleExtractor


@pytest.fixture(scope="module")
def nlp(dossier):
    return RuleExtractor(dossier).nlp


def mentions(nlp, text: str):
    doc = nlp(text)
    return doc, [(m.kind, m.label, m.value, doc[m.start : m.end].text) for m in
                 doc._.parley_mentions]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("the Kremlin", "RU"),
        ("Kiev", "UA"),
        ("the White House", "US"),
        ("the Russian president", "RU"),
        ("Ukrainian negotiators", "UA"),
        ("Witkov", "US"),
        ("Zelenskyy", "UA"),
        ("European officials", "EUROPE"),
    ],
)
def test_mentions_find_party_aliases(nlp, text: str, code: str) -> None:
    _, found = mentions(nlp, f"Yesterday {text} spoke.")
    assert (PARTY, code) in {(k, label) for k, label, _, _ in found}


def test_mentions_adjective_needs_a_role_noun(nlp) -> None:
    _, found = mentions(nlp, "The Ukrainian army held the line.")
    assert not [m for m in found if m[0] == PARTY]


@pytest.mark.parametrize(
    ("text", "issue", "outcome"),
    [
        ("keep Western troops out", "foreign_troops", "none"),
        ("a NATO military presence", "foreign_troops", "nato_troops"),
        ("abandon its NATO ambitions", "nato_membership", "renounced"),
        ("the lifting of sanctions", "sanctions", "lifted"),
        ("a demilitarized zone", "dmz", "dmz"),
    ],
)
def test_mentions_longest_outcome_phrase_wins(nlp, text: str, issue: str, outcome: str) -> None:
    _, found = mentions(nlp, text)
    issues = [(label, value) for k, label, value, _ in found if k == ISSUE]
    assert issues[0] == (issue, outcome)


@pytest.mark.parametrize(
    ("text", "issue", "outcome"),
    [
        # a shift word of the issue next to the phrase, in the same clause, turns it
        ("only if Western arms shipments to Kyiv are suspended", "military_aid", "halted"),
        ("a freeze on weapons deliveries", "military_aid", "halted"),
        ("until military assistance stopped", "military_aid", "halted"),
        ("the easing of sanctions against Russia", "sanctions", "lifted"),
        ("sanctions on Russia would be relaxed", "sanctions", "lifted"),
        ("Kyiv shelved its bid to join NATO", "nato_membership", "renounced"),
        # not a shift: a noun or an infinitive after the phrase, another clause, none near
        ("military aid until the end of the war", "military_aid", "continued"),
        ("more weapons to stop the offensive", "military_aid", "continued"),
        ("weapons deliveries, which halted the advance", "military_aid", "continued"),
        ("new sanctions on Russia", "sanctions", "kept"),
        ("Kyiv wants to join NATO", "nato_membership", "member"),
        # the freeze pattern: any form of "freeze" before the line or the war
        ("a freeze of the front line", "territory", "freeze"),
        ("freezing the current line", "territory", "freeze"),
        ("the war frozen along the current front", "territory", "freeze"),
    ],
)
def test_mentions_shift_an_outcome_by_the_words_next_to_it(nlp, text: str, issue: str,
                                                            outcome: str) -> None:
    _, found = mentions(nlp, text)
    assert (issue, outcome) in [(label, value) for k, label, value, _ in found if k == ISSUE]


def test_mentions_mark_homonyms_and_groups(nlp) -> None:
    _, found = mentions(nlp, "Donbas and the city of Kharkiv")
    regions = {(label, value) for k, label, value, _ in found if k == REGION}
    assert ("group:Donbas", None) in regions
    assert ("UA-63", "homonym") in regions


def test_mentions_type_triggers_by_holder(nlp) -> None:
    _, found = mentions(nlp, "Putin demands it; Ukraine must go; the proposals were rejected.")
    acts = {(label, value, text) for k, label, value, text in found if k == ACT}
    assert ("demand", "subject", "demands") in acts
    assert ("demand", "speaker", "must") in acts
    assert ("propose", "noun", "proposals") in acts
    assert ("reject", "subject", "rejected") in acts


def test_mentions_find_cues(nlp) -> None:
    _, found = mentions(nlp, "Analysts said it would not work unless sources agree.")
    cues = {label for k, label, _, _ in found if k == CUE}
    assert {"assessment", "reporting", "negation", "condition_flip"} <= cues


@pytest.mark.parametrize(
    ("phrase", "issue"),
    [
        # news phrasings of the issues, written for the test
        ("the return of all occupied land", "territory"),
        ("full Russian control of Donbas", "territory"),
        ("a 30-day pause in hostilities", "ceasefire"),
        ("Ukraine's Euro-Atlantic aspirations", "nato_membership"),
        ("a European deterrence force", "foreign_troops"),
        ("foreign soldiers on Ukrainian soil", "foreign_troops"),
        ("limits on Ukrainian long-range missiles", "army_limits"),
        ("a smaller Ukrainian military", "army_limits"),
        ("a defence pact with Ukraine", "security_guarantees"),
        ("easing of restrictions on Russian banks", "sanctions"),
        ("a presidential vote", "elections"),
        ("a national vote on the peace treaty", "referendum"),
        ("put the deal to a popular vote", "referendum"),
        ("safe passage for merchant ships", "black_sea"),
        ("prosecution of war crimes", "accountability"),
        ("pull NATO troops back to 1997 positions", "nato_posture"),
        ("NATO to pull back its forces from Eastern Europe", "nato_posture"),
        ("the resumption of direct flights", "relations"),
    ],
)
def test_mentions_find_news_phrasings_of_issues(nlp, phrase: str, issue: str) -> None:
    _, found = mentions(nlp, f"Russia wants {phrase}.")
    assert issue in {label for k, label, _, _ in found if k == ISSUE}
