"""General stance rules: subjects, talk about talks, self-obligations, readouts,
plan texts and lists, places. Each rule is tested in several phrasings, with
cases where it must not fire. Every sentence is written for the test."""

from __future__ import annotations

import pytest

from parley.extract import extract
from parley.extract.segment import sentences


def keys(text: str, **kw) -> set[tuple[str, str, str]]:
    return {(c.actor, c.act, c.issue) for c in extract(text, date="2025-11-21", **kw).claims}


def claims(text: str, **kw):
    return extract(text, date="2025-11-21", **kw).claims


# -- the subject of the trigger ----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia is also ready to hold direct talks.", ("RU", "propose", "talks")),
        ("The Kremlin has repeatedly rejected a ceasefire.", ("RU", "reject", "ceasefire")),
        ("Kyiv said it was ready for a ceasefire.", ("UA", "propose", "ceasefire")),
        ("Russia's readiness for dialogue with Kyiv was confirmed.", ("RU", "propose", "talks")),
        ("Putin continues to insist on neutral status for Ukraine.",
         ("RU", "demand", "neutrality")),
        ("I am ready to meet Putin, Zelensky said.", ("UA", "propose", "talks")),
    ],
)
def test_subject_before_the_verb_group_holds_the_stance(text: str, expected: tuple) -> None:
    assert expected in keys(text)


@pytest.mark.parametrize(
    ("text", "kw"),
    [
        # a noun subject that is no party: nobody's stance
        ("The guarantor countries are committed to a ceasefire.", {}),
        ("Ukrainian society is not ready for a ceasefire, Zelensky said.", {}),
        ("The consequences of sanctions would not be so significant, Podolyak said.", {}),
        # "they" with no party named before it does not fall back to the house
        ("They simply rejected the ceasefire.", {"outlet": "kremlin.ru"}),
        # a trigger noun in a prepositional phrase has no subject of its own
        ("Zelensky stressed the value of a signal from Russia on readiness for dialogue.", {}),
    ],
)
def test_non_party_subject_gives_no_stance(text: str, kw: dict) -> None:
    assert not keys(text, **kw)


# -- talk about talks ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow is open to negotiations with Kyiv.", ("RU", "propose", "talks")),
        ("Kyiv is ready to continue talks at any time.", ("UA", "propose", "talks")),
        ("Ukraine does not refuse to negotiate with Russia.", ("UA", "propose", "talks")),
        # talks the speaker's side would hold: an offer
        ("Negotiations must be held now, Zelensky said.", ("UA", "propose", "talks")),
        ("There must be a pragmatic dialogue today, Zelensky said.",
         ("UA", "demand", "talks")),
    ],
)
def test_talks_as_object_of_a_stance(text: str, expected: tuple) -> None:
    assert expected in keys(text)


@pytest.mark.parametrize(
    "text",
    [
        "Negotiations must be based on common sense, Podolyak said.",
        "Kyiv was seeking every chance to try to prolong the negotiation process.",
        "We have to understand that negotiations are another front line, Podolyak said.",
        "Moscow said talks would fail, and a different approach is needed.",
    ],
)
def test_talk_about_talks_is_no_stance(text: str) -> None:
    assert not any(k[2] == "talks" for k in keys(text))


# -- a speaker's modal about its own party -----------------------------------------
@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        # its own step: an offer
        ("Ukraine must hold negotiations with Russia, Zelensky said.",
         ("UA", "propose", "talks"), ("UA", "demand", "talks")),
        ("Russia should hold direct talks with Kyiv, Lavrov said.",
         ("RU", "propose", "talks"), ("RU", "demand", "talks")),
        # a step asked of the other side: a demand
        ("Ukraine must withdraw from Donbas, Lavrov said.",
         ("RU", "demand", "territory"), ("RU", "propose", "territory")),
        # asking to be given something stays a demand
        ("Ukraine must get security guarantees, Zelensky said.",
         ("UA", "demand", "security_guarantees"), ("UA", "propose", "security_guarantees")),
    ],
)
def test_self_obligation_is_an_offer(text: str, expected: tuple, wrong: tuple) -> None:
    found = keys(text)
    assert expected in found
    assert wrong not in found


def test_no_obligation_is_no_refusal() -> None:
    found = keys("Ukraine does not have to give up Donbas, Zelensky said.")
    assert not any(k[2] == "territory" for k in found)


