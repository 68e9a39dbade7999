"""parley positions | timeline | shifts | conflicts | contradictions | brief."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from parley import analysis
from parley.cli import main
from parley.cli.options import DATE, db_option, dossier_option, emit, output_options, resolve_db
from parley.dossier import Dossier, load_dossier
from parley.errors import UsageError
from parley.store import Store

as_of_option = click.option("--as-of", "as_of", type=DATE, default=None,
                            help="Answer as of this date (default: everything stored).")


def _open(db: str | None) -> Store:
    return Store(resolve_db(db), create=False)


def _dossier(name: str | None) -> Dossier:
    return load_dossier(name) if name else load_dossier()


def _structured(fmt: str) -> bool:
    return fmt == "json"


@main.command("positions")
@click.option("--actor", default=None, help="Only this party (code, e.g. RU).")
@click.option("--issue", default=None, help="Only this issue (code, e.g. territory).")
@as_of_option
@db_option
@dossier_option
@output_options()
def positions_cmd(actor: str | None, issue: str | None, as_of: dt.date | None, db: str | None,
                  dossier: str | None, fmt: str) -> None:
    """Each party's current stance per issue: one row per (act, outcome) of its latest date."""
    with _open(db) as store:
        found = analysis.positions(store, as_of=as_of, actor=actor, issue=issue,
                                   dossier=_dossier(dossier))
    if _structured(fmt):
        emit(found, fmt)
        return
    rows = [{"actor": p.actor, "issue": p.issue, "act": s.act, "outcome": s.outcome,
             "regions": list(s.regions), "since": s.since, "date": s.date, "reports": s.reports,
             "independent": s.independent, "source": s.strongest_source + (f" ({s.source})" if s.source else ""),
             "hedged": s.hedged, "conditional": s.conditional, "claims": list(s.claim_ids)}
            for p in found for s in p.stances]
    emit(rows, fmt, columns=["actor", "issue", "act", "outcome", "regions", "since", "date", "reports",
                             "independent", "source", "hedged", "conditional", "claims"],
         title="Positions" + (f" as of {as_of}" if as_of else ""))


@main.command("timeline")
@click.option("--actor", required=True, help="Party code, e.g. RU.")
@click.option("--issue", required=True, help="Issue code, e.g. territory.")
@click.option("--region", default=None, help="Only claims naming this region (ISO code, e.g. UA-14).")
@as_of_option
@db_option
@output_options()
def timeline_cmd(actor: str, issue: str, region: str | None, as_of: dt.date | None, db: str | None,
                 fmt: str) -> None:
    """A party's dated stances on an issue, with quotes and sources."""
    with _open(db) as store:
        rows = analysis.timeline(store, actor=actor, issue=issue, region=region, as_of=as_of)
    emit(rows, fmt, columns=["date", "act", "outcome", "regions", "hedged", "conditional", "source_kind",
                             "source", "outlet", "claim_id", "quote"],
         title=f"{actor} on {issue}" + (f" ({region})" if region else ""))


@main.command("shifts")
@click.option("--since", type=DATE, required=True, help="Start of the period (inclusive).")
@click.option("--until", type=DATE, default=None, help="End of the period (default: today).")
@click.option("--dropped-after", "dropped_after", type=click.IntRange(1, 120), default=6,
              show_default=True, help="Months without repetition after which a demand counts as dropped.")
@click.option("--actor", default=None, help="Only this party.")
@click.option("--issue", default=None, help="Only this issue.")
@db_option
@dossier_option
@output_options()
def shifts_cmd(since: dt.date, until: dt.date | None, dropped_after: int, actor: str | None,
               issue: str | None, db: str | None, dossier: str | None, fmt: str) -> None:
    """Softened, hardened, new and dropped stances in a period, with before/after evidence."""
    if until and until < since:
        raise UsageError(f"--until {until} is before --since {since}")
    with _open(db) as store:
        found = analysis.shifts(store, since=since, until=until, dropped_after_months=dropped_after,
                                dossier=_dossier(dossier), actor=actor, issue=issue)
    if _structured(fmt):
        emit(found, fmt)
        return
    rows = [{"date": s.date, "actor": s.actor, "issue": s.issue, "kind": s.kind, "before": s.before,
             "after": s.after, "why": s.detail,
             "evidence": [e.claim_id for e in s.before_evidence + s.after_evidence]} for s in found]
    emit(rows, fmt, columns=["date", "actor", "issue", "kind", "before", "after", "why", "evidence"],
         title="Shifts")


