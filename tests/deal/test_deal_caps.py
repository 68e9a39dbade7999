"""Army caps: troop numbers read from army-limit claims and set against the deal's cap."""

from __future__ import annotations

import pytest

from parley.analysis.records import Evidence
from parley.deal import evaluate_deal, evaluate_record, parse_deal, render
from parley.deal.caps import army_numbers, compare_caps, stated_cap


@pytest.mark.parametrize("text, cap", [
    ("Moscow wants to cap Ukraine's army at 85,000.", 85_000),
    ("Kyiv could live with an army of no more than 600,000 troops.", 600_000),
    ("The army would be capped at 600 000 servicemen.", 600_000),
    ("The army would be capped at 600\u00a0000 servicemen.", 600_000),
    ("Its armed forces would be reduced to 600k.", 600_000),
    ("An army of 600 thousand soldiers is the offer.", 600_000),
    ("Ukraine keeps its 800,000-strong army.", 800_000),
    ("The plan allows 1.2 million soldiers under arms.", 1_200_000),
    ("A ceiling of 250,000 personnel was floated.", 250_000),
])
def test_stated_cap_reads_the_number(text, cap):
    assert stated_cap(text) == (cap, ())


@pytest.mark.parametrize("text", [
    "Russia has lost 600,000 soldiers, Kyiv says.",  # casualties
    "Some 300,000 troops were mobilised last year.",  # mobilisation, not a cap
    "In 2022 the army was not capped.",  # a year
    "The army lost ground on 15 April 2022.",  # a date
    "Aid to the army worth $600,000 arrived.",  # money
    "The army holds 20,000 km of front.",  # an area
    "Each brigade fields 500 troops.",  # too small to be an army cap
    "Talks resumed after 85,000 people fled.",  # no army word
])
def test_numbers_that_are_not_caps_are_ignored(text):
    assert army_numbers(text) == [] and stated_cap(text) is None


def test_cap_word_picks_the_cap_among_several_numbers():
    # the number after "capped at" is the cap; the other is kept as a hint of ambiguity
    text = "Ukraine's 900,000 troops would be capped at 600,000."
    assert [n.value for n in army_numbers(text)] == [900_000, 600_000]
    assert stated_cap(text) == (600_000, (900_000,))


def ev(cid: int, actor: str, act: str, quote: str, date: str) -> Evidence:
    return Evidence(claim_id=cid, report_id=cid, date=date, report_date=date, actor=actor, act=act,
                    issue="army_limits", outcome="limited", regions=(), hedged=False, conditional=False,
                    when=None, quote=quote, source_kind="named", source="minister", outlet="Wire",
                    url=None, title=None, story_id=None, status="machine")


RU_2022 = ev(1, "RU", "demand", "Moscow wants to cap Ukraine's army at 85,000 troops.", "2022-04-15")


def test_compare_caps_wording_and_difference():
    (c,) = compare_caps("RU", [RU_2022], deal_cap=600_000, deal_outcome="limited")
    assert (c.cap, c.difference, c.act, c.date) == (85_000, 515_000, "demand", "2022-04-15")
    assert c.text == ("deal caps at 600,000; RU demanded 85,000 on 2022-04-15 — "
                      "the deal is 515,000 above RU's demand")
    (c,) = compare_caps("RU", [RU_2022], deal_cap=50_000, deal_outcome="limited")
    assert c.difference == -35_000 and c.text.endswith("the deal is 35,000 below RU's demand")
    (c,) = compare_caps("RU", [RU_2022], deal_cap=None, deal_outcome="unlimited")
    assert c.difference is None and c.text == "the deal sets no limit; RU demanded 85,000 on 2022-04-15"


def test_compare_caps_keeps_latest_number_per_act():
    # newest first: the 2025 demand without a number, the 2023 demand with one, a 2022 proposal
    claims = [ev(3, "UA", "demand", "Kyiv wants no limits on its army.", "2025-01-01"),
              ev(2, "UA", "demand", "Kyiv insists on an army of 800,000 soldiers.", "2023-01-01"),
              ev(4, "UA", "reject", "Kyiv rejected a cap of 85,000 troops.", "2022-04-20"),
              ev(1, "UA", "propose", "Kyiv offered to limit its army to 250,000 troops.", "2022-04-01")]
    caps = compare_caps("UA", claims, deal_cap=250_000, deal_outcome="limited")
    assert [(c.act, c.cap, c.difference) for c in caps] == [
        ("demand", 800_000, -550_000), ("propose", 250_000, 0), ("reject", 85_000, 165_000)]
    assert caps[1].text.endswith("the deal matches UA's proposal")
    assert caps[2].text.endswith("the deal is 165,000 above the cap UA rejected")


def test_evaluate_record_adds_caps_to_the_verdict_and_evaluation(dossier):
    deal = parse_deal("title: t\nterms:\n  army_limits: {outcome: limited, cap: 600000}\n", dossier=dossier)
    result = evaluate_record(deal, {("RU", "army_limits"): [RU_2022]}, dossier=dossier)
    (v,) = result.verdicts
    assert v.verdict == "meets_demand" and "the deal is 515,000 above RU's demand" in v.detail
    assert v.caps == result.caps and result.caps[0].evidence.claim_id == 1
    data = result.to_dict()
    assert data["caps"][0]["difference"] == 515_000
    assert data["verdicts"][0]["caps"][0]["cap"] == 85_000
    md = render.to_markdown(result)
    assert "## Army caps" in md and "RU demanded 85,000 on 2022-04-15" in md
    assert "RU demanded 85,000" in render.to_html(result)


def test_evaluate_deal_on_store_compares_caps(dossier, deal_store):
    deal = parse_deal("title: t\ndate: 2025-08-10\nterms:\n  army_limits: {outcome: limited, cap: 600000}\n",
                      dossier=dossier)
    ev_ = evaluate_deal(deal_store, deal, dossier=dossier)
    got = {(c.party, c.act): (c.cap, c.difference) for c in ev_.caps}
    # UA's rejection cites a casualty count, not a cap: no number for it
    assert got == {("RU", "demand"): (85_000, 515_000), ("UA", "propose"): (800_000, -200_000)}
    ua = next(v for v in ev_.verdicts if v.party == "UA")
    assert "the deal is 200,000 below UA's proposal" in ua.detail
    rows = render.cap_rows(ev_)
    assert rows[0]["comparison"].startswith("deal caps at 600,000; RU demanded 85,000 on 2025-08-04")
    # the deal compare view shows the cap beside the outcome
    _, terms, _ = render.compare_rows([ev_])
    assert terms[0]["t"] == "limited (cap 600,000)"
