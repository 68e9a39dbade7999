"""Report identity and near-duplicate signatures.

* ``report_identity``: SHA-256 of the normalised body text. Re-ingesting the
  same report (other whitespace, curly quotes, NFC/NFD) gives the same id.
* ``minhash``: a datasketch MinHash over word shingles of the normalised
  text, with a fixed seed and permutation count, so signatures computed in
  different processes or runs agree and can be stored as bytes.
* ``lsh_bands``: the signature cut into bands; two reports sharing any band
  hash are candidates, found via an indexed table, then compared with
  ``similarity`` against ``DUPLICATE_THRESHOLD``.

Parameters (measured in tests/ingest/test_identity.py and
benchmarks/readers_bench.py): 3-word shingles keep lightly edited wire copies
(another headline, a dropped paragraph, a byline, a few changed words) above
0.7 estimated Jaccard while different stories on the same talks stay below 0.2;
128 permutations in 32 bands of 4 rows make a pair at 0.7 a candidate with
probability > 0.999 and a pair at 0.2 only ~5% of the time.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from datasketch import MinHash

if TYPE_CHECKING:
    from parley.ingest.report import Report

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE = 3
SEED = 1
DUPLICATE_THRESHOLD = 0.7  # estimated Jaccard above which two reports are one story

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
                         "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " "})
_WORD = re.compile(r"\w+")


def normalise_text(text: str) -> str:
    """Text as compared for identity: NFC, straight quotes and dashes, collapsed whitespace."""
    t = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return re.sub(r"\s+", " ", t).strip()


def report_identity(report: Report) -> str:
    """A report's identity: SHA-256 of its normalised body text."""
    return hashlib.sha256(normalise_text(report.body).encode("utf-8")).hexdigest()


def shingles(text: str, *, size: int = SHINGLE) -> set[str]:
    """Word n-grams of the lower-cased normalised text (the whole text when shorter)."""
    # \w+ skips quotes and whitespace, so NFC is the only normalisation needed here
    words = _WORD.findall(unicodedata.normalize("NFC", text).lower())
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    # Generating the permutations costs more than hashing a short report: do it once per process.
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations


def minhash(text: str) -> MinHash:
    """The MinHash signature of ``text`` (deterministic across processes and runs)."""
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32", permutations=_permutations())
    mh.update_batch([s.encode("utf-8") for s in sorted(shingles(text))])
    return mh


def signature_bytes(mh: MinHash) -> bytes:
    """The signature as little-endian uint64 bytes (NUM_PERM * 8 bytes) for a BLOB column."""
    return np.asarray(mh.hashvalues, dtype="<u8").tobytes()


def signature_from_bytes(data: bytes) -> MinHash:
    """The MinHash stored by ``signature_bytes``."""
    if len(data) != NUM_PERM * 8:
        raise ValueError(f"a signature is {NUM_PERM * 8} bytes, not {len(data)}")
    values = np.frombuffer(data, dtype="<u8").astype(np.uint64)
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32", hashvalues=values,
                   permutations=_permutations())


def lsh_bands(mh: MinHash) -> list[tuple[int, str]]:
    """(band index, band hash) for each of the BANDS bands of ROWS rows."""
    values = np.asarray(mh.hashvalues, dtype="<u8")
    return [
        (b, hashlib.blake2b(values[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8).hexdigest())
        for b in range(BANDS)
    ]


def similarity(a: MinHash, b: MinHash) -> float:
    """Estimated Jaccard similarity of the two reports' shingle sets (0..1)."""
    return float(a.jaccard(b))


def is_near_duplicate(a: MinHash, b: MinHash, *, threshold: float = DUPLICATE_THRESHOLD) -> bool:
    return similarity(a, b) >= threshold