# -- speakers -----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Some politicians in Europe say that Ukraine must stop fighting.",
        "Officials in Berlin said Ukraine must stop fighting.",
    ],
)
def test_role_noun_in_a_capital_is_that_party_speaking(text: str) -> None:
    found = keys(text)
    assert ("EUROPE", "demand", "ceasefire") in found
    assert ("UA", "demand", "ceasefire") not in found


@pytest.mark.parametrize(
    "text",
    [
        "Give us air defence systems, Zelensky said.",
        "They handed the draft to us and we read it.",
        "Let us talk about a ceasefire, Zelensky said.",
    ],
)
def test_pronoun_us_is_not_the_united_states(text: str) -> None:
    assert not any(k[0] == "US" for k in keys(text))


def test_acronym_still_names_the_united_states() -> None:
    assert ("US", "demand", "ceasefire") in keys("The US wants a ceasefire.")


# -- "without", "not discussed", "needs", firm refusals -----------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kyiv cannot sign any deal without security guarantees.",
         ("UA", "demand", "security_guarantees")),
        ("Talks are impossible without weapons deliveries, Zelensky said.",
         ("UA", "demand", "military_aid")),
        ("Dialogue is impossible without sanctions pressure, as well as without air defence "
         "systems, Zelensky said.", ("UA", "demand", "military_aid")),
        ("Demilitarisation is not up for discussion, Zelensky said.",
         ("UA", "reject", "army_limits")),
        ("We do not discuss denazification at all, Zelensky said.",
         ("UA", "reject", "culture_rights")),
        ("Ukraine needs security guarantees.", ("UA", "demand", "security_guarantees")),
        ("Our state needs reliable guarantees of its security, Podolyak said.",
         ("UA", "demand", "security_guarantees")),
        ("Zelensky will definitely not accept territorial concessions.",
         ("UA", "reject", "territory")),
        ("Kyiv would certainly not accept territorial concessions.",
         ("UA", "reject", "territory")),
    ],
)
def test_condition_and_refusal_phrasings(text: str, expected: tuple) -> None:
    assert expected in keys(text)


def test_needs_without_an_issue_is_no_claim() -> None:
    assert not keys("Ukraine needs time and patience.")


# -- orders -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Second, give us air defence systems, Zelensky said.",
        "If you will not close the sky, give us fighter jets, Zelensky said.",
        "Finally, give us long-range missiles, Zelensky said.",
    ],
)
def test_order_after_enumerator_or_condition(text: str) -> None:
    assert ("UA", "demand", "military_aid") in keys(text)


def test_order_mid_sentence_is_no_order() -> None:
    assert not keys("Zelensky said partners will give us long-range missiles next year.") & {
        ("UA", "demand", "military_aid")
    }


# -- readouts: "the parties" ---------------------------------------------------------------
def test_the_parties_of_a_call_are_both_participants() -> None:
    text = ("Putin had a telephone conversation with Erdogan.\n"
            "The parties underlined a commitment to expanding bilateral trade.")
    found = keys(text)
    assert ("RU", "propose", "relations") in found
    assert ("TR", "propose", "relations") in found


def test_both_sides_after_a_meeting() -> None:
    text = ("Macron met Zelensky in Paris.\n"
            "Both sides are ready to hold a leaders' summit.")
    found = keys(text)
    assert ("EUROPE", "propose", "talks") in found
    assert ("UA", "propose", "talks") in found


def test_leaders_of_named_states_are_not_a_joint_subject() -> None:
    text = ("Putin spoke with Erdogan.\n"
            "The leaders of Britain, France and Germany called for a ceasefire.")
    found = keys(text)
    assert ("EUROPE", "demand", "ceasefire") in found
    assert not any(k[0] in ("RU", "TR") for k in found)


# -- whose proposals -------------------------------------------------------------------
def test_demonstrative_proposals_belong_to_the_last_proposer() -> None:
    text = ("Guterres put forward two proposals on Tuesday.\n"
            "These proposals concern humanitarian corridors from the city.")
    assert ("UN", "propose", "humanitarian") in keys(text, outlet="kremlin.ru")


@pytest.mark.parametrize(
    "text",
    [
        "The goals of the operation include talks with Kyiv.",
        "We created the conditions for continuing the talks.",
    ],
)
def test_nouns_held_by_no_party_give_no_claim(text: str) -> None:
    assert not keys(text, outlet="kremlin.ru")


def test_the_demands_of_a_party_are_its_demands() -> None:
    assert ("RU", "demand", "neutrality") in keys(
        "The demands of Moscow include neutral status for Ukraine."
    )


