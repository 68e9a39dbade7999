"""Territorial control facts: "Russia controls about 88% of Donbas".

A fact is a holder (a party: "Russia", "Russian troops", "Kyiv"), a control
verb (controls, holds, occupies ...) and one or more "SHARE of REGIONS" pieces:
"about 88% of Donbas and 73% of Zaporizhia and Kherson" gives two facts; the
second keeps the first one's holder. Shares are numbers (88%, 19 per cent) or
fractions in words (a fifth, two-thirds, half, nearly all). Passive forms work
too: "about 20% of Ukraine is under Russian control", "... occupied by Russia".
Regions and groups come from the dossier; "Ukraine" and "Ukraine's territory"
are the whole country ("UA").

Source: as for claims; "according to US estimates" is a named body, so
``named`` with that phrase; unnamed sources are ``anonymous``; otherwise the
outlet. Only sentences with a share and a control verb are examined, so the
cost is negligible next to tokenising.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from parley.dossier import Dossier
from parley.extract.attributes import _explicit, _lexicons, _Phrases
from parley.extract.records import ControlFact
from parley.extract.segment import doc_text, token_strings

__all__ = ["find_control_facts", "parse_share"]

_FRACTIONS = {
    "half": 0.5, "a half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3,
    "one-third": 1 / 3, "a quarter": 0.25, "one quarter": 0.25, "one-quarter": 0.25,
    "a fifth": 0.2, "one fifth": 0.2, "one-fifth": 0.2, "a sixth": 1 / 6, "one-sixth": 1 / 6,
    "a tenth": 0.1, "one-tenth": 0.1, "two-thirds": 2 / 3, "two thirds": 2 / 3,
    "three-quarters": 0.75, "three quarters": 0.75, "two-fifths": 0.4, "three-fifths": 0.6,
    "four-fifths": 0.8, "nearly all": 0.95, "almost all": 0.95, "virtually all": 0.95,
    "all": 1.0, "most": None,
}
_SHARE = re.compile(
    r"(?<![\w.])(?P<num>\d{1,3}(?:\.\d+)?)\s*(?:%|per\s?cent\b|percent\b)"
    r"|\b(?P<frac>" + "|".join(sorted((re.escape(k) for k in _FRACTIONS if _FRACTIONS[k]),
                                      key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_CONTROL_VERBS = {"control", "controls", "controlled", "controlling", "hold", "holds", "held",
                  "holding", "occupy", "occupies", "occupied", "occupying", "seized", "captured",
                  "taken", "retains", "retain", "retained", "keeps", "kept",
                  # state media's word for Russian gains, and a side's gains back
                  "liberated", "liberates", "recaptured", "retaken", "retook", "regained"}
_CONTROL_CUE = re.compile(r"\b(control|hold|held|occup|seiz|captur|taken|retain|kept|keeps|liberat|"
                          r"recaptur|retak|retook|regain|hands\b)", re.IGNORECASE)
_FILLERS = {"the", "'s", "’s", "eastern", "southern", "northern", "western", "region", "regions",
            "oblast", "oblasts", "province", "provinces", "its", "their", "territory",
            "territories", "area", "areas", "land", "soil", "partially", "occupied", "annexed"}
_OF_FILLERS = {"territory", "territories", "area", "areas", "land"}
_LAND = _OF_FILLERS | {"soil", "internationally", "recognised", "recognized", "sovereign", "own"}
_FORCES = ["troops", "forces", "army", "military", "soldiers", "units"]
_COUNTRY_WORDS = {"ukraine": "UA", "ukraine's": "UA", "ukrainian": "UA"}  # "of Ukrainian land"


def parse_share(text: str) -> float | None:
    """"88%" -> 0.88, "19 per cent" -> 0.19, "a fifth" -> 0.2 (None if not a share)."""
    m = _SHARE.search(text)
    if not m:
        return None
    if m.group("num"):
        return round(float(m.group("num")) / 100, 4)
    return round(_FRACTIONS[m.group("frac").lower()], 4)


class _Index:
    """Party and region phrase indexes of one dossier (built once)."""

    def __init__(self, dossier: Dossier) -> None:
        self.party_code: dict[tuple[str, ...], str] = {}
        party_phrases: list[str] = []
        for p in dossier.parties:
            names = [p.name, *p.aliases, *p.people, *p.titles]
            names += [f"{a} {f}" for a in p.adjectives for f in _FORCES]
            for n in names:
                party_phrases.append(n)
                self.party_code[_key(n)] = p.code
        self.parties = _Phrases(party_phrases)
        self.adjectives = {a.lower(): p.code for p in dossier.parties for a in p.adjectives}
        self.region_codes: dict[tuple[str, ...], list[str]] = {}
        region_phrases: list[str] = []
        for r in dossier.regions:
            for n in [r.name, *r.aliases, *r.homonyms]:
                region_phrases.append(n)
                self.region_codes[_key(n)] = [r.code]
        for g in dossier.groups:
            for n in [g.name, *g.aliases]:
                region_phrases.append(n)
                self.region_codes[_key(n)] = list(g.members)
        self.regions = _Phrases(region_phrases)


def _key(phrase: str) -> tuple[str, ...]:
    from parley.extract.attributes import _tokenize

    return tuple(_tokenize(phrase))


_INDEXES: dict[int, tuple[Dossier, _Index]] = {}


def _index(dossier: Dossier) -> _Index:
    if id(dossier) not in _INDEXES:
        _INDEXES[id(dossier)] = (dossier, _Index(dossier))
    return _INDEXES[id(dossier)][1]


def find_control_facts(
    doc: Doc,
    sentences: list[Span],
    dossier: Dossier,
    *,
    doc_name: str,
    body_start: int,
) -> list[ControlFact]:
    """Control facts stated in the body's ``sentences`` of ``doc``."""
    out: list[ControlFact] = []
    index = _index(dossier)  # built once per dossier
    full = doc_text(doc)
    for sent in sentences:
        if sent.end_char <= body_start:
            continue
        text = full[sent.start_char : sent.end_char]
        if not _CONTROL_CUE.search(text) or not _SHARE.search(text):
            continue  # cheap filter: most sentences end here
        out.extend(_facts_in(doc, sent, index, dossier, doc_name))
    return out


