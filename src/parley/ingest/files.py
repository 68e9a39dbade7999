"""Reading report files from disk: decoding, size limits, clear errors."""

from __future__ import annotations

import codecs
import datetime as dt
import re
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from parley.errors import InputError
from parley.ingest.report import Report
from parley.ingest.text import report_from_text

# Larger inputs are refused before reading them: no news report, saved page or
# feed export is that long, and a runaway file must not exhaust memory.
MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_XML_DECL = re.compile(rb"""\A\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._-]+)""", re.I
)
# Magic numbers of common binary formats that would otherwise "decode" as cp1252.
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\x1f\x8b", b"GIF8", b"\xff\xd8\xff", b"BZh",
                 b"\x7fELF", b"SQLite format 3")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def declared_encoding(data: bytes) -> str | None:
    """The encoding the bytes declare: a BOM, an XML declaration, or an HTML meta charset."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:4096]
    m = _XML_DECL.match(head) or _META_CHARSET.search(head)
    if m:
        name = m.group(1).decode("ascii", "replace").lower()
        try:
            return codecs.lookup(name).name
        except LookupError:
            return None
    return None


def decode(data: bytes, *, source: str, declared: str | None = None) -> str:
    """Bytes to text: a BOM, then UTF-8, then the declared encoding, then a detected one.

    Empty input, binary data (NUL bytes, known binary signatures, mostly
    control characters) and undecodable bytes raise InputError.
    """
    if not data.strip():
        raise InputError(source, "empty file")
    bom = next((name for bom, name in _BOMS if data.startswith(bom)), None)
    if bom:
        try:
            return _text_or_binary(data.decode(bom), source)
        except UnicodeDecodeError:
            raise InputError(source, f"starts with a {bom} byte-order mark but is not valid {bom}") from None
    if data.startswith(BINARY_MAGIC) or b"\x00" in data[:8192]:
        raise InputError(source, "binary file, not a text report")
    try:
        return _text_or_binary(data.decode("utf-8"), source)
    except UnicodeDecodeError:
        pass
    declared = declared or declared_encoding(data)
    if declared and declared not in ("utf-8", "utf_8"):
        try:
            return _text_or_binary(data.decode(declared), source)
        except (LookupError, UnicodeDecodeError):
            pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "not valid UTF-8 and no other text encoding fits (binary file?)")
    return _text_or_binary(str(best), source)


def _text_or_binary(text: str, source: str) -> str:
    # Random bytes often decode in some 8-bit code page; real text has few control characters.
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > max(2, len(sample) // 50):
        raise InputError(source, "binary file (mostly control characters), not a text report")
    if not text.strip():
        raise InputError(source, "empty file")
    return text


def read_limited(stream: BinaryIO, *, source: str, limit: int = MAX_BYTES) -> bytes:
    """Read at most ``limit`` bytes; more raises InputError without reading the rest."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(source, f"too large (over the {limit / 1e6:.0f} MB limit)")
    return data


def read_bytes(path: Path, *, limit: int = MAX_BYTES) -> bytes:
    """A file's bytes; missing, unreadable, directory or oversized paths raise InputError."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(
                str(path), f"file too large ({size / 1e6:.0f} MB; the limit is {limit / 1e6:.0f} MB)"
            )
        with path.open("rb") as fh:
            return read_limited(fh, source=str(path), limit=limit)  # it may have grown since stat
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None


def read_text_report(
    path: str | Path, *, date: dt.date | None = None, outlet: str | None = None
) -> Report:
    """A .txt/.md report with optional front matter."""
    p = Path(path)
    text = decode(read_bytes(p), source=str(p))
    fmt = "markdown" if p.suffix.lower() in (".md", ".markdown") else "text"
    return report_from_text(text, doc=p.name, path=str(p), date=date, outlet=outlet, fmt=fmt)
