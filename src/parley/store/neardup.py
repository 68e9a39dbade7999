"""Near-duplicate signatures for the store, from ``parley.ingest.identity``.

The ingest layer owns report identity and MinHash; this module adds the key a
report is stored under. Every function is pure and cheap to call in workers.
"""

from __future__ import annotations

import hashlib
from typing import Any

from parley.ingest.identity import (
    DUPLICATE_THRESHOLD,
    lsh_bands,
    minhash,
    report_identity,
    signature,
    signature_bytes,
    signature_from_bytes,
    similarity,
)


def fingerprint(text: str) -> tuple[bytes, list[tuple[int, str]]]:
    """The stored signature of ``text`` (bytes) and its LSH bands, without a MinHash object."""
    sig = signature(text)
    return signature_bytes(sig), lsh_bands(sig)


def storage_identity(report: Any) -> str:
    """The key a report is stored under: its text identity, plus URL and outlet when known.

    The same text at the same URL/outlet is the same report (re-ingesting adds
    nothing), but an identical wire copy published by another outlet is kept as
    its own row, grouped into the story, so corroboration can count outlets.
    """
    text_id = report_identity(report)
    if not report.url and not report.outlet:
        return str(text_id)
    key = f"{text_id}|{report.url or ''}|{report.outlet or ''}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


__all__ = [
    "DUPLICATE_THRESHOLD",
    "fingerprint",
    "storage_identity",
    "lsh_bands",
    "minhash",
    "report_identity",
    "signature",
    "signature_bytes",
    "signature_from_bytes",
    "similarity",
]
