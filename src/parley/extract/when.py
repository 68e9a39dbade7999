"""When a reported stance was held: None (current), YYYY, YYYY-MM, YYYY-MM-DD or "past".

News dates many things besides stances ("the war that began in 2022", "whose
presidency expires in May 2024"), so a date counts only when it dates the
stance itself: it opens the clause ("In June 2024, Putin demanded ...") or
follows a stance or speech word closely ("the demands he set out in June 2024",
"Putin said last year"). Relative dates resolve against the report date.
Markers of an earlier stance without a date ("previous demands", "had
demanded", "at the time") give "past". Days of the current week ("on
Monday") and "earlier this month" are current: None.
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span

from parley.dossier import Dossier, load_dossier
from parley.extract.segment import is_name_or_pronoun, token_strings

__all__ = ["resolve_when"]

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# Words that put a stance in time: the date right after them dates the stance.
_ANCHORS = {
    "said", "says", "told", "stated", "announced", "declared", "demanded", "demands", "demand",
    "proposed", "proposal", "proposals", "offered", "offer", "rejected", "insisted", "urged",
    "called", "set", "laid", "put", "outlined", "presented", "made", "signed", "agreed",
    "wrote", "stressed", "noted", "terms", "conditions", "plan", "refused",
    "ruled", "suggested", "floated", "tabled", "recalled", "speech", "address", "interview",
    "statement", "ultimatum", "out", "forward", "up", "formulated", "voiced",
    "reiterated", "repeated", "claimed", "annexation",
}
# Words that date an event, not the stance: "the war that began in 2022".
_EVENT = {
    "began", "begun", "started", "launched", "invaded", "invasion", "since", "until", "till",
    "expires", "expired", "expire", "ends", "ended", "by", "from", "through", "born",
    "elected", "held", "killed", "died", "captured", "seized", "lost", "fell", "occupied",
    "collapsed", "failed", "broke", "war", "summit", "meeting", "met", "talks", "visit",
    "visited", "election", "elections", "before", "after", "during", "due", "scheduled",
}
_PAST_DEFAULT = ["previous", "previously", "earlier", "former", "formerly", "at the time",
                 "back then", "had demanded", "set out in", "once demanded", "originally",
                 "initially", "in the past", "used to"]
_NOT_PAST_AFTER = {"this", "today", "on"}  # "earlier this month", "earlier today" are current
_STANCE_PARTICIPLES = {"demanded", "proposed", "offered", "insisted", "rejected", "refused",
                       "wanted", "sought", "called", "urged", "agreed", "said",
                       "suggested", "asked", "required", "stated", "declared", "made",
                       "put", "set", "been"}
_RELATIVE_YEAR = {"last": -1, "previous": -1, "this": 0}
_AGO_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
               "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}

_PAST_CACHE: dict[int, list[tuple[str, ...]]] = {}


def _past_phrases(dossier: Dossier | None) -> list[tuple[str, ...]]:
    d = dossier or load_dossier()
    key = id(d)
    if key not in _PAST_CACHE:
        from parley.extract.segment import blank_nlp

        entries = d.phrases("past", _PAST_DEFAULT)
        tok = blank_nlp().tokenizer
        phrases = {tuple(t.lower_ for t in tok(e)) for e in entries + ["had demanded"]}
        # a phrase ending in a bare year ("in 2014") is handled as a date, not as "past"
        # dates ("last year", "in 2014") are resolved as dates, not as "past"
        _PAST_CACHE[key] = sorted((p for p in phrases if p and not p[-1].isdigit()
                                   and "year" not in p),
                                  key=len, reverse=True)
    return _PAST_CACHE[key]


def _year(tok_text: str) -> int | None:
    if len(tok_text) == 4 and tok_text.isdigit() and tok_text[:2] in {"19", "20"}:
        return int(tok_text)
    return None


def _dates_in(doc: Doc, start: int, end: int, report_date: dt.date | None):
    """Yield (first_token, last_token_exclusive, value) for each date expression."""
    low, txt = token_strings(doc)
    i = start
    while i < end:
        w = low[i].rstrip(".")  # "Nov. 21"
        if w not in MONTHS and not txt[i][:1].isdigit() and w not in _RELATIVE_YEAR \
                and w != "a" and w not in _AGO_COUNTS:
            i += 1
            continue  # most tokens: no month name, number or "last year"
        # "June 2024", "June 12, 2024", "12 June 2024", "August 6", "in September"
        if w in MONTHS and not (w == "may" and not _looks_month(doc, i, end)):
            month = MONTHS[w]
            j = i + 1
            day = None
            if j < end and doc[j].text.isdigit() and len(doc[j].text) <= 2:
                day = int(doc[j].text)
                j += 1
                if j < end and doc[j].text == ",":
                    j += 1
            year = _year(doc[j].text) if j < end else None
            if year is not None:
                j += 1
            s = i
            if day is None and i - 1 >= start and doc[i - 1].text.isdigit() \
                    and len(doc[i - 1].text) <= 2:
                day = int(doc[i - 1].text)
                s = i - 1
            if year is None and report_date is not None:
                year = report_date.year
                # a month later than the report's month is last year's
                if (month, day or 1) > (report_date.month, report_date.day):
                    year -= 1
            if year is None:
                i = j
                continue
            if day is not None and _valid(year, month, day):
                yield s, j, f"{year:04d}-{month:02d}-{day:02d}"
            else:
                yield s, j, f"{year:04d}-{month:02d}"
            i = j
            continue
        y = _year(doc[i].text)
        # "the 1991 borders", "its 2022 offer": a year as a modifier names a thing
        if y is not None and i > 0 and token_strings(doc)[0][i - 1] in {"the", "a", "its", "their", "'s",
                                                             "his", "her", "our"}:
            y = None
        if y is not None:
            yield i, i + 1, f"{y:04d}"
            i += 1
            continue
        # "last year", "last month"
        if w in _RELATIVE_YEAR and i + 1 < end and report_date is not None:
            unit = token_strings(doc)[0][i + 1]
            if unit == "year" and w != "this":
                yield i, i + 2, f"{report_date.year - 1:04d}"
                i += 2
                continue
            if unit == "month" and w == "last":
                first = report_date.replace(day=1) - dt.timedelta(days=1)
                yield i, i + 2, f"{first.year:04d}-{first.month:02d}"
                i += 2
                continue
        # "a year ago", "two years ago", "three months ago"
        n = 1 if w in ("a", "an") else _AGO_COUNTS.get(w, int(w) if w.isdigit() and len(w) <= 2 else 0)
        if n and i + 2 < end and low[i + 2] == "ago" and report_date is not None:
            unit = low[i + 1]
            if unit in ("year", "years"):
                yield i, i + 3, f"{report_date.year - n:04d}"
                i += 3
                continue
            if unit in ("month", "months"):
                m = report_date.year * 12 + report_date.month - 1 - n
                yield i, i + 3, f"{m // 12:04d}-{m % 12 + 1:02d}"
                i += 3
                continue
        i += 1


def _looks_month(doc: Doc, i: int, end: int) -> bool:
    """"May" the month, not the modal: followed by a day/year or preceded by in/since/of."""
    nxt = doc[i + 1].text if i + 1 < end else ""
    prev = token_strings(doc)[0][i - 1] if i > 0 else ""
    return nxt.isdigit() or prev in {"in", "since", "of", "early", "late", "mid", "until", "last"}


def _valid(y: int, m: int, d: int) -> bool:
    try:
        dt.date(y, m, d)
    except ValueError:
        return False
    return True


def resolve_when(
    clause: Span,
    sentence: Span,
    report_date: dt.date | None,
    *,
    dossier: Dossier | None = None,
) -> str | None:
    """When the stance in ``clause`` was held (None when current)."""
    doc = clause.doc
    start, end = clause.start, clause.end
    # a date opening the sentence frames everything after it ("In June 2024, Putin ...")
    lead = sentence.start
    for s, e, value in _dates_in(doc, lead, min(lead + 5, sentence.end), report_date):
        if s - lead <= 2 and e < sentence.end and (doc[e].text == "," or s == lead) and \
                not _is_event(doc, s, lead) and s < start:
            return _not_future(value, report_date)
        break
    unanchored = None
    for s, _e, value in _dates_in(doc, start, end, report_date):
        if _is_event(doc, s, start):
            continue
        # a month or a day is specific enough to date the stance; a bare year needs an anchor
        if len(value) > 4 or _anchored(doc, s, start) or s == start or (s - 1 >= start and s - 1 == start
                                                     and token_strings(doc)[0][s - 1] == "in"):
            return _not_future(value, report_date)
        unanchored = unanchored or _not_future(value, report_date)
    if _is_past(doc, start, end, dossier):
        # a past stance with a year in its clause is dated by it ("in the spring of 2022
        # the delegation had agreed to neutrality")
        return unanchored or "past"
    return None


def _not_future(value: str, report_date: dt.date | None) -> str | None:
    """A date at or after the report date is the report's present: None."""
    if report_date is None:
        return value
    if value[:len(value)] >= report_date.isoformat()[:len(value)]:
        return None
    return value