def _token_at(sent: Span, char: int) -> int | None:
    for t in sent:
        if t.idx <= char < t.idx + max(len(t.text), 1):
            return t.i
    return None


def _facts_in(doc: Doc, sent: Span, index: _Index, dossier: Dossier,
              doc_name: str) -> list[ControlFact]:
    facts: list[ControlFact] = []
    base = sent.start_char
    last_holder: tuple[str, int] | None = None
    last_end = sent.start
    source = None
    for m in _SHARE.finditer(sent.text):
        ti = _token_at(sent, base + m.start())
        te = _token_at(sent, base + m.end() - 1)
        if ti is None or te is None:
            continue
        share = parse_share(m.group(0))
        j = te + 1
        if j + 1 < sent.end and token_strings(doc)[0][j] == "," and token_strings(doc)[0][j + 1] == "of":
            j += 1  # "112,000 square km, or 18.6%, of Ukraine"
        if j >= sent.end or token_strings(doc)[0][j] != "of":
            continue
        regions, r_end = _regions_after(doc, j + 1, sent.end, index)
        if not regions:
            continue
        holder = _holder_before(doc, max(last_end, sent.start), ti, index)
        if holder is None and last_holder is not None and _chained(doc, last_end, ti, index):
            holder = last_holder
        if holder is None:
            holder = _holder_after(doc, r_end, sent.end, index)
        if holder is None or share is None:
            continue
        if source is None:
            source = _explicit(doc, sent.start, sent.end, _lexicons(dossier)) or False
        start_tok = holder[1] if holder[1] < ti else ti
        end_tok = r_end if holder[1] < ti else max(r_end, holder[1] + 1)
        if holder[1] > ti and end_tok < sent.end and token_strings(doc)[0][end_tok] in {
                "control", "hands", "forces", "troops", "occupation"}:
            end_tok += 1  # "... under Russian control": the evidence ends with the noun
        span = doc[start_tok:end_tok]
        facts.append(ControlFact(
            doc=doc_name, start=span.start_char, end=span.end_char, text=span.text,
            holder=holder[0], regions=tuple(regions), share=share,
            source_kind=source.kind if source else "outlet",
            source_count=source.count if source else None,
            source=source.phrase if source else None,
            rule="control:" + ("passive" if holder[1] > ti else "share-of-region"),
        ))
        last_holder = holder
        last_end = r_end
    return facts


_CHAIN_WORDS = {"and", ",", "about", "around", "some", "roughly", "nearly", "almost", "over",
                "more", "than", "less", "just", "approximately", "up", "to", "including", "among",
                "them", "as", "well", "with", "plus"}
# a vague piece of the same list, skipped: "including most of Luhansk and 70% of Donetsk"
_VAGUE = {"most", "much", "part", "parts", "large", "swathes", "the", "bulk", "of", "majority"}


