"""The data behind each page: plain dicts, the same for HTML and JSON.

Store reads go through ``parley.store.queries``; reviews through
``parley.store.corrections``; positions, timelines, shifts, conflicts,
contradictions and the brief through ``parley.analysis``; control shares
through ``parley.deal.territory``. Only presentation happens here: chart
geometry, map projection, grouping rows into a matrix.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import sqlite3
from functools import lru_cache
from importlib import resources
from typing import Any

from parley import analysis
from parley.deal.territory import best_fact, control_from_store
from parley.dossier import Dossier
from parley.errors import NotFoundError, UsageError
from parley.extract.records import ACTS, SOURCE_KINDS
from parley.store import queries
from parley.store.db import Store

ACT_ORDER = ("demand", "propose", "reject")


def _day(value: str | dt.date | None, name: str = "date") -> str | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise UsageError(f"{name}: {value!r} is not a date (use YYYY-MM-DD)") from None


def _issue(dossier: Dossier, code: str) -> Any:
    try:
        return dossier.issue(code)
    except Exception:
        raise NotFoundError(f"no issue {code!r} in dossier {dossier.name}") from None


def _party(dossier: Dossier, code: str) -> Any:
    try:
        return dossier.party(code)
    except Exception:
        raise NotFoundError(f"no party {code!r} in dossier {dossier.name}") from None


# -- positions ---------------------------------------------------------------
def _cell(pos: Any) -> dict[str, Any]:
    acts = {st.act for st in pos.stances}
    return {
        "actor": pos.actor, "issue": pos.issue, "date": pos.date, "since": pos.since,
        "act": acts.pop() if len(acts) == 1 else "mixed",
        "outcomes": [st.outcome for st in pos.stances],
        "stances": [f"{st.act} {st.outcome or ''}".strip() for st in pos.stances],
        "hedged": pos.hedged, "conditional": pos.conditional, "reports": pos.reports,
        "independent": pos.independent, "outlets": pos.outlets,
        "strongest_source": pos.strongest_source, "claim_id": pos.claim_ids[0] if pos.claim_ids else None,
        "claim_ids": list(pos.claim_ids),
    }


def overview(store: Store, dossier: Dossier, *, as_of: str | None = None) -> dict[str, Any]:
    as_of = _day(as_of, "as_of") or dt.date.today().isoformat()
    cells = {(p.actor, p.issue): _cell(p) for p in analysis.positions(store, as_of=as_of, dossier=dossier)}
    parties = [p.code for p in dossier.parties if any(k[0] == p.code for k in cells)]
    rows = [
        {"party": p, "name": dossier.party(p).name,
         "cells": [cells.get((p, i.code)) for i in dossier.issues]}
        for p in parties
    ]
    return {
        "as_of": as_of,
        "issues": [{"code": i.code, "label": i.label} for i in dossier.issues],
        "rows": rows,
        "claims": queries.count_claims(store, include_rejected=False),
    }


def _ranks(issue: Any) -> dict[str, int]:
    return {o.code: n for n, o in enumerate(issue.outcomes)}


def issue_page(store: Store, dossier: Dossier, code: str, *, as_of: str | None = None,
               width: int = 760, height: int = 320) -> dict[str, Any]:
    issue = _issue(dossier, code)
    as_of = _day(as_of, "as_of") or dt.date.today().isoformat()
    claims = _chart_points(store, code, as_of)
    ranks = _ranks(issue)
    outcomes = [{"code": o.code, "label": o.label or o.code} for o in issue.outcomes]
    # chart geometry: x = time, y = outcome (ordered as the dossier lists them)
    dates = sorted({c["date"] for c in claims})
    pad_l, pad_r, pad_t, pad_b = 110, 70, 20, 40
    if dates:
        d0 = dt.date.fromisoformat(dates[0])
        d1 = dt.date.fromisoformat(dates[-1])
        span = max((d1 - d0).days, 1)
    else:
        d0, span = dt.date.today(), 1
    n = max(len(outcomes), 1)

    def y_of(outcome: str | None) -> float:
        r = ranks.get(outcome or "", None)
        slot = n if r is None else r  # "unspecified" below the scale
        return pad_t + (height - pad_t - pad_b) * (slot + 0.5) / (n + 1)

    def x_of(day: str) -> float:
        days = (dt.date.fromisoformat(day) - d0).days
        return pad_l + (width - pad_l - pad_r) * days / span

    parties = sorted({c["actor"] for c in claims}, key=lambda p: dossier.party_codes().index(p)
                     if p in dossier.party_codes() else 99)
    points = [
        {"x": round(x_of(c["date"]), 1), "y": round(y_of(c["outcome"]), 1), "party": c["actor"],
         "act": c["act"], "outcome": c["outcome"], "date": c["date"], "claim_id": c["id"],
         "report_id": c["report_id"], "hedged": bool(c["hedged"]), "claims": c["n"]}
        for c in claims
    ]
    latest = [_cell(p) for p in analysis.positions(store, as_of=as_of, issue=code, dossier=dossier)]
    found = analysis.conflicts(store, as_of=as_of, dossier=dossier, issue=code)
    ic = found[0] if found else None
    conflicts = [c.to_dict() for c in ic.conflicts] if ic else []
    zones = [z.to_dict() for z in ic.zones] if ic else []
    ticks = [{"x": round(x_of(d), 1), "label": d} for d in (dates[:1] + dates[-1:] if dates else [])]
    return {
        "issue": {"code": issue.code, "label": issue.label, "about": issue.about,
                  "ordinal": issue.ordinal},
        "as_of": as_of, "outcomes": outcomes,
        "axis": [{"code": o["code"], "label": o["label"], "y": round(y_of(o["code"]), 1)}
                 for o in outcomes]
        + [{"code": "(unspecified)", "label": "no outcome named", "y": round(y_of(None), 1)}],
        "lines": _lines(points, parties),
        "chart": {"width": width, "height": height, "left": pad_l, "bottom": height - pad_b},
        "ticks": ticks, "parties": parties, "points": points, "latest": latest,
        "conflicts": conflicts, "zones": zones, "summary": ic.summary if ic else "no stances",
        "stale": list(ic.stale) if ic else [],
    }


# One chart point per party, stance and period: days when the claims are few,
# months when they are many, so the SVG stays small at any store size.
_POINTS_SQL = """
SELECT g.*, k.report_id FROM (
  SELECT actor, act, outcome, MIN(stance_date) AS date, MAX(id) AS id, COUNT(*) AS n,
         MAX(hedged) AS hedged
  FROM claims
  WHERE issue = ? AND stance_date IS NOT NULL AND stance_date <= ? AND status != 'rejected'
  GROUP BY actor, act, outcome, substr(stance_date, 1, ?)
) g JOIN claims k ON k.id = g.id
ORDER BY g.date
"""


def _chart_points(store: Store, issue: str, as_of: str) -> list[sqlite3.Row]:
    total = store.conn.execute(
        "SELECT COUNT(*) FROM claims WHERE issue = ? AND stance_date <= ?", (issue, as_of)
    ).fetchone()[0]
    width = 10 if total <= 1000 else 7  # by day, else by month
    return store.conn.execute(_POINTS_SQL, (issue, as_of, width)).fetchall()


PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf", "#ff7f0e", "#393b79")


def _lines(points: list[dict[str, Any]], parties: list[str]) -> list[dict[str, Any]]:
    """One polyline per party through its stances in time order."""
    out = []
    for n, party in enumerate(parties):
        pts = sorted((p for p in points if p["party"] == party), key=lambda p: (p["date"], p["claim_id"]))
        out.append({"party": party, "colour": PALETTE[n % len(PALETTE)],
                    "points": " ".join(f"{p['x']},{p['y']}" for p in pts),
                    "last": pts[-1] if pts else None})
    return out


def party_page(store: Store, dossier: Dossier, code: str, *, as_of: str | None = None,
               since: str | None = None) -> dict[str, Any]:
    party = _party(dossier, code)
    as_of = _day(as_of, "as_of") or dt.date.today().isoformat()
    since = _day(since, "since") or (dt.date.fromisoformat(as_of) - dt.timedelta(days=365)).isoformat()
    if since > as_of:
        raise UsageError(f"since {since} is after as_of {as_of}")
    stances = [_cell(p) for p in analysis.positions(store, as_of=as_of, actor=code, dossier=dossier)]
    moves = analysis.shifts(store, since=since, until=as_of, dossier=dossier, actor=code)
    contra = analysis.contradictions(store, as_of=as_of, since=since, actor=code, limit=200)
    return {"party": {"code": party.code, "name": party.name}, "as_of": as_of, "since": since,
            "stances": stances, "shifts": moves, "contradictions": contra}


# -- map --------------------------------------------------------------------
@lru_cache(maxsize=1)
def _geo() -> list[dict[str, Any]]:
    raw = resources.files("parley.data").joinpath("geo/ukraine_adm1.geojson").read_text("utf-8")
    feats = json.loads(raw)["features"]
    lat0 = math.radians(48.5)  # equirectangular projection centred on Ukraine
    xs = [x * math.cos(lat0) for f in feats for p in f["geometry"]["coordinates"]
          for r in p for x, _ in r]
    ys = [y for f in feats for p in f["geometry"]["coordinates"] for r in p for _, y in r]
    minx, maxx, maxy = min(xs), max(xs), max(ys)
    scale = 760 / (maxx - minx)
    out = []
    for f in feats:
        parts = []
        for poly in f["geometry"]["coordinates"]:
            for ring in poly:
                pts = " L".join(f"{(x * math.cos(lat0) - minx) * scale:.1f},{(maxy - y) * scale:.1f}"
                                for x, y in ring)
                parts.append(f"M{pts}Z")
        out.append({"code": f["properties"]["shapeISO"], "name": f["properties"]["shapeName"],
                    "d": " ".join(parts)})
    return out


def map_page(store: Store, dossier: Dossier, *, party: str | None = None,
             as_of: str | None = None) -> dict[str, Any]:
    as_of = _day(as_of, "as_of") or dt.date.today().isoformat()
    if party:
        _party(dossier, party)
    groups = {g.name: list(g.members) for g in dossier.groups}
    facts = control_from_store(store, as_of=as_of)
    stance: dict[str, dict[str, Any]] = {}
    if party:
        for pos in analysis.positions(store, as_of=as_of, actor=party, issue="territory",
                                      dossier=dossier):
            for rs in pos.regions:
                for code in groups.get(rs.region, [rs.region]):
                    stance[code] = {"act": rs.act, "outcome": rs.outcome, "date": rs.date,
                                    "claim_id": rs.claim_ids[0] if rs.claim_ids else None,
                                    "claim_ids": list(rs.claim_ids)}
    regions = []
    for g in _geo():
        fact = best_fact(g["code"], facts)
        ctl = None if fact is None else {
            "ru_share": fact.ru_share, "date": fact.date, "source": fact.source,
            "fact_id": fact.fact_id, "label": fact.label, "origin": fact.origin}
        if fact is not None and fact.fact_id is not None:
            row = store.conn.execute("SELECT report_id, text FROM control_facts WHERE id = ?",
                                     (fact.fact_id,)).fetchone()
            if row:
                ctl.update(report_id=row["report_id"], text=row["text"])  # type: ignore[union-attr]
        ru_share = fact.ru_share if fact else None
        regions.append({**g, "control": ctl, "ru_share": ru_share, "stance": stance.get(g["code"]),
                        "fill": _shade(ru_share)})
    return {"as_of": as_of, "party": party, "parties": dossier.party_codes(), "regions": regions,
            "credit": "Boundaries © OpenStreetMap contributors, ODbL; geoBoundaries "
                      "(Runfola et al. 2020, PLoS ONE 15(4): e0231866)"}


def _shade(ru_share: float | None) -> str:
    if ru_share is None:
        return "#e8e8e8"
    s = max(0.0, min(1.0, float(ru_share)))
    # from pale blue (held by Ukraine) to red (held by Russia)
    r, g, b = int(200 + 30 * s), int(220 - 160 * s), int(240 - 180 * s)
    return f"#{r:02x}{g:02x}{b:02x}"


# -- reports, claims, search -----------------------------------------------
def report_page(store: Store, dossier: Dossier, report_id: int) -> dict[str, Any]:
    rep = queries.get_report(store, report_id)
    claims = queries.list_claims(store, report_id=report_id, order="report")
    story = queries.story_reports(store, rep.story_id) if rep.story_id else []
    # the body is shown (front matter is in the metadata), unless evidence lies before it
    shown_from = min([rep.body_start, *(c.start for c in claims if 0 <= c.start < c.end)])
    shown_from = max(0, min(shown_from, len(rep.text)))
    return {"report": rep, "claims": claims, "shown_from": shown_from,
            "segments": _segments(rep.text, claims, shown_from),
            "story": [s for s in story if s.id != rep.id], "choices": choices(dossier)}


def _segments(text: str, claims: list[Any], shown_from: int = 0) -> list[dict[str, Any]]:
    """The text from ``shown_from`` cut at every evidence boundary into plain and
    highlighted pieces. A piece inside several claims' evidence shows the innermost
    (shortest, then newest): a claim added inside a machine claim's sentence stays visible.
    Each piece carries its ``start`` offset (code points into the full text); the first
    piece of each shown claim carries the anchor (``#claim-N``)."""
    spans = sorted((c for c in claims if shown_from <= c.start < c.end <= len(text)),
                   key=lambda c: c.start)
    cuts = sorted({shown_from, len(text), *(c.start for c in spans), *(c.end for c in spans)})
    out: list[dict[str, Any]] = []
    anchored: set[int] = set()
    inside: list[Any] = []  # sweep: the claims covering the current piece
    n = 0
    for a, b in zip(cuts, cuts[1:], strict=False):
        while n < len(spans) and spans[n].start <= a:
            inside.append(spans[n])
            n += 1
        inside = [c for c in inside if c.end > a]  # ends are cuts: these reach b
        piece: dict[str, Any] = {"text": text[a:b], "start": a}
        if inside:
            top = min(inside, key=lambda c: (c.end - c.start, -c.id))
            piece.update(claim_id=top.id, status=top.status, anchor=top.id not in anchored)
            anchored.add(top.id)
        out.append(piece)
    return out


def choices(dossier: Dossier) -> dict[str, Any]:
    """The codes a claim's fields take (the dossier's, as `parley claims edit` checks them)."""
    return {
        "actors": [{"code": p.code, "name": p.name} for p in dossier.parties],
        "acts": list(ACTS),
        "issues": [{"code": i.code, "label": i.label,
                    "outcomes": [{"code": o.code, "label": o.label or o.code} for o in i.outcomes]}
                   for i in dossier.issues],
        "regions": [{"code": r.code, "name": r.name} for r in dossier.regions],
        "source_kinds": list(SOURCE_KINDS),
        "when": "YYYY, YYYY-MM, YYYY-MM-DD or past (empty: at the report's date)",
    }


CLAIM_SORTS = ("date", "-date", "id", "report")


def claims_page(store: Store, *, actor: str | None = None, issue: str | None = None,
                status: str | None = None, since: str | None = None, until: str | None = None,
                order: str = "-date", page: int = 1, per_page: int = 100) -> dict[str, Any]:
    since, until = _day(since, "since"), _day(until, "until")
    if page < 1:
        raise UsageError("page must be 1 or more")
    kw = {"actor": actor or None, "issue": issue or None, "status": status or None,
          "since": since, "until": until}
    rows = queries.list_claims(store, **kw, order=order, limit=per_page,
                               offset=(page - 1) * per_page)
    total = queries.count_claims(store, **kw)
    return {"filters": {**kw, "order": order}, "page": page, "per_page": per_page, "total": total,
            "claims": rows}


def search_page(store: Store, q: str | None, *, limit: int = 50) -> dict[str, Any]:
    if not q:
        return {"q": "", "hits": []}
    hits = queries.search_reports(store, q, limit=limit)
    return {"q": q, "hits": hits}


def split_snippet(snippet: str) -> list[dict[str, Any]]:
    """FTS5 snippet with [ ] marks -> pieces the template escapes and highlights."""
    out, mark = [], False
    buf = ""
    for ch in snippet:
        if ch in "[]":
            if buf:
                out.append({"text": buf, "hit": mark})
            buf, mark = "", ch == "["
        else:
            buf += ch
    if buf:
        out.append({"text": buf, "hit": mark})
    return out


def brief_page(store: Store, dossier: Dossier, *, since: str | None = None,
               until: str | None = None) -> dict[str, Any]:
    until = _day(until, "until") or dt.date.today().isoformat()
    since = _day(since, "since") or (dt.date.fromisoformat(until) - dt.timedelta(days=30)).isoformat()
    if since > until:
        raise UsageError(f"since {since} is after until {until}")
    b = analysis.brief(store, since=since, until=until, dossier=dossier)
    return {"since": since, "until": until, "brief": b}
