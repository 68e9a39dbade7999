"""Deal evaluations as rows, Markdown and standalone HTML (strings; the CLI prints)."""

from __future__ import annotations

from typing import Any

import jinja2

from parley.analysis.records import Evidence
from parley.deal.evaluate import LABELS, DealEvaluation
from parley.deal.forecast import IssueForecast


def cite(e: Evidence) -> str:
    who = e.source or e.source_kind
    return f"#{e.claim_id} {e.date or '?'} {e.outlet or 'unknown outlet'} ({e.source_kind}: {who})"


def verdict_rows(ev: DealEvaluation) -> list[dict[str, Any]]:
    return [{
        "party": v.party, "issue": v.issue, "region": v.region or "", "outcome": v.outcome,
        "verdict": LABELS[v.verdict], "steps": v.steps, "detail": v.detail,
        "evidence": "; ".join(cite(e) for e in v.evidence[:3])
        + (f" (+{len(v.evidence) - 3})" if len(v.evidence) > 3 else ""),
        "claim_ids": [e.claim_id for e in v.evidence],
    } for v in ev.verdicts]


def summary_rows(ev: DealEvaluation) -> list[dict[str, Any]]:
    return [{"party": s.party, "met": s.meets_demand, "acceptable": s.acceptable,
             "moves_against": s.moves_against, "red_lines": s.red_line, "no_position": s.no_position,
             "red_lines_crossed": "; ".join(s.red_lines)} for s in ev.summaries]


def territory_rows(ev: DealEvaluation) -> list[dict[str, Any]]:
    t = ev.territory
    if t is None:
        return []
    rows = [{"region": c.region, "name": c.name, "outcome": c.outcome,
             "ru_share": None if c.ru_share is None else round(c.ru_share, 3),
             "km2_to_ru": None if c.km2_to_ru is None else round(c.km2_to_ru),
             "km2_to_ua": None if c.km2_to_ua is None else round(c.km2_to_ua),
             "pop_to_ru": c.population_to_ru, "pop_to_ua": c.population_to_ua,
             "source": (c.fact.source if c.fact else "no control fact")} for c in t.regions]
    rows.append({"region": "TOTAL", "name": "", "outcome": "", "ru_share": None,
                 "km2_to_ru": round(t.km2_to_ru), "km2_to_ua": round(t.km2_to_ua),
                 "pop_to_ru": t.population_to_ru, "pop_to_ua": t.population_to_ua,
                 "source": f"{len(t.unknown)} region(s) not counted" if t.unknown else ""})
    return rows


def cap_rows(ev: DealEvaluation) -> list[dict[str, Any]]:
    """Each party's stated army cap against the deal's, with its evidence."""
    return [{"party": c.party, "act": c.act, "stated_cap": c.cap, "date": c.date,
             "deal_cap": c.deal_cap, "difference": c.difference, "comparison": c.text,
             "evidence": cite(c.evidence), "claim_id": c.evidence.claim_id} for c in ev.caps]


def term_value(t: Any) -> str:
    """A term's outcome, with its cap when it has one."""
    cap = t.params.get("cap")
    return f"{t.outcome} (cap {cap:,})" if isinstance(cap, int) else t.outcome


def compare_rows(evs: list[DealEvaluation]
                 ) -> tuple[list[str], list[dict[str, Any]], list[dict[str, Any]]]:
    """(column names, terms side by side, party summaries side by side)."""
    names: list[str] = []
    for e in evs:  # columns need distinct names
        name, n = e.deal.title, 2
        while name in names:
            name, n = f"{e.deal.title} ({n})", n + 1
        names.append(name)
    keys: list[tuple[str, str | None]] = []
    for e in evs:
        for t in e.deal.terms:
            for r in t.regions or (None,):
                if (t.issue, r) not in keys:
                    keys.append((t.issue, r))
    terms = []
    for issue, region in keys:
        row: dict[str, Any] = {"issue": issue, "region": region or ""}
        for name, e in zip(names, evs, strict=True):
            row[name] = next((term_value(t) for t in e.deal.terms if t.issue == issue
                              and (region in t.regions if region else not t.regions)), "—")
        terms.append(row)
    parties: list[dict[str, Any]] = [{"party": "record as of", **{n: e.as_of or "today"
                                                                   for n, e in zip(names, evs, strict=True)}}]
    codes = list(dict.fromkeys(s.party for e in evs for s in e.summaries))
    for code in codes:
        row = {"party": code}
        for name, e in zip(names, evs, strict=True):
            s = next((s for s in e.summaries if s.party == code), None)
            row[name] = (f"met {s.meets_demand + s.acceptable}, against {s.moves_against}, "
                         f"red lines {s.red_line}") if s else "—"
        parties.append(row)
    if any(e.territory is not None for e in evs):
        parties.append({"party": "territory", **{
            name: (f"to RU {e.territory.km2_to_ru:,.0f} km², to UA {e.territory.km2_to_ua:,.0f} km²"
                   + (f" ({len(e.territory.unknown)} not counted)" if e.territory.unknown else ""))
            if e.territory else "—" for name, e in zip(names, evs, strict=True)}})
    return names, terms, parties


def _md_table(rows: list[dict[str, Any]], cols: list[str]) -> str:
    def cell(v: Any) -> str:
        return ("" if v is None else str(v)).replace("|", "\\|").replace("\n", " ")
    out = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    out += ["| " + " | ".join(cell(r.get(c)) for c in cols) + " |" for r in rows]
    return "\n".join(out)


