"""The analyst's brief for a period: new stances, shifts, open conflicts, sourcing.

``brief`` gathers the facts; ``render_brief_markdown`` and ``render_brief_html``
write them. The HTML stands alone (inline CSS and SVG, no external files) and
escapes every piece of report text.
"""

from __future__ import annotations

import datetime as dt
import html
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from parley.analysis import _sql
from parley.analysis.conflicts import conflicts_from
from parley.analysis.positions import POSITIVE, ordered, read_positions, strongest
from parley.analysis.records import Brief, BriefItem, Evidence, Position, Shift
from parley.analysis.shifts import shifts_from
from parley.dossier import Dossier, load_dossier
from parley.store.db import Store

ITEMS = 5
_STRENGTH_SQL = ("MAX(CASE c.source_kind WHEN 'named' THEN 4 WHEN 'document' THEN 3"
                 " WHEN 'outlet' THEN 2 ELSE 1 END)")


# One GROUP BY over the period's claims (its sort is the brief's main cost on long
# periods, so no per-claim id lists ride along); quotes are read for the clusters shown.
# ``{part}`` narrows it to some (actor, issue) pairs, so it can be split across threads.
_CLUSTERS_SQL = f"""
SELECT c.actor, c.act, c.issue, c.outcome, COUNT(*) AS n, COUNT(DISTINCT c.report_id) AS reports,
       COUNT(DISTINCT COALESCE(r.story_id, -c.report_id)) AS independent,
       {_STRENGTH_SQL} AS strength, MIN(c.hedged) AS hedged
FROM claims c JOIN reports r ON r.id = c.report_id
WHERE {_sql.LIVE} AND c.report_date BETWEEN ? AND ?{{part}}
GROUP BY c.actor, c.act, c.issue, c.outcome
"""
# claims.report_date is a copy of reports.date: reports of the period with a live claim
_REPORTS_SQL = """
SELECT COUNT(*) FROM reports r
WHERE r.is_latest = 1 AND r.date BETWEEN ? AND ? AND EXISTS (
  SELECT 1 FROM claims c WHERE c.report_id = r.id AND c.status != 'rejected'
  AND c.report_date BETWEEN ? AND ?)
"""
# a cluster's first claims in report order (``+``: walk the pair's index, not the period's)
_CLUSTER_IDS_SQL = f"""
SELECT c.id FROM claims c JOIN reports r ON r.id = c.report_id
WHERE c.actor = ? AND c.act = ? AND c.issue = ? AND c.outcome IS ? AND {_sql.LIVE}
  AND +c.report_date BETWEEN ? AND ?
ORDER BY +c.report_date, c.id LIMIT ?
"""
QUOTED_PER_CLUSTER = 50
ClusterRow = tuple[str, str, str, "str | None", int, int, int, int, int]


def _cluster_rows(conn: sqlite3.Connection, since: str, until: str,
                  pairs: list[tuple[str, str]] | None = None) -> list[ClusterRow]:
    """(actor, act, issue, outcome, n, reports, independent, strength, hedged) per cluster."""
    if pairs is None:
        return [tuple(r) for r in conn.execute(_CLUSTERS_SQL.format(part=""), (since, until))]
    if not pairs:
        return []
    values = ",".join("(?,?)" for _ in pairs)
    sql = _CLUSTERS_SQL.format(part=f" AND (c.actor, c.issue) IN (VALUES {values})")
    return [tuple(r) for r in conn.execute(sql, (since, until, *(x for p in pairs for x in p)))]


def _count_reports(conn: sqlite3.Connection, since: str, until: str) -> int:
    return int(conn.execute(_REPORTS_SQL, (since, until, since, until)).fetchone()[0])


@contextmanager
def _readers(store: Store, n: int) -> Iterator[list[sqlite3.Connection]]:
    """``n`` read-only connections to the store's file, for queries run beside the main
    thread's work (sqlite3 releases the GIL while a query runs). None for an in-memory
    store or one inside a transaction (other connections would not see its writes)."""
    conns: list[sqlite3.Connection] = []
    if store.path != ":memory:" and not store.conn.in_transaction:
        try:
            uri = Path(store.path).resolve().as_uri() + "?mode=ro"
            for _ in range(n):
                conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30)
                conns.append(conn)
        except sqlite3.Error:
            for conn in conns:
                conn.close()
            conns = []
    try:
        yield conns
    finally:
        for conn in conns:
            conn.close()


