"""parley ingest | reextract | claims | reports | export | import | runs."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from parley.cli import main
from parley.cli.options import (
    DATE,
    db_option,
    dossier_option,
    emit,
    emit_object,
    err_console,
    error_line,
    output_options,
    resolve_db,
)
from parley.ingest import parse_field_map
from parley.store import Store, corrections, queries
from parley.store.backup import FORMATS, export_db, import_db
from parley.store.ingest import IngestSummary, ingest, reextract

CLAIM_COLUMNS = ["id", "report_id", "stance_date", "actor", "act", "issue", "outcome", "regions",
                 "hedged", "conditional", "source_kind", "status", "outlet", "text"]
REPORT_COLUMNS = ["id", "date", "outlet", "title", "version", "story_id", "claim_count", "doc"]
RUN_COLUMNS = ["id", "command", "started_at", "finished_at", "dossier", "extractor", "counts"]


def _store(db: str | None, *, create: bool = False) -> Store:
    return Store(resolve_db(db), create=create)


class _Bar:
    """A rich progress line on stderr: reports done and reports/s (total unknown: streamed)."""

    def __init__(self, label: str, *, enabled: bool) -> None:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            SpinnerColumn(), TextColumn("[bold]{task.description}"), TextColumn("{task.completed} reports"),
            TextColumn("{task.fields[rate]:.0f}/s"), TextColumn("{task.fields[extra]}"),
            TimeElapsedColumn(), console=err_console, transient=True, disable=not enabled,
        )
        self.task = self.progress.add_task(label, total=None, rate=0.0, extra="")

    def __enter__(self) -> _Bar:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.progress.__exit__(*exc)

    def __call__(self, s: IngestSummary) -> None:
        extra = f"[red]{len(s.failed)} failed[/red]" if s.failed else ""
        self.progress.update(self.task, completed=s.processed, rate=s.rate, extra=extra)


def _finish(summary: IngestSummary, fmt: str, title: str) -> None:
    for source, problem in summary.failed:
        error_line(f"{source}: {problem}")
    if fmt == "json":
        emit_object(summary, "json")
    else:
        counts = summary.counts()
        emit([{"what": k, "count": v} for k, v in counts.items()], fmt, columns=["what", "count"], title=title)
    if summary.failed:
        sys.exit(1)


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@dossier_option
@click.option("--date", type=DATE, default=None, help="Report date for inputs that have none.")
@click.option("--outlet", default=None, help="Outlet for inputs that name none.")
@click.option("--map", "field_map", default=None, metavar="F=THEIRS,...",
              help="JSON field names, e.g. text=body,date=pubDate.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes reading and extracting in parallel.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@output_options("table", "json")
def ingest_cmd(paths: tuple[str, ...], db: str | None, dossier: str | None, date: dt.date | None,
               outlet: str | None, field_map: str | None, workers: int, progress: bool | None,
               fmt: str) -> None:
    """Read report files, directories, globs or - (stdin) into the database.

    Reports already stored are skipped; the same URL with a new text becomes a
    new version; near-copies join the story of the report they copy. Bad inputs
    are named and counted; the exit code is 1 when any failed.
    """
    show = sys.stderr.isatty() if progress is None else progress
    with _store(db, create=True) as store, _Bar("ingest", enabled=show) as bar:
        summary = ingest(store, paths, dossier=dossier, workers=workers, field_map=parse_field_map(field_map) or None,
                         date=date, outlet=outlet, progress=bar)
    _finish(summary, fmt, "ingest")


@main.command("reextract")
@db_option
@dossier_option
@click.option("--report", "report_ids", type=int, multiple=True, help="Only this report id (repeatable).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: when stderr is a terminal).")
@output_options("table", "json")
def reextract_cmd(db: str | None, dossier: str | None, report_ids: tuple[int, ...], progress: bool | None,
                  fmt: str) -> None:
    """Extract stored reports again (after a dossier or extractor change); corrections stay."""
    show = sys.stderr.isatty() if progress is None else progress
    with _store(db) as store, _Bar("reextract", enabled=show) as bar:
        summary = reextract(store, dossier=dossier, report_ids=report_ids or None, progress=bar)
    _finish(summary, fmt, "reextract")


# -- claims -------------------------------------------------------------------
@main.group("claims")
def claims_group() -> None:
    """List claims and correct them (accept, reject, edit, add)."""


@claims_group.command("list")
@db_option
@click.option("--actor", default=None, help="Party code, e.g. RU.")
@click.option("--issue", default=None, help="Issue code.")
@click.option("--report", "report_id", type=int, default=None, help="Report id.")
@click.option("--since", type=DATE, default=None, help="Stance date from (YYYY-MM-DD).")
@click.option("--until", type=DATE, default=None, help="Stance date up to (YYYY-MM-DD).")
@click.option("--status", type=click.Choice(queries.STATUSES), multiple=True, help="Only this status (repeatable).")
@click.option("--no-rejected", is_flag=True, help="Leave out rejected claims.")
@click.option("--limit", type=int, default=None, help="At most this many claims.")
@click.option("--offset", type=int, default=0, help="Skip this many first.")
@output_options()
def claims_list(db: str | None, actor: str | None, issue: str | None, report_id: int | None,
                since: dt.date | None, until: dt.date | None, status: tuple[str, ...], no_rejected: bool,
                limit: int | None, offset: int, fmt: str) -> None:
    """Claims in the database, oldest stance first."""
    with _store(db) as store:
        rows = queries.list_claims(store, actor=actor, issue=issue, report_id=report_id, since=since,
                                   until=until, status=status or None, include_rejected=not no_rejected,
                                   limit=limit, offset=offset)
    emit(rows, fmt, columns=CLAIM_COLUMNS if fmt == "table" else None, title="claims")


@claims_group.command("show")
@click.argument("claim_id", type=int)
@db_option
@output_options()
def claims_show(claim_id: int, db: str | None, fmt: str) -> None:
    """One claim with its report and correction."""
    with _store(db) as store:
        emit_object(queries.get_claim(store, claim_id), fmt)


def _note_options(fn: Any) -> Any:
    fn = click.option("--note", default=None, help="Why (kept in the corrections log).")(fn)
    return click.option("--author", default=None, envvar="PARLEY_AUTHOR", help="Who corrects.")(fn)


def _claim_field_options(fn: Any) -> Any:
    opts = [
        click.option("--actor", default=None, help="Party code."),
        click.option("--act", type=click.Choice(["demand", "propose", "reject"]), default=None),
        click.option("--issue", default=None, help="Issue code."),
        click.option("--outcome", default=None, help="Outcome code of the issue ('' for none)."),
        click.option("--regions", default=None, help="Comma-separated ISO 3166-2 codes ('' for none)."),
        click.option("--hedged/--not-hedged", default=None),
        click.option("--conditional/--unconditional", default=None),
        click.option("--when", default=None, help="YYYY, YYYY-MM, YYYY-MM-DD or past ('' for current)."),
        click.option("--source-kind", type=click.Choice(["named", "anonymous", "outlet", "document"]),
                     default=None),
        click.option("--source-count", default=None, help="How many sources ('' for unknown)."),
        click.option("--source", default=None, help="Speaker or source phrase."),
    ]
    for opt in reversed(opts):
        fn = opt(fn)
    return fn


def _changes(kwargs: dict[str, Any]) -> dict[str, Any]:
    names = ("actor", "act", "issue", "outcome", "regions", "hedged", "conditional", "when",
             "source_kind", "source_count", "source")
    return {k: kwargs[k] for k in names if kwargs.get(k) is not None}


@claims_group.command("accept")
@click.argument("claim_id", type=int)
@db_option
@_note_options
@output_options()
def claims_accept(claim_id: int, db: str | None, note: str | None, author: str | None, fmt: str) -> None:
    """Mark a claim right as it stands."""
    with _store(db) as store:
        emit_object(corrections.accept_claim(store, claim_id, note=note, author=author), fmt)


@claims_group.command("reject")
@click.argument("claim_id", type=int)
@db_option
@_note_options
@output_options()
def claims_reject(claim_id: int, db: str | None, note: str | None, author: str | None, fmt: str) -> None:
    """Mark a claim wrong (kept, marked rejected; analysis skips it)."""
    with _store(db) as store:
        emit_object(corrections.reject_claim(store, claim_id, note=note, author=author), fmt)


@claims_group.command("edit")
@click.argument("claim_id", type=int)
@db_option
@dossier_option
@_claim_field_options
@_note_options
@output_options()
def claims_edit(claim_id: int, db: str | None, dossier: str | None, note: str | None,
                author: str | None, fmt: str, **fields: Any) -> None:
    """Change fields of a claim, e.g. --act propose --outcome freeze."""
    from parley.dossier import load_dossier

    with _store(db) as store:
        claim = corrections.edit_claim(store, claim_id, changes=_changes(fields), note=note, author=author,
                                       dossier=load_dossier(dossier))
        emit_object(claim, fmt)


@claims_group.command("add")
@click.option("--report", "report_id", type=int, required=True, help="Report id.")
@click.option("--start", type=int, required=True, help="Evidence start offset in the report text.")
@click.option("--end", type=int, required=True, help="Evidence end offset.")
@db_option
@dossier_option
@_claim_field_options
@_note_options
@output_options()
def claims_add(report_id: int, start: int, end: int, db: str | None, dossier: str | None,
               note: str | None, author: str | None, fmt: str, **fields: Any) -> None:
    """Add a claim the machine missed (needs --actor, --act and --issue)."""
    from parley.dossier import load_dossier

    with _store(db) as store:
        claim = corrections.add_claim(store, report_id, start=start, end=end, fields=_changes(fields),
                                      note=note, author=author, dossier=load_dossier(dossier))
        emit_object(claim, fmt)


# -- reports ------------------------------------------------------------------
@main.group("reports")
def reports_group() -> None:
    """List, show and search stored reports."""


@reports_group.command("list")
@db_option
@click.option("--since", type=DATE, default=None, help="Published from (YYYY-MM-DD).")
@click.option("--until", type=DATE, default=None, help="Published up to (YYYY-MM-DD).")
@click.option("--outlet", default=None, help="Only this outlet.")
@click.option("--all-versions", is_flag=True, help="Include superseded versions.")
@click.option("--limit", type=int, default=None, help="At most this many reports.")
@click.option("--offset", type=int, default=0, help="Skip this many first.")
@output_options()
def reports_list(db: str | None, since: dt.date | None, until: dt.date | None, outlet: str | None,
                 all_versions: bool, limit: int | None, offset: int, fmt: str) -> None:
    """Reports, newest first."""
    with _store(db) as store:
        rows = queries.list_reports(store, since=since, until=until, outlet=outlet, limit=limit,
                                    offset=offset, latest_only=not all_versions)
    data = [{k: v for k, v in r.to_dict().items() if k != "text"} for r in rows]
    emit(data, fmt, columns=REPORT_COLUMNS if fmt == "table" else None, title="reports")


@reports_group.command("show")
@click.argument("report_id", type=int)
@db_option
@click.option("--text/--no-text", "with_text", default=False, help="Include the full text.")
@output_options()
def reports_show(report_id: int, db: str | None, with_text: bool, fmt: str) -> None:
    """One report's metadata (and text with --text)."""
    with _store(db) as store:
        data = queries.get_report(store, report_id).to_dict()
    if not with_text:
        data.pop("text")
    emit_object(data, fmt)


