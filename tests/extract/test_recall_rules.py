"""Recall rules of issue #2: speakers of quotes carried over several sentences,
attributions, coordinated verbs, joint subjects, plan texts in the present tense,
list heads ("the conditions include"), leading conditions, and the cheaper
sentencizer. Each rule is tested in several phrasings, with cases where it must
not fire. Every sentence is written for the test."""

from __future__ import annotations

import pytest
import spacy

from parley.extract import extract
from parley.extract.segment import sentences, sentencizer


def keys(text: str, **kw) -> set[tuple[str, str, str]]:
    return {(c.actor, c.act, c.issue) for c in extract(text, date="2025-11-21", **kw).claims}


def claims(text: str, **kw):
    return extract(text, date="2025-11-21", **kw).claims


# -- names are not cue words ------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        '"I am ready to meet Putin. But first we must agree with the United States."',
        '"We are ready for a ceasefire. We will coordinate it with the United States."',
    ],
)
def test_states_in_the_united_states_is_no_reporting_verb(text: str) -> None:
    # "States" inside "the United States" once made the US the quote's speaker
    text = "Zelensky spoke to reporters on Monday.\n\n" + text
    got = keys(text)
    assert not any(actor == "US" for actor, _, _ in got)
    assert any(actor == "UA" for actor, _, _ in got)


def test_a_negated_reporting_verb_names_no_speaker() -> None:
    text = ('Zelensky spoke to reporters.\n\n"We want a ceasefire now. '
            'Russia has never confirmed any meeting."')
    assert ("UA", "demand", "ceasefire") in keys(text)
    assert ("RU", "demand", "ceasefire") not in keys(text)


# -- sentences ---------------------------------------------------------------------------
def test_a_full_stop_before_a_lower_case_word_ends_no_sentence() -> None:
    text = "Tanks, jets, etc. are needed, he said. Then he left.\nnext line. And more."
    got = [text[s.start : s.end] for s in sentences(text)]
    assert got == ["Tanks, jets, etc. are needed, he said.", "Then he left.", "next line.",
                   "And more."]


def test_a_list_item_ending_in_etc_keeps_its_verb() -> None:
    text = ('"First, close the sky. Second, sanctions such as an oil embargo, etc. are '
            'needed," Podolyak said.')
    assert ("UA", "demand", "sanctions") in keys(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        ".",
        "a. b",
        ". . a",
        '"Yes." He said! "No?" ok',
        "x\n.\ny",
        "Mr. Smith said no... Then? Yes!! Fine.",
        "It ended (finally). Next, the talks.\n\n\"Quote.\" More",
    ],
)
def test_the_array_sentencizer_matches_spacys(text: str) -> None:
    nlp = spacy.blank("en")
    reference = nlp.add_pipe("sentencizer")
    want = [t.is_sent_start for t in reference(nlp.make_doc(text))]
    assert [t.is_sent_start for t in sentencizer(nlp.make_doc(text))] == want


# -- demands and offers ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Air defence systems are needed, Zelensky said.", ("UA", "demand", "military_aid")),
        ("Ukraine's neutral status is essential, Putin said.", ("RU", "demand", "neutrality")),
        ("Ukraine is applying for membership of NATO.", ("UA", "demand", "nato_membership")),
        ("He said Ukraine needed security guarantees, Zelensky's office said.",
         ("UA", "demand", "security_guarantees")),
        ("China and Brazil support direct talks.", ("CN", "propose", "talks")),
        ("Russia must pay for the damage, Zelensky said.", ("UA", "demand", "reparations")),
        ("Slovakia called for a ceasefire.", ("EUROPE", "demand", "ceasefire")),
        ("Trump ruled out sending American troops.", ("US", "reject", "foreign_troops")),
        ("There can be no freezing of the conflict, Yermak said.",
         ("UA", "reject", "territory")),
        ("Peskov said Russia was ready to observe a moratorium on strikes on energy facilities.",
         ("RU", "propose", "ceasefire")),
        ("Yermak said there would be no compromises on Ukraine's territorial integrity.",
         ("UA", "reject", "territory")),
        ("Germany pledged more air defence systems.", ("EUROPE", "propose", "military_aid")),
    ],
)
def test_lexicon_additions(text: str, expected: tuple) -> None:
    assert expected in keys(text)


