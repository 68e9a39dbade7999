"""JSON and JSON-lines exports: one report per object.

Accepted shapes: a JSON array of objects, an object holding such a list under
a common key (``articles``, ``items``, ``data`` ...), a single object, or JSON
lines. Field names are looked up among common spellings; ``field_map`` (the
CLI's ``--map text=body,date=pubDate``) names others, dotted for nesting
(``outlet=source.name``).
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from parley.errors import InputError, UsageError
from parley.ingest.files import BINARY_MAGIC, MAX_BYTES, decode, read_limited
from parley.ingest.markup import html_to_text, looks_like_html
from parley.ingest.report import Report
from parley.ingest.text import parse_date

FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text", "fulltext", "article_text", "story",
             "description", "summary"),
    "title": ("title", "headline", "name"),
    "date": ("date", "published", "published_at", "publishedAt", "pubDate", "pub_date", "datePublished",
             "date_published", "created_at", "createdAt", "time", "timestamp"),
    "url": ("url", "link", "href", "uri", "permalink"),
    "outlet": ("outlet", "source", "site", "site_name", "sitename", "publisher", "source_name", "domain"),
}
# JSON-lines exports are streamed, so they may be far larger than one report file.
MAX_JSONL_BYTES = 4 * 1024**3
LIST_KEYS = ("articles", "items", "data", "results", "entries", "records", "reports", "docs",
             "documents", "posts", "stories", "news", "hits")


def parse_field_map(value: str | None) -> dict[str, str]:
    """``"text=body,date=pubDate"`` -> ``{"text": "body", "date": "pubDate"}``; bad syntax: UsageError."""
    out: dict[str, str] = {}
    if not value or not value.strip():
        return out
    for part in value.split(","):
        ours, sep, theirs = part.partition("=")
        ours, theirs = ours.strip(), theirs.strip()
        if not sep or not ours or not theirs:
            raise UsageError(f"bad --map entry {part.strip()!r}", hint="use field=theirs, e.g. text=body,date=pubDate")
        if ours not in FIELDS:
            raise UsageError(f"bad --map field {ours!r}", hint=f"map one of: {', '.join(FIELDS)}")
        out[ours] = theirs
    return out


def iter_json_reports(
    text: str,
    *,
    source: str,
    name: str,
    path: str | None = None,
    lines: bool = False,
    date: dt.date | None = None,
    outlet: str | None = None,
    field_map: Mapping[str, str] | None = None,
) -> Iterator[Report | InputError]:
    """Reports from a JSON document or JSON lines; each bad record or line yields an InputError."""
    options = {"path": path, "date": date, "outlet": outlet, "field_map": field_map or {}}
    if not lines:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            if _looks_like_lines(text):
                lines = True
            else:
                yield InputError(source, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")
                return
        except RecursionError:
            yield InputError(source, "invalid JSON: nested too deeply")
            return
        else:
            records = _records(value)
            if records is None:
                yield InputError(source, f"JSON holds a {_kind(value)}, not report objects")
                return
            if not records:
                yield InputError(source, "JSON holds no records")
                return
            for i, rec in enumerate(records, start=1):
                yield _one(rec, doc=f"{name}#{i}", where=f"{source}: record {i}", **options)
            return
    if _is_one_document(text):  # a pretty-printed document saved as .jsonl
        yield from iter_json_reports(text, source=source, name=name, lines=False, **options)
        return
    yield from _iter_lines(enumerate(text.splitlines(), start=1), source=source, name=name, **options)


def iter_jsonl_file(
    path: Path,
    *,
    name: str,
    date: dt.date | None = None,
    outlet: str | None = None,
    field_map: Mapping[str, str] | None = None,
) -> Iterator[Report | InputError]:
    """Reports from a JSON-lines file read line by line: memory stays bounded by the longest line.

    Exports can hold many thousands of reports, so the whole file may be up to
    MAX_JSONL_BYTES; each line is limited to MAX_BYTES like any single report.
    """
    source = str(path)
    options = {"path": source, "date": date, "outlet": outlet, "field_map": field_map or {}}
    try:
        size = path.stat().st_size
        if size > MAX_JSONL_BYTES:
            yield InputError(source, f"file too large ({size / 1e6:.0f} MB; the limit for JSON lines is "
                             f"{MAX_JSONL_BYTES / 1e9:.0f} GB)")
            return
        with path.open("rb") as fh:
            head = fh.read(8192)
            fh.seek(0)
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or not head.strip():
                # other encodings and empty files take the whole-file path and its messages
                yield from _whole(fh, source=source, name=name, **options)
                return
            if head.startswith(BINARY_MAGIC) or b"\x00" in head:
                yield InputError(source, "binary file, not JSON lines")
                return
            if _is_one_document_bytes(head, size):
                yield from _whole(fh, source=source, name=name, **options)
                return
            yield from _iter_lines(_numbered_lines(fh, source), source=source, name=name, **options)
    except FileNotFoundError:
        yield InputError(source, "no such file")
    except PermissionError:
        yield InputError(source, "permission denied")
    except OSError as exc:
        yield InputError(source, f"cannot read: {exc.strerror or exc}")


def _whole(fh: BinaryIO, *, source: str, name: str, **options: Any) -> Iterator[Report | InputError]:
    try:
        data = read_limited(fh, source=source)
        text = decode(data, source=source)
    except InputError as exc:
        yield exc
        return
    yield from iter_json_reports(text, source=source, name=name, lines=True, **options)


def _numbered_lines(fh: BinaryIO, source: str) -> Iterator[tuple[int, str | InputError]]:
    for lineno, raw in enumerate(iter(lambda: fh.readline(MAX_BYTES + 1), b""), start=1):
        if len(raw) > MAX_BYTES and not raw.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the oversized line without holding it
            yield lineno, InputError(source, f"line {lineno}: too large (over {MAX_BYTES / 1e6:.0f} MB)")
            continue
        if lineno == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            yield lineno, raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                yield lineno, decode(raw, source=source)
            except InputError:
                yield lineno, InputError(source, f"line {lineno}: not valid UTF-8 text")


# Lines that are all invalid at the start of a file: it is not JSON lines; one error, not thousands.
_GIVE_UP_AFTER = 20


def _iter_lines(
    numbered: Iterable[tuple[int, str | InputError]], *, source: str, name: str, **options: Any
) -> Iterator[Report | InputError]:
    found = good = bad = 0
    for lineno, line in numbered:
        if isinstance(line, InputError):
            bad += 1
            yield line
            continue
        if not line.strip():
            continue
        found += 1
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            bad += 1
            if not good and bad >= _GIVE_UP_AFTER:
                yield InputError(source, f"not JSON lines: the first {bad} lines are invalid; stopped reading")
                return
            yield InputError(source, f"line {lineno}: invalid JSON at column {exc.colno}: {exc.msg}")
            continue
        except RecursionError:
            yield InputError(source, f"line {lineno}: invalid JSON: nested too deeply")
            continue
        good += 1
        yield _one(rec, doc=f"{name}#{lineno}", where=f"{source}: line {lineno}", **options)
    if not found and not bad:
        yield InputError(source, "empty file")


def _is_one_document(text: str) -> bool:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if first.startswith("{") and first.endswith("}"):
        return False
    if not first.startswith(("[", "{")):
        return False
    try:
        json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return False
    return True


def _is_one_document_bytes(head: bytes, size: int) -> bool:
    # A file that opens with "[" or a lone "{" line is one JSON document, not lines.
    first = next((line.strip() for line in head.splitlines() if line.strip()), b"")
    return first.startswith(b"[") or first == b"{"


def _looks_like_lines(text: str) -> bool:
    rows = [line.strip() for line in text.splitlines() if line.strip()]
    return len(rows) > 1 and all(r.startswith("{") and r.endswith("}") for r in rows[:5])


def _records(value: Any) -> list[Any] | None:
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        for key in LIST_KEYS:
            if isinstance(value.get(key), list):
                return value[key]
        if _find(value, "text", {}) is not None:
            return [value]
        lists = [v for v in value.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        if len(lists) == 1:
            return lists[0]
        return [value]  # one object: its error will name the fields it has
    return None


def _kind(value: Any) -> str:
    return {str: "string", int: "number", float: "number", bool: "boolean"}.get(type(value), "null")


def _get(record: Mapping[str, Any], dotted: str) -> Any:
    value: Any = record
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _find(record: Mapping[str, Any], field: str, field_map: Mapping[str, str]) -> Any:
    if field in field_map:
        return _get(record, field_map[field])
    for key in FIELDS[field]:
        value = record.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _one(
    record: Any,
    *,
    doc: str,
    where: str,
    path: str | None,
    date: dt.date | None,
    outlet: str | None,
    field_map: Mapping[str, str],
) -> Report | InputError:
    if not isinstance(record, dict):
        return InputError(where, f"is a JSON {_kind(record) if not isinstance(record, list) else 'list'}, "
                          "not an object")
    raw = _find(record, "text", field_map)
    if raw is None:
        fields = ", ".join(_show(k) for k in sorted(map(str, record))[:12]) or "none"
        wanted = field_map.get("text") or "/".join(FIELDS["text"][:4])
        return InputError(where, f"no text field ({wanted}); fields: {fields}",
                          hint="name the text field with --map text=FIELD")
    if isinstance(raw, list) and all(isinstance(x, str) for x in raw):
        raw = "\n\n".join(raw)  # some exports split the body into paragraphs
    if not isinstance(raw, str):
        return InputError(where, f"text field is a {type(raw).__name__}, not a string")
    text = html_to_text(raw) if looks_like_html(raw) else raw
    if not text.strip():
        return InputError(where, "empty text")
    used = {field_map.get(f, "").split(".")[0] for f in FIELDS} | {k for f in FIELDS for k in FIELDS[f]}
    meta = {str(k): v for k, v in record.items() if k not in used}
    if text is not raw:
        meta["text_was_html"] = True
    return Report(
        text=text,
        doc=doc,
        body_start=0,
        title=_scalar(_find(record, "title", field_map)),
        date=date or _date(_find(record, "date", field_map)),
        outlet=outlet or _outlet(_find(record, "outlet", field_map)),
        url=_scalar(_find(record, "url", field_map)),
        path=path,
        format="json",
        meta=meta,
    )


def _show(key: str) -> str:
    # field names go into a one-line message: quote anything odd
    return key if key.isprintable() and key.strip() == key and key else json.dumps(key)


def _scalar(value: Any) -> str | None:
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("title") or value.get("href") or value.get("url")
    if value is None or isinstance(value, list | dict):
        return None
    text = " ".join(str(value).split())
    return text or None


def _outlet(value: Any) -> str | None:
    return _scalar(value)


def _date(value: Any) -> dt.date | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):  # epoch seconds or milliseconds
        seconds = value / 1000 if value > 1e11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or len(value) > 100:
        return None
    try:
        return parse_date(value)
    except Exception:  # noqa: BLE001 - dateparser rejects odd strings in many ways; a date is optional
        return None
