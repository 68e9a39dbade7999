"""Stance detection: actor, act, issue, outcome and regions from short sentences.

Every sentence here is written for the test (no third-party news text).
"""

from __future__ import annotations

import pytest

from parley.extract import extract


def keys(text: str, **kw) -> set[tuple[str, str, str]]:
    return {(c.actor, c.act, c.issue) for c in extract(text, date="2025-08-21", **kw).claims}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the holder of the stance is the subject, not the nearest name
        ("Putin is urging Ukraine to give up the whole of Donbas.", ("RU", "demand", "territory")),
        ("The Kremlin insists that Kyiv abandon its NATO ambitions.",
         ("RU", "demand", "nato_membership")),
        ("Zelensky rejected any talk of a frozen conflict.", ("UA", "reject", "territory")),
        ("Washington has proposed a 30-day ceasefire.", ("US", "propose", "ceasefire")),
        ("Moscow is ready to hold direct talks with Kyiv.", ("RU", "propose", "talks")),
        ("Ukrainian negotiators demanded security guarantees.",
         ("UA", "demand", "security_guarantees")),
        ("Russian officials want the lifting of sanctions.", ("RU", "demand", "sanctions")),
        ("Macron called for a European peacekeeping force.",
         ("EUROPE", "demand", "foreign_troops")),
        # possessive holders of nominal triggers
        ("Russia's demands include the neutral status of Ukraine.",
         ("RU", "demand", "neutrality")),
        ("US proposals include a demilitarised zone.", ("US", "propose", "dmz")),
        # modal cues are held by the speaker
        ("Ukraine must withdraw from Donetsk region, Lavrov said.",
         ("RU", "demand", "territory")),
        ("Kyiv said that giving up territory is unacceptable.", ("UA", "reject", "territory")),
        # negation flips the act
        ("The Kremlin is not ready to accept a ceasefire.", ("RU", "reject", "ceasefire")),
        ("Kyiv does not want NATO troops in Ukraine.", ("UA", "reject", "foreign_troops")),
    ],
)
def test_extract_finds_stance(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in keys(text)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # the target of a demand is not its holder
        ("Putin is urging Ukraine to give up the whole of Donbas.", ("UA", "demand", "territory")),
        ("Lavrov said Ukraine must withdraw from Donetsk region.", ("UA", "demand", "territory")),
    ],
)
def test_extract_does_not_give_stance_to_target(text: str, wrong: tuple[str, str, str]) -> None:
    assert wrong not in keys(text)


@pytest.mark.parametrize(
    "text",
    [
        # analysts' and commentators' assessments
        "Analysts said Putin wants to keep all of Donbas.",
        "A political scientist said the demand for a ceasefire is unacceptable to Moscow.",
        # schedules, meetings and hopes without content
        "Officials from both sides are due to meet in Istanbul on Monday.",
        "Trump said he hopes they will strike a deal soon.",
        # speculation
        "It is unclear whether Ukraine would agree to a ceasefire.",
        # no issue
        "Russia may back down from its maximalist demands.",
        # a stance verb with no party holding it
        "The war began in February 2022.",
    ],
)
def test_extract_skips_non_claims(text: str) -> None:
    assert keys(text) == set()


def test_extract_splits_stances_at_in_return() -> None:
    text = (
        "The Russian president demands that Ukraine withdraw from Donbas, "
        "but in return Moscow would freeze the front lines in Zaporizhzhia and Kherson."
    )
    claims = extract(text).claims
    acts = {(c.actor, c.act, c.issue, c.outcome) for c in claims}
    assert ("RU", "demand", "territory", "ru_control") in acts
    assert ("RU", "propose", "territory", "freeze") in acts
    freeze = next(c for c in claims if c.outcome == "freeze")
    assert freeze.regions == ("UA-23", "UA-65")


def test_extract_gives_one_claim_per_issue_in_a_list() -> None:
    text = "Moscow wants Ukraine to stay neutral, drop its bid to join NATO and accept limits on its army."
    found = keys(text)
    assert {("RU", "demand", "nato_membership"), ("RU", "demand", "army_limits")} <= found


def test_extract_turns_refusal_unless_into_demand() -> None:
    text = "Putin said he would not accept any deal unless Ukraine withdrew from the four regions."
    claims = extract(text).claims
    demand = [c for c in claims if c.act == "demand" and c.issue == "territory"]
    assert demand and demand[0].actor == "RU"
    assert demand[0].outcome == "ru_control"
    assert set(demand[0].regions) == {"UA-14", "UA-09", "UA-23", "UA-65"}


@pytest.mark.parametrize(
    ("text", "issue", "outcome"),
    [
        ("Putin wants to keep Western troops out of Ukraine.", "foreign_troops", "none"),
        ("Russia rejected a NATO military presence in Ukraine.", "foreign_troops", "nato_troops"),
        ("The Kremlin demands a legally binding guarantee that NATO will not expand eastward.",
         "nato_membership", "legal_ban"),
        ("Kyiv wants the return of the occupied territories.", "territory", "ua_control"),
        ("Moscow insists on the lifting of sanctions.", "sanctions", "lifted"),
    ],
)
def test_extract_reads_outcome_from_dossier_phrases(text: str, issue: str, outcome: str) -> None:
    claims = [c for c in extract(text).claims if c.issue == issue]
    assert claims and claims[0].outcome == outcome