@main.command("conflicts")
@click.option("--issue", default=None, help="Only this issue.")
@click.option("--stale-after", "stale_after", type=click.IntRange(0, 36500), default=365,
              show_default=True, help="Leave out stances this many days older than the newest on the issue.")
@as_of_option
@db_option
@dossier_option
@output_options()
def conflicts_cmd(issue: str | None, stale_after: int, as_of: dt.date | None, db: str | None, dossier: str | None,
                  fmt: str) -> None:
    """Per issue: incompatible pairs of parties and the zone of possible agreement."""
    with _open(db) as store:
        found = analysis.conflicts(store, as_of=as_of, dossier=_dossier(dossier), issue=issue,
                                   stale_after_days=stale_after)
    if _structured(fmt):
        emit(found, fmt)
        return
    rows: list[dict[str, Any]] = []
    for ic in found:
        for c in ic.conflicts:
            rows.append({"issue": ic.issue, "region": list(c.regions), "parties": f"{c.a} vs {c.b}",
                         "what": c.reason, "claims": list(c.a_claims + c.b_claims)})
        for z in ic.zones:
            rows.append({"issue": ic.issue, "region": z.region, "parties": ", ".join(z.parties),
                         "what": ("zone: " + ", ".join(z.outcomes)) if z.outcomes else "zone: NO OVERLAP",
                         "claims": []})
    emit(rows, fmt, columns=["issue", "region", "parties", "what", "claims"], title="Conflicts")


@main.command("contradictions")
@click.option("--window", "window", type=click.IntRange(0, 3650), default=30, show_default=True,
              help="Days within which two opposite claims contradict each other.")
@click.option("--actor", default=None, help="Only this party.")
@as_of_option
@db_option
@output_options()
def contradictions_cmd(window: int, actor: str | None, as_of: dt.date | None, db: str | None,
                       fmt: str) -> None:
    """Claims that cannot both hold: denials, outlets disagreeing, a party contradicting itself."""
    with _open(db) as store:
        found = analysis.contradictions(store, window_days=window, as_of=as_of, actor=actor)
    if _structured(fmt):
        emit(found, fmt)
        return
    rows = [{"kind": c.kind, "actor": c.actor, "issue": c.issue, "outcome": c.outcome,
             "days": c.days_apart, "first": f"{c.first.act} #{c.first.claim_id} {c.first.date}",
             "second": f"{c.second.act} #{c.second.claim_id} {c.second.date}",
             "quotes": f"{c.first.quote} | {c.second.quote}"} for c in found]
    emit(rows, fmt, columns=["kind", "actor", "issue", "outcome", "days", "first", "second", "quotes"],
         title="Contradictions")


@main.command("brief")
@click.option("--since", type=DATE, required=True, help="Start of the period (inclusive).")
@click.option("--until", type=DATE, default=None, help="End of the period (default: today).")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of stdout.")
@db_option
@dossier_option
def brief_cmd(since: dt.date, until: dt.date | None, fmt: str, output: str | None, db: str | None,
              dossier: str | None) -> None:
    """The analyst's note for a period: new stances, shifts, conflicts, sourcing."""
    if until and until < since:
        raise UsageError(f"--until {until} is before --since {since}")
    d = _dossier(dossier)
    with _open(db) as store:
        b = analysis.brief(store, since=since, until=until, dossier=d)
    text = analysis.render_brief_html(b, dossier=d) if fmt == "html" else analysis.render_brief_markdown(b)
    if output:
        try:
            Path(output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"{output}: cannot write: {exc.strerror}") from None
    else:
        sys.stdout.write(text)
