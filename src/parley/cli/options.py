"""Shared option bundles and output rendering for every command.

* ``@output_options()`` adds ``--format table|json|csv`` (and the shortcuts
  ``--table``, ``--json``, ``--csv``) to a listing command.
* ``@db_option`` adds ``--db`` (default: $PARLEY_DB, then ./parley.db).
* ``@dossier_option`` adds ``--dossier`` (a built-in name or a YAML file).
* ``emit()`` prints rows in the chosen format; it is the one place rows are printed.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import io
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from parley.store.db import default_db_path

F = Callable[..., Any]

out_console = Console(soft_wrap=False)
err_console = Console(stderr=True, soft_wrap=True)


def output_options(*formats: str, default: str = "table") -> Callable[[F], F]:
    """``--format`` with the given choices (default table/json/csv) and flag shortcuts."""
    choices = list(formats or ("table", "json", "csv"))

    def decorate(fn: F) -> F:
        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            chosen = kwargs.pop("fmt")
            for name in ("table", "json", "csv", "jsonl"):
                flag = kwargs.pop(f"as_{name}", False)
                if flag:
                    chosen = name
            kwargs["fmt"] = chosen or default
            return fn(*args, **kwargs)

        wrapper = click.option(
            "--format", "fmt", type=click.Choice(choices), default=None,
            help=f"Output format (default: {default}).",
        )(wrapper)
        for name in reversed(("table", "json", "csv", "jsonl")):
            if name in choices:
                wrapper = click.option(
                    f"--{name}", f"as_{name}", is_flag=True, help=f"Same as --format {name}."
                )(wrapper)
        return wrapper

    return decorate


db_option = click.option(
    "--db", "db", type=click.Path(dir_okay=False), default=None, envvar="PARLEY_DB",
    show_envvar=True, help="SQLite database file (default: ./parley.db).",
)

dossier_option = click.option(
    "--dossier", "dossier", default=None, metavar="NAME|FILE",
    help="Dossier to use: a built-in name or a YAML file (default: russia-ukraine).",
)


def resolve_db(db: str | None) -> str:
    return db or default_db_path()


def date_type(value: str | None) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (use YYYY-MM-DD)") from None


class DateParam(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: Any, ctx: Any) -> dt.date | None:
        if isinstance(value, dt.date) or value is None:
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date (use YYYY-MM-DD)", param, ctx)


DATE = DateParam()


def to_jsonable(obj: Any) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        if hasattr(obj, "to_dict"):
            return to_jsonable(obj.to_dict())
        return {k: to_jsonable(v) for k, v in dataclasses.asdict(obj).items()}
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json")
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, dt.date | dt.datetime):
        return obj.isoformat()
    return obj


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def emit(
    rows: Iterable[Any],
    fmt: str,
    *,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    stream: Any = None,
) -> None:
    """Print rows (dicts or dataclasses) as a table, JSON array, JSON lines or CSV."""
    data = [to_jsonable(r) for r in rows]
    stream = stream or sys.stdout
    if fmt == "json":
        stream.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    if fmt == "jsonl":
        for d in data:
            stream.write(json.dumps(d, ensure_ascii=False) + "\n")
        return
    cols = list(columns or (list(data[0].keys()) if data else []))
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(cols)
        for d in data:
            writer.writerow(
                [json.dumps(d.get(c), ensure_ascii=False) if isinstance(d.get(c), list | dict) else d.get(c)
                 for c in cols]
            )
        stream.write(buf.getvalue())
        return
    table = Table(title=title, show_lines=False, header_style="bold")
    for c in cols:
        table.add_column(c, overflow="fold")
    for d in data:
        table.add_row(*(_cell(d.get(c)) for c in cols))
    Console(file=stream, soft_wrap=False, width=max(Console().width, 160)).print(table)


def emit_object(obj: Any, fmt: str, stream: Any = None) -> None:
    """Print one record: JSON, or key/value table."""
    data = to_jsonable(obj)
    stream = stream or sys.stdout
    if fmt in ("json", "jsonl"):
        stream.write(json.dumps(data, ensure_ascii=False, indent=2 if fmt == "json" else None) + "\n")
        return
    rows = [{"field": k, "value": v} for k, v in data.items()]
    emit(rows, "csv" if fmt == "csv" else "table", columns=["field", "value"], stream=stream)


def warn(message: str) -> None:
    err_console.print(f"[yellow]warning:[/yellow] {message}", highlight=False)


def error_line(message: str) -> None:
    err_console.print(f"[red]error:[/red] {message}", highlight=False, markup=True)