class _Sourcing:
    """The period's cluster aggregates, computed on two side threads when the store is a
    file (the brief's position analysis runs meanwhile), else inline on first use."""

    def __init__(self, store: Store, conns: list[sqlite3.Connection], since: str, until: str,
                 pairs: list[tuple[str, str]]) -> None:
        self.store, self.since, self.until = store, since, until
        self._pool: ThreadPoolExecutor | None = None
        if len(conns) == 2:
            # split the clusters by (actor, issue) pair, alternately, so each thread sorts half
            pairs = sorted(pairs)
            self._pool = ThreadPoolExecutor(max_workers=2)
            self._parts = [self._pool.submit(_cluster_rows, conns[0], since, until, pairs[0::2]),
                           self._pool.submit(self._rows_and_reports, conns[1], pairs[1::2])]

    def _rows_and_reports(self, conn: sqlite3.Connection,
                          pairs: list[tuple[str, str]]) -> tuple[list[ClusterRow], int]:
        return _cluster_rows(conn, self.since, self.until, pairs), _count_reports(conn, self.since, self.until)

    def result(self) -> tuple[list[ClusterRow], int]:
        if self._pool is None:
            conn = self.store.conn
            return _cluster_rows(conn, self.since, self.until), _count_reports(conn, self.since, self.until)
        try:
            rows_a = self._parts[0].result()
            rows_b, n_reports = self._parts[1].result()
        finally:
            self._pool.shutdown()
        return rows_a + rows_b, n_reports


def _sourcing(store: Store, rows: list[ClusterRow], since: str,
              until: str) -> tuple[list[BriefItem], list[BriefItem], int]:
    """Clusters (party, act, issue, outcome) reported in the period, best and worst sourced."""
    # rows: actor, act, issue, outcome, n, reports, independent, strength, hedged
    best_rows = sorted(rows, key=lambda r: (-r[6], -r[7], -r[5], r[0], r[2], r[1], r[3] or ""))[:ITEMS]
    worst_rows = sorted(
        (r for r in rows if r[6] == 1 and (r[7] <= 2 or r[8])),
        key=lambda r: (r[7], -r[8], r[0], r[2], r[1], r[3] or ""),
    )[:ITEMS]

    def item(r: ClusterRow, note: str) -> BriefItem:
        args = (r[0], r[1], r[2], r[3], since, until, QUOTED_PER_CLUSTER)
        ids = [i for (i,) in store.conn.execute(_CLUSTER_IDS_SQL, args)]
        ev = strongest(_sql.by_ids(store, ids))
        return BriefItem(ev, r[5], r[6], note)

    best = [item(r, f"{r[6]} independent report(s), best source {_strength_name(r[7])}")
            for r in best_rows]
    worst = [item(r, f"single source ({_strength_name(r[7])}){', hedged' if r[8] else ''}")
             for r in worst_rows]
    return best, worst, sum(r[4] for r in rows)


def _strength_name(strength: int) -> str:
    return {4: "named", 3: "document", 2: "outlet", 1: "anonymous"}.get(strength, "?")


def brief(
    store: Store,
    *,
    since: dt.date | str,
    until: dt.date | str | None = None,
    dossier: Dossier | None = None,
    dropped_after_months: int = 6,
) -> Brief:
    """Everything the brief for ``since``..``until`` says (dates inclusive)."""
    dossier = dossier or load_dossier()
    start = _sql.iso(since) or ""
    end = _sql.iso(until) or dt.date.today().isoformat()
    pairs = list(_sql.pairs(store))
    with _readers(store, 2) as conns:
        sourcing = _Sourcing(store, conns, start, end, pairs)
        # positions as of the end, read once: shifts, conflicts and the scale charts share them
        afters = read_positions(store, pairs, until=end, dossier=dossier)
        current = ordered([pos for pos, _ in afters.values()], dossier)
        moves = shifts_from(store, afters, since=start, until=end, dossier=dossier,
                            dropped_after_months=dropped_after_months)
        open_conflicts = [c for c in conflicts_from(current, dossier=dossier) if c.conflicts]
        rows, n_reports = sourcing.result()
    best, worst, n_claims = _sourcing(store, rows, start, end)
    return Brief(
        since=start, until=end, dossier=dossier.name, claims=n_claims, reports=n_reports,
        new_stances=tuple(s for s in moves if s.kind == "new"),
        shifts=tuple(s for s in moves if s.kind != "new"),
        conflicts=tuple(open_conflicts), best_sourced=tuple(best), worst_sourced=tuple(worst),
        positions=tuple(current),
        party_names={p.code: p.name for p in dossier.parties},
        issue_labels={i.code: i.label for i in dossier.issues},
    )


# -- Markdown ------------------------------------------------------------------

