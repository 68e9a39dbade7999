"""Corroboration: how many reports and independent outlets carry a claim.

The cluster of a claim is every live claim with the same party, act, issue and
outcome whose stance date lies within ``window_days`` either side of it
(regions are not compared: "Russia demands Donetsk" and "Russia demands all
of Donbas" corroborate the demand). Syndicated copies share a story and count
once in ``independent``. The first report is the earliest by report date.
"""

from __future__ import annotations

from collections.abc import Iterable

from parley.analysis import _sql
from parley.analysis.records import Corroboration
from parley.errors import NotFoundError
from parley.extract.records import SOURCE_STRENGTH
from parley.store.db import Store


def corroboration(store: Store, claim_id: int, *, window_days: int = 30) -> Corroboration:
    """The corroboration of one claim (raises NotFoundError for an unknown id)."""
    row = store.conn.execute(
        "SELECT id, actor, act, issue, outcome, stance_date, report_date FROM claims WHERE id = ?",
        (int(claim_id),),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"claim {claim_id}: no such claim")
    day = row["stance_date"] or row["report_date"]
    where = ["c.actor = ?", "c.issue = ?", "c.act = ?", "c.outcome IS ?", _sql.LIVE]
    args: list[object] = [row["actor"], row["issue"], row["act"], row["outcome"]]
    if day:
        where.append("c.stance_date BETWEEN date(?, ?) AND date(?, ?)")
        args += [day, f"-{int(window_days)} days", day, f"+{int(window_days)} days"]
    else:
        where.append("c.id = ?")
        args.append(int(claim_id))
    sql = _sql.EVIDENCE_SELECT + " WHERE " + " AND ".join(where)
    cluster = [_sql.evidence(r) for r in store.conn.execute(sql, args)]
    reports = {c.report_id for c in cluster}
    stories = {c.story_id if c.story_id is not None else -c.report_id for c in cluster}
    outlets = {c.outlet or f"#{c.story_id or -c.report_id}" for c in cluster}
    first = min(cluster, key=lambda c: (c.report_date or "9999", c.report_id), default=None)
    best = max((SOURCE_STRENGTH.get(c.source_kind, 0), c.source_kind) for c in cluster) if cluster else (0, "")
    return Corroboration(
        claim_id=int(claim_id), actor=row["actor"], act=row["act"], issue=row["issue"],
        outcome=row["outcome"], window_days=window_days, claims=len(cluster), reports=len(reports),
        independent=len(stories), outlets=len(outlets),
        first_report_id=first.report_id if first else None,
        first_date=first.report_date if first else None,
        first_outlet=first.outlet if first else None, first_url=first.url if first else None,
        strongest_source=best[1], claim_ids=tuple(sorted(c.claim_id for c in cluster)),
    )


def corroborations(store: Store, claim_ids: Iterable[int], *,
                   window_days: int = 30) -> dict[int, Corroboration]:
    """Corroboration of many claims (unknown ids are skipped)."""
    out: dict[int, Corroboration] = {}
    for cid in dict.fromkeys(int(i) for i in claim_ids):
        try:
            out[cid] = corroboration(store, cid, window_days=window_days)
        except NotFoundError:
            continue
    return out
