"""News recall rules (issue #2, third pass): verbs of meeting, commitments with
"will", bare role subjects, quotes opened by a sentence with no trigger,
back-references, "no preconditions", "not X but Y", attacks on a target, list
items after "Among them:", third parties on Ukraine's NATO bid, and the news
phrasings added to the dossier. Every rule is tested in several phrasings, with
cases where it must not fire. Every sentence is written for the test."""

from __future__ import annotations

import pytest

from parley.extract import extract


def keys(text: str) -> set[tuple[str, str, str]]:
    return {(c.actor, c.act, c.issue) for c in extract(text, date="2025-11-21").claims}


# -- verbs of meeting ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin and Trump agreed to meet in Alaska next week.",
         {("RU", "propose", "talks"), ("US", "propose", "talks")}),
        ("Zelensky said he was willing to sit down with Putin.", {("UA", "propose", "talks")}),
        ("The Kremlin said Putin was ready to meet Zelensky in Moscow.",
         {("RU", "propose", "talks")}),
        ("Kyiv said it was ready to talk, but not under ultimatums.",
         {("UA", "propose", "talks")}),
    ],
)
def test_a_verb_of_meeting_after_a_trigger_is_a_stance_on_talks(text, expected) -> None:
    assert expected <= keys(text)


@pytest.mark.parametrize(
    "text",
    [
        "Russia said it was ready to meet the demands of the Red Cross.",
        "Zelensky said one only needs to talk with the people who fled the city.",
        "Witkoff will meet Putin in Moscow on Thursday.",
        "The negotiators decided to meet again after the holidays.",
    ],
)
def test_meeting_words_that_are_no_talks_stance(text) -> None:
    assert not any(issue == "talks" for _, _, issue in keys(text))


# -- "will"/"would": a party's commitment ---------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia will cease fire and begin negotiations as soon as Kyiv withdraws its "
         "troops from the Donetsk region, Putin said.",
         {("RU", "propose", "ceasefire"), ("RU", "propose", "talks"),
          ("RU", "demand", "territory")}),
        ("Kyiv will hold elections once a ceasefire is in place, Zelensky said.",
         {("UA", "propose", "elections")}),
        ("Washington will provide support for the security guarantees.",
         {("US", "propose", "security_guarantees")}),
        ("Only then will Russia order a ceasefire, the Kremlin said.",
         {("RU", "propose", "ceasefire")}),
    ],
)
def test_a_party_that_will_take_a_step_proposes_it(text, expected) -> None:
    assert expected <= keys(text)


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # another party's forecast is no commitment of the subject's
        ("Ukraine would join NATO if the allies agreed, Stoltenberg said.",
         ("UA", "propose", "nato_membership")),
        # the party is only named inside the subject
        ("It is hoped that representatives of Kyiv will take a constructive position at "
         "the next round of talks.", ("UA", "propose", "talks")),
        # receiving is not offering
        ("Russia will receive sanctions relief after the deal.", ("RU", "propose", "sanctions")),
        # the verb after "will" is a trigger of its own
        ("Russia will continue to reject any ceasefire.", ("RU", "propose", "ceasefire")),
    ],
)
def test_will_without_a_commitment_of_the_subject(text, absent) -> None:
    assert absent not in keys(text)


def test_a_refusal_after_will_keeps_its_own_act() -> None:
    assert ("RU", "reject", "ceasefire") in keys("Russia will continue to reject any ceasefire.")


# -- a bare role as subject -----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The delegation also demanded the return of deported children, Umerov said.",
         ("UA", "demand", "humanitarian")),
        ("Zelensky met reporters in Kyiv. The president also urged Congress to approve the "
         "aid package.", ("UA", "demand", "military_aid")),
        ("Lavrov spoke in Ankara. The minister rejected any ceasefire.",
         ("RU", "reject", "ceasefire")),
    ],
)
def test_a_bare_role_is_the_speaker_or_the_person_last_named(text, expected) -> None:
    assert expected in keys(text)


def test_a_common_noun_subject_still_holds_no_stance() -> None:
    assert keys("The guarantor countries are committed to a ceasefire.") == set()


# -- quotes ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        'Peskov spoke to reporters. "Our position is well known. Kyiv must withdraw from '
        'Donbas. That is all."',
        'Peskov spoke on Monday.\n\n"Nothing has changed. Nothing at all. Kyiv must '
        'withdraw from Donbas," he said.',
    ],
)
def test_a_quote_opened_by_a_sentence_with_no_trigger_keeps_its_speaker(text) -> None:
    got = keys(text)
    assert ("RU", "demand", "territory") in got
    assert ("UA", "demand", "territory") not in got


