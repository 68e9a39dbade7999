"""A small store built from sentences written for the deal tests (no extractor involved)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from parley.extract.records import Claim, ControlFact, Extraction
from parley.ingest.text import report_from_text
from parley.store.db import Store

# (date, outlet, text, claims[(actor, act, issue, outcome, regions, hedged)], controls[(holder, regions, share)])
DOCS: list[tuple[str, str, str, list[tuple[Any, ...]], list[tuple[Any, ...]]]] = [
    ("2025-08-01", "Wire A", "Moscow demands all of Donbas. Kyiv rejects giving up Donbas.",
     [("RU", "demand", "territory", "ru_control", ("UA-14", "UA-09"), False),
      ("UA", "reject", "territory", "ru_control", ("UA-14", "UA-09"), False)],
     [("RU", ("UA-14", "UA-09"), 0.88)]),
    ("2025-08-02", "Wire B", "Moscow would freeze the line in the south. Kyiv demands NATO membership.",
     [("RU", "propose", "territory", "freeze", ("UA-23", "UA-65"), True),
      ("UA", "demand", "nato_membership", "member", (), False),
      ("RU", "demand", "nato_membership", "legal_ban", (), False)],
     [("RU", ("UA-23",), 0.75)]),
    ("2025-08-03", "Wire C", "Kyiv could accept a freeze. Europe offers peacekeepers.",
     [("UA", "propose", "territory", "freeze", (), False),
      ("EUROPE", "propose", "foreign_troops", "european_peacekeepers", (), False),
      ("RU", "reject", "foreign_troops", "european_peacekeepers", (), False)],
     []),
    # army caps: each claim's evidence is its own sentence (the 7th field)
    ("2025-08-04", "Wire D", "Moscow demands that Kyiv cap its army at 85,000 troops. "
     "Kyiv would accept an army of no more than 800,000 soldiers. Kyiv rejects any cap after 60,000 soldiers were killed.",
     [("RU", "demand", "army_limits", "limited", (), False,
       "Moscow demands that Kyiv cap its army at 85,000 troops."),
      ("UA", "propose", "army_limits", "limited", (), False,
       "Kyiv would accept an army of no more than 800,000 soldiers."),
      ("UA", "reject", "army_limits", "limited", (), False,
       "Kyiv rejects any cap after 60,000 soldiers were killed.")],
     []),
]


def _span(text: str, quote: str | None) -> tuple[int, int]:
    if quote is None:
        return 0, 10
    start = text.index(quote)
    return start, start + len(quote)


def build_store(path: str) -> Store:
    store = Store(path)
    for n, (date, outlet, text, claims, controls) in enumerate(DOCS):
        doc = f"doc{n}.txt"
        report = report_from_text(text, doc=doc, date=dt.date.fromisoformat(date), outlet=outlet)
        cs = tuple(Claim(doc=doc, start=span[0], end=span[1], text=text[span[0]:span[1]], actor=a,
                         act=act, issue=i, outcome=o, regions=tuple(r), hedged=h, source_kind="named",
                         source="spokesman")
                   for a, act, i, o, r, h, *quote in claims
                   for span in [_span(text, quote[0] if quote else None)])
        fs = tuple(ControlFact(doc=doc, start=0, end=10, text=text[:10], holder=hd, regions=tuple(r),
                               share=s, source="ISW") for hd, r, s in controls)
        store.add_report(report, Extraction(doc=doc, claims=cs, controls=fs))
    return store
