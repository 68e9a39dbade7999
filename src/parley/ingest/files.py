"""Reading report files from disk: decoding, size limits, clear errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from charset_normalizer import from_bytes

from parley.errors import InputError
from parley.ingest.report import Report
from parley.ingest.text import report_from_text

MAX_BYTES = 20 * 1024 * 1024  # larger files are refused: no news report is that long


def decode(data: bytes, *, source: str, declared: str | None = None) -> str:
    """Bytes to text: UTF-8 first, then the declared encoding, then a detected one.

    Binary data (NUL bytes, no plausible text encoding) raises InputError.
    """
    if not data.strip():
        raise InputError(source, "empty file")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(source, "binary file (contains NUL bytes), not a text report")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    best = from_bytes(data).best()
    if best is None:
        raise InputError(source, "not valid UTF-8 and no other text encoding fits (binary file?)")
    return str(best)


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                str(path), f"file too large ({size / 1e6:.0f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB)"
            )
        return path.read_bytes()
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
