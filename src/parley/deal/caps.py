"""Army caps: the troop numbers parties state in their army-limit claims, set
against the cap a deal writes down.

``army_numbers`` reads numbers written as 600,000 / 600 000 / 600k / "600
thousand" / "1.2 million" / "800,000-strong" that stand within a few words of
an army word (army, armed forces, troops, soldiers, servicemen, personnel),
and drops those that are not caps: casualty or mobilisation counts, money,
percentages, areas, years, and anything under 1,000 or over 5 million.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from parley.analysis.records import Evidence

_SEP = "[,\u00a0\u202f ]"  # thousands separators: comma, (narrow) no-break space, space
_NUMBER = re.compile(  # groups: digits, a word unit, a letter unit written close ("600k"), -strong
    rf"(?<![\w.,$€£])(\d{{1,3}}(?:{_SEP}\d{{3}})+(?!\d)|\d+(?:\.\d+)?)"
    r"(?:\s*(thousand|million|mln)\b|(k|m)\b)?(-strong)?", re.IGNORECASE)
_MULTIPLIER = {"k": 1_000, "thousand": 1_000, "million": 1_000_000, "mln": 1_000_000, "m": 1_000_000}
_ARMY = re.compile(r"\b(arm(?:y|ies)|armed\s+forces|troops?|soldiers?|servicem[ae]n|service\s*members?|"
                   r"personnel|military|forces)\b", re.IGNORECASE)
_NOT_A_CAP = re.compile(
    r"\b(kill\w*|dead|deaths?|died|casualt\w*|wounded|injur\w*|loss(?:es)?|lost|missing|captur\w*|"
    r"prisoners?|POWs?|mobili[sz]\w*|conscript\w*|recruit\w*|refugees?|civilians?|dollars?|euros?|"
    r"billion|percent|per\s*cent|km|kilomet\w*|square|tanks?|drones?|shells?|missiles?)\b|[%$€£]",
    re.IGNORECASE)
_CAP_CUE = re.compile(r"\b(cap(?:s|ped|ping)?|ceiling|limit\w*|no more than|not (?:to )?exceed|at most|up to|maximum|"
                      r"reduc\w*|cut\w*|shrink\w*|downsiz\w*)\b", re.IGNORECASE)
_WINDOW = 6  # words on each side in which an army word must appear
_CLOSE = 3  # words on each side in which a casualty/money word disqualifies the number


@dataclass(frozen=True)
class ArmyNumber:
    value: int
    start: int  # character offsets of the number in the text
    end: int
    cued: bool  # a cap word (cap, limit, no more than, reduce ...) stands just before it


def _words_before(text: str, at: int, n: int) -> str:
    return " ".join(re.split(r"\s+", text[:at].strip())[-n:]) if text[:at].strip() else ""


def _words_after(text: str, at: int, n: int) -> str:
    return " ".join(re.split(r"\s+", text[at:].strip())[:n])


def army_numbers(text: str) -> list[ArmyNumber]:
    """Every troop number in ``text`` that could be a cap, in order."""
    out = []
    for m in _NUMBER.finditer(text):
        digits, unit, strong = m.group(1), (m.group(2) or m.group(3) or "").lower(), m.group(4)
        value = float(re.sub(_SEP, "", digits)) * _MULTIPLIER.get(unit, 1)
        plain_year = not unit and re.fullmatch(r"(19|20)\d\d", digits)
        if plain_year or not 1_000 <= value <= 5_000_000:
            continue
        # the clause around the number: stop at sentence ends and semicolons
        left = re.split(r"[.;!?](?:\s|$)", text[:m.start()])[-1]
        right = re.split(r"[.;!?](?:\s|$)", text[m.end():])[0]
        before, after = _words_before(left, len(left), _WINDOW), _words_after(right, 0, _WINDOW)
        close = _words_before(left, len(left), _CLOSE) + " " + _words_after(right, 0, _CLOSE)
        if not (strong or _ARMY.search(before) or _ARMY.search(after)) or _NOT_A_CAP.search(close):
            continue
        cued = bool(_CAP_CUE.search(_words_before(left, len(left), 5)))
        out.append(ArmyNumber(round(value), m.start(), m.end(), cued))
    return out


def stated_cap(text: str) -> tuple[int, tuple[int, ...]] | None:
    """(the cap a sentence states, the other troop numbers in it) or None.

    The first number after a cap word wins, else the first troop number."""
    nums = army_numbers(text)
    if not nums:
        return None
    best = next((n for n in nums if n.cued), nums[0])
    return best.value, tuple(dict.fromkeys(n.value for n in nums if n.value != best.value))


_VERB = {"demand": "demanded", "propose": "proposed", "reject": "rejected"}
_NOUN = {"demand": "{p}'s demand", "propose": "{p}'s proposal", "reject": "the cap {p} rejected"}


@dataclass(frozen=True)
class CapComparison:
    """A party's stated cap set against the deal's."""

    party: str
    act: str  # demand | propose | reject
    cap: int  # the number the party stated
    date: str | None
    deal_cap: int | None  # None: the deal writes no number
    difference: int | None  # deal_cap − cap: positive, the deal allows a larger army
    text: str  # "deal caps at 600,000; RU demanded 85,000 on 2022-04-15 — ..."
    also: tuple[int, ...]  # other troop numbers in the same quote (an ambiguous sentence)
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {"party": self.party, "act": self.act, "cap": self.cap, "date": self.date,
                "deal_cap": self.deal_cap, "difference": self.difference, "text": self.text,
                "also": list(self.also), "evidence": self.evidence.to_dict()}


def describe(party: str, act: str, cap: int, date: str | None, deal_cap: int | None,
             deal_outcome: str, also: tuple[int, ...] = ()) -> tuple[str, int | None]:
    """The sentence comparing the caps, and deal_cap − cap."""
    verb = _VERB.get(act, act)
    said = f"{party} {verb} {cap:,}" + (f" on {date}" if date else "")
    if also:
        said += f" (the quote also gives {', '.join(f'{n:,}' for n in also)})"
    if deal_cap is None:
        head = "the deal sets no limit" if deal_outcome == "unlimited" else "the deal states no cap"
        return f"{head}; {said}", None
    diff = deal_cap - cap
    noun = _NOUN.get(act, "{p}'s figure").format(p=party)
    gap = (f"the deal matches {noun}" if diff == 0 else
           f"the deal is {abs(diff):,} {'above' if diff > 0 else 'below'} {noun}")
    return f"deal caps at {deal_cap:,}; {said} — {gap}", diff


def compare_caps(party: str, claims: Iterable[Evidence], *, deal_cap: int | None,
                 deal_outcome: str) -> list[CapComparison]:
    """The latest stated cap per act (demand, propose, reject) in a party's army-limit
    claims (newest first), compared with the deal's cap."""
    out: dict[str, CapComparison] = {}
    for c in claims:
        if c.issue != "army_limits" or c.act in out or c.act not in _VERB:
            continue
        got = stated_cap(c.quote)
        if got is None:
            continue
        text, diff = describe(party, c.act, got[0], c.date, deal_cap, deal_outcome, got[1])
        out[c.act] = CapComparison(party, c.act, got[0], c.date, deal_cap, diff, text, got[1], c)
    return [out[a] for a in _VERB if a in out]