def _chained(doc: Doc, last_end: int, share_start: int, index: _Index) -> bool:
    """The share continues the list of the fact before it, so it keeps that fact's holder:
    "... 88% of Donbas and 73% of ...", "... 19% of Ukraine, including about 99% of Luhansk"
    (only conjunctions, hedges, and vague pieces such as "most of Luhansk" between)."""
    low = token_strings(doc)[0]
    k = last_end
    while k < share_start:
        n = index.regions.match_at(doc, k, share_start)
        if n and k > last_end and low[k - 1] == "of":  # "most of Luhansk"
            k += n
            continue
        if low[k] not in _CHAIN_WORDS and low[k] not in _VAGUE and low[k] not in _FILLERS:
            return False
        k += 1
    return share_start - last_end <= 12


def _holder_before(doc: Doc, lo: int, share_start: int,
                   index: _Index) -> tuple[str, int] | None:
    """The party before a control verb that precedes the share in the same clause."""
    verb = None
    for k in range(share_start - 1, max(lo, share_start - 8) - 1, -1):
        if token_strings(doc)[0][k] in _CONTROL_VERBS:
            verb = k
            break
    if verb is None:
        return None
    # "Russian-controlled territory amounts to 19% of Ukraine": the adjective holds it
    adj = verb - 2 if verb - 2 >= lo and token_strings(doc)[0][verb - 1] == "-" else verb - 1
    if adj >= lo and token_strings(doc)[0][adj] in index.adjectives and \
            token_strings(doc)[0][verb] in {"controlled", "occupied", "held"}:
        return index.adjectives[token_strings(doc)[0][adj]], adj
    best = None
    i = max(lo, verb - 12)
    while i < verb:
        n = index.parties.match_at(doc, i, verb)
        if n:
            key = tuple(token_strings(doc)[0][x] for x in range(i, i + n))
            code = index.party_code.get(key)
            if code:
                best = (code, i)
            i += n
        else:
            i += 1
    return best


def _holder_after(doc: Doc, r_end: int, end: int, index: _Index) -> tuple[str, int] | None:
    """Passive: "... is under Russian control", "... is occupied by Russia"."""
    words = [token_strings(doc)[0][k] for k in range(r_end, min(end, r_end + 6))]
    if not any(w in {"under", "by", "occupied", "controlled", "held", "in"} for w in words):
        return None
    for k in range(r_end, min(end, r_end + 6)):
        w = token_strings(doc)[0][k]
        if w in index.adjectives and k + 1 < end and token_strings(doc)[0][k + 1] in {"control", "troops",
                                                                          "forces", "occupation",
                                                                          "hands"}:
            return index.adjectives[w], k
        n = index.parties.match_at(doc, k, end)
        if n:
            code = index.party_code.get(tuple(token_strings(doc)[0][x] for x in range(k, k + n)))
            if code:
                return code, k
    return None


def _regions_after(doc: Doc, i: int, end: int, index: _Index) -> tuple[list[str], int]:
    """Regions listed from token ``i``: "Donbas", "Zaporizhia and Kherson",
    "Ukraine's territory", "Ukraine's Donetsk region"."""
    codes: list[str] = []
    last = i
    country_at = None
    k = i
    while k < end:
        w = token_strings(doc)[0][k]
        n = index.regions.match_at(doc, k, end)
        if n:
            key = tuple(token_strings(doc)[0][x] for x in range(k, k + n))
            for c in index.region_codes.get(key, []):
                if c not in codes:
                    codes.append(c)
            k += n
            last = k
            continue
        if w == "of" and k > i and token_strings(doc)[0][k - 1] in _OF_FILLERS:
            k += 1  # "the territory of the LPR"
            continue
        if w in _COUNTRY_WORDS:
            # "Ukraine's territory", "Ukrainian land", not "Ukraine's grain exports"
            nxt = k + 1 + (k + 1 < end and token_strings(doc)[0][k + 1] in ("'s", "’s"))
            owned = w == "ukrainian" or nxt > k + 1
            if owned and not (nxt >= end or token_strings(doc)[0][nxt] in _LAND
                              or doc[nxt].is_punct):
                break
            country_at = country_at if country_at is not None else k
            k += 1
            last = max(last, k)
            continue
        if w in _FILLERS or (w in {"and", ",", "&"} and k + 1 < end
                             and not _SHARE.match(doc[k + 1:min(end, k + 4)].text)):
            if w in {"and", ",", "&"} and not codes and country_at is None:
                break
            k += 1
            if w in _FILLERS:
                last = max(last, k) if codes or country_at is not None else last
            continue
        break
    if not codes and country_at is not None:
        codes = ["UA"]
    # trailing fillers / conjunctions are not part of the evidence
    while last > i and token_strings(doc)[0][last - 1] in {"and", ",", "&", "the"}:
        last -= 1
    return codes, last
