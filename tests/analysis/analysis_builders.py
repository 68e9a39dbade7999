"""Helpers to build analysis test stores from hand-written claims."""


from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from parley.extract.records import Claim, Extraction
from parley.ingest.report import Report
from parley.store.db import Store

_counter = itertools.count(1)

AddFn = Callable[..., list[int]]


_WORDS = ["talks", "envoy", "border", "delegation", "summit", "corridor", "harbour", "grain", "ledger", "meadow", "valley", "river", "winter", "signal", "archive", "compass", "lantern", "orchard", "quarry", "timber", "velvet", "walnut"]


def _filler(n: int, outlet: str, date: str) -> str:
    """A distinct body per report, so near-duplicate detection never merges two test reports."""
    rng = random.Random(n)
    words = " ".join(rng.choice(_WORDS) + str(rng.randrange(1000)) for _ in range(40))
    return f"Report {n} from {outlet} on {date}. {words}."


def add_report(store: Store, date: str, claims: list[dict[str, Any]], *, outlet: str = "Wire",
               url: str | None = None, text: str | None = None, story_of: int | None = None) -> list[int]:
    """Store one report carrying ``claims`` (dicts of Claim fields); return the claim ids.

    ``story_of``: put the report in the story of that earlier report id (a syndicated copy).
    """
    n = next(_counter)
    body = text or _filler(n, outlet, date)
    report = Report(text=body, doc=f"r{n}.txt", date=dt.date.fromisoformat(date), outlet=outlet,
                    url=url or f"https://example.org/{n}", title=f"Report {n}")
    made = []
    for i, c in enumerate(claims):
        fields = {"doc": report.doc, "start": i, "end": i + 1, "text": c.pop("text", f"quote {n}.{i}"),
                  **c}
        made.append(Claim(**fields))
    res = store.add_report(report, Extraction(report.doc, tuple(made), ()))
    if story_of is not None:
        story = store.conn.execute("SELECT story_id FROM reports WHERE id = ?", (story_of,)).fetchone()[0]
        store.conn.execute("UPDATE reports SET story_id = ? WHERE id = ?", (story, res.report_id))
    return [r[0] for r in store.conn.execute(
        "SELECT id FROM claims WHERE report_id = ? ORDER BY start", (res.report_id,))]


def report_of(store: Store, claim_id: int) -> int:
    return store.conn.execute("SELECT report_id FROM claims WHERE id = ?", (claim_id,)).fetchone()[0]


def C(actor: str, act: str, issue: str, outcome: str | None = None, **kw: Any) -> dict[str, Any]:
    """A claim dict: C('RU', 'demand', 'territory', 'ru_control', regions=('UA-14',))."""
    return {"actor": actor, "act": act, "issue": issue, "outcome": outcome, **kw}


def store_from_gold(store: Store, gold: Path, texts: Path) -> int:
    """Load a gold file's claims (the annotated answers) as stored claims; return claims added.

    Optional gold claims are skipped; each claim's span is its quote's place in the text.
    """
    import json

    from parley.ingest.files import read_text_report

    added = 0
    for line in gold.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        path = texts / rec["doc"]
        if not path.exists():
            continue
        report = read_text_report(path)
        if report.date is None and rec.get("date"):
            report = Report(text=report.text, doc=report.doc, body_start=report.body_start,
                            title=report.title, date=dt.date.fromisoformat(rec["date"]),
                            outlet=report.outlet, url=report.url, path=report.path)
        claims = []
        for c in rec["claims"]:
            if c.get("optional"):
                continue
            start = report.text.find(c["quote"])
            start = max(start, 0)
            claims.append(Claim(
                doc=report.doc, start=start, end=start + len(c["quote"]), text=c["quote"],
                actor=c["actor"], act=c["act"], issue=c["issue"], outcome=c.get("outcome"),
                regions=tuple(c.get("regions") or ()), hedged=bool(c.get("hedged")),
                conditional=bool(c.get("conditional")), when=c.get("when"),
                source_kind=c.get("source_kind") or "outlet", source_count=c.get("source_count"),
                rule="gold",
            ))
        store.add_report(report, Extraction(report.doc, tuple(claims), ()))
        added += len(claims)
    return added
