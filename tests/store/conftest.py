"""Store fixtures: a tiny fake extractor so store tests do not depend on the rules.

A body line ``CLAIM RU demand territory ru_control`` yields one claim spanning
that line. ``FakeExtractor.skip`` drops issues, to mimic an extractor change.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from parley.extract.records import Claim, Extraction
from parley.ingest.report import Report
from parley.store import Store

_LINE = re.compile(r"^CLAIM (\w+) (demand|propose|reject) (\w+)(?: (\w+))?[^\n]*$", re.M)


class FakeExtractor:
    skip: set[str] = set()

    @classmethod
    def extract(cls, report: Report, *, dossier: object = None) -> Extraction:
        claims = []
        for m in _LINE.finditer(report.text, report.body_start):
            if m.group(3) in cls.skip:
                continue
            claims.append(Claim(doc=report.doc, start=m.start(), end=m.end(), text=m.group(0),
                                actor=m.group(1), act=m.group(2), issue=m.group(3), outcome=m.group(4),
                                source_kind="named", rule="fake"))
        return Extraction(doc=report.doc, claims=tuple(claims), controls=())


@pytest.fixture()
def fake_extractor(monkeypatch: pytest.MonkeyPatch) -> type[FakeExtractor]:
    monkeypatch.setattr(FakeExtractor, "skip", set())
    monkeypatch.setattr("parley.store.ingest.extract_report", FakeExtractor.extract)
    return FakeExtractor


FILLER = (
    "Delegations met again in the afternoon and talked about many things at length. "
    "Officials described the mood as businesslike and said more meetings would follow soon. "
)


def write_report(folder: Path, name: str, *, date: str = "2025-03-01", url: str | None = None,
                 outlet: str = "Wire", body: str = "", filler: int = 3) -> Path:
    """A text report with front matter; ``body`` lines may hold CLAIM lines."""
    head = ["---", f"title: {name}", f"date: {date}", f"outlet: {outlet}"]
    if url:
        head.append(f"url: {url}")
    head.append("---")
    path = folder / f"{name}.txt"
    path.write_text("\n".join(head) + "\n" + body + "\n" + FILLER * filler + name + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def store(db_path: Path) -> Store:
    s = Store(db_path)
    yield s
    s.close()
