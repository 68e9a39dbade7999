"""Constructions that carry a stance without the actor as subject of the trigger:
the passive with its agent ("a ceasefire was rejected by Moscow"), nominalised
stances held by a possessor ("Moscow's insistence on ..."), and refusals given up
("dropped its objections to ..."). Every sentence is written for the test."""

from __future__ import annotations

import pytest

from parley.extract import extract


def keys(text: str) -> set[tuple[str, str, str]]:
    return {(c.actor, c.act, c.issue) for c in extract(text, date="2025-11-21").claims}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the agent after "by" holds the stance; what precedes the verb is its object
        ("A ceasefire was rejected by Moscow on Tuesday.", {("RU", "reject", "ceasefire")}),
        ("The proposal for a 30-day truce was swiftly rejected by the Kremlin.",
         {("RU", "reject", "ceasefire")}),
        ("A demilitarised zone has been proposed by the United States.",
         {("US", "propose", "dmz")}),
        ("Neutrality for Ukraine is demanded by Russia.", {("RU", "demand", "neutrality")}),
        # no agent, or "by" naming no party: no holder from the passive
        ("The talks were hosted by Turkey.", set()),
        ("A ceasefire was rejected by a narrow margin.", set()),
    ],
)
def test_passive_agent_holds_the_stance(text: str, expected: set) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Moscow's insistence on a neutral Ukraine remains the main obstacle.",
         {("RU", "demand", "neutrality")}),
        ("Russia's offer of a 30-day ceasefire was met with scepticism.",
         {("RU", "propose", "ceasefire")}),
        ("The Kremlin's readiness to freeze the front line surprised diplomats.",
         {("RU", "propose", "territory")}),
        ("Ukraine's objection to any limits on its army is well known.",
         {("UA", "reject", "army_limits")}),
        ("Zelensky's push for NATO membership angered Moscow.",
         {("UA", "demand", "nato_membership")}),
        # "offers" as a verb is no noun: no possessor reading
        ("Special offers on flights to Moscow were announced.", set()),
    ],
)
def test_nominalised_stance_is_held_by_its_possessor(text: str, expected: set) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkey dropped its objections to Ukraine's NATO membership.",
         {("TR", "propose", "nato_membership")}),
        ("Hungary lifted its veto on new sanctions against Russia.",
         {("EUROPE", "propose", "sanctions")}),
        ("Ankara has withdrawn its opposition to Ukraine joining NATO.",
         {("TR", "propose", "nato_membership")}),
        ("Kyiv's refusal to cede Donbas is firm.", {("UA", "reject", "territory")}),
    ],
)
def test_a_refusal_given_up_is_acceptance(text: str, expected: set) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a vow never to do it refuses it; standing ready offers it; not standing in the
        # way accepts it
        ("Zelensky vowed never to give up Donbas.", {("UA", "reject", "territory")}),
        ("Moscow pledged not to give up Kherson.", {("RU", "reject", "territory")}),
        ("Europe stands ready to deploy peacekeepers to Ukraine.",
         {("EUROPE", "propose", "foreign_troops")}),
        ("Russia would not stand in the way of Ukraine joining the EU.",
         {("RU", "propose", "eu_membership")}),
        ("Kyiv pledged not to use Western missiles on Russian soil.", set()),
    ],
)
def test_vows_and_readiness_idioms(text: str, expected: set) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "act"),
    [
        # stance verbs and idioms of news copy, in several tenses
        ("Russia conditioned any deal on a ceasefire.", "demand"),
        ("Russia is determined to secure a ceasefire.", "demand"),
        ("Russia pleaded for a ceasefire.", "demand"),
        ("Russia raised the idea of a ceasefire.", "demand"),
        ("Russia continues to press for a ceasefire.", "demand"),
        ("Russia has said yes to a ceasefire.", "propose"),
        ("Russia signed off on a ceasefire.", "propose"),
        ("Russia left the door open to a ceasefire.", "propose"),
        ("Russia is amenable to a ceasefire.", "propose"),
        ("Russia could live with a ceasefire.", "propose"),
        ("Russia declared a ceasefire.", "propose"),
        ("Russia is warming to a ceasefire.", "propose"),
        ("Russia said no to a ceasefire.", "reject"),
        ("Russia blocked a ceasefire.", "reject"),
        ("Russia torpedoed a ceasefire.", "reject"),
        ("Russia declined to accept a ceasefire.", "reject"),
        ("Russia is sceptical of a ceasefire.", "reject"),
        ("Russia ruled a ceasefire out.", "reject"),
        ("Russia cast doubt on a ceasefire.", "reject"),
    ],
)
def test_news_stance_verbs(text: str, act: str) -> None:
    assert keys(text) == {("RU", act, "ceasefire")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # refusing a refusal asks for the thing refused
        ("Zelensky condemned Russia's refusal of a ceasefire.", {("UA", "demand", "ceasefire")}),
        ("Kyiv criticised Moscow's rejection of the truce.", {("UA", "demand", "ceasefire")}),
        # the new verbs need a party and an issue
        ("The number of attacks declined after the truce.", set()),
        ("Putin said no one wants a ceasefire more than Russia.", set()),
    ],
)
def test_refusals_of_refusals_and_non_stances(text: str, expected: set) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # proposing what another party is to do asks it of that party
        ("Washington proposed that Kyiv withdraw from Donbas.", {("US", "demand", "territory")}),
        ("Trump suggested Ukraine should hold elections.", {("US", "demand", "elections")}),
        # proposing one's own step, or a joint one, stays a proposal
        ("Russia proposed a ceasefire.", {("RU", "propose", "ceasefire")}),
        ("Russia proposed that it would freeze the front.", {("RU", "propose", "territory")}),
    ],
)
def test_proposing_what_another_party_does_is_a_demand(text: str, expected: set) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # stances said without a stance verb
        ("Russia's position is that Ukraine must withdraw from Donbas.",
         {("RU", "demand", "territory")}),
        ("Kyiv is standing firm against any territorial concessions.",
         {("UA", "reject", "territory")}),
        ("Russia is not budging on Donbas.", {("RU", "demand", "territory")}),
        ("The Kremlin made the lifting of sanctions a condition for any deal.",
         {("RU", "demand", "sanctions")}),
        ("Ukraine is not going to give up Donbas.", {("UA", "reject", "territory")}),
        ("The price of oil rose after the talks.", set()),
    ],
)
def test_stances_without_a_stance_verb(text: str, expected: set) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an answer naming no issue takes the question's
        ("QUESTION: Will Ukraine ever join NATO?\nTRUMP: That is not going to happen.",
         {("US", "reject", "nato_membership")}),
        ("Q: What about elections in Ukraine?\nZELENSKY: We are ready to hold them after the war.",
         {("UA", "propose", "elections")}),
        # an answer with its own issue keeps it; a question gives nothing to a later line
        ("Q: And NATO?\nA: Next question.\nPutin said Russia wants Donbas.",
         {("RU", "demand", "territory")}),
    ],
)
def test_an_answer_takes_the_issue_of_its_question(text: str, expected: set) -> None:
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "A:" in an interview is the person the report is about
        ("An interview with President Volodymyr Zelensky.\nQ: What do you want?\n"
         "A: We want NATO membership.", {("UA", "demand", "nato_membership")}),
        # the subject of a copula right before a stance noun is the aim
        ("Zelensky said NATO membership remains our goal.", {("UA", "demand", "nato_membership")}),
        ("Security guarantees are Kyiv's top priority.", {("UA", "demand", "security_guarantees")}),
        ("Specific conditions were discussed and Putin showed a willingness to make concessions"
         " at the Alaska summit.", set()),
    ],
)
def test_interview_answers_and_aims_named_before_the_noun(text: str, expected: set) -> None:
    assert keys(text) == expected


def test_what_a_plan_says_a_party_must_do_is_asked_of_it() -> None:
    text = ("The US plan has 28 points.\nUnder the plan, Russia must withdraw from Kharkiv.\n"
            "The plan's provisions concern the lifting of sanctions on Russia.")
    got = keys(text)
    assert {("US", "demand", "territory"), ("US", "propose", "sanctions")} <= got
    # "point" outside a plan frames nothing
    assert keys("At one point Putin demanded all of Donbas.") == {("RU", "demand", "territory")}
