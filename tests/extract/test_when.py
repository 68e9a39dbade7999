"""When a stance was held, resolved against the report date."""

from __future__ import annotations

import datetime as dt

import pytest

from parley.extract.segment import blank_nlp
from parley.extract.when import resolve_when

REPORT = dt.date(2025, 8, 21)


def when(text: str, clause: str | None = None, date: dt.date | None = REPORT) -> str | None:
    doc = blank_nlp()(text)
    sent = next(iter(doc.sents))
    span = sent
    if clause is not None:
        at = text.index(clause)
        span = doc.char_span(at, at + len(clause), alignment_mode="expand")
    return resolve_when(span, sent, date)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin demands that Ukraine withdraw from Donbas.", None),
        ("Putin has dropped the territorial demands he set out in June 2024.", "2024-06"),
        ("Putin said last year that he would not accept a deal.", "2024"),
        ("Putin announced the annexation of four regions in September 2022.", "2022-09"),
        ("In March 2022, Kyiv proposed neutrality.", "2022-03"),
        ("Witkoff said on August 6 that Putin wanted Donbas.", "2025-08-06"),
        ("Lavrov said last month that Moscow wanted a treaty.", "2025-07"),
        ("Putin's June 2024 demands included all four regions.", "2024-06"),
        ("Kyiv rejected the plan on Nov. 21 last year.", "2024-11-21"),
        ("Russia's previous demands included neutrality.", "past"),
        ("Russia still wants the 2022 Istanbul terms.", None),
        ("Moscow had demanded the whole of Donbas.", "past"),
        ("Putin once insisted that Ukraine must never join NATO.", "past"),
        ("Kyiv once proposed a neutral status.", "past"),
        ("Kyiv will accept a ceasefire once agreed guarantees are in place.", None),
        ("At the time, Kyiv insisted on the 1991 borders.", "past"),
        # "N years/months ago" against the report date; the war's first days are past
        ("Two years ago, Kyiv offered neutrality.", "2023"),
        ("Moscow demanded neutrality three months ago.", "2025-05"),
        ("At the start of the war, Kyiv offered neutrality.", "past"),
        ("In the first weeks of the invasion, Kyiv offered neutrality.", "past"),
        # a past stance with a year in its clause is dated by the year
        ("In Istanbul in the spring of 2022 the Ukrainian side had agreed to neutrality.",
         "2022"),
        ("Kyiv had previously offered neutrality, at the Istanbul round of 2022.", "2022"),
        # dates of events, not of the stance
        ("Putin insists on neutrality for a country he invaded in 2022.", None),
        ("Russia rejects the legitimacy of Zelensky, whose term expired in May 2024.", None),
        ("Russia demands neutrality, as it has since 2014.", None),
        # current: this week, earlier this month, a demand dropped
        ("Zelensky rejected the plan on Tuesday.", None),
        ("Putin told Witkoff earlier this month that Moscow could give up its claims.", None),
        ("Putin is willing to give up his previous demand for all four regions.", None),
        ("Kyiv wants guarantees like those promised in the Budapest Memorandum in 1994.", None),
    ],
)
def test_resolve_when_dates_the_stance_not_other_events(text: str, expected: str | None) -> None:
    assert when(text) == expected


def test_resolve_when_without_report_date_keeps_explicit_years() -> None:
    assert when("Putin set out his demands in June 2024.", date=None) == "2024-06"
    assert when("Putin said last year that he wanted Donbas.", date=None) is None


def test_resolve_when_date_in_future_of_report_is_current() -> None:
    assert when("Putin wants a summit in September 2025.", date=dt.date(2025, 8, 21)) is None


def test_resolve_when_looks_only_at_the_clause() -> None:
    text = "Putin compromised on the demands he set out in June 2024, but Kyiv rejects the plan."
    assert when(text, "Kyiv rejects the plan") is None
    assert when(text, "Putin compromised on the demands he set out in June 2024") == "2024-06"
