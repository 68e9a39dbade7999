"""Report identity and near-duplicate signatures.

* ``report_identity``: SHA-256 of the normalised body text. Re-ingesting the
  same report (other whitespace, curly quotes, NFC/NFD) gives the same id.
* ``signature``: the MinHash hash values over word shingles of the normalised
  text, with a fixed seed and permutation count, so signatures computed in
  different processes or runs agree and can be stored as bytes. They are the
  values of datasketch's ``MinHash(seed=1, scheme="affine32")`` fed the same
  shingles (tests/ingest/test_identity.py checks it), computed here with numpy
  in one pass; ``minhash`` wraps them in a datasketch ``MinHash``.
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
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from datasketch import MinHash

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
    # split() and re's \s agree on what whitespace is (str.isspace); split/join is ~3x faster
    return " ".join(unicodedata.normalize("NFC", text).translate(_QUOTES).split())


def report_identity(report: Report) -> str:
    """A report's identity: SHA-256 of its normalised body text."""
    return hashlib.sha256(normalise_text(report.body).encode("utf-8")).hexdigest()


def shingles(text: str, *, size: int = SHINGLE) -> set[str]:
    """Word n-grams of the lower-cased normalised text (the whole text when shorter)."""
    # \w+ skips quotes and whitespace, so NFC is the only normalisation needed here
    words = _WORD.findall(unicodedata.normalize("NFC", text).lower())
    if len(words) <= size:
        return {" ".join(words)}
    if size == SHINGLE == 3:  # the hot path of every ingest: zip is ~1.5x faster than slicing
        return {f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:], strict=False)}
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


_ASCII_WORD = re.compile(rb"\w+")


def _ascii_shingles(text: str) -> set[bytes]:
    """``shingles(text)`` as bytes, for ASCII ``text`` (NFC changes no ASCII text; on ASCII,
    \\w and lower() mean the same for bytes and str): no encoding per shingle, ~10% faster."""
    words = _ASCII_WORD.findall(text.encode("ascii").lower())
    if len(words) <= SHINGLE:
        return {b" ".join(words)}
    return set(map(b" ".join, zip(*(words[i:] for i in range(SHINGLE)), strict=False)))


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """The (a, b) affine permutations of datasketch's affine32 scheme for SEED, as a 2 x NUM_PERM array."""
    gen = np.random.RandomState(SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return np.array([a, b])


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer (datasketch pre-mixes every input hash with it)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def signature(text: str) -> np.ndarray:
    """The MinHash hash values (``NUM_PERM`` uint32) of ``text``'s shingles.

    Equal to ``minhash(text).hashvalues``: each shingle's hash is the first 4
    bytes of its SHA-1 (datasketch's ``sha1_hash32``), all shingles are
    permuted at once as a matrix instead of one datasketch call per shingle.
    """
    sha1 = hashlib.sha1
    if text.isascii():  # most reports: the same shingles as bytes, without encoding each one
        digests = b"".join([sha1(s).digest()[:4] for s in _ascii_shingles(text)])
    else:
        digests = b"".join([sha1(s.encode("utf-8")).digest()[:4] for s in shingles(text)])
    hv = _fmix32(np.frombuffer(digests, dtype="<u4").astype(np.uint32).reshape(-1, 1))
    a, b = _permutations()
    return np.asarray((hv * a + b).min(axis=0), dtype=np.uint32)


def minhash(text: str) -> MinHash:
    """The datasketch MinHash of ``text`` (deterministic across processes and runs)."""
    return _as_minhash(signature(text))


def _as_minhash(values: np.ndarray) -> MinHash:
    from datasketch import MinHash  # imported on demand: it pulls in scipy (~0.7 s)

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32", hashvalues=values,
                   permutations=_permutations())


def _values(sig: Any) -> np.ndarray:
    """Hash values of a MinHash or of a ``signature`` array, as little-endian uint64."""
    return np.asarray(getattr(sig, "hashvalues", sig), dtype="<u8")


def signature_bytes(sig: Any) -> bytes:
    """A MinHash or ``signature`` as little-endian uint64 bytes (NUM_PERM * 8 bytes) for a BLOB column."""
    return _values(sig).tobytes()


def signature_from_bytes(data: bytes) -> MinHash:
    """The MinHash stored by ``signature_bytes``."""
    if len(data) != NUM_PERM * 8:
        raise ValueError(f"a signature is {NUM_PERM * 8} bytes, not {len(data)}")
    return _as_minhash(np.frombuffer(data, dtype="<u8").astype(np.uint64))  # datasketch checks the range


def lsh_bands(sig: Any) -> list[tuple[int, str]]:
    """(band index, band hash) for each of the BANDS bands of ROWS rows of a MinHash or ``signature``."""
    data = _values(sig).tobytes()
    width = ROWS * 8
    return [(b, hashlib.blake2b(data[b * width : (b + 1) * width], digest_size=8).hexdigest())
            for b in range(BANDS)]


def similarity(a: MinHash, b: MinHash) -> float:
    """Estimated Jaccard similarity of the two reports' shingle sets (0..1)."""
    return float(a.jaccard(b))


def is_near_duplicate(a: MinHash, b: MinHash, *, threshold: float = DUPLICATE_THRESHOLD) -> bool:
    return similarity(a, b) >= threshold