def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _cite_md(e: Evidence) -> str:
    who = e.source or e.source_kind
    where = e.outlet or e.title or e.doc or f"report {e.report_id}"
    link = f"[{_md(where)}]({e.url})" if e.url and _safe_url(e.url) else _md(where)
    return f"> “{_md(e.quote)}”  \n> — {_md(who)}, {link}, {e.report_date or 'undated'} (claim {e.claim_id})"


def _shift_md(s: Shift, b: Brief) -> list[str]:
    who = b.party_names.get(s.actor, s.actor)
    issue = b.issue_labels.get(s.issue, s.issue)
    if s.kind == "new":
        head = f"- **{who}** on *{issue}* ({s.date}): {s.after}"
    elif s.kind == "dropped":
        head = f"- **{who}** on *{issue}*: dropped “{s.before}” ({s.detail}, by {s.date})"
    else:
        head = f"- **{who}** {s.kind} on *{issue}* ({s.date}): {s.before} → {s.after} — {s.detail}"
    lines = [head]
    for e in (s.after_evidence or s.before_evidence)[:1]:
        lines += ["", "  " + _cite_md(e).replace("\n", "\n  "), ""]
    return lines


def render_brief_markdown(b: Brief) -> str:
    out = [f"# Brief {b.since} – {b.until}", "",
           f"{b.claims} claims from {b.reports} reports in the period (dossier {b.dossier}).", ""]
    out += ["## New stances", ""]
    if b.new_stances:
        for party in dict.fromkeys(s.actor for s in b.new_stances):
            out += [f"### {b.party_names.get(party, party)}", ""]
            for s in b.new_stances:
                if s.actor == party:
                    out += _shift_md(s, b)
            out.append("")
    else:
        out += ["None.", ""]
    out += ["## Shifts", ""]
    for s in b.shifts:
        out += _shift_md(s, b)
    out += ["" if b.shifts else "None.", ""]
    out += ["## Open conflicts", ""]
    for c in b.conflicts:
        out.append(f"- **{b.issue_labels.get(c.issue, c.issue)}**: {c.summary}")
        for p in c.conflicts[:6]:
            where = f" ({', '.join(p.regions)})" if p.regions else ""
            out.append(f"  - {p.a} vs {p.b}{where}: {p.reason}")
    out += ["" if b.conflicts else "None.", ""]
    for title, items in (("Best-sourced items", b.best_sourced), ("Worst-sourced items", b.worst_sourced)):
        out += [f"## {title}", ""]
        for it in items:
            e = it.evidence
            out += [f"- **{e.actor}** {e.act} {e.outcome or e.issue} — {it.note}", "",
                    "  " + _cite_md(e).replace("\n", "\n  "), ""]
        if not items:
            out += ["None.", ""]
    return "\n".join(out).rstrip() + "\n"