def test_a_possessive_person_is_no_antecedent_of_he() -> None:
    text = ("Putin said Russia was ready for talks. In his view, Zelensky's term expired "
            "in May. He also said a truce must come first.")
    got = keys(text)
    assert ("RU", "demand", "ceasefire") in got
    assert ("UA", "demand", "ceasefire") not in got


# -- back-references --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia proposed a truce over Easter. Ukraine said it was ready to agree to it.",
         ("UA", "propose", "ceasefire")),
        ("Moscow offered an energy truce on Tuesday. Kyiv rejected the proposal.",
         ("UA", "reject", "ceasefire")),
        ("Kyiv proposed a ceasefire and a leaders' meeting. The Russian side rejected both.",
         ("RU", "reject", "talks")),
    ],
)
def test_a_back_reference_takes_the_stance_just_reported(text, expected) -> None:
    assert expected in keys(text)


def test_a_back_reference_does_not_reach_far_back() -> None:
    text = ("Russia proposed a truce over Easter. The weather was cold. Schools were shut. "
            "Trains ran late. Kyiv rejected the proposal.")
    assert ("UA", "reject", "ceasefire") not in keys(text)


def test_a_noun_with_its_own_content_is_no_back_reference() -> None:
    text = ("Russia wants a truce. Moscow also floated the idea of observers from neutral "
            "states.")
    assert ("RU", "propose", "ceasefire") not in keys(text)


# -- negations of demands -----------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Putin said Russia had no preconditions for starting talks with Ukraine.",
        "Kyiv is ready for talks without preconditions, Sybiha said.",
    ],
)
def test_no_preconditions_is_an_offer(text) -> None:
    got = keys(text)
    assert any(a == "propose" and i == "talks" for _, a, i in got)
    assert not any(a == "reject" and i == "talks" for _, a, i in got)


def test_not_x_but_y() -> None:
    assert keys('"We need not a truce, we need peace," Putin said.') == {
        ("RU", "reject", "ceasefire")}
    assert keys("Kyiv wants not a ceasefire but a full withdrawal of Russian troops.") == {
        ("UA", "reject", "ceasefire"), ("UA", "demand", "territory")}
    # "not" elsewhere in the clause refuses nothing
    assert ("UA", "demand", "ceasefire") in keys("Kyiv wants a ceasefire now, not later.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("China and Brazil opposed attacks on nuclear power plants.",
         ("CN", "demand", "nuclear_plant")),
        ("Kyiv condemned and opposed strikes on energy infrastructure.",
         ("UA", "demand", "ceasefire")),
    ],
)
def test_opposing_attacks_on_a_target_asks_to_spare_it(text, expected) -> None:
    got = keys(text)
    assert expected in got
    assert (expected[0], "reject", expected[2]) not in got


def test_opposing_the_target_itself_is_still_a_refusal() -> None:
    assert ("RU", "reject", "foreign_troops") in keys("Russia opposed European peacekeepers.")


# -- lists and plans ------------------------------------------------------------------------
def test_list_items_after_among_them_are_the_terms_holders() -> None:
    text = ("The Russian delegation handed over a memorandum setting out Moscow's terms. "
            "Among them: Ukraine must withdraw from four regions and declare neutrality.")
    got = keys(text)
    assert {("RU", "demand", "territory"), ("RU", "demand", "neutrality")} <= got
    assert not any(actor == "UA" for actor, _, _ in got)


def test_a_plan_verb_after_an_adverb_opens_the_plan_text() -> None:
    text = ("Washington drafted a peace plan last week. The document also calls for "
            "elections in Ukraine within 100 days.")
    assert ("US", "demand", "elections") in keys(text)


def test_a_plan_stage_foresees_its_content() -> None:
    text = ("Turkey has proposed a three-stage roadmap. The first stage foresees a "
            "ceasefire and an exchange of all prisoners.")
    assert {("TR", "propose", "ceasefire"), ("TR", "propose", "humanitarian")} <= keys(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin said a settlement is possible only in case of recognition of Russia's "
         "sovereignty over Crimea, a non-nuclear status and neutrality.",
         {("RU", "demand", "recognition"), ("RU", "demand", "army_limits"),
          ("RU", "demand", "neutrality")}),
        ("Peskov said a meeting between Putin and Zelensky could take place only at the "
         "final stage.", {("RU", "propose", "talks")}),
    ],
)
def test_possible_only_if(text, expected) -> None:
    assert expected <= keys(text)


def test_a_pronoun_after_and_continues_the_subject() -> None:
    text = ("Germany and France want a ceasefire first, and they oppose any recognition "
            "of Russian control over Crimea, diplomats said.")
    got = keys(text)
    assert ("EUROPE", "reject", "recognition") in got
    assert ("EUROPE", "demand", "recognition") not in got