@pytest.mark.parametrize(
    "text",
    [
        "Support for the ceasefire is growing among voters.",
        "The plan has broad support in Europe.",
        "If needed, the talks will resume next week.",
    ],
)
def test_support_and_needed_without_a_party_subject_hold_no_stance(text: str) -> None:
    assert keys(text) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia said the Black Sea deal would only take effect after sanctions on its "
         "banks were lifted.", ("RU", "demand", "sanctions")),
        ("Moscow said the truce would take effect only after the reconnection of its "
         "banks to SWIFT.", ("RU", "demand", "sanctions")),
    ],
)
def test_taking_effect_only_after_is_a_condition_demanded(text: str, expected: tuple) -> None:
    assert expected in keys(text)


def test_reconnection_to_swift_is_lifting_sanctions() -> None:
    [c] = claims("The Kremlin's conditions include the reconnection of its banks to SWIFT.")
    assert (c.actor, c.act, c.issue, c.outcome) == ("RU", "demand", "sanctions", "lifted")


# -- "the conditions include ..." ----------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "According to Putin, the conditions include Ukraine's neutrality and the lifting of "
        "sanctions.",
        "The conditions also include neutrality and the lifting of sanctions, Lavrov said.",
        "Russia's conditions include neutrality and the lifting of sanctions.",
    ],
)
def test_conditions_include_lists_the_speakers_demands(text: str) -> None:
    got = keys(text)
    assert {("RU", "demand", "neutrality"), ("RU", "demand", "sanctions")} <= got


@pytest.mark.parametrize(
    "text",
    [
        "The conditions include neutrality and the lifting of sanctions.",
        "Weather conditions include heavy rain, Lavrov said.",
    ],
)
def test_conditions_include_without_a_holder_or_issue_is_no_claim(text: str) -> None:
    assert keys(text) == set()


# -- a leading condition ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Zelensky spoke on Monday. "If this is not possible now, then we need European '
         'troops on our territory."', ("UA", "demand", "foreign_troops")),
        ("If Russia refuses, Ukraine will insist on more air defence systems, Zelensky said.",
         ("UA", "demand", "military_aid")),
    ],
)
def test_the_main_clause_trigger_holds_the_stance_after_a_condition(
    text: str, expected: tuple
) -> None:
    assert expected in keys(text)


def test_a_condition_without_a_main_trigger_keeps_its_own() -> None:
    assert ("RU", "reject", "ceasefire") in keys(
        "If Russia rejects the ceasefire, sanctions will follow, Zelensky said."
    )


# -- meetings named by the trigger ------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["Erdogan is ready to organise a summit.", "Turkey offered to organize a meeting in Istanbul."],
)
def test_organising_a_meeting_is_a_stance_on_talks(text: str) -> None:
    assert ("TR", "propose", "talks") in keys(text)


def test_refusing_to_organise_a_meeting_adds_no_talks_issue() -> None:
    assert keys("Turkey refused to organise a meeting.") == set()


# -- the speaker's attribution ends the stance --------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Ukraine is applying for accession to NATO, Zelensky announced on Friday, hours after "
        "Russia proclaimed the annexation of four regions.",
        "Kyiv wants to join NATO, Zelensky said on Friday, a day after the annexation of "
        "Donetsk.",
    ],
)
def test_context_after_the_attribution_is_not_the_stance(text: str) -> None:
    got = keys(text)
    assert ("UA", "demand", "nato_membership") in got
    assert not any(issue == "territory" for _, _, issue in got)


