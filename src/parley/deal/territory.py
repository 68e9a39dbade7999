"""Territorial arithmetic: what land and pre-war population change hands under a deal.

The RU-held share of each region comes from the latest control fact in the
record (or the analyst's ``--control`` file, which wins). A fact about a group
(Donbas) applies uniformly to each member. Outcomes: ``ru_control`` hands the
rest of a region to Russia, ``ua_control`` returns the RU-held part to Ukraine,
``freeze`` moves nothing. Population is the pre-war (1 Jan 2022) estimate times
the share, assuming uniform density; Crimea and Sevastopol have no 2022 figure.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from parley.deal.model import Deal, resolve_target
from parley.dossier import Dossier
from parley.errors import DealError
from parley.store.db import Store
from parley.yamlfile import read_yaml


@dataclass(frozen=True)
class ControlEntry:
    """The RU-held share of some regions as one source states it."""

    regions: tuple[str, ...]
    ru_share: float  # 0..1
    date: str | None
    source: str | None
    origin: str = "record"  # record | analyst
    label: str | None = None  # group name or region as stated
    fact_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RegionChange:
    region: str
    name: str
    outcome: str
    ru_share: float | None  # before the deal; None = unknown
    area_km2: float | None
    km2_to_ru: float | None
    km2_to_ua: float | None
    population_to_ru: int | None
    population_to_ua: int | None
    fact: ControlEntry | None
    assumption: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TerritoryChanges:
    regions: tuple[RegionChange, ...]
    km2_to_ru: float
    km2_to_ua: float
    population_to_ru: int
    population_to_ua: int
    unknown: tuple[str, ...]  # regions with no control fact: not counted
    assumptions: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "regions": [r.to_dict() for r in self.regions]}


def control_from_store(store: Store, *, as_of: dt.date | str | None = None) -> list[ControlEntry]:
    """Every control fact of the live record on or before ``as_of`` as RU-held shares."""
    sql = """SELECT cf.id, cf.holder, cf.regions, cf.share, COALESCE(cf."when", cf.report_date),
                    cf.source, o.name
             FROM control_facts cf JOIN reports r ON r.id = cf.report_id
             LEFT JOIN outlets o ON o.id = r.outlet_id
             WHERE r.is_latest = 1"""
    args: list[Any] = []
    if as_of is not None:
        sql += " AND (cf.report_date IS NULL OR cf.report_date <= ?)"  # undated facts: shown as such
        args.append(str(as_of))
    out = []
    for fid, holder, regions, share, date, source, outlet in store.conn.execute(sql, args):
        if holder == "RU":
            ru = share
        elif holder == "UA":
            ru = 1 - share
        else:
            continue
        who = ", ".join(x for x in (source, outlet) if x) or None
        # a "when" such as "past" is not a date: keep the report date then
        date = date if date and len(date) == 10 and date[4] == "-" else None
        out.append(ControlEntry(regions=tuple(json.loads(regions or "[]")), ru_share=float(ru),
                                date=date, source=who, fact_id=fid))
    return out


def load_control_file(path: str | Path, *, dossier: Dossier) -> list[ControlEntry]:
    """The analyst's figures: YAML ``{region: {ru_share, source, date}}`` or CSV
    ``region,ru_share,source,date``. Regions may be groups (Donbas)."""
    p = Path(path)
    rows: list[tuple[str, Any, int | None]] = []
    if p.suffix.lower() == ".csv":
        try:
            text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise DealError(f"{p}: cannot read: {exc}") from None
        for n, row in enumerate(csv.DictReader(text.splitlines()), start=2):
            rows.append((row.get("region") or "", dict(row), n))
    else:
        data, lines = read_yaml(p, DealError)
        if not isinstance(data, dict):
            raise DealError(f"{p}: a control file maps region -> {{ru_share, source, date}}")
        rows = [(str(k), v, lines.get((k,))) for k, v in data.items()]
    out: list[ControlEntry] = []
    problems: list[str] = []
    for region, value, line in rows:
        where = f"{p}:{line}" if line else str(p)
        members = resolve_target(dossier, region)
        if members is None:
            problems.append(f"{where}: unknown region or group {region!r}")
            continue
        if not isinstance(value, dict):
            value = {"ru_share": value}
        try:
            share = float(value.get("ru_share", value.get("share")))
            if share > 1:  # written as a percentage
                share /= 100
            if not 0 <= share <= 1:
                raise ValueError
        except (TypeError, ValueError):
            problems.append(f"{where}: {region}: ru_share must be a number 0..1 (or a percentage)")
            continue
        source = value.get("source")
        if not source:
            problems.append(f"{where}: {region}: say where the figure comes from (source)")
            continue
        date = value.get("date")
        out.append(ControlEntry(regions=members, ru_share=share, date=str(date) if date else None,
                                source=str(source), origin="analyst", label=region))
    if problems:
        raise DealError(f"{p}: invalid control file", problems=problems)
    return out


def _label(entry: ControlEntry, dossier: Dossier) -> str:
    if entry.label:
        return entry.label
    if len(entry.regions) == 1:
        try:
            return dossier.region(entry.regions[0]).name
        except KeyError:
            return entry.regions[0]
    for g in dossier.groups:
        if set(g.members) == set(entry.regions):
            return g.name
    return " + ".join(entry.regions)


def best_fact(region: str, facts: list[ControlEntry]) -> ControlEntry | None:
    """The analyst's figure first, then the latest fact; on a tie the most specific."""
    cands = [f for f in facts if region in f.regions]
    if not cands:
        return None
    return max(cands, key=lambda f: (f.origin == "analyst", f.date or "", -len(f.regions),
                                     f.fact_id or 0))