# -- plan texts ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Under the US plan, Ukraine would cap its army at 600,000 troops.",
         ("US", "propose", "army_limits")),
        ("Washington's proposal was sent to Kyiv.\n"
         "The draft provides that Ukraine will not join NATO.",
         ("US", "propose", "nato_membership")),
        ("The plan drafted by Witkoff was shown to Kyiv.\n"
         "Under the plan, sanctions would be lifted in stages.",
         ("US", "propose", "sanctions")),
        ("The European counter-proposal was published on Sunday.\n"
         "According to the document, European troops would be deployed in Ukraine.",
         ("EUROPE", "propose", "foreign_troops")),
    ],
)
def test_plan_text_is_the_authors_proposal(text: str, expected: tuple) -> None:
    found = claims(text)
    hit = [c for c in found if (c.actor, c.act, c.issue) == expected]
    assert hit and hit[0].source_kind == "document"
    assert not any(c.actor == "UA" for c in found)


def test_plan_point_keeps_the_negated_outcome() -> None:
    found = claims("Under the US plan, Ukraine will not join NATO.")
    assert [(c.actor, c.act, c.outcome) for c in found if c.issue == "nato_membership"] == [
        ("US", "propose", "renounced")
    ]


def test_plan_frame_without_a_known_author_gives_no_author() -> None:
    found = keys("According to the draft, sanctions would be lifted.")
    assert not any(k[2] == "sanctions" for k in found)


def test_party_stance_in_a_proposal_is_the_partys() -> None:
    found = keys("In the new proposal, the Russian president demands that Ukraine "
                 "withdraw from Donbas.")
    assert ("RU", "demand", "territory") in found


# -- lists ------------------------------------------------------------------------------------
def test_numbered_plan_points_after_an_intro() -> None:
    text = ("The US plan has these main points:\n"
            "1. Ukraine will not join NATO.\n"
            "2. Elections will be held in Ukraine within 100 days.\n"
            "3) Sanctions on Russia would be lifted.\n"
            "Zelensky said Ukraine rejects territorial concessions.")
    found = claims(text)
    got = {(c.actor, c.act, c.issue) for c in found}
    assert {("US", "propose", "nato_membership"), ("US", "propose", "elections"),
            ("US", "propose", "sanctions")} <= got
    # the list ends at the first line that is no item
    assert ("UA", "reject", "territory") in got
    assert ("US", "propose", "territory") not in got


def test_bulleted_demands_after_an_intro() -> None:
    text = ("Russia's demands include:\n"
            "- Ukraine withdraws from Donbas.\n"
            "- Ukraine renounces NATO membership.")
    found = {(c.actor, c.act, c.issue, c.outcome) for c in claims(text)}
    assert ("RU", "demand", "territory", "ru_control") in found
    assert ("RU", "demand", "nato_membership", "renounced") in found


def test_numbered_line_without_an_intro_keeps_its_own_subject() -> None:
    found = keys("1. Ukraine will not join NATO.")
    assert ("UA", "propose", "nato_membership") in found
    assert not any(k[0] == "US" for k in found)


@pytest.mark.parametrize(
    "text",
    ["1. Ukraine will not join NATO.", "12) Ukraine will not join NATO.",
     "Intro:\n3. Ukraine will not join NATO.\n4. Sanctions stay."],
)
def test_list_number_opens_its_items_sentence(text: str) -> None:
    sents = [text[s.start : s.end] for s in sentences(text)]
    assert any(s.endswith("Ukraine will not join NATO.") and s[0].isdigit() for s in sents)
    assert not any(s.strip() in {"1.", "12)", "3."} for s in sents)


# -- places ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("Russia demands that Ukraine withdraw from Donetsk.", {"UA-14"}),
        ("Moscow wants Kyiv to cede Luhansk.", {"UA-09"}),
        ("Russia demands that Ukraine hand over Donbas and the Zaporizhzhia nuclear "
         "power plant.", {"UA-14", "UA-09"}),
    ],
)
def test_bare_names_of_claimed_regions_count(text: str, regions: set[str]) -> None:
    found = [c for c in claims(text) if c.issue == "territory"]
    assert found and set(found[0].regions) == regions


def test_city_of_a_claimed_region_is_no_region() -> None:
    found = [c for c in claims("Russia demands that Ukraine withdraw from the city of "
                               "Zaporizhzhia and from Donbas.") if c.issue == "territory"]
    assert found and "UA-23" not in found[0].regions


