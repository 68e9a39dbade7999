"""Near-duplicate signatures, from ``parley.ingest.identity`` when present.

The ingest layer owns report identity and MinHash; until (or unless) it
provides them, this module supplies the same names with datasketch, so the
store works either way. Every function is pure and cheap to call in workers.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

NUM_PERM = 128
BANDS = 32  # 32 bands x 4 rows: candidates from Jaccard ~0.4 up
SHINGLE = 5
DUPLICATE_THRESHOLD = 0.7  # estimated Jaccard of 5-word shingles for "the same story"

_WORD = re.compile(r"\w+")

try:  # the ingest layer's versions, when they have landed
    from parley.ingest.identity import (  # type: ignore[import-not-found,unused-ignore]
        lsh_bands,
        minhash,
        report_identity,
        signature_bytes,
        signature_from_bytes,
        similarity,
    )
except ImportError:
    from datasketch import MinHash

    from parley.ingest.report import Report

    def report_identity(report: Report) -> str:  # type: ignore[misc]
        from parley.store.db import report_identity as _identity

        return _identity(report)

    def minhash(text: str) -> Any:  # type: ignore[misc]
        words = _WORD.findall(text.lower())
        shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
        mh = MinHash(num_perm=NUM_PERM, scheme="affine32")
        mh.update_batch([s.encode("utf-8") for s in shingles])
        return mh

    def signature_bytes(mh: Any) -> bytes:  # type: ignore[misc]
        return mh.hashvalues.astype("<u8").tobytes()

    def signature_from_bytes(data: bytes) -> Any:  # type: ignore[misc]
        import numpy as np

        values = np.frombuffer(data, dtype="<u8").astype(np.uint64)
        return MinHash(num_perm=NUM_PERM, hashvalues=values, scheme="affine32")

    def lsh_bands(mh: Any) -> list[tuple[int, str]]:  # type: ignore[misc]
        values = mh.hashvalues.astype("<u8")
        rows = len(values) // BANDS
        return [
            (b, hashlib.sha1(values[b * rows : (b + 1) * rows].tobytes()).hexdigest()[:16])
            for b in range(BANDS)
        ]

    def similarity(a: Any, b: Any) -> float:  # type: ignore[misc]
        return float(a.jaccard(b))


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
    "storage_identity",
    "lsh_bands",
    "minhash",
    "report_identity",
    "signature_bytes",
    "signature_from_bytes",
    "similarity",
]
