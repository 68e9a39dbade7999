"""Saved news pages (.html/.htm): main text and metadata via trafilatura, offline.

``Report.text`` is the extracted main text (paragraphs separated by blank
lines) and every offset refers to it; the page's size and SHA-256 are kept in
``meta`` so the original can be matched later.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from parley.errors import InputError
from parley.ingest.files import decode
from parley.ingest.report import Report
from parley.ingest.text import parse_date

_META_KEEP = ("author", "description", "hostname", "sitename", "categories", "tags", "language")


def report_from_html(
    data: bytes,
    *,
    doc: str,
    source: str,
    path: str | None = None,
    date: dt.date | None = None,
    outlet: str | None = None,
) -> Report:
    """One Report from a saved page; a page with no main text raises InputError."""
    html = decode(data, source=source)
    extracted = _extract(html, source)
    text = _paragraphs(extracted.get("text") or "")
    if len(text.split()) < 5:
        raise InputError(source, "HTML page has no main text (navigation or boilerplate only)")
    meta: dict[str, Any] = {k: extracted[k] for k in _META_KEEP if extracted.get(k)}
    meta["html_bytes"] = len(data)
    meta["html_sha256"] = hashlib.sha256(data).hexdigest()
    return Report(
        text=text,
        doc=doc,
        body_start=0,
        title=_clean(extracted.get("title")),
        date=date or parse_date(extracted.get("date")),
        outlet=outlet or _clean(extracted.get("sitename")) or _clean(extracted.get("hostname")),
        url=_clean(extracted.get("url")),
        path=path,
        format="html",
        meta=meta,
    )


def _extract(html: str, source: str) -> dict[str, Any]:
    import trafilatura  # slow import: only when an HTML page is read

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # noqa: BLE001 - a broken page is one bad input, not a crash
        raise InputError(source, f"cannot parse HTML ({type(exc).__name__})") from None
    if doc is None:
        raise InputError(source, "HTML page has no main text (navigation or boilerplate only)")
    return doc if isinstance(doc, dict) else doc.as_dict()


def _paragraphs(text: str) -> str:
    # trafilatura puts one paragraph per line; blank lines between them help sentence splitting.
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