# -- HTML ----------------------------------------------------------------------

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.6rem}h2{border-bottom:1px solid #ddd;margin-top:2rem}
blockquote{margin:.3rem 0 .8rem 1rem;padding-left:.8rem;border-left:3px solid #bbb;color:#444}
.cite{font-size:.85rem;color:#666}.kind{font-weight:600;text-transform:uppercase;font-size:.75rem}
.softened{color:#2a7}.hardened{color:#c33}.new{color:#36c}.dropped{color:#888}
svg text{font:11px system-ui,sans-serif}
"""
_COLOURS = ["#c33", "#36c", "#2a7", "#e90", "#84c", "#099", "#a63", "#555", "#d4a", "#6a0", "#079"]


def _safe_url(url: str) -> bool:
    return urlparse(url).scheme in ("http", "https")


def _cite_html(e: Evidence) -> str:
    esc = html.escape
    where = esc(e.outlet or e.title or e.doc or f"report {e.report_id}")
    if e.url and _safe_url(e.url):
        where = f'<a href="{esc(e.url, quote=True)}">{where}</a>'
    who = esc(e.source or e.source_kind)
    return (f"<blockquote>“{esc(e.quote)}”<div class=cite>— {who}, {where}, "
            f"{esc(e.report_date or 'undated')} (claim {e.claim_id})</div></blockquote>")


def scale_svg(b: Brief, issue_code: str, dossier_outcomes: list[str]) -> str:
    """A strip per ordinal issue: each party's mean demanded/proposed point on the scale."""
    poss: list[Position] = [p for p in b.positions if p.issue == issue_code]
    n = len(dossier_outcomes)
    if n < 2 or not poss:
        return ""
    width, left, right = 560, 20, 540
    x = lambda r: left + (right - left) * r / (n - 1)  # noqa: E731
    parts = [f'<svg width="{width}" height="{40 + 16 * len(poss)}" role="img" '
             f'aria-label="positions on {html.escape(issue_code)}">',
             f'<line x1="{left}" y1="20" x2="{right}" y2="20" stroke="#999"/>']
    for r, code in enumerate(dossier_outcomes):
        anchor = "start" if r == 0 else "end" if r == n - 1 else "middle"
        parts.append(f'<circle cx="{x(r):.0f}" cy="20" r="3" fill="#999"/>'
                     f'<text x="{x(r):.0f}" y="12" text-anchor="{anchor}">{html.escape(code)}</text>')
    colours = {p.actor: _COLOURS[i % len(_COLOURS)] for i, p in enumerate(poss)}
    y = 40
    for p in poss:
        ranks = [dossier_outcomes.index(s.outcome) for s in p.stances
                 if s.act in POSITIVE and s.outcome in dossier_outcomes]
        if not ranks:
            continue
        cx = x(sum(ranks) / len(ranks))
        parts.append(f'<circle cx="{cx:.0f}" cy="{y}" r="5" fill="{colours[p.actor]}"/>'
                     f'<text x="{cx + 8:.0f}" y="{y + 4}">{html.escape(p.actor)}</text>')
        y += 16
    parts.append("</svg>")
    return "".join(parts)


def render_brief_html(b: Brief, *, dossier: Dossier | None = None) -> str:
    esc = html.escape
    if dossier is None:
        try:
            dossier = load_dossier(b.dossier)
        except Exception:  # a dossier file not findable by name: draw no scale charts
            dossier = None
    body = [f"<h1>Brief {esc(b.since)} – {esc(b.until)}</h1>",
            f"<p>{b.claims} claims from {b.reports} reports in the period (dossier {esc(b.dossier)}).</p>"]

    def shift_li(s: Shift) -> str:
        who = esc(b.party_names.get(s.actor, s.actor))
        issue = esc(b.issue_labels.get(s.issue, s.issue))
        text = {"new": f"{esc(s.after)}",
                "dropped": f"dropped “{esc(s.before)}” ({esc(s.detail)})"}.get(
            s.kind, f"{esc(s.before)} → {esc(s.after)} <em>({esc(s.detail)})</em>")
        ev = "".join(_cite_html(e) for e in (s.after_evidence or s.before_evidence)[:1])
        return (f'<li><span class="kind {s.kind}">{s.kind}</span> <b>{who}</b> on <i>{issue}</i> '
                f"({esc(s.date or '')}): {text}{ev}</li>")

    body.append("<h2>New stances</h2>")
    if b.new_stances:
        for party in dict.fromkeys(s.actor for s in b.new_stances):
            body.append(f"<h3>{esc(b.party_names.get(party, party))}</h3><ul>")
            body += [shift_li(s) for s in b.new_stances if s.actor == party]
            body.append("</ul>")
    else:
        body.append("<p>None.</p>")
    body.append("<h2>Shifts</h2>")
    body.append("<ul>" + "".join(shift_li(s) for s in b.shifts) + "</ul>" if b.shifts else "<p>None.</p>")
    body.append("<h2>Open conflicts</h2>")
    for c in b.conflicts:
        body.append(f"<h3>{esc(b.issue_labels.get(c.issue, c.issue))}</h3><p>{esc(c.summary)}</p>")
        if dossier is not None:
            meta = next((i for i in dossier.issues if i.code == c.issue), None)
            if meta is not None and meta.ordinal:
                body.append(scale_svg(b, c.issue, meta.outcome_codes()))
        body.append("<ul>" + "".join(
            f"<li>{esc(p.a)} vs {esc(p.b)}{' (' + esc(', '.join(p.regions)) + ')' if p.regions else ''}: "
            f"{esc(p.reason)}</li>" for p in c.conflicts[:8]) + "</ul>")
    if not b.conflicts:
        body.append("<p>None.</p>")
    for title, items in (("Best-sourced items", b.best_sourced), ("Worst-sourced items", b.worst_sourced)):
        body.append(f"<h2>{title}</h2>")
        if not items:
            body.append("<p>None.</p>")
        for it in items:
            e = it.evidence
            body.append(f"<p><b>{esc(e.actor)}</b> {esc(e.act)} {esc(e.outcome or e.issue)} — "
                        f"{esc(it.note)}</p>{_cite_html(e)}")
    return ("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
            f"<title>Brief {esc(b.since)} – {esc(b.until)}</title><style>{_CSS}</style></head>"
            "<body>\n" + "\n".join(body) + "\n</body></html>\n")