def test_claims_in_a_list_are_no_attribution() -> None:
    got = keys("Russia's demands included neutrality, recognition of Russian claims to Crimea, "
               "the lifting of sanctions and a cap on the size of Ukraine's army.")
    assert {("RU", "demand", "sanctions"), ("RU", "demand", "army_limits")} <= got


def test_adding_opens_a_new_clause() -> None:
    got = keys("Kyiv wants security guarantees, Zelensky said, adding that Ukraine was ready "
               "for a ceasefire.")
    assert ("UA", "demand", "security_guarantees") in got
    assert ("UA", "propose", "ceasefire") in got
    assert ("UA", "demand", "ceasefire") not in got


def test_and_that_opens_a_new_clause() -> None:
    got = keys("Yermak said the peace formula was the basis for talks and that Russian troops "
               "must leave Ukrainian territory.")
    assert ("UA", "demand", "territory") in got
    [c] = [c for c in claims("Yermak said the peace formula was the basis for talks and "
                             "that Russian troops must leave Ukrainian territory.")
           if c.issue == "territory"]
    assert c.outcome == "ua_control"


# -- who leaves the land -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Kyiv insists Russian forces leave Zaporizhzhia.", "ua_control"),
        ("Zelensky said Russian troops must leave Kherson.", "ua_control"),
        ("Russia demands that Ukraine withdraw its troops from Donbas.", "ru_control"),
        ("Putin wants Kyiv to leave Zaporizhzhia.", "ru_control"),
    ],
)
def test_the_one_who_leaves_decides_the_outcome(text: str, outcome: str) -> None:
    got = [c for c in claims(text) if c.issue == "territory"]
    assert got and got[0].outcome == outcome


def test_a_hand_over_next_to_recognition_is_still_territory() -> None:
    got = keys("Under the US plan, Ukraine withdraws its forces from Donetsk; the area is "
               "recognised de facto as Russian.")
    assert {("US", "propose", "territory"), ("US", "propose", "recognition")} <= got


# -- quotes ------------------------------------------------------------------------------
def test_a_quote_of_several_sentences_belongs_to_the_speaker_named_at_its_end() -> None:
    text = ('Zelensky said Ukraine wanted a ceasefire.\n\n"We are ready for a ceasefire. '
            'But Kyiv must withdraw from Donbas. NATO membership for Ukraine is out of the '
            'question," Peskov told reporters.')
    got = keys(text)
    assert {("RU", "propose", "ceasefire"), ("RU", "demand", "territory"),
            ("RU", "reject", "nato_membership")} <= got


@pytest.mark.parametrize(
    "text",
    [
        'Zelensky was defiant. "We will never give up Donbas."',
        'Zelensky met Macron in Paris. "We will never give up Donbas."',
    ],
)
def test_an_unattributed_quote_after_a_named_person_is_theirs(text: str) -> None:
    assert ("UA", "reject", "territory") in keys(text)


def test_a_topic_before_a_colon_is_no_speaker() -> None:
    text = ('Putin held his year-end press conference.\n\n'
            'On NATO: "We will not accept NATO membership for Ukraine."\n\n'
            'On talks: "We are ready for negotiations."')
    got = keys(text)
    assert ("RU", "reject", "nato_membership") in got
    assert ("RU", "propose", "talks") in got
    assert not any(actor == "NATO" for actor, _, _ in got)


def test_a_transcript_speaker_before_a_colon_still_speaks() -> None:
    assert ("RU", "propose", "talks") in keys("Vladimir Putin: We are ready for negotiations.")


# -- negation ------------------------------------------------------------------------------
def test_negation_does_not_cross_a_comma() -> None:
    assert ("RU", "reject", "talks") in keys(
        "Russia, which was not invited, dismissed the peace summit."
    )
    assert ("RU", "reject", "ceasefire") in keys("Russia has not accepted a ceasefire.")


