"""The analyst's corrections: stored apart from machine output, applied over it.

Each correction is one row of the ``corrections`` log holding the claim *as the
analyst left it* (full JSON) and the fingerprint of the claim it acts on. The
``claims`` table is the analyst's view: machine rows with the log replayed over
them in order. Re-extraction rebuilds machine rows and replays the log, so a
correction is never lost; one whose machine claim no longer appears is kept
(re-inserted from its JSON) and flagged ``orphaned = 1``.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from parley.dossier import Dossier, load_dossier
from parley.errors import NotFoundError, UsageError
from parley.extract.records import ACTS, SOURCE_KINDS
from parley.store.dates import stance_date
from parley.store.db import Store, now_iso
from parley.store.queries import StoredClaim, get_claim

# The claim fields an analyst may set (the rest come from the evidence span).
EDITABLE = (
    "actor", "act", "issue", "outcome", "regions", "hedged", "conditional", "when",
    "source_kind", "source_count", "source",
)
CLAIM_FIELDS = ("start", "end", "text", *EDITABLE, "rule")
ACTION_STATUS = {"accept": "accepted", "reject": "rejected", "edit": "edited", "add": "added"}
_WHEN = re.compile(r"^(past|\d{4}(-\d{2}(-\d{2})?)?)$")


@dataclass(frozen=True)
class Correction:
    """One entry of the corrections log."""

    id: int
    report_id: int
    action: str
    target: str | None
    claim: dict[str, Any]
    before: dict[str, Any] | None
    note: str | None
    author: str | None
    created_at: str
    orphaned: bool

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _as_bool(value: Any, name: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.lower() in ("yes", "true", "1", "no", "false", "0"):
        return value.lower() in ("yes", "true", "1")
    raise UsageError(f"{name} must be yes or no, not {value!r}")


def validate_fields(fields: dict[str, Any], *, dossier: Dossier | None = None,
                    partial: bool = False) -> dict[str, Any]:
    """Checked and normalised claim fields (UsageError naming the first bad one)."""
    d = dossier or load_dossier()
    unknown = sorted(set(fields) - set(EDITABLE))
    if unknown:
        raise UsageError(f"cannot set {unknown[0]!r} on a claim", hint=f"fields: {', '.join(EDITABLE)}")
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "actor":
            if value not in d.party_codes():
                raise UsageError(f"unknown actor {value!r}", hint=f"dossier {d.name}: {', '.join(d.party_codes())}")
        elif key == "act":
            if value not in ACTS:
                raise UsageError(f"unknown act {value!r}", hint=f"use one of {', '.join(ACTS)}")
        elif key == "issue":
            if value not in d.issue_codes():
                raise UsageError(f"unknown issue {value!r}", hint=f"dossier {d.name}: {', '.join(d.issue_codes())}")
        elif key == "outcome":
            value = value or None
        elif key == "regions":
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",") if v.strip()]
            codes = {r.code for r in d.regions}
            for code in value:
                if code not in codes:
                    raise UsageError(f"unknown region {code!r}", hint="use ISO 3166-2 codes from the dossier")
            value = list(value)
        elif key in ("hedged", "conditional"):
            value = _as_bool(value, key)
        elif key == "when":
            value = value or None
            if value is not None and not _WHEN.match(str(value)):
                raise UsageError(f"bad when {value!r}", hint="use YYYY, YYYY-MM, YYYY-MM-DD or past")
        elif key == "source_kind":
            if value not in SOURCE_KINDS:
                raise UsageError(f"unknown source_kind {value!r}", hint=f"use one of {', '.join(SOURCE_KINDS)}")
        elif key == "source_count":
            if value in (None, ""):
                value = None
            else:
                try:
                    value = int(value)
                except (TypeError, ValueError):
                    raise UsageError(f"source_count must be a whole number, not {value!r}") from None
                if value < 0:
                    raise UsageError("source_count cannot be negative")
        elif key == "source":
            value = value or None
        out[key] = value
    if not partial:
        for key in ("actor", "act", "issue"):
            if not out.get(key):
                raise UsageError(f"a claim needs {key}")
    return out


def _check_outcome(claim: dict[str, Any], d: Dossier) -> None:
    if claim.get("outcome") is None:
        return
    codes = d.issue(claim["issue"]).outcome_codes()
    if claim["outcome"] not in codes:
        raise UsageError(f"unknown outcome {claim['outcome']!r} for issue {claim['issue']}",
                         hint=f"use one of {', '.join(codes)}")


def _claim_json(c: StoredClaim) -> dict[str, Any]:
    return {
        "start": c.start, "end": c.end, "text": c.text, "actor": c.actor, "act": c.act,
        "issue": c.issue, "outcome": c.outcome, "regions": list(c.regions), "hedged": c.hedged,
        "conditional": c.conditional, "when": c.when, "source_kind": c.source_kind,
        "source_count": c.source_count, "source": c.source, "rule": c.rule,
    }


def _row_values(claim: dict[str, Any], report_date: str | None) -> dict[str, Any]:
    return {
        "start": claim["start"], "end": claim["end"], "text": claim["text"], "actor": claim["actor"],
        "act": claim["act"], "issue": claim["issue"], "outcome": claim.get("outcome"),
        "regions": json.dumps(list(claim.get("regions") or [])),
        "hedged": int(bool(claim.get("hedged"))), "conditional": int(bool(claim.get("conditional"))),
        "when": claim.get("when"), "report_date": report_date,
        "stance_date": stance_date(claim.get("when"), report_date),
        "source_kind": claim.get("source_kind") or "outlet", "source_count": claim.get("source_count"),
        "source": claim.get("source"), "rule": claim.get("rule"),
    }


def apply_correction(conn: sqlite3.Connection, corr: sqlite3.Row, *, machine: set[str] | None = None,
                     keep_ids: dict[str, int] | None = None) -> int:
    """Replay one correction over the claims of its report; return the claim row id.

    ``machine`` is the set of machine fingerprints just extracted (None: live
    correction, nothing to orphan). ``keep_ids`` maps fingerprints to the row
    ids they had before re-extraction, so claim ids stay stable.
    """
    claim = json.loads(corr["claim"])
    report_date = conn.execute("SELECT date FROM reports WHERE id = ?", (corr["report_id"],)).fetchone()[0]
    values = _row_values(claim, report_date)
    values.update(status=ACTION_STATUS[corr["action"]], correction_id=corr["id"])
    row = conn.execute(
        "SELECT id, origin FROM claims WHERE report_id = ? AND fingerprint = ? ORDER BY id LIMIT 1",
        (corr["report_id"], corr["target"]),
    ).fetchone()
    if row is not None:
        sets = ", ".join(f'"{k}" = ?' for k in values)
        conn.execute(f"UPDATE claims SET {sets} WHERE id = ?", [*values.values(), row["id"]])
        claim_id = int(row["id"])
    else:
        values.update(report_id=corr["report_id"], fingerprint=corr["target"],
                      origin="analyst" if corr["action"] == "add" else "machine")
        kid = (keep_ids or {}).get(corr["target"])
        if kid is not None and conn.execute("SELECT 1 FROM claims WHERE id = ?", (kid,)).fetchone() is None:
            values["id"] = kid
        cols = ", ".join(f'"{k}"' for k in values)
        cur = conn.execute(f"INSERT INTO claims({cols}) VALUES ({','.join('?' * len(values))})",
                           list(values.values()))
        claim_id = int(cur.lastrowid or 0)
    if machine is not None:
        orphaned = corr["action"] != "add" and not str(corr["target"]).startswith("added:") \
            and corr["target"] not in machine
        # an edit or accept of an added claim targets "added:<id>": never orphaned
        conn.execute("UPDATE corrections SET orphaned = ? WHERE id = ?", (int(orphaned), corr["id"]))
    return claim_id


def _record(store: Store, *, report_id: int, action: str, target: str | None,
            claim: dict[str, Any], before: dict[str, Any] | None, note: str | None,
            author: str | None) -> StoredClaim:
    with store.transaction() as conn:
        cur = conn.execute(
            "INSERT INTO corrections(report_id, action, target, claim, before, note, author, created_at)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (report_id, action, target, json.dumps(claim), json.dumps(before) if before else None,
             note, author, now_iso()),
        )
        cid = int(cur.lastrowid or 0)
        if target is None:  # an added claim is known by its correction id
            target = f"added:{cid}"
            conn.execute("UPDATE corrections SET target = ? WHERE id = ?", (target, cid))
        corr = conn.execute("SELECT * FROM corrections WHERE id = ?", (cid,)).fetchone()
        claim_id = apply_correction(conn, corr)
    return get_claim(store, claim_id)


def accept_claim(store: Store, claim_id: int, *, note: str | None = None,
                 author: str | None = None) -> StoredClaim:
    """Mark a claim right as it stands."""
    return _mark(store, claim_id, "accept", note=note, author=author)


def reject_claim(store: Store, claim_id: int, *, note: str | None = None,
                 author: str | None = None) -> StoredClaim:
    """Mark a claim wrong: it stays stored (status rejected) and analysis skips it."""
    return _mark(store, claim_id, "reject", note=note, author=author)


def _mark(store: Store, claim_id: int, action: str, *, note: str | None,
          author: str | None) -> StoredClaim:
    """Accept or reject: the claim is logged as it stands, before and after alike."""
    c = get_claim(store, claim_id)
    data = _claim_json(c)
    return _record(store, report_id=c.report_id, action=action, target=c.fingerprint,
                   claim=data, before=data, note=note, author=author)


def edit_claim(store: Store, claim_id: int, *, changes: dict[str, Any], note: str | None = None,
               author: str | None = None, dossier: Dossier | None = None) -> StoredClaim:
    """Change some fields of a claim (validated against the dossier)."""
    if not changes:
        raise UsageError("nothing to change", hint="give at least one field, e.g. --act propose")
    d = dossier or load_dossier()
    c = get_claim(store, claim_id)
    before = _claim_json(c)
    after = {**before, **validate_fields(changes, dossier=d, partial=True)}
    _check_outcome(after, d)
    return _record(store, report_id=c.report_id, action="edit", target=c.fingerprint,
                   claim=after, before=before, note=note, author=author)


def add_claim(store: Store, report_id: int, *, start: int, end: int, fields: dict[str, Any],
              note: str | None = None, author: str | None = None,
              dossier: Dossier | None = None) -> StoredClaim:
    """Add a claim the machine missed; its evidence is the report's text[start:end]."""
    d = dossier or load_dossier()
    row = store.conn.execute("SELECT text, body_start FROM reports WHERE id = ?", (int(report_id),)).fetchone()
    if row is None:
        raise NotFoundError(f"no report {report_id}", hint="list them with `parley reports list`")
    text = row["text"]
    if not (0 <= start < end <= len(text)):
        raise UsageError(f"span {start}:{end} is outside report {report_id} (0:{len(text)})")
    evidence = text[start:end]
    if not evidence.strip():
        raise UsageError(f"span {start}:{end} of report {report_id} is blank")
    claim = {"start": int(start), "end": int(end), "text": evidence, "rule": "analyst",
             "outcome": None, "regions": [], "hedged": False, "conditional": False, "when": None,
             "source_kind": "outlet", "source_count": None, "source": None}
    claim.update(validate_fields(fields, dossier=d))
    _check_outcome(claim, d)
    return _record(store, report_id=int(report_id), action="add", target=None, claim=claim,
                   before=None, note=note, author=author)


def list_corrections(store: Store, *, report_id: int | None = None,
                     orphaned: bool | None = None) -> list[Correction]:
    """The corrections log, oldest first."""
    where, args = [], []
    if report_id is not None:
        where.append("report_id = ?")
        args.append(int(report_id))
    if orphaned is not None:
        where.append("orphaned = ?")
        args.append(int(orphaned))
    sql = "SELECT * FROM corrections" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
    return [
        Correction(id=r["id"], report_id=r["report_id"], action=r["action"], target=r["target"],
                   claim=json.loads(r["claim"] or "{}"),
                   before=json.loads(r["before"]) if r["before"] else None, note=r["note"],
                   author=r["author"], created_at=r["created_at"], orphaned=bool(r["orphaned"]))
        for r in store.conn.execute(sql, args)
    ]