# -- third parties on Ukraine's NATO bid ----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        ("Washington has said Ukraine will not join NATO.", ("US", "reject", "nato_membership"),
         ("UA", "propose", "nato_membership")),
        ("Ukraine will never join NATO, Lavrov said.", ("RU", "reject", "nato_membership"),
         ("UA", "propose", "nato_membership")),
        # said by Kyiv itself it stays Kyiv's own concession
        ("Zelensky said Ukraine would not join NATO under the deal.",
         ("UA", "propose", "nato_membership"), ("UA", "reject", "nato_membership")),
    ],
)
def test_ukraine_will_not_join_nato_said_by_another_party(text, expected, absent) -> None:
    got = keys(text)
    assert expected in got
    assert absent not in got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NATO leaders said that Ukraine's future lies in the alliance.",
         ("NATO", "propose", "nato_membership")),
        ("Rutte said Ukraine's future is in NATO.", ("NATO", "propose", "nato_membership")),
        ("Rutte said the door to NATO membership remained open for Ukraine.",
         ("NATO", "propose", "nato_membership")),
        ("Hegseth said NATO membership for Ukraine was unrealistic.",
         ("US", "reject", "nato_membership")),
    ],
)
def test_nato_formulas(text, expected) -> None:
    assert expected in keys(text)


# -- news phrasings in the dossier ----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia does not object to Ukraine's EU membership, Peskov said.",
         ("RU", "propose", "eu_membership")),
        ("Kyiv has backed the US proposal for a ceasefire.", ("UA", "propose", "ceasefire")),
        ("The Kremlin is holding out for recognition of its annexation of Crimea.",
         ("RU", "demand", "recognition")),
        ("He said he saw no point in talking to Putin, Zelensky's office said.",
         ("UA", "reject", "talks")),
        ("Russia has demanded that Ukraine cut its army to 80,000 troops.",
         ("RU", "demand", "army_limits")),
        ("Zelensky said Ukraine would not freeze the war.", ("UA", "reject", "territory")),
        ("Ukraine's foreign minister said there could be no talks while Russia bombs cities.",
         ("UA", "reject", "talks")),
        ("EU leaders endorsed a plan to use immobilised Russian assets for a loan to Kyiv.",
         ("EUROPE", "propose", "reparations")),
        ("The Kremlin said NATO's eastward expansion posed a threat to Russia.",
         ("RU", "reject", "nato_membership")),
        ("Putin said Ukraine's neutral status was essential.", ("RU", "demand", "neutrality")),
        ("Zelensky dismissed calls to cede land, though Kyiv backed a ceasefire.",
         ("UA", "propose", "ceasefire")),
    ],
)
def test_news_phrasings(text, expected) -> None:
    assert expected in keys(text)


@pytest.mark.parametrize(
    "text",
    [
        # a hyphenated participle describes a noun: nobody backs anything here
        "Russian-backed separatists fought Ukrainian troops in the east of Donetsk.",
        # "legitimate" alone is no stance on a leader's legitimacy
        "Moscow said it would regard European troops in Ukraine as a legitimate target.",
        # declining to comment is no refusal
        "The Kremlin declined to comment on the ceasefire proposal.",
        # weapons of mass destruction are not military aid
        "China and Brazil opposed the use of weapons of mass destruction.",
    ],
)
def test_news_phrasings_that_must_not_fire(text) -> None:
    got = keys(text)
    assert not any(i in ("territory", "legitimacy", "military_aid") for _, _, i in got)
    assert not any(a == "reject" and i == "ceasefire" for _, a, i in got)


# -- more news shapes -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a step that binds Ukraine, named by Kyiv, is its offer
        ('Zelensky said: "Neutrality must be fixed on paper, with guarantees."',
         ("UA", "propose", "neutrality")),
        # "we will" commits the speaker's party
        ('"We will keep sanctions on Russia in place," Macron said.',
         ("EUROPE", "propose", "sanctions")),
        ("Macron said European troops could be deployed to Ukraine after a peace deal.",
         ("EUROPE", "propose", "foreign_troops")),
        ("Ukraine and Russia are agreeing to swap 1,000 prisoners each, officials said.",
         ("UA", "propose", "humanitarian")),
        ("He said Moscow had taken note of Kyiv's request for a meeting between the presidents.",
         ("UA", "demand", "talks")),
        ("Zelensky said the troops must be withdrawn before anything is signed.",
         ("UA", "demand", "territory")),
        ("Zelensky has proposed freezing the front where it is.", ("UA", "propose", "territory")),
        ("Lavrov said Zelensky's legitimacy expired a year ago.", ("RU", "reject", "legitimacy")),
    ],
)
def test_more_news_shapes(text, expected) -> None:
    assert expected in keys(text)


