"""Ingest: readers per format that turn files into Reports.

``iter_reports`` takes files, directories (recursive), globs and ``-``
(standard input) and yields a ``Report`` per report, or an ``InputError`` per
input that cannot be read, and carries on. Formats are detected by extension
and content. Size limits: MAX_BYTES (20 MB) per file or standard input,
MAX_JSONL_BYTES (4 GB) per streamed JSON-lines file with MAX_BYTES per line.
Formats:

* ``.txt`` / ``.md``: plain text with optional YAML front matter;
* ``.html`` / ``.htm``: saved pages, main text and metadata via trafilatura;
* ``.json`` / ``.jsonl``: exports, one report per object (``field_map``);
  JSON-lines files are streamed line by line;
* ``.rss`` / ``.atom`` / ``.xml``: feeds, one report per entry.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from parley.errors import InputError
from parley.ingest.feed import iter_feed_reports
from parley.ingest.files import MAX_BYTES, decode, read_bytes, read_limited, read_text_report
from parley.ingest.html import report_from_html
from parley.ingest.jsonrec import (
    MAX_JSONL_BYTES,
    iter_json_reports,
    iter_jsonl_file,
    parse_field_map,
)
from parley.ingest.report import Report
from parley.ingest.text import report_from_text

__all__ = [
    "MAX_BYTES",
    "MAX_JSONL_BYTES",
    "InputError",
    "Report",
    "detect_format",
    "expand_paths",
    "iter_reports",
    "parse_field_map",
    "read_bytes_reports",
    "read_text_report",
]

SUFFIX_FORMATS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".rdf": "feed",
}
KNOWN_SUFFIXES = set(SUFFIX_FORMATS)
TEXT_SUFFIXES = {s for s, f in SUFFIX_FORMATS.items() if f in ("text", "markdown")}
STDIN = "-"
# JSON-lines files are read line by line (exports can be large); everything else whole.
STREAMED_SUFFIXES = {".jsonl", ".ndjson"}


def detect_format(data: bytes, *, suffix: str = "") -> str:
    """``text``, ``markdown``, ``html``, ``json``, ``jsonl`` or ``feed``.

    The extension decides for text, JSON and HTML files (a broken ``.json`` is
    reported as broken JSON, not read as text); content decides for ``.xml``,
    unknown extensions and standard input.
    """
    by_suffix = SUFFIX_FORMATS.get(suffix.lower())
    if by_suffix in ("text", "markdown", "json", "jsonl", "html", "feed") and suffix.lower() != ".xml":
        return by_suffix
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        rows = [r for r in data[:65536].splitlines() if r.strip()]
        return "jsonl" if len(rows) > 1 and rows[0].strip().endswith(b"}") else "json"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<!--")) or b"<html" in head:
        return "html"
    if head.startswith(b"<?xml"):
        return "feed"
    return by_suffix or "text"


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | str | InputError]:
    """Files named, files below directories (recursive, known formats, sorted), glob matches, ``-``."""
    for raw in paths:
        s = str(raw)
        if s == STDIN:
            yield STDIN
            continue
        p = Path(s)
        if not p.exists() and any(ch in s for ch in "*?["):
            matches = sorted(glob.glob(s, recursive=True))
            if not matches:
                yield InputError(s, "no files match this pattern")
            for m in matches:
                yield from expand_paths([m]) if Path(m).is_dir() else [Path(m)]
        elif p.is_dir():
            yield from _walk(p)
        elif p.exists() or p.is_symlink():
            yield p
        else:
            yield InputError(s, "no such file or directory")


def _walk(root: Path) -> Iterator[Path | InputError]:
    problems: list[InputError] = []

    def onerror(exc: OSError) -> None:
        problems.append(InputError(str(exc.filename or root), "permission denied" if isinstance(
            exc, PermissionError) else f"cannot list directory: {exc.strerror or exc}"))

    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for f in filenames:
            if not f.startswith(".") and Path(f).suffix.lower() in KNOWN_SUFFIXES:
                found.append(Path(dirpath) / f)
    yield from problems
    if not found:
        kinds = ", ".join(sorted(KNOWN_SUFFIXES))
        yield InputError(str(root), f"directory holds no readable reports (looked for {kinds})")
    yield from sorted(found)


def read_bytes_reports(
    data: bytes,
    *,
    name: str,
    source: str | None = None,
    path: str | None = None,
    suffix: str = "",
    date: dt.date | None = None,
    outlet: str | None = None,
    field_map: Mapping[str, str] | None = None,
) -> Iterator[Report | InputError]:
    """Reports from one input's bytes (a file, standard input, an upload), format detected."""
    source = source or path or name
    if not data.strip():
        yield InputError(source, "empty file")
        return
    fmt = detect_format(data, suffix=suffix)
    try:
        if fmt == "html":
            yield report_from_html(data, doc=name, source=source, path=path, date=date, outlet=outlet)
        elif fmt == "feed":
            yield from iter_feed_reports(data, source=source, name=name, path=path, date=date, outlet=outlet)
        elif fmt in ("json", "jsonl"):
            text = decode(data, source=source)
            yield from iter_json_reports(text, source=source, name=name, path=path, lines=fmt == "jsonl",
                                         date=date, outlet=outlet, field_map=field_map)
        else:
            text = decode(data, source=source)
            yield report_from_text(text, doc=name, path=path, date=date, outlet=outlet, fmt=fmt)
    except InputError as exc:
        yield exc
    except RecursionError:
        yield InputError(source, f"cannot read {fmt}: nested too deeply")
    except Exception as exc:  # noqa: BLE001 - one odd input must never stop a batch
        detail = " ".join(str(exc).split())[:120]
        yield InputError(source, f"cannot read {fmt} ({type(exc).__name__}: {detail})")


def iter_reports(
    paths: Iterable[str | Path],
    *,
    date: dt.date | None = None,
    outlet: str | None = None,
    field_map: Mapping[str, str] | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Report | InputError]:
    """Every report in ``paths``; an input that cannot be read yields its InputError instead."""
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            yield item
            continue
        if item == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                data = read_limited(stream, source="<stdin>")
            except InputError as exc:
                yield exc
                continue
            yield from read_bytes_reports(data, name="stdin", source="<stdin>", date=date, outlet=outlet,
                                          field_map=field_map)
            continue
        p = Path(item)
        if p.suffix.lower() in STREAMED_SUFFIXES:
            yield from iter_jsonl_file(p, name=p.name, date=date, outlet=outlet, field_map=field_map)
            continue
        try:
            data = read_bytes(p)
        except InputError as exc:
            yield exc
            continue
        yield from read_bytes_reports(data, name=p.name, path=str(p), suffix=p.suffix, date=date,
                                      outlet=outlet, field_map=field_map)