def to_markdown(ev: DealEvaluation) -> str:
    parts = [f"# {ev.deal.title}", "",
             f"Deal dated {ev.deal.date or '—'}; record as of {ev.as_of or 'today'}.", "",
             "## Terms", ""]
    parts += [f"- {t.label}" + (f" — {t.note}" if t.note else "") for t in ev.deal.terms]
    parts += ["", "## Summary per party", "",
              _md_table(summary_rows(ev), ["party", "met", "acceptable", "moves_against",
                                           "red_lines", "no_position", "red_lines_crossed"])]
    if ev.silent:
        parts += ["", f"No claim on record on these issues: {', '.join(ev.silent)}."]
    parts += ["", "## Terms no party has proposed", ""]
    parts += [f"- {u}" for u in ev.unproposed] or ["- none"]
    parts += ["", "## Verdicts", "",
              _md_table(verdict_rows(ev), ["party", "issue", "region", "outcome", "verdict",
                                           "steps", "detail", "evidence"])]
    if ev.caps:
        parts += ["", "## Army caps", ""]
        parts += [f"- {c.text} (evidence: {cite(c.evidence)}: “{c.evidence.quote}”)" for c in ev.caps]
    if ev.territory is not None:
        parts += ["", "## Territory", "",
                  _md_table(territory_rows(ev), ["region", "name", "outcome", "ru_share", "km2_to_ru",
                                                 "km2_to_ua", "pop_to_ru", "pop_to_ua", "source"]),
                  "", "Assumptions:", ""]
        parts += [f"- {a}" for a in ev.territory.assumptions]
    return "\n".join(parts) + "\n"


_HTML = jinja2.Environment(autoescape=True).from_string("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ ev.deal.title }}</title>
<style>body{font:14px sans-serif;margin:2em}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top}
.red_line{background:#fdd}.meets_demand{background:#dfd}.acceptable{background:#efe}
.moves_against{background:#ffe}</style></head><body>
<h1>{{ ev.deal.title }}</h1>
<p>Deal dated {{ ev.deal.date or '—' }}; record as of {{ ev.as_of or 'today' }}.</p>
<h2>Summary per party</h2><table><tr>{% for c in scols %}<th>{{ c }}</th>{% endfor %}</tr>
{% for r in summary %}<tr>{% for c in scols %}<td>{{ r[c] }}</td>{% endfor %}</tr>{% endfor %}</table>
<h2>Terms no party has proposed</h2><ul>{% for u in ev.unproposed %}<li>{{ u }}</li>
{% else %}<li>none</li>{% endfor %}</ul>
<h2>Verdicts</h2><table><tr><th>party</th><th>issue</th><th>region</th><th>outcome</th>
<th>verdict</th><th>detail</th><th>evidence</th></tr>
{% for v in ev.verdicts %}<tr class="{{ v.verdict }}"><td>{{ v.party }}</td><td>{{ v.issue }}</td>
<td>{{ v.region or '' }}</td><td>{{ v.outcome }}</td><td>{{ labels[v.verdict] }}</td>
<td>{{ v.detail }}</td><td>{% for e in v.evidence %}<div>{{ cite(e) }}: “{{ e.quote }}”</div>
{% endfor %}</td></tr>{% endfor %}</table>
{% if ev.caps %}<h2>Army caps</h2><ul>{% for c in ev.caps %}<li>{{ c.text }}
<div><small>{{ cite(c.evidence) }}: “{{ c.evidence.quote }}”</small></div></li>{% endfor %}</ul>{% endif %}
{% if ev.territory %}<h2>Territory</h2><ul>{% for a in ev.territory.assumptions %}<li>{{ a }}</li>
{% endfor %}</ul>{% endif %}
</body></html>
""")


def to_html(ev: DealEvaluation) -> str:
    scols = ["party", "met", "acceptable", "moves_against", "red_lines", "no_position",
             "red_lines_crossed"]
    return _HTML.render(ev=ev, summary=summary_rows(ev), scols=scols, labels=LABELS, cite=cite)


def forecast_rows(fcs: list[IssueForecast]) -> list[dict[str, Any]]:
    rows = []
    for f in fcs:
        sens = f.sensitivity
        def fmt(v: float | None) -> str:
            return "" if v is None else f"{v:.1f}"
        rows.append({
            "issue": f.issue, "actors": len(f.actors),
            "weighted_mean": None if f.weighted_mean is None else round(f.weighted_mean, 1),
            "eu_forecast": None if f.eu_forecast is None else round(f.eu_forecast, 1),
            "nearest_outcome": f.nearest_outcome, "rounds": max(len(f.rounds) - 1, 0),
            "stop": f"{f.stop}: {f.stop_detail}" if f.stop else "",
            "sensitivity": "; ".join(
                f"{k}: mean {fmt(v.get('mean_min'))}–{fmt(v.get('mean_max'))}, "
                f"eu {fmt(v.get('eu_min'))}–{fmt(v.get('eu_max'))}" if "mean_min" in v else
                f"{k} ({v['actors']:g} actors): mean {fmt(v['mean'])}, eu {fmt(v['eu'])}"
                for k, v in sens.items()),
            "inputs": "; ".join(f"{a.code} x={a.position:g} c={a.capability:g} s={a.salience:g}"
                                + (" hedged" if a.hedged else "") for a in f.actors),
            "left_out": "; ".join(f.left_out),
        })
    return rows


def round_rows(fcs: list[IssueForecast]) -> list[dict[str, Any]]:
    """The expected-utility model round by round: positions, r_i, accepted offers."""
    return [{"issue": f.issue, "round": r.number, "median": r.median, "mean": r.mean,
             "positions": r.positions, "risk_r": r.risk,
             "moves": [f"{m.actor} {m.old:g}->{m.new:g} ({m.kind} by {m.by})" for m in r.moves]}
            for f in fcs for r in f.rounds]
