"""parley extract | eval."""

from __future__ import annotations

import datetime as dt
import sys

import click

from parley.cli import main
from parley.cli.options import DATE, dossier_option, emit, error_line, output_options, warn
from parley.dossier import load_dossier
from parley.errors import InputError
from parley.extract import extract_report
from parley.ingest import iter_reports

CLAIM_COLUMNS = ["doc", "start", "end", "actor", "act", "issue", "outcome", "regions", "hedged",
                 "conditional", "when", "source_kind", "source_count", "rule", "text"]


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@dossier_option
@click.option("--date", type=DATE, default=None, help="Report date for every input (overrides the file's).")
@click.option("--outlet", default=None, help="Outlet for every input (overrides the file's).")
@output_options("jsonl", "json", "table", "csv", default="jsonl")
def extract_cmd(paths: tuple[str, ...], dossier: str | None, date: dt.date | None,
                outlet: str | None, fmt: str) -> None:
    """Extract claims and control facts from report files or directories."""
    d = load_dossier(dossier)
    records: list[dict] = []
    failed = 0
    for item in iter_reports(paths, date=date, outlet=outlet):
        if isinstance(item, InputError):
            error_line(str(item))
            failed += 1
            continue
        if item.date is None:
            warn(f"{item.path or item.doc}: no date (claims carry no report date; use --date)")
        result = extract_report(item, dossier=d)
        for w in result.warnings:
            warn(f"{item.doc}: {w}")
        batch = [c.to_dict() for c in result.claims] + [f.to_dict() for f in result.controls]
        if fmt == "jsonl":
            emit(batch, "jsonl")  # stream as we go
        else:
            records.extend(batch)
    if fmt != "jsonl":
        if fmt == "table":
            emit([r for r in records if r["type"] == "claim"], fmt, columns=CLAIM_COLUMNS, title="claims")
            controls = [r for r in records if r["type"] == "control"]
            if controls:
                emit(controls, fmt, columns=["doc", "holder", "regions", "share", "source_kind", "text"],
                     title="control facts")
        else:
            emit(records, fmt, columns=CLAIM_COLUMNS + ["holder", "share"] if fmt == "csv" else None)
    if failed:
        sys.exit(1)


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
