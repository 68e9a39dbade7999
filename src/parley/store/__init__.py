"""The claim store: reports, claims, control facts and corrections in SQLite."""

from parley.store.corrections import (
    Correction,
    accept_claim,
    add_claim,
    edit_claim,
    list_corrections,
    reject_claim,
)
from parley.store.dates import stance_date
from parley.store.db import AddResult, Store, claim_fingerprint, default_db_path, report_identity
from parley.store.queries import (
    RunInfo,
    SearchHit,
    StoredClaim,
    StoredReport,
    count_claims,
    count_reports,
    get_claim,
    get_report,
    list_claims,
    list_reports,
    list_runs,
    report_versions,
    search_reports,
    story_reports,
)

__all__ = [
    "AddResult",
    "Correction",
    "RunInfo",
    "SearchHit",
    "Store",
    "StoredClaim",
    "StoredReport",
    "accept_claim",
    "add_claim",
    "claim_fingerprint",
    "count_claims",
    "count_reports",
    "default_db_path",
    "edit_claim",
    "get_claim",
    "get_report",
    "list_claims",
    "list_corrections",
    "list_reports",
    "list_runs",
    "reject_claim",
    "report_identity",
    "report_versions",
    "search_reports",
    "stance_date",
    "story_reports",
]
