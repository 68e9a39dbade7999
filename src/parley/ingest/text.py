"""Plain-text and Markdown reports, with optional YAML front matter.

Two metadata conventions are understood:

* a YAML block between ``---`` lines at the very top (``title``, ``date``,
  ``outlet``, ``url``; other keys are kept in ``meta``);
* a first line that starts with ``date YYYY-MM-DD`` (as some scraped exports
  write it); the marker is metadata, the rest of the line is body.

Offsets are never shifted: ``Report.text`` is the whole decoded file and
``Report.body_start`` says where the body begins.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from parley.errors import InputError
from parley.ingest.report import Report

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
# The C loader (when built) is ~10x faster on the small front-matter blocks; same safe subset.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DATE_LINE = re.compile(r"\A\ufeff?\s*date[:\s]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)


def parse_date(value: Any) -> dt.date | None:
    """A date from front matter or JSON metadata; None when absent or unparseable."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    import dateparser  # slow import: only for the rare free-form date

    parsed = dateparser.parse(text, settings={"RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date() if parsed else None


def split_front_matter(text: str, *, source: str = "<text>") -> tuple[dict[str, Any], int]:
    """Return (metadata, body_start). Broken YAML raises InputError naming the line."""
    m = _FRONT_MATTER.match(text)
    if m:
        try:
            meta = yaml.load(m.group(1), Loader=_LOADER) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 2}" if mark is not None else ""
            problem = getattr(exc, "problem", None) or "invalid YAML"
            raise InputError(source, f"broken front matter{where}: {problem}") from None
        if not isinstance(meta, dict):
            raise InputError(source, "front matter is not a mapping of keys to values")
        return {str(k): v for k, v in meta.items()}, m.end()
    d = _DATE_LINE.match(text)
    if d:
        return {"date": d.group(1)}, d.end()
    return {}, 0


def report_from_text(
    text: str,
    *,
    doc: str,
    path: str | None = None,
    date: dt.date | None = None,
    outlet: str | None = None,
    fmt: str = "text",
) -> Report:
    """Build a Report from decoded text; ``date``/``outlet`` override the file's own."""
    meta, body_start = split_front_matter(text, source=path or doc)
    known = {k: meta.pop(k, None) for k in ("title", "date", "outlet", "url")}
    return Report(
        text=text,
        doc=doc,
        body_start=body_start,
        title=_str_or_none(known["title"]),
        date=date or parse_date(known["date"]),
        outlet=outlet or _str_or_none(known["outlet"]),
        url=_str_or_none(known["url"]),
        path=path,
        format=fmt,
        meta=meta,
    )


def _str_or_none(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)
