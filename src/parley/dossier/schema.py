"""The dossier schema: a negotiation described as data.

A dossier names the parties (with every alias a report uses for them), the
issues with their outcome scales and signal phrases, the regions and region
groups, the cue lexicons the extractor matches, and the analyst's forecast
assumptions. Models are strict (``extra="forbid"``) so a typo is an error,
not a silently ignored key.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TokenPattern(_Strict):
    """A spaCy Matcher pattern given as data, e.g. ``[{"LOWER": "ready"}, {"LOWER": "to"}]``."""

    id: str | None = None
    pattern: list[dict[str, Any]]

    @field_validator("pattern")
    @classmethod
    def _valid_for_the_matcher(cls, v: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # checked here, so a bad pattern is named with its file and line when the dossier
        # loads, not when the extractor is built (YAML reads a bare on/off/yes/no as a bool)
        from spacy.schemas import validate_token_pattern

        problems = validate_token_pattern(v)
        if problems:
            raise ValueError("not a valid spaCy token pattern: " + problems[0]
                             + " (quote on/off/yes/no in YAML)")
        return v


MAX_EXPANSION = 5000  # phrases one "{a|b}" entry may stand for
_ALTERNATIVES = re.compile(r"\{([^{}]*)\}")


def expand_phrase(phrase: str) -> list[str]:
    """The phrases a lexicon entry stands for: "{freeze|freezing} {the |}front line" is
    "freeze the front line", "freeze front line", "freezing the front line", ...
    An empty alternative drops the group; spaces are normalised. Entries without
    braces stand for themselves. Far cheaper to match than a token pattern: the
    expansions go to a PhraseMatcher."""
    if "{" not in phrase and "}" not in phrase:
        return [phrase]
    if phrase.count("{") != phrase.count("}") or _ALTERNATIVES.sub("", phrase).count("{"):
        raise ValueError(f"unbalanced or nested braces in {phrase!r}")
    out = [""]
    pos = 0
    for m in _ALTERNATIVES.finditer(phrase):
        head = phrase[pos:m.start()]
        out = [o + head + alt for o in out for alt in m.group(1).split("|")]
        if len(out) > MAX_EXPANSION:
            raise ValueError(f"{phrase!r} stands for more than {MAX_EXPANSION} phrases")
        pos = m.end()
    out = [" ".join((o + phrase[pos:]).split()) for o in out]
    return list(dict.fromkeys(o for o in out if o))


def _check_expansions(entries: list[Any]) -> list[Any]:
    for e in entries:
        if isinstance(e, str):
            expand_phrase(e)  # raises with the phrase named
    return entries


LexiconEntry = str | TokenPattern


class Party(_Strict):
    code: str
    name: str
    aliases: list[str] = Field(default_factory=list)  # names, capitals, institutions
    people: list[str] = Field(default_factory=list)  # leaders and officials, surnames included
    titles: list[str] = Field(default_factory=list)  # "the Russian president"
    adjectives: list[str] = Field(default_factory=list)  # "Russian" (+ officials/negotiators)
    # the party's own publications (outlet names or domains, e.g. "kremlin.ru"): in
    # them an unattributed stance, "the President" or "we" is the party's own
    outlets: list[str] = Field(default_factory=list)
    capability: float | None = Field(default=None, ge=0, le=1)  # forecast assumption

    @field_validator("code")
    @classmethod
    def _code(cls, v: str) -> str:
        if not _CODE.match(v):
            raise ValueError(f"party code {v!r} must be letters, digits, _ or -")
        return v


class Outcome(_Strict):
    code: str
    label: str | None = None
    phrases: list[LexiconEntry] = Field(default_factory=list)
    position: float | None = Field(default=None, ge=0, le=100)  # forecast scale 0..100

    @field_validator("phrases")
    @classmethod
    def _expandable(cls, v: list[Any]) -> list[Any]:
        return _check_expansions(v)


class OutcomeShift(_Strict):
    """Words next to an outcome phrase that turn it into another outcome of the same
    issue: "weapons deliveries" is military aid going on, "weapons deliveries are
    halted" is it stopping."""

    from_: str = Field(alias="from")
    to: str
    words: list[str] = Field(min_length=1)
    window: int = Field(default=4, ge=1, le=8)  # tokens before or after the phrase

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("words")
    @classmethod
    def _single_words(cls, v: list[str]) -> list[str]:
        bad = [w for w in v if not w.strip() or " " in w.strip()]
        if bad:
            raise ValueError(f"shift words are single words, not {bad[0]!r}")
        return [w.strip().lower() for w in v]


