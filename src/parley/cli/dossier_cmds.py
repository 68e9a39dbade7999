"""parley dossier validate|show|list."""

from __future__ import annotations

import click

from parley.cli import main
from parley.cli.options import emit, output_options
from parley.dossier import builtin_dossiers, load_dossier


@main.group()
def dossier() -> None:
    """Inspect and validate dossiers (the negotiation as data)."""


@dossier.command("validate")
@click.argument("file")
def validate(file: str) -> None:
    """Check a dossier FILE (or built-in name); list every problem with its line."""
    d = load_dossier(file)
    click.echo(
        f"{file}: valid dossier {d.name!r}: {len(d.parties)} parties, {len(d.issues)} issues, "
        f"{len(d.regions)} regions, {len(d.groups)} groups, {len(d.lexicons)} lexicons"
    )


@dossier.command("list")
@output_options()
def list_(fmt: str) -> None:
    """List the built-in dossiers."""
    rows = []
    for name in builtin_dossiers():
        d = load_dossier(name)
        rows.append({"name": name, "title": d.title, "version": d.version,
                     "parties": len(d.parties), "issues": len(d.issues)})
    emit(rows, fmt)


@dossier.command("show")
@click.option("--dossier", "dossier_name", default=None, metavar="NAME|FILE", help="Dossier to show.")
@click.option("--issue", default=None, help="Show one issue with its outcomes and phrases.")
@click.option("--parties", "what", flag_value="parties", help="List the parties and their aliases.")
@click.option("--regions", "what", flag_value="regions", help="List the regions and groups.")
@output_options()
def show(dossier_name: str | None, issue: str | None, what: str | None, fmt: str) -> None:
    """Show a dossier's issues (default), one issue, its parties or its regions."""
    from parley.errors import NotFoundError

    d = load_dossier(dossier_name)
    if issue:
        try:
            i = d.issue(issue)
        except KeyError:
            raise NotFoundError(f"no issue {issue!r}", hint=f"issues: {', '.join(d.issue_codes())}") from None
        rows = [
            {"outcome": o.code, "rank": i.rank(o.code), "position": o.position, "label": o.label,
             "phrases": [p if isinstance(p, str) else (p.id or "pattern") for p in o.phrases]}
            for o in i.outcomes
        ]
        if i.cues:
            rows.append({"outcome": "(issue cues)", "phrases": [p if isinstance(p, str) else (p.id or "pattern") for p in i.cues]})
        emit(rows, fmt, columns=["outcome", "rank", "position", "label", "phrases"],
             title=f"{i.code}: {i.label}{' (ordinal)' if i.ordinal else ''}")
    elif what == "parties":
        emit([{"code": p.code, "name": p.name, "aliases": p.aliases, "people": p.people,
               "titles": p.titles, "capability": p.capability} for p in d.parties], fmt)
    elif what == "regions":
        rows = [{"code": r.code, "name": r.name, "aliases": r.aliases, "area_km2": r.area_km2,
                 "population": r.population} for r in d.regions]
        rows += [{"code": "group", "name": g.name, "aliases": g.aliases, "members": g.members} for g in d.groups]
        emit(rows, fmt, columns=["code", "name", "aliases", "area_km2", "population", "members"])
    else:
        emit([{"issue": i.code, "label": i.label, "ordinal": i.ordinal,
               "outcomes": i.outcome_codes()} for i in d.issues], fmt, title=d.title)