@pytest.mark.parametrize(
    "text",
    [
        "Their claims that we allegedly refused to negotiate are false, Podolyak said.",
        "Moscow says Kyiv supposedly rejected talks.",
    ],
)
def test_reported_and_denied_speech_is_no_stance(text: str) -> None:
    assert not any(act == "reject" for _, act, _ in keys(text))


# -- coordinated verbs -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        ("Hungary opposed the plan and called for direct talks with Moscow.",
         ("EUROPE", "demand", "talks"), ("EUROPE", "reject", "talks")),
        ("Kyiv rejected a partial truce and proposed a full ceasefire.",
         ("UA", "propose", "ceasefire"), None),
        ("The Kremlin rejects Western peacekeepers and insists on neutrality.",
         ("RU", "demand", "neutrality"), ("RU", "reject", "neutrality")),
    ],
)
def test_each_of_two_coordinated_verbs_holds_what_follows_it(
    text: str, expected: tuple, wrong: tuple | None
) -> None:
    got = keys(text)
    assert expected in got
    assert wrong not in got


def test_a_verb_in_the_base_form_is_the_object_of_the_first() -> None:
    got = keys("Russia urged Kyiv to withdraw from Donbas and accept neutrality.")
    assert ("RU", "demand", "neutrality") in got
    assert ("RU", "propose", "neutrality") not in got


# -- joint subjects ------------------------------------------------------------------------
def test_the_two_countries_and_they_are_the_pair_just_named() -> None:
    text = ("China and Brazil published a joint plan on Thursday. The two countries called "
            "for a ceasefire. They support direct talks.")
    got = keys(text)
    assert {("CN", "demand", "ceasefire"), ("BR", "demand", "ceasefire"),
            ("CN", "propose", "talks"), ("BR", "propose", "talks")} <= got


@pytest.mark.parametrize(
    "text",
    [
        "They support direct talks.",
        "Putin met Guterres in Moscow. They support direct talks.",
        "China and Brazil published a plan. Analysts were sceptical. They support direct talks.",
    ],
)
def test_they_without_a_pair_just_named_holds_no_stance(text: str) -> None:
    assert not any(issue == "talks" for _, _, issue in keys(text))


def test_guarantor_countries_are_no_joint_subject() -> None:
    got = keys("China and Brazil met. The guarantor countries called for a ceasefire.")
    assert ("CN", "demand", "ceasefire") not in got


# -- plan texts ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The US draft caps Ukraine's army at 600,000 troops.", ("US", "propose", "army_limits")),
        ("Under Trump's plan, Ukraine would get security guarantees.",
         ("US", "propose", "security_guarantees")),
        ("Trump's plan calls for a ceasefire along the current line.",
         ("US", "demand", "ceasefire")),
        ("The roadmap drafted by Turkey envisages an exchange of all prisoners.",
         ("TR", "propose", "humanitarian")),
    ],
)
def test_a_plan_text_in_the_present_is_its_authors(text: str, expected: tuple) -> None:
    assert expected in keys(text)


@pytest.mark.parametrize(
    "text",
    [
        "The US draft remains secret, and sanctions were not discussed in Geneva.",
        "The US draft does not mention sanctions.",
    ],
)
def test_words_about_a_plan_are_not_its_text(text: str) -> None:
    assert not any(act == "propose" for _, act, _ in keys(text))


# -- a party's own claim, agenda lists, sovereignty -----------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zelensky is ready to continue talks to liberate the occupied territories.",
         ("UA", "demand", "territory")),
        ("Kyiv proposed the withdrawal of Russian troops from Kherson.",
         ("UA", "demand", "territory")),
    ],
)
def test_putting_forward_ones_own_hold_on_land_is_a_claim(text: str, expected: tuple) -> None:
    got = keys(text)
    assert expected in got
    assert (expected[0], "propose", "territory") not in got


def test_offering_the_other_sides_hold_stays_an_offer() -> None:
    assert ("UA", "propose", "territory") in keys("Kyiv offered to freeze the front line.")
    assert ("US", "propose", "territory") in keys(
        "Under the US plan, Russian troops withdraw from Kharkiv."
    )


