"""Deal files: a proposed settlement as data, validated against the dossier.

A deal names a title, a date and, per issue, the outcome it settles on. For
regional issues (territory, recognition) the outcome is given per region or
region group::

    title: Freeze on the current line
    date: 2025-08-20
    terms:
      nato_membership: renounced
      army_limits: {outcome: limited, cap: 800000}
      territory:
        Donbas: freeze          # a group: applies to each member
        UA-63: {outcome: ua_control, note: small areas returned}
      recognition:
        UA-43: de_facto

Every problem is reported at once as ``FILE:LINE: path: problem``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parley.dossier import Dossier
from parley.errors import DealError
from parley.yamlfile import format_loc, line_for, parse_yaml, read_yaml

TOP_KEYS = {"title", "date", "terms", "source", "notes", "dossier"}
TERM_KEYS = {"outcome", "note", "cap"}


@dataclass(frozen=True)
class Term:
    """One settled outcome: an issue, the outcome, and for regional issues the regions."""

    issue: str
    outcome: str
    target: str | None = None  # the region or group as written in the deal
    regions: tuple[str, ...] = ()  # region codes (a group expanded to its members)
    note: str | None = None
    params: dict[str, Any] = field(default_factory=dict)  # e.g. {"cap": 600000}

    @property
    def label(self) -> str:
        where = f" [{self.target}]" if self.target else ""
        extra = "".join(f" {k}={v}" for k, v in self.params.items())
        return f"{self.issue}{where}: {self.outcome}{extra}"

    def to_dict(self) -> dict[str, Any]:
        return {"issue": self.issue, "outcome": self.outcome, "target": self.target,
                "regions": list(self.regions), "note": self.note, "params": dict(self.params)}


@dataclass(frozen=True)
class Deal:
    title: str
    date: str | None
    terms: tuple[Term, ...]
    source: str | None = None
    notes: str | None = None
    path: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "date": self.date, "source": self.source, "notes": self.notes,
                "path": self.path, "terms": [t.to_dict() for t in self.terms]}


def resolve_target(dossier: Dossier, name: str) -> tuple[str, ...] | None:
    """Region codes for a region code, region name/alias or group name/alias; None if unknown."""
    key = str(name).strip().casefold()
    for r in dossier.regions:
        if key in {r.code.casefold(), r.name.casefold(), *(a.casefold() for a in r.aliases)}:
            return (r.code,)
    for g in dossier.groups:
        if key in {g.name.casefold(), *(a.casefold() for a in g.aliases)}:
            return tuple(g.members)
    return None


def load_deal(path: str | Path, *, dossier: Dossier) -> Deal:
    """Read and validate a deal file. Raises ``DealError`` listing every problem."""
    data, lines = read_yaml(path, DealError)
    return deal_from_data(data, dossier=dossier, name=str(path), lines=lines)


def parse_deal(text: str, *, dossier: Dossier, name: str = "<deal>") -> Deal:
    data, lines = parse_yaml(text, name, DealError)
    return deal_from_data(data, dossier=dossier, name=name, lines=lines)


def deal_from_data(data: Any, *, dossier: Dossier, name: str,
                   lines: dict[tuple[Any, ...], int] | None = None) -> Deal:
    lines = lines or {}
    problems: list[str] = []

    def problem(loc: tuple[Any, ...], msg: str) -> None:
        line = line_for(lines, loc)
        problems.append(f"{name}:{line}: {format_loc(loc)}: {msg}" if line else
                        f"{name}: {format_loc(loc)}: {msg}")

    if not isinstance(data, dict):
        raise DealError(f"{name}: a deal file must be a mapping with title, date and terms")
    for key in data:
        if key not in TOP_KEYS:
            problem((key,), f"unknown key (expected one of {', '.join(sorted(TOP_KEYS))})")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        problem(("title",), "a deal needs a title (text)")
    date = data.get("date")
    if isinstance(date, dt.date):
        date = date.isoformat()
    elif date is not None:
        try:
            date = dt.date.fromisoformat(str(date)).isoformat()
        except ValueError:
            problem(("date",), f"{date!r} is not a date (use YYYY-MM-DD)")
            date = None
    terms_data = data.get("terms")
    terms: list[Term] = []
    if not isinstance(terms_data, dict) or not terms_data:
        problem(("terms",), "a deal needs terms: a mapping of issue -> outcome")
        terms_data = {}
    issues = {i.code: i for i in dossier.issues}
    for issue_code, value in terms_data.items():
        loc = ("terms", issue_code)
        issue = issues.get(str(issue_code))
        if issue is None:
            problem(loc, f"unknown issue {issue_code!r} (dossier {dossier.name} has: "
                         f"{', '.join(issues)})")
            continue
        codes = issue.outcome_codes()

        def one(value: Any, loc: tuple[Any, ...], issue_code: str = str(issue_code),
                codes: list[str] = codes) -> tuple[str, str | None, dict[str, Any]] | None:
            note = None
            params: dict[str, Any] = {}
            if isinstance(value, dict):
                for k in value:
                    if k not in TERM_KEYS:
                        problem((*loc, k), f"unknown key (expected {', '.join(sorted(TERM_KEYS))})")
                outcome = value.get("outcome")
                note = value.get("note")
                params = {k: v for k, v in value.items() if k not in ("outcome", "note")}
                if "cap" in params and not (isinstance(params["cap"], int) and params["cap"] > 0):
                    problem((*loc, "cap"), "cap must be a positive whole number")
                if outcome is None:
                    problem(loc, "missing 'outcome'")
                    return None
            else:
                outcome = value
            if not isinstance(outcome, str) or outcome not in codes:
                known = ", ".join(codes) or "(none: this issue has no outcomes)"
                problem(loc, f"unknown outcome {outcome!r} for {issue_code} (expected one of {known})")
                return None
            return outcome, note, params

        if issue.regional:
            if not isinstance(value, dict) or not value:
                problem(loc, f"{issue_code} is regional: give an outcome per region or group, "
                             "e.g. {UA-14: ru_control}")
                continue
            seen: dict[str, str] = {}
            for target, v in value.items():
                tloc = (*loc, target)
                members = resolve_target(dossier, str(target))
                if members is None:
                    problem(tloc, f"unknown region or group {target!r}")
                    continue
                got = one(v, tloc)
                if got is None:
                    continue
                for m in members:
                    if m in seen and seen[m] != got[0]:
                        problem(tloc, f"{m} already settled as {seen[m]} by another entry")
                    seen[m] = got[0]
                terms.append(Term(issue=str(issue_code), outcome=got[0], target=str(target),
                                  regions=members, note=got[1], params=got[2]))
        else:
            if isinstance(value, dict) and "outcome" not in value:
                problem(loc, f"{issue_code} is not regional: give one outcome "
                             f"(one of {', '.join(codes)})")
                continue
            got = one(value, loc)
            if got is not None:
                terms.append(Term(issue=str(issue_code), outcome=got[0], note=got[1], params=got[2]))
    if problems:
        n = len(problems)
        raise DealError(f"{name}: invalid deal ({n} problem{'s' if n != 1 else ''})", problems=problems)
    return Deal(title=str(title).strip(), date=date, terms=tuple(terms),
                source=data.get("source"), notes=data.get("notes"), path=name)