def test_own_concession_is_not_asked_of_others() -> None:
    got = keys('Zelensky said: "Neutrality must be fixed on paper, with guarantees."')
    assert ("UA", "demand", "neutrality") not in got
    # Russia asking for Ukraine's neutrality still demands it
    assert ("RU", "demand", "neutrality") in keys("Putin said Ukraine's neutrality must be "
                                                  "fixed on paper.")


def test_a_verb_reading_after_a_determiner_is_a_noun() -> None:
    text = ("The Russian delegation demanded a ceasefire. Ukrainian officials called the "
            "demand a non-starter.")
    got = keys(text)
    assert ("UA", "reject", "ceasefire") in got
    assert ("UA", "demand", "ceasefire") not in got


def test_a_list_announced_by_the_following_are_holds_the_plan_authors_points() -> None:
    text = ("The following are the main points of the draft drawn up by Washington.\n\n"
            "1. NATO agrees not to station troops in Ukraine.\n"
            "2. Sanctions will be lifted in stages.\n")
    got = keys(text)
    assert {("US", "propose", "foreign_troops"), ("US", "propose", "sanctions")} <= got
    assert not any(actor in ("NATO", "UA") for actor, _, _ in got)


def test_the_following_day_opens_no_list() -> None:
    text = ("The following day, Witkoff presented the draft to Kyiv.\n\n"
            "1. NATO agrees not to station troops in Ukraine.\n")
    assert ("US", "propose", "foreign_troops") not in keys(text)


@pytest.mark.parametrize(
    "text",
    [
        "Zelensky said Ukraine would not withdraw from Donbas, ahead of the Alaska summit.",
        "Lavrov said Kyiv must withdraw from Donbas, speaking at the talks in Istanbul.",
    ],
)
def test_a_meeting_that_dates_the_stance_is_not_its_object(text) -> None:
    assert not any(issue == "talks" for _, _, issue in keys(text))


def test_the_highest_level_is_still_a_format() -> None:
    assert ("UA", "demand", "talks") in keys(
        "Zelensky said the differences must be settled at the highest level.")


def test_illegitimate_describing_another_issue_is_no_legitimacy_stance() -> None:
    got = keys("Lavrov said the lifting of illegitimate sanctions must be part of any deal.")
    assert ("RU", "demand", "sanctions") in got
    assert not any(issue == "legitimacy" for _, _, issue in got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('The Kremlin said the status of the "new regions" would not be discussed.',
         ("RU", "demand", "territory")),
        ("Peskov said the Kremlin was not ready to discuss the status of the four regions.",
         ("RU", "demand", "territory")),
        ("Zelensky said Ukraine was not ready to discuss the Donbas.",
         ("UA", "demand", "territory")),
    ],
)
def test_refusing_to_discuss_held_land_insists_on_it(text, expected) -> None:
    got = keys(text)
    assert expected in got
    assert (expected[0], "reject", "territory") not in got


def test_refusing_a_region_itself_is_still_a_refusal() -> None:
    assert ("UA", "reject", "territory") in keys(
        "Zelensky said Ukraine would not withdraw from the Donbas.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The European Union announced new sanctions against Russian banks.",
         ("EUROPE", "propose", "sanctions")),
        ("Moscow is said to be open to a role for China in monitoring a ceasefire.",
         ("RU", "propose", "foreign_troops")),
        ("The Kremlin said it was in no hurry to agree to a ceasefire.",
         ("RU", "reject", "ceasefire")),
        ("Europe wants a seat at the table, Kallas said.", ("EUROPE", "demand", "talks")),
        ("Putin has offered to halt the offensive if Ukraine drops its NATO bid.",
         ("RU", "propose", "ceasefire")),
        ("Ukraine is open to an exchange of territory, Zelensky said.",
         ("UA", "propose", "territory")),
        ("In exchange, Russia would return small parts of the Kharkiv and Sumy regions, the "
         "sources said.", ("RU", "propose", "territory")),
        ("Zelensky has ruled out withdrawing troops from Donbas.", ("UA", "reject", "territory")),
        ("Sybiha said Kyiv would not accept any limits on its armed forces.",
         ("UA", "reject", "army_limits")),
    ],
)
def test_more_news_phrasings(text, expected) -> None:
    assert expected in keys(text)


@pytest.mark.parametrize(
    "text",
    [
        # a bare "territory" with no place, no hand-over and no swap is still no stance
        "Kyiv is open to talks on territory, Zelensky said.",
        # NATO's Article 5 as a model is no bid for membership
        "Zelensky wants guarantees similar to NATO's Article 5.",
    ],
)
def test_more_phrasings_that_must_not_fire(text) -> None:
    got = keys(text)
    assert not any(i in ("territory", "nato_membership") for _, _, i in got)