@pytest.mark.parametrize(
    "text",
    [
        "The most important issues in the talks are neutrality and sanctions, Zelensky said.",
        "The most important issues remain security guarantees and neutrality, he said.",
    ],
)
def test_a_list_of_the_most_important_issues_is_no_demand(text: str) -> None:
    assert not any(act == "demand" for _, act, _ in keys(text))


def test_respect_for_sovereignty_is_no_stance_on_recognition() -> None:
    assert not any(issue == "recognition" for _, _, issue in keys(
        'Zelensky listed his conditions. "Respect for sovereignty."'))
    assert ("RU", "demand", "recognition") in keys(
        "Russia demands recognition of its sovereignty over Crimea.")


def test_a_coordinated_verb_after_a_nested_trigger_still_splits() -> None:
    got = claims("Rubio said Washington wanted both sides to agree on a ceasefire and was "
                 "prepared to impose further sanctions on Russia.")
    assert ("US", "demand", "ceasefire") in {(c.actor, c.act, c.issue) for c in got}
    [s] = [c for c in got if c.issue == "sanctions"]
    assert (s.actor, s.act, s.outcome) == ("US", "propose", "kept")


# -- relative clauses ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kyiv pushed for a 30-day ceasefire, which Russia has so far refused.",
         ("RU", "reject", "ceasefire")),
        ("Kyiv offered a prisoner exchange, which Moscow rejected as a stunt.",
         ("RU", "reject", "humanitarian")),
        ("The US proposed a truce at sea, which the Kremlin accepted on Tuesday.",
         ("RU", "propose", "ceasefire")),
    ],
)
def test_a_relative_clause_takes_a_stance_on_its_antecedent(text: str, expected: tuple) -> None:
    assert expected in keys(text)


@pytest.mark.parametrize(
    "text",
    [
        "Russia proposed a plan, which Kyiv says requires a ceasefire.",
        "The summit, which Ukraine hosted, ended without a ceasefire.",
    ],
)
def test_a_relative_clause_with_its_own_object_or_no_stance_is_not_one(text: str) -> None:
    assert ("UA", "reject", "ceasefire") not in keys(text)
    assert ("UA", "propose", "ceasefire") not in keys(text)


# -- exchanges, plan conditions, new statements, times ---------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Kyiv agreed to a neutral status in exchange for security guarantees.",
        "Ukraine offered neutrality in return for security guarantees.",
    ],
)
def test_what_is_asked_in_exchange_for_an_offer_is_demanded(text: str) -> None:
    got = keys(text)
    assert ("UA", "propose", "neutrality") in got
    assert ("UA", "demand", "security_guarantees") in got
    assert ("UA", "propose", "security_guarantees") not in got


def test_what_is_offered_in_return_stays_an_offer() -> None:
    got = keys("Russia wants Donbas, but in return Moscow would freeze the front line in Kherson.")
    assert ("RU", "propose", "territory") in got


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Under the Ukrainian plan, the treaty enters into force only after a ceasefire.",
         ("UA", "demand", "ceasefire")),
        ("The Ukrainian draft provides that sanctions are lifted only if Russia withdraws "
         "from Kherson.", ("UA", "demand", "territory")),
    ],
)
def test_a_plans_condition_is_its_authors_demand(text: str, expected: tuple) -> None:
    got = keys(text)
    assert expected in got
    assert (expected[0], "propose", expected[2]) not in got


def test_a_plans_terms_before_its_condition_stay_proposed() -> None:
    got = keys("The Ukrainian draft provides that sanctions are lifted only if Russia "
               "withdraws from Kherson.")
    assert ("UA", "propose", "sanctions") in got


