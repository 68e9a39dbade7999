"""The Report value object: one article's full text and its metadata."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Report:
    """One report as read from a file, a JSON record or a feed entry.

    ``text`` is the full decoded text of the source (front matter included for
    text files) and every character offset in parley refers to it.
    ``body_start`` is where the body begins: extraction only looks from there.
    """

    text: str
    doc: str  # a short name: the file name, or "file.jsonl#3" for the 3rd record
    body_start: int = 0
    title: str | None = None
    date: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    path: str | None = None
    format: str = "text"
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def body(self) -> str:
        return self.text[self.body_start :]
