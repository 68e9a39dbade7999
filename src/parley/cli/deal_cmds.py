"""parley deal evaluate | compare | validate, and parley forecast."""

from __future__ import annotations

import datetime as dt
import sys

import click

from parley.cli import main
from parley.cli.options import DATE, db_option, dossier_option, emit, output_options, resolve_db
from parley.deal import evaluate_deal_files, forecast, load_deal, render
from parley.dossier import load_dossier
from parley.store import Store

VERDICT_COLUMNS = ["party", "issue", "region", "outcome", "verdict", "steps", "detail", "evidence"]
SUMMARY_COLUMNS = ["party", "met", "acceptable", "moves_against", "red_lines", "no_position",
                   "red_lines_crossed"]
TERRITORY_COLUMNS = ["region", "name", "outcome", "ru_share", "km2_to_ru", "km2_to_ua", "pop_to_ru",
                     "pop_to_ua", "source"]
CAP_COLUMNS = ["party", "act", "stated_cap", "date", "deal_cap", "difference", "comparison", "evidence"]
FORECAST_COLUMNS = ["issue", "actors", "weighted_mean", "eu_forecast", "nearest_outcome", "rounds",
                    "stop", "sensitivity", "inputs", "left_out"]


@main.group()
def deal() -> None:
    """Check a proposed settlement against every party's record."""


def _record_options(f):  # type: ignore[no-untyped-def]
    """The options every deal evaluation takes: the record's date, control figures,
    database and dossier."""
    for option in reversed((
        click.option("--as-of", type=DATE, default=None,
                     help="Record as of this date (default: each deal's own date)."),
        click.option("--control", type=click.Path(dir_okay=False), default=None,
                     help="Analyst's control figures (YAML or CSV: region, ru_share, source, date)."),
        db_option,
        dossier_option,
    )):
        f = option(f)
    return f


def _evaluate(db: str | None, paths: list[str], *, as_of: dt.date | None, dossier: str | None,
              control: str | None) -> list:
    return evaluate_deal_files(Store(resolve_db(db), create=False), paths, as_of=as_of,
                               dossier=load_dossier(dossier), control_file=control)


def _print_one(ev, fmt: str) -> None:  # type: ignore[no-untyped-def]
    if fmt == "json":
        emit([ev], "json")
    elif fmt == "md":
        sys.stdout.write(render.to_markdown(ev))
    elif fmt == "html":
        sys.stdout.write(render.to_html(ev))
    else:
        emit(render.summary_rows(ev), "table", columns=SUMMARY_COLUMNS,
             title=f"{ev.deal.title} (record as of {ev.as_of or 'today'})")
        emit(render.verdict_rows(ev), "table", columns=VERDICT_COLUMNS, title="Verdicts")
        click.echo("Terms no party has proposed: " + ("; ".join(ev.unproposed) or "none"))
        if ev.silent:
            click.echo("No claim on these issues: " + ", ".join(ev.silent))
        if ev.caps:
            emit(render.cap_rows(ev), "table", columns=CAP_COLUMNS, title="Army caps")
        if ev.territory is not None:
            emit(render.territory_rows(ev), "table", columns=TERRITORY_COLUMNS, title="Territory")
            for a in ev.territory.assumptions:
                click.echo(f"- {a}")


@deal.command("evaluate")
@click.argument("deal_file", type=click.Path(dir_okay=False))
@_record_options
@output_options("table", "json", "md", "html")
def evaluate_cmd(deal_file: str, as_of: dt.date | None, control: str | None, fmt: str,
                 db: str | None, dossier: str | None) -> None:
    """Each party's verdict on each term, with evidence, and the land that changes hands."""
    _print_one(_evaluate(db, [deal_file], as_of=as_of, dossier=dossier, control=control)[0], fmt)


@deal.command("compare")
@click.argument("deal_files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@_record_options
@output_options("table", "json", "md", "csv")
def compare_cmd(deal_files: tuple[str, ...], as_of: dt.date | None, control: str | None, fmt: str,
                db: str | None, dossier: str | None) -> None:
    """Two or more deals side by side: terms, and each party's verdict counts."""
    evs = _evaluate(db, list(deal_files), as_of=as_of, dossier=dossier, control=control)
    if fmt == "json":
        emit(evs, "json")
        return
    names, terms, parties = render.compare_rows(evs)
    cols = ["issue", "region", *names]
    if fmt == "md":
        sys.stdout.write(render._md_table(terms, cols) + "\n\n"
                         + render._md_table(parties, ["party", *cols[2:]]) + "\n")
        return
    emit(terms, fmt, columns=cols, title="Terms")
    if fmt == "table":
        emit(parties, fmt, columns=["party", *cols[2:]], title="Parties")


@deal.command("validate")
@click.argument("deal_file", type=click.Path(dir_okay=False))
@dossier_option
def validate_cmd(deal_file: str, dossier: str | None) -> None:
    """Check a deal file against the dossier; list every problem with its line."""
    d = load_deal(deal_file, dossier=load_dossier(dossier))
    click.echo(f"{deal_file}: ok ({len(d.terms)} terms, {d.title})")


@main.command("forecast")
@click.option("--issue", "issues", multiple=True, help="Issue code (repeatable; default: every ordinal issue).")
@click.option("--as-of", type=DATE, default=None, help="Positions as of this date.")
@click.option("--rounds", is_flag=True, help="Also list the expected-utility model round by round.")
@output_options()
@db_option
@dossier_option
def forecast_cmd(issues: tuple[str, ...], as_of: dt.date | None, rounds: bool, fmt: str,
                 db: str | None, dossier: str | None) -> None:
    """Where a settlement lands: weighted mean and expected-utility model, with inputs."""
    fcs = forecast(Store(resolve_db(db), create=False), as_of=as_of, dossier=load_dossier(dossier),
                   issues=list(issues) or None)
    if fmt == "json":
        emit(fcs, "json")
        return
    emit(render.forecast_rows(fcs), fmt, columns=FORECAST_COLUMNS,
         title="Forecast (0 = Ukraine's pole, 100 = Russia's; inputs are the dossier's assumptions)")
    if rounds:
        emit(render.round_rows(fcs), fmt, title="Expected-utility rounds (r: each actor's risk exponent)")
