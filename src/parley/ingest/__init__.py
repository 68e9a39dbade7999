"""Ingest: readers per format that turn files into Reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from parley.errors import InputError
from parley.ingest.files import read_text_report
from parley.ingest.report import Report

__all__ = ["InputError", "Report", "expand_paths", "iter_reports", "read_text_report"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
KNOWN_SUFFIXES = TEXT_SUFFIXES


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Files named, and files below directories (recursively, known formats only, sorted)."""
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.is_file() and child.suffix.lower() in KNOWN_SUFFIXES and not child.name.startswith("."):
                    yield child
        elif p.exists():
            yield p
        else:
            yield InputError(str(p), "no such file or directory")


def iter_reports(
    paths: Iterable[str | Path],
    *,
    date: dt.date | None = None,
    outlet: str | None = None,
) -> Iterator[Report | InputError]:
    """Every report in ``paths``; a file that cannot be read yields its InputError instead."""
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield read_text_report(item, date=date, outlet=outlet)
        except InputError as exc:
            yield exc
