"""RSS and Atom feed files (feedparser): each entry is a report.

The entry's full content (or its summary) with HTML stripped is the text; the
feed's title is the outlet. Broken XML still yields the entries feedparser
could parse; with none, the feed is one InputError.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from parley.errors import InputError
from parley.ingest.markup import html_to_text
from parley.ingest.report import Report
from parley.ingest.text import parse_date


def iter_feed_reports(
    data: bytes,
    *,
    source: str,
    name: str,
    path: str | None = None,
    date: dt.date | None = None,
    outlet: str | None = None,
) -> Iterator[Report | InputError]:
    import feedparser  # only when a feed is read

    try:
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except Exception as exc:  # noqa: BLE001 - a broken feed is one bad input, not a crash
        yield InputError(source, f"cannot parse feed ({type(exc).__name__})")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            yield InputError(source, f"broken feed XML, no entries: {_problem(parsed)}")
        else:
            yield InputError(source, "feed has no entries")
        return
    feed = parsed.get("feed") or {}
    feed_title = _clean(feed.get("title"))
    broken = _problem(parsed) if parsed.get("bozo") else None
    for i, entry in enumerate(entries, start=1):
        yield _entry(entry, i, source=source, name=name, path=path, date=date,
                     outlet=outlet or feed_title, broken=broken)


def _problem(parsed: Any) -> str:
    return str(parsed.get("bozo_exception") or "broken XML").splitlines()[0][:160]


def _entry(entry: Any, i: int, *, source: str, name: str, path: str | None, date: dt.date | None,
           outlet: str | None, broken: str | None) -> Report | InputError:
    where = f"{source}: entry {i}"
    html = ""
    for content in entry.get("content") or []:
        value = content.get("value") if hasattr(content, "get") else None
        if value and len(value) > len(html):
            html = value
    if not html:
        html = entry.get("summary") or entry.get("description") or ""
    text = html_to_text(html) if html else ""
    if not text.strip():
        cause = f" (broken feed XML: {broken})" if broken else ""
        return InputError(where, f"entry has no content or summary text{cause}")
    meta: dict[str, Any] = {}
    for key in ("id", "author"):
        if entry.get(key):
            meta[key] = str(entry[key])
    tags = [t.get("term") for t in entry.get("tags") or [] if hasattr(t, "get") and t.get("term")]
    if tags:
        meta["tags"] = tags
    if broken:
        meta["feed_xml_broken"] = broken
    return Report(
        text=text,
        doc=f"{name}#{i}",
        body_start=0,
        title=_clean(entry.get("title")),
        date=date or _entry_date(entry),
        outlet=outlet,
        url=_clean(entry.get("link")),
        path=path,
        format="feed",
        meta=meta,
    )


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            try:
                return dt.date(t.tm_year, t.tm_mon, t.tm_mday)
            except (ValueError, AttributeError):
                continue
    for key in ("published", "updated"):
        if entry.get(key):
            try:
                return parse_date(str(entry[key])[:100])
            except Exception:  # noqa: BLE001 - an odd date string only loses the date
                return None
    return None


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(html_to_text(str(value)).split()) if "<" in str(value) else " ".join(str(value).split())
    return text or None
