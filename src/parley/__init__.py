"""parley: turn news reports about peace negotiations into a sourced, dated record
of who demands, proposes or rejects what, and show where a deal could lie.

The public API is re-exported here by name.
"""

from __future__ import annotations

__version__ = "0.1.0"

from parley.dossier import Dossier, load_dossier  # noqa: E402
from parley.errors import (  # noqa: E402
    DealError,
    DossierError,
    InputError,
    NotFoundError,
    ParleyError,
    StoreError,
)
from parley.extract import Claim, ControlFact, Extraction, extract, extract_report  # noqa: E402
from parley.ingest import Report, iter_reports, read_text_report  # noqa: E402
from parley.store import Store  # noqa: E402

__all__ = [
    "Claim",
    "ControlFact",
    "DealError",
    "Dossier",
    "DossierError",
    "Extraction",
    "InputError",
    "NotFoundError",
    "ParleyError",
    "Report",
    "Store",
    "StoreError",
    "__version__",
    "extract",
    "extract_report",
    "iter_reports",
    "load_dossier",
    "read_text_report",
]