def _anchored(doc: Doc, s: int, lo: int) -> bool:
    """A stance or speech word within the few tokens before the date (the date's preposition
    and a short object in between)."""
    for j in range(s - 1, max(lo, s - 5) - 1, -1):
        w = token_strings(doc)[0][j]
        if w in _ANCHORS:
            return True
        if doc[j].is_punct and doc[j].text not in {"-", "'s"}:
            return False
    return False


def _is_event(doc: Doc, s: int, lo: int) -> bool:
    """The date dates an event: an event word right before it ("began in 2022", "since
    2014", "by June"), or a relative clause about something else ("whose presidency
    expires in May 2024")."""
    for j in range(s - 1, max(lo - 1, s - 7), -1):
        w = token_strings(doc)[0][j]
        if doc[j].is_punct and doc[j].text not in {"-", "'s"}:
            return False
        if w in _EVENT:
            return True
        if w in _ANCHORS:
            return False
    return False


def _is_past(doc: Doc, start: int, end: int, dossier: Dossier | None) -> bool:
    phrases = _past_phrases(dossier)
    firsts = {p[0] for p in phrases}
    low = token_strings(doc)[0]
    for i in range(start, end):
        w = low[i]
        if w == "once" and i > start and is_name_or_pronoun(doc, i - 1) and i + 1 < end \
                and low[i + 1] in _STANCE_PARTICIPLES and low[i + 1] != "been":
            return True  # "Putin once insisted": at one time, not now
        if w not in firsts and w != "had":
            continue
        for p in phrases:
            n = len(p)
            if p[0] == w and i + n <= end and all(token_strings(doc)[0][i + k] == p[k] for k in range(1, n)):
                if w == "earlier" and i + 1 < len(doc) and token_strings(doc)[0][i + 1] in _NOT_PAST_AFTER:
                    break
                if w == "earlier" and _earlier_is_comparative(doc, i):
                    break
                if w in {"previous", "former", "earlier"} and _dropped(doc, i, start):
                    break
                return True
        # past perfect of a stance verb: "had demanded", "had long insisted"
        if w == "had":
            for j in range(i + 1, min(end, i + 3)):
                if token_strings(doc)[0][j] in _STANCE_PARTICIPLES and token_strings(doc)[0][j] != "been":
                    return True
    return False


def _earlier_is_comparative(doc: Doc, i: int) -> bool:
    """"earlier than", "an earlier meeting" describe something else."""
    nxt = token_strings(doc)[0][i + 1] if i + 1 < len(doc) else ""
    return nxt in {"than", "meeting", "talks", "round", "call", "summit", "visit"}


_DROP = {"abandon", "abandoned", "abandoning", "drop", "dropped", "dropping", "give", "gave",
         "giving", "renounce", "renounced", "soften", "softened", "softening", "compromise",
         "compromised", "from", "on", "beyond", "than", "retreat", "retreated", "back", "up"}


def _dropped(doc: Doc, i: int, lo: int) -> bool:
    """"give up his previous demand", "back down from its earlier demands": the old
    stance is the object of a new one, which is current."""
    return any(token_strings(doc)[0][j] in _DROP for j in range(i - 1, max(lo - 1, i - 4), -1))
