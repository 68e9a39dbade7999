"""Extraction: from a report's text to sourced, dated claims and control facts."""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from parley.dossier import Dossier, load_dossier
from parley.extract.records import Claim, ControlFact, Extraction
from parley.ingest.report import Report
from parley.ingest.text import report_from_text

__all__ = [
    "Claim",
    "ControlFact",
    "Extraction",
    "Extractor",
    "extract",
    "extract_report",
    "get_extractor",
]


class Extractor(Protocol):
    """What every extractor backend implements (rules today; others later)."""

    name: str
    version: str

    def extract(self, report: Report) -> Extraction: ...


_EXTRACTORS: dict[int, Extractor] = {}


def get_extractor(dossier: Dossier | None = None) -> Extractor:
    """The rule extractor for ``dossier`` (built once per dossier object)."""
    from parley.extract.pipeline import RuleExtractor

    dossier = dossier or load_dossier()
    key = id(dossier)
    if key not in _EXTRACTORS:
        _EXTRACTORS[key] = RuleExtractor(dossier)
    return _EXTRACTORS[key]


def extract_report(report: Report, *, dossier: Dossier | None = None) -> Extraction:
    """Claims and control facts of one Report."""
    return get_extractor(dossier).extract(report)


def extract(
    text: str,
    *,
    dossier: Dossier | None = None,
    doc: str = "<text>",
    date: dt.date | str | None = None,
    outlet: str | None = None,
) -> Extraction:
    """Claims and control facts of a text (front matter allowed).

    >>> result = extract("Putin demands that Ukraine withdraw from Donbas.", date="2025-08-21")
    """
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    report = report_from_text(text, doc=doc, date=date, outlet=outlet)
    return extract_report(report, dossier=dossier)
