"""What extraction produces: claims and territorial control facts.

Both are frozen value objects tied to the exact characters of their evidence
(``start``/``end`` are offsets into ``Report.text``). ``to_dict`` gives the
JSONL output contract of ``parley extract``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Act = Literal["demand", "propose", "reject"]
SourceKind = Literal["named", "anonymous", "outlet", "document"]

ACTS: tuple[str, ...] = ("demand", "propose", "reject")
SOURCE_KINDS: tuple[str, ...] = ("named", "anonymous", "outlet", "document")
# How much a source vouches for a claim, strongest first (used by analysis).
SOURCE_STRENGTH: dict[str, int] = {"named": 4, "document": 3, "outlet": 2, "anonymous": 1}


@dataclass(frozen=True)
class Claim:
    """One party's stance on one issue, as stated or reported in one sentence."""

    doc: str
    start: int
    end: int
    text: str
    actor: str
    act: str
    issue: str
    outcome: str | None = None
    regions: tuple[str, ...] = ()
    hedged: bool = False
    conditional: bool = False
    when: str | None = None  # None (current), YYYY, YYYY-MM, YYYY-MM-DD or "past"
    source_kind: str = "outlet"
    source_count: int | None = None
    source: str | None = None  # the speaker or source phrase
    rule: str = ""  # which rule fired
    sentence_start: int | None = None
    sentence_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["regions"] = list(self.regions)
        return {"type": "claim", **d}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        fields["regions"] = tuple(fields.get("regions") or ())
        return cls(**fields)


@dataclass(frozen=True)
class ControlFact:
    """How much of a region a party holds, as a report states it."""

    doc: str
    start: int
    end: int
    text: str
    holder: str
    regions: tuple[str, ...]
    share: float  # 0..1
    source_kind: str = "outlet"
    source_count: int | None = None
    source: str | None = None
    rule: str = ""
    when: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["regions"] = list(self.regions)
        return {"type": "control", **d}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ControlFact:
        fields = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        fields["regions"] = tuple(fields.get("regions") or ())
        return cls(**fields)


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one report, plus warnings for the user."""

    doc: str
    claims: tuple[Claim, ...]
    controls: tuple[ControlFact, ...]
    warnings: tuple[str, ...] = ()
