"""parley extract | eval."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

from parley.cli import main
from parley.cli.options import DATE, dossier_option, emit, error_line, output_options, warn
from parley.dossier import load_dossier
from parley.errors import InputError
from parley.extract import extract_report
from parley.ingest import iter_reports

CLAIM_COLUMNS = ["doc", "start", "end", "actor", "act", "issue", "outcome", "regions", "hedged",
                 "conditional", "when", "source_kind", "source_count", "rule", "text"]
CONTROL_COLUMNS = ["doc", "start", "end", "holder", "regions", "share", "source_kind", "text"]


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@dossier_option
@click.option("--date", type=DATE, default=None, help="Report date for every input (overrides the file's).")
@click.option("--outlet", default=None, help="Outlet for every input (overrides the file's).")
@output_options("jsonl", "json", "table", "csv", default="jsonl")
def extract_cmd(paths: tuple[str, ...], dossier: str | None, date: dt.date | None,
                outlet: str | None, fmt: str) -> None:
    """Extract claims and control facts from report files or directories."""
    d = load_dossier(dossier)  # an invalid dossier is a DossierError: one line, exit code
    records: list[dict] = []
    failed = 0
    with _progress() as tick:
        for item in iter_reports(paths, date=date, outlet=outlet):
            tick()
            if isinstance(item, InputError):
                error_line(str(item))
                failed += 1
                continue
            name = item.path or item.doc
            if item.date is None:
                warn(f"{name}: no date (claims carry no report date; use --date)")
            try:
                result = extract_report(item, dossier=d)
            except Exception as exc:  # noqa: BLE001 - one bad report must not stop the batch
                error_line(f"{name}: extraction failed: {type(exc).__name__}: {exc}")
                failed += 1
                continue
            _collect(result, item.doc, fmt, records)
    _emit_records(records, fmt)
    if failed:
        sys.exit(1)


@contextmanager
def _progress() -> Iterator[Callable[[], None]]:
    """A spinner with a count on stderr, only when stderr is a terminal (never in pipes,
    logs or tests)."""
    if not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(SpinnerColumn(), TextColumn("extracting: {task.completed} reports"),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("extract", total=None)
        yield lambda: progress.advance(task)


def _collect(result, doc: str, fmt: str, records: list[dict]) -> None:
    for w in result.warnings:
        warn(f"{doc}: {w}")
    batch = [c.to_dict() for c in result.claims] + [f.to_dict() for f in result.controls]
    if fmt == "jsonl":
        emit(batch, "jsonl")  # stream as we go: a long run shows results early
    else:
        records.extend(batch)


def _emit_records(records: list[dict], fmt: str) -> None:
    if fmt == "jsonl":
        return
    if fmt == "table":
        emit([r for r in records if r["type"] == "claim"], fmt, columns=CLAIM_COLUMNS,
             title="claims")
        controls = [r for r in records if r["type"] == "control"]
        if controls:
            emit(controls, fmt, columns=CONTROL_COLUMNS, title="control facts")
    elif fmt == "csv":
        emit(records, fmt, columns=["type", *CLAIM_COLUMNS[:-1], "holder", "share", "text"])
    else:
        emit(records, fmt)


@main.command("eval")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False), help="Gold JSONL file.")
@click.option("--docs", required=True, type=click.Path(exists=True, file_okay=False), help="Folder of the articles.")
@dossier_option
@click.option("--show-errors", is_flag=True, help="List every miss, extra and attribute disagreement.")
@output_options("table", "json")
def eval_cmd(gold: str, docs: str, dossier: str | None, show_errors: bool, fmt: str) -> None:
    """Score the extractor against a gold file, as the annotation guidelines define it."""
    from parley.extract.evaluate import evaluate_extractor

    result = evaluate_extractor(gold, docs, dossier=load_dossier(dossier))
    for p in result.problems:
        warn(p)
    if fmt == "json":
        emit([result.to_dict(errors=show_errors)], "json")
        return
    if show_errors:
        emit([e.to_dict() for e in result.errors], "table",
             columns=["kind", "doc", "actor", "act", "issue", "detail", "sentence"], title="errors")
    emit([{"issue": k, **v.to_dict()} for k, v in sorted(result.per_issue.items())], "table",
         columns=["issue", "tp", "fp", "fn", "precision", "recall", "f1"], title="per issue")
    emit([{"attribute": a, "agreement": None if v is None else round(v, 3)}
          for a, v in result.attribute_agreement().items()], "table", title="attributes on matched claims")
    emit([{"what": "claims", **result.claims.to_dict()}, {"what": "control", **result.control.to_dict()}],
         "table", columns=["what", "tp", "fp", "fn", "precision", "recall", "f1"],
         title=f"{result.documents} documents")
