"""The claim store: reports, claims, control facts and corrections in SQLite."""

from parley.store.db import AddResult, Store, claim_fingerprint, default_db_path, report_identity
from parley.store.dates import stance_date

__all__ = [
    "AddResult",
    "Store",
    "claim_fingerprint",
    "default_db_path",
    "report_identity",
    "stance_date",
]
