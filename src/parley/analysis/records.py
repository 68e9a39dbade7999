"""The typed answers of the analysis layer (frozen value objects).

Every record carries the claim ids it rests on, so a reader can always go
back to the quote. ``to_dict`` gives the JSON form used by the CLI and web.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


class _Dict:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


@dataclass(frozen=True)
class Evidence(_Dict):
    """One claim as cited: the quote, who said it, where and when."""

    claim_id: int
    report_id: int
    date: str | None  # stance date: when the stance counts
    report_date: str | None
    actor: str
    act: str
    issue: str
    outcome: str | None
    regions: tuple[str, ...]
    hedged: bool
    conditional: bool
    when: str | None
    quote: str
    source_kind: str
    source: str | None
    outlet: str | None
    url: str | None
    title: str | None
    story_id: int | None
    status: str
    doc: str | None = None  # the report's file or record name


@dataclass(frozen=True)
class Stance(_Dict):
    """One (act, outcome) a party holds, with its support."""

    act: str
    outcome: str | None
    since: str | None  # first date of the unbroken run of claims carrying it
    date: str | None  # latest date it was stated
    reports: int  # distinct reports supporting it (since ``since``)
    independent: int  # distinct stories: syndicated copies count once
    outlets: int  # distinct outlets
    strongest_source: str  # named > document > outlet > anonymous
    source: str | None  # the speaker of the strongest claim
    hedged: bool  # every supporting claim is hedged
    conditional: bool  # every supporting claim is conditional
    regions: tuple[str, ...]
    claim_ids: tuple[int, ...]


@dataclass(frozen=True)
class RegionStance(_Dict):
    """A party's latest stance on one region (territory, recognition)."""

    region: str
    act: str
    outcome: str | None
    date: str | None
    claim_ids: tuple[int, ...]


@dataclass(frozen=True)
class Position(_Dict):
    """What a party wants on an issue as of a date."""

    actor: str
    issue: str
    date: str | None  # date of the most recent claims
    since: str | None  # earliest ``since`` of the current stances
    stances: tuple[Stance, ...]  # every distinct (act, outcome) of the latest date
    regions: tuple[RegionStance, ...]
    reports: int
    independent: int
    outlets: int
    strongest_source: str
    hedged: bool
    conditional: bool
    claim_ids: tuple[int, ...]

    @property
    def summary(self) -> str:
        return "; ".join(f"{s.act} {s.outcome or '?'}" for s in self.stances)


@dataclass(frozen=True)
class TimelineEntry(_Dict):
    """One dated stance in a party's sequence on an issue."""

    date: str | None
    act: str
    outcome: str | None
    regions: tuple[str, ...]
    hedged: bool
    conditional: bool
    quote: str
    source_kind: str
    source: str | None
    outlet: str | None
    url: str | None
    report_date: str | None
    claim_id: int


@dataclass(frozen=True)
class Shift(_Dict):
    """A change in a party's stance on an issue between two dates."""

    actor: str
    issue: str
    kind: str  # softened | hardened | new | dropped
    date: str | None  # when the change shows
    before: str  # summary such as "demand ru_control"
    after: str
    detail: str  # one line saying why this counts as that kind
    before_evidence: tuple[Evidence, ...]
    after_evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class PairConflict(_Dict):
    """Two parties whose stances on an issue exclude each other."""

    a: str
    b: str
    regions: tuple[str, ...]  # regions where it holds (empty: the issue as a whole)
    reason: str  # "RU demands ru_control; UA rejects ru_control"
    a_claims: tuple[int, ...]
    b_claims: tuple[int, ...]


@dataclass(frozen=True)
class Zone(_Dict):
    """Outcomes every party that spoke has proposed or accepted (per region if regional)."""

    region: str | None
    parties: tuple[str, ...]
    outcomes: tuple[str, ...]  # empty = no overlap


@dataclass(frozen=True)
class IssueConflicts(_Dict):
    issue: str
    parties: tuple[str, ...]  # parties with a current (not stale) stance
    stale: tuple[str, ...]  # parties whose latest stance is too old to count
    conflicts: tuple[PairConflict, ...]
    zones: tuple[Zone, ...]
    overlap: bool  # some zone has an outcome
    summary: str  # plain words, e.g. "no overlap: RU and UA ..."


@dataclass(frozen=True)
class Contradiction(_Dict):
    """Two claims that cannot both hold."""

    kind: str  # denial | self | outlets
    actor: str
    issue: str
    outcome: str | None
    days_apart: int
    first: Evidence
    second: Evidence
    detail: str


@dataclass(frozen=True)
class Corroboration(_Dict):
    """The cluster of claims saying the same thing within a window."""

    claim_id: int
    actor: str
    act: str
    issue: str
    outcome: str | None
    window_days: int
    claims: int
    reports: int
    independent: int  # distinct stories
    outlets: int
    first_report_id: int | None
    first_date: str | None
    first_outlet: str | None
    first_url: str | None
    strongest_source: str
    claim_ids: tuple[int, ...]


@dataclass(frozen=True)
class BriefItem(_Dict):
    """A sourced line of the brief."""

    evidence: Evidence
    reports: int
    independent: int
    note: str


@dataclass(frozen=True)
class Brief(_Dict):
    since: str
    until: str
    dossier: str
    claims: int  # claims counted in the period
    reports: int
    new_stances: tuple[Shift, ...]
    shifts: tuple[Shift, ...]  # softened, hardened, dropped
    conflicts: tuple[IssueConflicts, ...]
    best_sourced: tuple[BriefItem, ...]
    worst_sourced: tuple[BriefItem, ...]
    positions: tuple[Position, ...]  # as of ``until``, for the charts
    party_names: dict[str, str]
    issue_labels: dict[str, str]