# -- conditions written as "impossible without", efforts, referents ----------------------
@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        ("Such a system of guarantees is impossible without the United States, Podolyak said.",
         ("UA", "demand", "security_guarantees"), ("UA", "reject", "security_guarantees")),
        ("A ceasefire is impossible today without security guarantees, Zelensky said.",
         ("UA", "demand", "security_guarantees"), ("UA", "reject", "security_guarantees")),
        # "cannot sign X without Y" still refuses X
        ("We cannot sign a ceasefire without security guarantees, Zelensky said.",
         ("UA", "reject", "ceasefire"), ("UA", "demand", "ceasefire")),
    ],
)
def test_impossible_without_is_a_condition(text: str, expected: tuple, wrong: tuple) -> None:
    found = keys(text)
    assert expected in found
    assert wrong not in found


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine will do its utmost to obtain reliable security guarantees.",
        "Kyiv will do everything possible to obtain security guarantees.",
    ],
)
def test_efforts_to_obtain_are_demands(text: str) -> None:
    assert ("UA", "demand", "security_guarantees") in keys(text)


def test_guarantors_as_a_referent_name_no_guarantee_stance() -> None:
    found = keys("Ukraine will undertake not to join military alliances, with the consent "
                 "of the guarantor countries.")
    assert ("UA", "propose", "nato_membership") in found
    assert ("UA", "propose", "security_guarantees") not in found


def test_guarantors_alone_are_the_issue() -> None:
    assert ("UA", "demand", "security_guarantees") in keys(
        "Ukraine wants to see Turkey among the guarantors."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow's negotiators demanded a ceasefire.", ("RU", "demand", "ceasefire")),
        ("White House officials rejected sanctions relief.", ("US", "reject", "sanctions")),
    ],
)
def test_a_partys_people_hold_its_stance(text: str, expected: tuple) -> None:
    assert expected in keys(text)


def test_a_partys_allies_are_not_the_party() -> None:
    assert ("UA", "demand", "ceasefire") not in keys("Ukraine's allies want a ceasefire.")


def test_according_to_him_yields_to_a_named_speaker() -> None:
    text = ("Zelensky spoke on Monday.\n"
            "According to him, politicians in Europe say that Ukraine must stop fighting.")
    found = keys(text)
    assert ("EUROPE", "demand", "ceasefire") in found
    assert not any(k[0] == "UA" and k[2] == "ceasefire" for k in found)


# -- conditions in their own clause, relative clauses, joint subjects ------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Putin said Moscow was ready for a ceasefire, but only if Kyiv withdrew its troops "
        "from Donbas.",
        "The Kremlin is open to a ceasefire but only after Ukraine withdraws from Donbas.",
    ],
)
def test_only_if_clause_is_the_actors_demand(text: str) -> None:
    found = keys(text)
    assert ("RU", "propose", "ceasefire") in found
    assert ("RU", "demand", "territory") in found


def test_but_clause_without_condition_takes_no_demand() -> None:
    found = keys("Moscow is open to a ceasefire, but Kyiv withdrew from Donbas last year.")
    assert ("RU", "demand", "territory") not in found


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("The proposals, which Kyiv has not seen, would require Ukraine to cede all of "
         "Donetsk.", ("UA", "demand", "territory")),
        ("The plan, which Moscow drafted, would require Ukraine to cede Donbas.",
         ("RU", "demand", "territory")),
    ],
)
def test_party_inside_a_relative_clause_is_not_the_subject(text: str, wrong: tuple) -> None:
    assert wrong not in keys(text)


def test_subject_before_a_relative_clause_holds_the_stance() -> None:
    found = keys("Putin, who met Witkoff on Tuesday, wants Ukraine to cede Donbas.")
    assert ("RU", "demand", "territory") in found
    assert ("US", "demand", "territory") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ukraine and its European allies have called for a ceasefire.",
         {("UA", "demand", "ceasefire"), ("EUROPE", "demand", "ceasefire")}),
        ("Russia and Ukraine agreed to a prisoner exchange.",
         {("RU", "propose", "humanitarian"), ("UA", "propose", "humanitarian")}),
        ("Rubio said Washington and Kyiv want a ceasefire.",
         {("US", "demand", "ceasefire"), ("UA", "demand", "ceasefire")}),
    ],
)
def test_joined_subjects_share_the_stance(text: str, expected: set) -> None:
    assert expected <= keys(text)


def test_and_between_clauses_joins_no_subjects() -> None:
    assert ("US", "demand", "ceasefire") not in keys("Putin met Trump and Moscow wants a "
                                                     "ceasefire.")