@pytest.mark.parametrize(
    ("text", "regions"),
    [
        ("Russia demands that Ukraine withdraw from Donbas.", {"UA-14", "UA-09"}),
        ("Russia demands full control over the four regions.", {"UA-14", "UA-09", "UA-23", "UA-65"}),
        ("Moscow is ready to hand over parts of Kharkiv, Sumy and Dnipro regions.",
         {"UA-63", "UA-59", "UA-12"}),
        # "Kyiv" the government is no region
        ("Kyiv rejected the demand to withdraw from Donetsk region.", {"UA-14"}),
    ],
)
def test_extract_expands_regions(text: str, regions: set[str]) -> None:
    claims = [c for c in extract(text).claims if c.issue == "territory"]
    assert claims and set(claims[0].regions) == regions


def test_extract_city_homonym_alone_is_no_region() -> None:
    claims = extract("Russia wants to give up territory near the city of Dnipro.").claims
    assert all("UA-12" not in c.regions for c in claims)


def test_extract_carries_pronoun_to_last_person() -> None:
    text = "Zelensky spoke in Kyiv on Tuesday. He rejected any territorial concessions."
    assert ("UA", "reject", "territory") in keys(text)


def test_extract_carries_speaker_into_quote_named_next() -> None:
    text = '"Withdrawing from Donbas is impossible." Zelensky told reporters this on Friday.'
    assert ("UA", "reject", "territory") in keys(text)


def test_extract_attaches_anaphora_to_previous_stance() -> None:
    text = "Moscow demands that Ukraine withdraw from Donbas. Kyiv rejected these terms."
    assert ("UA", "reject", "territory") in keys(text)


def test_extract_on_a_party_site_gives_unattributed_stance_to_the_party() -> None:
    text = (
        "---\noutlet: President of Ukraine (president.gov.ua)\n---\n"
        "The Head of State stressed that security guarantees must be legally binding.\n"
    )
    assert ("UA", "demand", "security_guarantees") in keys(text)


def test_extract_claims_only_in_body_with_exact_offsets() -> None:
    text = "---\ntitle: Russia demands a ceasefire\n---\nPutin demands a ceasefire.\n"
    claims = extract(text).claims
    assert len(claims) == 1
    c = claims[0]
    assert c.start >= text.index("Putin")
    assert text[c.start : c.end] == c.text
    assert c.rule.startswith("demand:")


def test_extract_list_continuation_keeps_the_last_holder() -> None:
    text = "Moscow set out its demands on Friday. These include a neutral status for Ukraine."
    assert ("RU", "demand", "neutrality") in keys(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian negotiators must hold firm at the talks, Kuleba said.",
        "Russian officials insisted that the issues in the negotiations are sanctions.",
    ],
)
def test_extract_talks_as_context_is_no_talks_claim(text: str) -> None:
    assert not any(issue == "talks" for _, _, issue in keys(text))


def test_extract_bare_territory_word_without_place_is_no_claim() -> None:
    assert keys("Kyiv wants to discuss the occupied territories.") == set()


def test_extract_concession_on_claims_means_freeze() -> None:
    text = "Putin could abandon his claims to the four regions, the sources said."
    claims = [c for c in extract(text).claims if c.issue == "territory"]
    assert claims and claims[0].act == "propose" and claims[0].outcome == "freeze"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a negation inside the outcome phrase is a commitment, not a refusal
        ("Kyiv said Ukraine will not join NATO.", ("UA", "propose", "nato_membership", "renounced")),
        # a refusal of recognition is a reject of legal recognition
        ("Zelensky said Ukraine will never recognise Crimea as Russian.",
         ("UA", "reject", "recognition", "de_jure")),
        # "Kyiv's European allies": the allies hold the stance, not Kyiv
        ("Kyiv's European allies rejected any limits on Ukraine's army.",
         ("EUROPE", "reject", "army_limits", "limited")),
    ],
)
def test_extract_negation_and_possessive_holders(text: str, expected: tuple) -> None:
    found = {(c.actor, c.act, c.issue, c.outcome) for c in extract(text).claims}
    assert expected in found


def test_extract_quoted_order_is_the_speakers_demand() -> None:
    text = '"Withdraw your troops from our land," Zelensky told Putin.'
    assert ("UA", "demand", "territory") in keys(text)


def test_extract_mid_sentence_stop_is_no_order() -> None:
    assert keys("Shelling did not stop near Kharkiv region on Monday.") == set()


def test_extract_commitment_not_to_host_troops_is_an_offer() -> None:
    text = "Ukraine will undertake not to deploy foreign military bases, Podolyak said."
    found = {(c.actor, c.act, c.issue, c.outcome) for c in extract(text).claims}
    assert ("UA", "propose", "foreign_troops", "none") in found