class Issue(_Strict):
    code: str
    label: str
    about: str | None = None
    ordinal: bool = False  # outcomes are listed in order from one pole to the other
    outcomes: list[Outcome] = Field(default_factory=list)
    cues: list[LexiconEntry] = Field(default_factory=list)  # issue named, outcome unclear
    regional: bool = False  # claims carry regions (territory, recognition)
    # the outcome meant when only a cue names the issue ("recognise" alone: legal
    # recognition); None leaves such claims without an outcome
    default_outcome: str | None = None
    shifts: list[OutcomeShift] = Field(default_factory=list)

    @field_validator("cues")
    @classmethod
    def _expandable(cls, v: list[Any]) -> list[Any]:
        return _check_expansions(v)

    @model_validator(mode="after")
    def _unique_outcomes(self) -> Issue:
        seen: set[str] = set()
        for o in self.outcomes:
            if o.code in seen:
                raise ValueError(f"outcome {o.code!r} listed twice in issue {self.code!r}")
            seen.add(o.code)
        if self.default_outcome is not None and self.default_outcome not in seen:
            raise ValueError(
                f"default_outcome {self.default_outcome!r} is not an outcome of {self.code!r}"
            )
        for sh in self.shifts:
            for end in (sh.from_, sh.to):
                if end not in seen:
                    raise ValueError(f"shift outcome {end!r} is not an outcome of {self.code!r}")
        return self

    def outcome_codes(self) -> list[str]:
        return [o.code for o in self.outcomes]

    def rank(self, outcome: str | None) -> int | None:
        """Position of ``outcome`` on the ordinal scale, or None."""
        if not self.ordinal or outcome is None:
            return None
        codes = self.outcome_codes()
        return codes.index(outcome) if outcome in codes else None


class Region(_Strict):
    code: str  # ISO 3166-2
    name: str
    aliases: list[str] = Field(default_factory=list)
    area_km2: float | None = None
    population: int | None = None
    country: str | None = None
    # names that are also a city or a river: only count with "region/oblast/province"
    # or as part of a list of regions (Donetsk, Dnipro, Kherson ...)
    homonyms: list[str] = Field(default_factory=list)


class RegionGroup(_Strict):
    name: str
    aliases: list[str] = Field(default_factory=list)
    members: list[str]


class Forecast(_Strict):
    """The analyst's assumptions for the forecast models (documented, editable)."""

    salience: dict[str, dict[str, float]] = Field(default_factory=dict)  # party -> issue -> 0..1
    notes: str | None = None


class Dossier(_Strict):
    name: str
    title: str
    version: str = "1"
    description: str | None = None
    parties: list[Party]
    issues: list[Issue]
    regions: list[Region] = Field(default_factory=list)
    groups: list[RegionGroup] = Field(default_factory=list)
    lexicons: dict[str, list[LexiconEntry]] = Field(default_factory=dict)
    forecast: Forecast = Field(default_factory=Forecast)
    sources: list[str] = Field(default_factory=list)  # where the facts come from

    @field_validator("lexicons")
    @classmethod
    def _expandable(cls, v: dict[str, list[Any]]) -> dict[str, list[Any]]:
        for entries in v.values():
            _check_expansions(entries)
        return v

    @model_validator(mode="after")
    def _cross_check(self) -> Dossier:
        problems: list[str] = []
        for kind, codes in (
            ("party", [p.code for p in self.parties]),
            ("issue", [i.code for i in self.issues]),
            ("region", [r.code for r in self.regions]),
        ):
            dupes = sorted({c for c in codes if codes.count(c) > 1})
            if dupes:
                problems.append(f"{kind} codes listed twice: {', '.join(dupes)}")
        region_codes = {r.code for r in self.regions}
        for g in self.groups:
            unknown = [m for m in g.members if m not in region_codes]
            if unknown:
                problems.append(f"group {g.name!r} names unknown regions: {', '.join(unknown)}")
        party_codes = {p.code for p in self.parties}
        issue_codes = {i.code for i in self.issues}
        for party, per_issue in self.forecast.salience.items():
            if party not in party_codes:
                problems.append(f"forecast.salience names unknown party {party!r}")
            for issue, value in per_issue.items():
                if issue not in issue_codes:
                    problems.append(f"forecast.salience.{party} names unknown issue {issue!r}")
                if not 0 <= value <= 1:
                    problems.append(f"forecast.salience.{party}.{issue} must be within 0..1")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # -- lookups -----------------------------------------------------------
    def party(self, code: str) -> Party:
        for p in self.parties:
            if p.code == code:
                return p
        raise KeyError(code)

    def issue(self, code: str) -> Issue:
        for i in self.issues:
            if i.code == code:
                return i
        raise KeyError(code)

    def region(self, code: str) -> Region:
        for r in self.regions:
            if r.code == code:
                return r
        raise KeyError(code)

    def phrases(self, lexicon: str, default: list[str] | tuple[str, ...] = ()) -> list[str]:
        """The word phrases of a lexicon, braces expanded ("{a|b} c" -> "a c", "b c");
        token patterns are left out (they go to the Matcher)."""
        entries = self.lexicons.get(lexicon) or list(default)
        return [x for e in entries if isinstance(e, str) for x in expand_phrase(e)]

    def party_codes(self) -> list[str]:
        return [p.code for p in self.parties]

    def issue_codes(self) -> list[str]:
        return [i.code for i in self.issues]

    def group_members(self, name: str) -> list[str]:
        for g in self.groups:
            if g.name == name or name in g.aliases:
                return list(g.members)
        raise KeyError(name)