@pytest.mark.parametrize(
    "text",
    [
        "Zelensky said Kyiv would never give up its land.",
        "Kyiv will not trade land for peace, Zelensky said.",
    ],
)
def test_giving_up_land_is_territory(text: str) -> None:
    assert ("UA", "reject", "territory") in keys(text)


def test_condition_after_a_dash_with_examples_is_demanded() -> None:
    text = ("Putin is willing to drop his demand for all of Donbas — if the US makes "
            "concessions to Moscow, such as recognising control over Crimea.")
    found = keys(text)
    assert ("RU", "demand", "recognition") in found
    assert ("RU", "propose", "recognition") not in found


@pytest.mark.parametrize(
    "text",
    [
        "Trump said he had begun organizing a meeting of the two presidents.",
        "Erdogan offered to organise a leaders' summit in Istanbul.",
    ],
)
def test_organizing_a_meeting_is_an_offer(text: str) -> None:
    assert any(k[1] == "propose" and k[2] == "talks" for k in keys(text))


def test_organizing_something_else_is_no_offer() -> None:
    assert not keys("Russia is organizing a referendum in the occupied regions.")


@pytest.mark.parametrize(
    "text",
    [
        "Kyiv will make no concessions on its territorial integrity, Zelensky said.",
        "Ukraine's territorial integrity is inviolable, Zelensky said.",
    ],
)
def test_refusing_concessions_refuses_the_hand_over(text: str) -> None:
    found = [c for c in claims(text) if c.issue == "territory"]
    assert found and (found[0].act, found[0].outcome) == ("reject", "ru_control")


def test_demanding_territorial_integrity_keeps_its_outcome() -> None:
    found = [c for c in claims("Zelensky demanded respect for territorial integrity.")
             if c.issue == "territory"]
    assert found and (found[0].act, found[0].outcome) == ("demand", "ua_control")


def test_trigger_inside_a_leading_condition_keeps_to_it() -> None:
    found = keys("If Russia refuses a ceasefire, we will impose massive sanctions, "
                 "Macron said.")
    assert ("RU", "reject", "sanctions") not in found


def test_border_region_named_alone_counts() -> None:
    found = [c for c in claims("Ukraine is prepared to swap land it holds in Kursk, "
                               "Zelensky said.") if c.issue == "territory"]
    assert found and "RU-KRS" in found[0].regions


@pytest.mark.parametrize(
    "text",
    [
        "The West must halt arms supplies to Ukraine, Putin said.",
        "Moscow wants an end to Western military aid for Kyiv.",
    ],
)
def test_halting_arms_supplies_is_the_halted_outcome(text: str) -> None:
    found = [c for c in claims(text) if c.issue == "military_aid"]
    assert found and (found[0].actor, found[0].outcome) == ("RU", "halted")


# -- transcripts and plan headings ------------------------------------------------------------
def test_transcript_line_speaker_holds_its_first_person_stances() -> None:
    text = ("Zelensky: We will never recognise Crimea as Russian. We need security guarantees.\n"
            "Putin: We are ready for a ceasefire. Kyiv must withdraw from Donbas.\n"
            "The talks ended. We need security guarantees.")
    found = claims(text)
    got = {(c.actor, c.act, c.issue) for c in found}
    assert {("UA", "reject", "recognition"), ("UA", "demand", "security_guarantees"),
            ("RU", "propose", "ceasefire"), ("RU", "demand", "territory")} <= got
    # the line speaker ends with its line
    last = text.rindex("We need")
    assert not any(c.start >= last for c in found)


def test_colon_after_no_party_names_no_speaker() -> None:
    assert not keys("Note: we need security guarantees.")


@pytest.mark.parametrize(
    "intro",
    [
        "Trump's 28-point peace plan",
        "Here is the US-drafted 28-point plan, as obtained by reporters:",
    ],
)
def test_plan_heading_or_intro_opens_its_points(intro: str) -> None:
    text = (intro + "\n1. Ukraine will not join NATO.\n"
            "2. NATO agrees not to station troops in Ukraine.")
    found = {(c.actor, c.act, c.issue, c.outcome) for c in claims(text)}
    assert ("US", "propose", "nato_membership", "renounced") in found
    assert ("US", "propose", "foreign_troops", "none") in found
    assert not any(k[0] in ("UA", "NATO") for k in found)