@reports_group.command("search")
@click.argument("query")
@db_option
@click.option("--limit", type=int, default=20, show_default=True)
@output_options()
def reports_search(query: str, db: str | None, limit: int, fmt: str) -> None:
    """Full-text search (SQLite FTS5 syntax: words, "phrases", OR, NOT, prefix*)."""
    with _store(db) as store:
        hits = queries.search_reports(store, query, limit=limit)
    emit(hits, fmt, columns=["report_id", "date", "outlet", "title", "snippet"] if fmt == "table" else None)


# -- runs, backup ---------------------------------------------------------------
@main.command("runs")
@db_option
@click.option("--limit", type=int, default=None, help="At most this many runs.")
@output_options()
def runs_cmd(db: str | None, limit: int | None, fmt: str) -> None:
    """Ingest, reextract and import runs, newest first."""
    with _store(db) as store:
        emit(queries.list_runs(store, limit=limit), fmt, columns=RUN_COLUMNS, title="runs")


@main.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("-o", "--output", "output", default=None, metavar="FILE|DIR",
              help="jsonl: a file (default: stdout); csv/parquet: a directory.")
def export_cmd(db: str | None, fmt: str, output: str | None) -> None:
    """Back up reports, claims (machine and corrected), control facts and corrections."""
    with _store(db) as store:
        summary = export_db(store, output, fmt=fmt)
    if output:
        rows = ", ".join(f"{n} {t}" for t, n in summary.rows.items())
        err_console.print(f"exported to {output}: {rows}", highlight=False)


@main.command("import")
@click.argument("source", type=click.Path())
@db_option
def import_cmd(source: str, db: str | None) -> None:
    """Restore an export (jsonl file or csv/parquet directory) into an empty database."""
    with _store(db, create=True) as store:
        summary = import_db(store, source)
    rows = ", ".join(f"{n} {t}" for t, n in summary.rows.items())
    err_console.print(f"imported {source} into {store.path}: {rows}", highlight=False)