@pytest.mark.parametrize(
    "text",
    [
        "The US and the EU said they would never recognise the annexation and announced new "
        "sanctions.",
        "Kyiv rejected the plan and said new sanctions were coming.",
    ],
)
def test_and_with_a_reporting_verb_starts_a_new_statement(text: str) -> None:
    assert not any(act == "reject" and issue == "sanctions" for _, act, issue in keys(text))


def test_and_without_a_reporting_verb_keeps_the_clause() -> None:
    assert ("RU", "reject", "sanctions") in keys(
        "Russia rejected new sanctions and the oil embargo.")


def test_once_names_a_time_not_a_demand() -> None:
    got = keys("Ukraine should hold elections once a ceasefire is in place, Witkoff said.")
    assert ("US", "demand", "elections") in got
    assert ("US", "demand", "ceasefire") not in got
    assert ("RU", "demand", "ceasefire") in keys(
        "Russia demands a ceasefire once Ukraine withdraws from Kherson.")


# -- interview questions, prisoner swaps, back-references ------------------------------------
def test_a_question_before_the_answer_is_no_stance_and_the_answer_is() -> None:
    text = ('Asked whether Ukraine could agree to a ceasefire, the president said: "We are '
            'ready to stop the hot phase of the war along the line of contact."')
    got = keys(text, outlet="president.gov.ua")
    assert ("UA", "propose", "ceasefire") in got
    assert ("UA", "propose", "territory") in got


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv has proposed exchanging Russian soldiers captured in Kursk.",
        "Zelensky proposed to swap all remaining prisoners before the holidays.",
    ],
)
def test_swapping_prisoners_is_humanitarian(text: str) -> None:
    assert ("UA", "propose", "humanitarian") in keys(text)


def test_rejecting_the_initiative_rejects_what_it_proposed() -> None:
    text = "Putin offered a ceasefire if Kyiv withdraws from Donbas. Kyiv rejected the initiative."
    got = keys(text)
    assert ("UA", "reject", "ceasefire") in got
    assert keys("Kyiv rejected the initiative.") == set()


# -- "a plan that would ..." ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trump gave Kyiv a week to accept a US-drafted plan that would require Ukraine to "
         "cede territory.", ("US", "demand", "territory")),
        ("European leaders drafted a counter-proposal that would keep the front line frozen.",
         ("EUROPE", "propose", "territory")),
        ("Turkey presented a roadmap which envisages an exchange of all prisoners.",
         ("TR", "propose", "humanitarian")),
    ],
)
def test_a_plans_relative_clause_is_its_authors_text(text: str, expected: tuple) -> None:
    assert expected in keys(text)


def test_a_plan_with_no_known_author_holds_nothing() -> None:
    assert keys("Officials discussed a plan that would keep the front line frozen.") == set()


def test_what_is_around_the_plan_is_not_its_text() -> None:
    got = keys("Trump gave Kyiv a week to accept a US-drafted plan that would require Ukraine "
               "to cede territory.")
    assert ("UA", "propose", "territory") not in got


# -- floated, threatened, pushing --------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow has floated the idea of a transitional administration in Ukraine.",
         ("RU", "propose", "elections")),
        ("Trump has threatened new sanctions if Moscow does not agree to a ceasefire.",
         ("US", "propose", "sanctions")),
        ("Trump has threatened new sanctions if Moscow does not agree to a ceasefire.",
         ("US", "demand", "ceasefire")),
        ("Washington is pushing Kyiv to accept a deal that would cede Donbas.",
         ("US", "demand", "territory")),
        ("Brussels is pressing Moscow to agree to a full ceasefire.",
         ("EUROPE", "demand", "ceasefire")),
    ],
)
def test_floating_threatening_and_pressing(text: str, expected: tuple) -> None:
    assert expected in keys(text)


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces are pushing toward Pokrovsk.",
        "Russia threatened to strike government buildings in Kyiv.",
    ],
)
def test_pushing_and_threatening_without_an_issue_hold_nothing(text: str) -> None:
    assert keys(text) == set()