def _km(x: float) -> str:
    return f"{x:,.0f} km²"


def territory_changes(
    store: Store | None,
    deal: Deal,
    *,
    as_of: dt.date | str | None = None,
    control: list[ControlEntry] | None = None,
    dossier: Dossier,
) -> TerritoryChanges:
    """Land and pre-war population changing hands under the deal's territory terms."""
    facts = list(control or [])
    if store is not None:
        facts += control_from_store(store, as_of=as_of or deal.date)
    settled: dict[str, str] = {}
    for t in deal.terms:
        if t.issue == "territory":
            for r in t.regions:
                settled[r] = t.outcome
    changes: list[RegionChange] = []
    assumptions: list[str] = []
    unknown: list[str] = []
    for code, outcome in settled.items():
        region = dossier.region(code)
        fact = best_fact(code, facts)
        area = region.area_km2
        if fact is None or area is None:
            why = (f"{region.name} ({code}): no control fact in the record; not counted "
                   "(supply --control FILE)" if fact is None else f"{region.name}: no area known")
            if outcome == "freeze":
                why = f"{region.name} ({code}): freeze, nothing changes hands"
            else:
                unknown.append(code)
            assumptions.append(why)
            changes.append(RegionChange(code, region.name, outcome, None, area, None, None, None,
                                        None, fact, why))
            continue
        s = fact.ru_share
        to_ru = (1 - s) * area if outcome == "ru_control" else 0.0
        to_ua = s * area if outcome == "ua_control" else 0.0
        moved = (1 - s) if outcome == "ru_control" else s if outcome == "ua_control" else 0.0
        pop = region.population
        pop_moved = round(pop * moved) if pop is not None else None
        cited = f"per {fact.source or 'unnamed source'}, {fact.date or 'undated'}"
        who = "the analyst's figure" if fact.origin == "analyst" else "record"
        group = "" if fact.regions == (code,) else \
            f" (a figure for {_label(fact, dossier)}, applied uniformly to {region.name})"
        head = f"{region.name} {s:.0%} held by RU {cited} [{who}]{group}"
        if outcome == "ru_control":
            text = f"{head}; the remaining {1 - s:.0%} of {_km(area)} is {_km(to_ru)} to RU"
        elif outcome == "ua_control":
            text = f"{head}; returning that {s:.0%} of {_km(area)} is {_km(to_ua)} to UA"
        else:
            text = f"{head}; freeze: nothing changes hands"
        if outcome != "freeze":
            text += (f"; population {pop_moved:,} (2022 estimate {pop:,} × {moved:.0%}, uniform "
                     "density assumed)" if pop is not None else
                     "; no 2022 population estimate for this region (not counted)")
        assumptions.append(text)
        changes.append(RegionChange(
            code, region.name, outcome, s, area, to_ru, to_ua,
            pop_moved if outcome == "ru_control" else (0 if pop is not None else None),
            pop_moved if outcome == "ua_control" else (0 if pop is not None else None),
            fact, text))
    # one line per group settled as a whole, in the group's own terms
    for t in deal.terms:
        if t.issue != "territory" or len(t.regions) < 2 or t.outcome == "freeze":
            continue
        used = {best_fact(r, facts) for r in t.regions}
        if len(used) == 1 and (f := used.pop()) is not None and set(f.regions) == set(t.regions):
            area = sum(dossier.region(r).area_km2 or 0 for r in t.regions)
            s = f.ru_share
            moved = (1 - s) if t.outcome == "ru_control" else s
            rest = "the remaining" if t.outcome == "ru_control" else "returning"
            assumptions.insert(0, f"{t.target} {s:.0%} held by RU per {f.source or 'unnamed source'}, "
                                  f"{f.date or 'undated'}; {rest} {moved:.0%} of {_km(area)} is "
                                  f"{_km(moved * area)}")
    return TerritoryChanges(
        regions=tuple(changes),
        km2_to_ru=sum(c.km2_to_ru or 0 for c in changes),
        km2_to_ua=sum(c.km2_to_ua or 0 for c in changes),
        population_to_ru=sum(c.population_to_ru or 0 for c in changes),
        population_to_ua=sum(c.population_to_ua or 0 for c in changes),
        unknown=tuple(unknown),
        assumptions=tuple(assumptions),
    )