def test_heading_without_plan_opens_no_list() -> None:
    text = "Talks in Geneva\n1. Ukraine will not join NATO."
    assert ("UA", "propose", "nato_membership") in keys(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Zelensky said the Russian Federation issued a public ultimatum.\n"
         "It contained demilitarisation and denazification.", ("RU", "demand", "army_limits")),
        ("Witkoff presented the plan to Kyiv on Friday.\n"
         "These include a demilitarised zone.", ("US", "propose", "dmz")),
    ],
)
def test_subject_of_issuing_verb_holds_the_noun(text: str, expected: tuple) -> None:
    found = keys(text, outlet="president.gov.ua")
    assert expected in found
    assert not any(k[0] == "UA" for k in found)


# -- "not A but B", gapped phrases -------------------------------------------------------------
def test_goal_is_not_a_but_b() -> None:
    found = keys("Podolyak said Ukraine's goal is not a ceasefire with Russia, but "
                 "multilateral security guarantees.")
    assert ("UA", "reject", "ceasefire") in found
    assert ("UA", "demand", "security_guarantees") in found
    assert ("UA", "demand", "ceasefire") not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia's goal is the demilitarisation of Ukraine.", ("RU", "demand", "army_limits")),
        ("Kyiv supports the accession of Ukraine to the European Union.",
         ("UA", "propose", "eu_membership")),
        ("Kyiv backs the swift accession of the Ukrainian state to the EU.",
         ("UA", "propose", "eu_membership")),
        ("Under the US plan, Ukraine's armed forces would be capped at 600,000.",
         ("US", "propose", "army_limits")),
    ],
)
def test_goal_noun_and_gapped_phrases(text: str, expected: tuple) -> None:
    assert expected in keys(text)


@pytest.mark.parametrize(
    "text",
    [
        "The goal of the talks is a ceasefire.",
        # the two parts of a gapped phrase too far apart
        "Kyiv supports the accession process that was started long ago and is now open to "
        "the EU.",
    ],
)
def test_goal_of_no_party_and_far_gaps_give_nothing(text: str) -> None:
    assert not any(k[2] in ("ceasefire", "eu_membership") for k in keys(text))


# -- questions, assessments, bare land demands, "there will be no" ---------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Will Russia accept a ceasefire?",
        "Can Kyiv give up Donbas, he asked?",
        "The Institute for the Study of War said Russia is unlikely to agree to a ceasefire.",
        "Putin wants to visit Kherson next year.",
    ],
)
def test_questions_assessments_and_visits_are_no_claims(text: str) -> None:
    assert not keys(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow says it wants all of Donetsk.", ("RU", "demand", "territory", "ru_control")),
        ("Putin demands the whole of Luhansk.", ("RU", "demand", "territory", "ru_control")),
        ("Kyiv wants Crimea back, Zelensky said.", ("UA", "demand", "territory", "ua_control")),
        ('"There will be no ceasefire until Russia withdraws," Zelensky said.',
         ("UA", "demand", "territory", "ua_control")),
        ("A Kremlin source said Moscow could agree to a ceasefire if Kyiv dropped its NATO bid.",
         ("RU", "demand", "nato_membership", "renounced")),
    ],
)
def test_land_demands_and_conditions(text: str, expected: tuple) -> None:
    assert expected in {(c.actor, c.act, c.issue, c.outcome) for c in claims(text)}


def test_condition_clause_keeps_the_hedge_of_its_stance() -> None:
    text = ("Sources say Putin is potentially willing to accept a ceasefire — if the US "
            "makes concessions, such as recognising control over Crimea.")
    found = [c for c in claims(text) if c.issue == "recognition"]
    assert found and found[0].act == "demand" and found[0].hedged


@pytest.mark.parametrize(
    "text",
    [
        "Moscow could abandon its claims to four partially occupied Ukrainian regions.",
        "Russia demands full control over the four regions.",
    ],
)
def test_four_regions_with_words_between(text: str) -> None:
    found = [c for c in claims(text) if c.issue == "territory"]
    assert found and set(found[0].regions) == {"UA-14", "UA-09", "UA-23", "UA-65"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kyiv tried to push for a ceasefire.", ("UA", "demand", "ceasefire")),
        ("Putin has started offering a ceasefire.", ("RU", "propose", "ceasefire")),
        ("Zelensky vowed to reject territorial concessions.", ("UA", "reject", "territory")),
    ],
)
def test_catenative_verbs_belong_to_the_verb_group(text: str, expected: tuple) -> None:
    assert expected in keys(text)
