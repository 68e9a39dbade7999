"""A small store with hand-written reports and claims for the web tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from web_texts import BODY, FRONT, XSS

from parley.extract.records import Claim, ControlFact, Extraction
from parley.ingest.report import Report
from parley.store.db import Store


def make_report(doc: str, text: str, *, date: str, outlet: str, title: str | None = None,
                url: str | None = None, meta: dict | None = None) -> Report:
    return Report(text=text, doc=doc, body_start=0, title=title or doc, date=dt.date.fromisoformat(date),
                  outlet=outlet, url=url, path=None, format="text", meta=meta or {})


def claim(text: str, phrase: str, *, actor: str, act: str, issue: str, outcome: str | None,
          regions: tuple[str, ...] = (), hedged: bool = False, doc: str = "d") -> Claim:
    start = text.index(phrase)
    return Claim(doc=doc, start=start, end=start + len(phrase), text=phrase, actor=actor, act=act,
                 issue=issue, outcome=outcome, regions=regions, hedged=hedged, conditional=False,
                 when=None, source_kind="named", source_count=None, source=None, rule="test",
                 sentence_start=start, sentence_end=start + len(phrase))


def build_store(path: Path) -> dict[str, int]:
    """Reports: RU demands territory, UA rejects it, one with an XSS payload, one with front matter."""
    store = Store(path)
    t1 = "Moscow demands all of Donetsk. Kyiv wants a ceasefire now."
    r1 = make_report("one.txt", t1, date="2025-03-01", outlet="Wire A", url="https://a.example/1")
    e1 = Extraction(doc="one.txt", claims=(
        claim(t1, "Moscow demands all of Donetsk", actor="RU", act="demand", issue="territory",
              outcome="ru_control", regions=("UA-14",)),
        claim(t1, "Kyiv wants a ceasefire now", actor="UA", act="demand", issue="ceasefire",
              outcome="ceasefire"),
    ), controls=(
        ControlFact(doc="one.txt", start=0, end=6, text="Moscow", holder="RU", regions=("UA-09",),
                    share=0.98, source_kind="named", source_count=None, source=None, rule="test",
                    when=None),
    ), warnings=())
    t2 = "Kyiv rejects giving up Donetsk. Moscow may accept a freeze."
    r2 = make_report("two.txt", t2, date="2025-04-01", outlet="Paper B")
    e2 = Extraction(doc="two.txt", claims=(
        claim(t2, "Kyiv rejects giving up Donetsk", actor="UA", act="reject", issue="territory",
              outcome="ru_control", regions=("UA-14",)),
        claim(t2, "Moscow may accept a freeze", actor="RU", act="propose", issue="territory",
              outcome="freeze", regions=("UA-23",), hedged=True),
    ), controls=(), warnings=())
    t3 = f"Title trick. {XSS} Kyiv demands guarantees."
    r3 = make_report("evil.txt", t3, date="2025-04-02", outlet=XSS, title=XSS,
                     meta={"author": XSS})
    e3 = Extraction(doc="evil.txt", claims=(
        claim(t3, "Kyiv demands guarantees", actor="UA", act="demand", issue="security_guarantees",
              outcome="guarantees"),
    ), controls=(), warnings=())
    # front matter (not shown), a non-BMP character and a CRLF before the body's sentences:
    # browser offsets must still count code points of the full text
    r4 = Report(text=FRONT + BODY, doc="front.md", body_start=len(FRONT), title="Talks resume",
                date=dt.date(2025, 6, 1), outlet="Wire A", url=None, path=None, format="text", meta={})
    e4 = Extraction(doc="front.md", claims=(), controls=(), warnings=())
    ids = {}
    for name, r, e in (("one", r1, e1), ("two", r2, e2), ("evil", r3, e3), ("front", r4, e4)):
        ids[name] = store.add_report(r, e).report_id
    ids["claim_ru"] = int(store.conn.execute(
        "SELECT id FROM claims WHERE actor='RU' AND act='demand'").fetchone()[0])
    store.close()
    return ids


@pytest.fixture()
def web_store(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "web.db"
    return path, build_store(path)
