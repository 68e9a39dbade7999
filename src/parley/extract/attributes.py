"""Claim attributes: hedged, conditional and who vouches for the claim (the source).

The stance components hand over the stance's clause and its sentence (spans of
one spaCy Doc built over the full report text). Cues come from the dossier's
lexicons (``hedge``, ``condition``, ``source_anonymous``, ``source_document``,
``source_speech``); the structural rules (counts, "according to", carried
attribution) live here. Everything is cheap token comparison so the extractor
stays within twice the tokenizer's time.

Source kinds (guidelines): ``anonymous`` (unnamed sources or officials, with
their count when given), ``document`` (a draft, a plan, the text of a
proposal), ``named`` (a named speaker reports it, a quote, or a named body:
"according to Kyiv", "according to US estimates"), ``outlet`` (the outlet's
own reporting: nothing else vouches; "Putin continues to insist" with no
speech verb is the outlet's account). A report published by a party itself
(kremlin.ru, president.gov.ua) is that party's named statement. When several
appear in one sentence: anonymous > document > named > outlet, because
"Putin told Witkoff ..., three of the sources said" is the sources' account.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from parley.dossier import Dossier, load_dossier
from parley.dossier.schema import expand_phrase
from parley.extract.segment import doc_text, is_name_or_pronoun, sentence_spans, token_strings

__all__ = [
    "SourceContext",
    "SourceInfo",
    "attribute_source",
    "is_conditional",
    "is_hedged",
]

# Fallbacks when a dossier lacks a lexicon (the built-in one has them all).
_DEFAULTS: dict[str, list[str]] = {
    "hedge": ["could", "may", "might", "potentially", "likely", "possibly", "reportedly",
              "is said to", "are said to", "apparently", "perhaps", "unclear"],
    "condition": ["if", "once", "unless", "in return", "in exchange for", "provided that",
                  "on condition that", "only if", "as long as", "in case of"],
    "source_anonymous": ["on condition of anonymity"],
    "source_document": ["according to the draft"],
    "source_speech": ["said", "says", "say", "saying", "told", "tells", "tell", "stressed",
                      "noted", "announced", "wrote", "added", "emphasised", "emphasized",
                      "stated", "declared", "explained", "reiterated", "confirmed", "warned"],
}

_NOT_CONDITION_AFTER = {"anonymity"}  # "on condition of anonymity" is about the source
_NEGATIVE = {"not", "n't", "never", "no", "cannot", "impossible", "only", "nothing",
             "unacceptable"}
_TRAILING_CONDITIONS = {"if", "unless", "provided", "providing", "once", "only", "as", "in",
                        "on", "subject", "depending", "conditional", "contingent"}
_CLAUSE_BREAKS = {"but", "while", "whereas", ";", "however", "although", "though"}

_NUMBERS: dict[str, int | None] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1, "another": 1,
    "first": 1, "second": 1, "third": 1, "fourth": 1, "fifth": 1, "sixth": 1, "seventh": 1,
    "single": 1, "both": 2, "several": None, "some": None, "many": None, "multiple": None,
    "numerous": None, "various": None, "dozen": 12,
}
_SKIP_BEFORE_SOURCE = {
    "of", "the", "these", "those", "other", "senior", "top", "western", "european", "american",
    "russian", "ukrainian", "u.s.", "us", "diplomatic", "government", "kremlin", "administration",
    "close", "informed", "knowledgeable", "security", "defence", "defense", "military",
    "intelligence", "white", "house", "-", "high", "ranking", "high-ranking", "unnamed",
    "anonymous", "independent", "separate", "same",
}
# reporting words that are as often nouns or the outlet's own framing ("Russian claims",
# "member states", "the FT recalls"): no named speaker on their own
_NOT_SPEECH = {"claims", "states", "notes", "recalls", "recalled", "informed", "believes",
               "thinks", "quoted", "argues", "argued"}
_ANON_PLURAL = {"sources", "officials", "people", "diplomats", "insiders", "persons",
                "individuals", "aides", "interlocutors"}
_ANON_SINGULAR = {"source", "official", "person", "diplomat", "insider", "aide", "interlocutor"}
_ANON_NOUNS = _ANON_PLURAL | _ANON_SINGULAR
_DOC_NOUNS = {"draft", "plan", "document", "text", "proposal", "framework", "memorandum",
              "agreement", "communique", "communiqué", "blueprint", "version", "deal",
              "outline", "declaration", "treaty", "statement", "readout"}
_DOC_VERBS = {"says", "said", "states", "stated", "stipulates", "stipulated", "envisages",
              "envisaged", "provides", "provided", "foresees", "reads", "read", "calls",
              "called", "includes", "included", "contains", "contained", "proposes", "proposed",
              "specifies", "outlines", "sets", "offers", "requires", "allows", "demands",
              "suggests", "commits", "obliges"}
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "this", "these", "that", "those", "him",
             "her", "them"}
_QUOTES = {'"', "“", "”", "«", "»", "„"}
_OPEN_QUOTES = {"“", "«", "„"}
_CLOSE_QUOTES = {"”", "»"}
_QUOTE_CHARS = re.compile('["“”«»„]')
_ADVERBIAL = {"that", "on", "in", "at", "last", "earlier", "this", "after", "before", "during",
              "via", "late", "yesterday", "today", "recently", "again", "also", "then",
              "repeatedly", "publicly", "he", "she", "they", "it", "we", "i", "there", "his",
              "her", "their", "its", "our", "when", "while", "if", "what", "how", "why"}
_SPEAKER_SKIP = {"has", "have", "had", "also", "repeatedly", "again", "later", "then", "was",
                 "is", "previously", "publicly", "recently", "earlier", "further", "reportedly"}
_SPEAKER_STOP = {"that", "and", "but", "while", "which", "who", "as", "is", "are", "was", "were",
                 "has", "have", "had", "be", "been", "in", "on", "at", "to", "for", "from",
                 "with", "by", "the", "a", "an"}
_TITLES = {"spokesman", "spokeswoman", "spokesperson", "minister", "president", "envoy",
           "ministry", "adviser", "advisor", "kremlin", "chancellor", "secretary", "negotiator",
           "premier", "ambassador", "office", "head"}
_NOT_SPEAKER = {"publication", "newspaper", "agency", "report", "reports", "media", "outlet"}
# Outlets that are a party's own channel: what they report is that party speaking.
_OFFICIAL_OUTLET = re.compile(
    r"kremlin\.ru|president\.gov\.ua|mid\.ru|mfa\.gov\.ua|whitehouse\.gov|state\.gov|gov\.uk|"
    r"elysee\.fr|bundesregierung|president of (russia|ukraine)|office of the president|"
    r"ministry of foreign affairs|foreign ministry",
    re.IGNORECASE,
)
_FRONT_OUTLET = re.compile(r"^outlet:\s*[\"']?(.+?)[\"']?\s*$", re.MULTILINE)


@dataclass(frozen=True)
class SourceInfo:
    kind: str  # named | anonymous | outlet | document
    count: int | None = None
    phrase: str | None = None


OUTLET = SourceInfo("outlet", None, None)


# ----------------------------------------------------------------- lexicons


class _Phrases:
    """Lower-cased token phrases indexed by first token: a cheap PhraseMatcher."""

    def __init__(self, phrases: list[str]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for p in (x for e in phrases for x in expand_phrase(e)):
            toks = tuple(_tokenize(p))
            if toks:
                self.by_first.setdefault(toks[0], []).append(toks)
        for v in self.by_first.values():
            v.sort(key=len, reverse=True)

    def match_at(self, doc: Doc, i: int, end: int) -> int:
        """Length in tokens of the longest phrase starting at token ``i`` (0 if none)."""
        low = token_strings(doc)[0]
        cands = self.by_first.get(low[i])
        if not cands:
            return 0
        for toks in cands:
            n = len(toks)
            if i + n <= end and tuple(low[i : i + n]) == toks:
                return n
        return 0

    def find(self, doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
        out = []
        low = token_strings(doc)[0]
        first = self.by_first
        i = start
        while i < end:
            if low[i] not in first:
                i += 1
                continue
            n = self.match_at(doc, i, end)
            if n:
                out.append((i, i + n))
                i += n
            else:
                i += 1
        return out


def _tokenize(phrase: str) -> list[str]:
    from parley.extract.segment import blank_nlp

    return [t.lower_ for t in blank_nlp().tokenizer(phrase)]


@dataclass(frozen=True)
class _Lexicons:
    hedge: _Phrases
    condition: _Phrases
    anonymous: _Phrases
    document: _Phrases
    speech: frozenset[str]
    # a party's name, capital or institution ("Poland", "the Kremlin"): not a person
    bodies: frozenset[str] = frozenset()


_CACHE: dict[int, tuple[Dossier, _Lexicons]] = {}


def _lexicons(dossier: Dossier | None) -> _Lexicons:
    d = dossier or load_dossier()
    key = id(d)
    if key not in _CACHE:

        def words(name: str) -> list[str]:
            return d.phrases(name, _DEFAULTS.get(name, []))  # token patterns: Matcher only

        lex = _Lexicons(
            hedge=_Phrases(words("hedge")),
            condition=_Phrases(words("condition")),
            anonymous=_Phrases(words("source_anonymous")),
            document=_Phrases(words("source_document")),
            speech=frozenset({w.lower() for w in words("source_speech") + words("reporting")
                              if " " not in w and w.lower() not in _NOT_SPEECH}
                             | set(_DEFAULTS["source_speech"])),
            bodies=frozenset(_bare(n) for p in d.parties for n in (p.name, *p.aliases)),
        )
        _CACHE[key] = (d, lex)  # keep d alive so its id is not reused
    return _CACHE[key][1]


# ----------------------------------------------------------------- hedged / conditional


def _governing_start(clause: Span, sentence: Span) -> int:
    """Token index where the part of the sentence governing ``clause`` begins: the
    sentence start or the last clause break ("but", "while", ";") before the clause."""
    doc = clause.doc
    for i in range(clause.start - 1, sentence.start - 1, -1):
        if token_strings(doc)[0][i] in _CLAUSE_BREAKS:
            return i + 1
    return sentence.start


def is_hedged(clause: Span, sentence: Span, *, dossier: Dossier | None = None) -> bool:
    """The stance is marked uncertain in its clause, or by a short frame governing it
    ("It is unclear whether ...", "Reportedly, ...")."""
    lex = _lexicons(dossier)
    doc = clause.doc
    lo = _governing_start(clause, sentence)
    # a frame before the clause counts only when short: a hedge far away is about something else
    frame_start = lo if clause.start - lo <= 8 else clause.start
    for s, e in lex.hedge.find(doc, frame_start, clause.end):  # noqa: B007
        word = token_strings(doc)[0][s]
        # "possible" hedges only as "it is possible that"; "a possible deal" frames the
        # talks and "possible only if" is a condition
        if word == "possible" and not (s >= 2 and token_strings(doc)[0][s - 1] in {"is", "was"}
                                       and token_strings(doc)[0][s - 2] == "it"
                                       and e < len(doc) and token_strings(doc)[0][e] == "that"):
            continue
        # "in May 2024" is a month, not a modal
        if doc[s].text == "May" and (s > sentence.start or (e < len(doc) and doc[e].is_digit)):
            continue
        # "concessions that could undermine ...": the modal hedges the noun, not the stance
        if word in {"could", "may", "might"} and s > frame_start and \
                token_strings(doc)[0][s - 1] in {"that", "which", "who"}:
            continue
        # "could not be held": a refusal, not an uncertain stance
        if word in {"could", "might"} and e < len(doc) and token_strings(doc)[0][e] in {
                "not", "n't", "never"}:
            continue
        # "ready ... once the allies could guarantee it": the modal is the condition's
        if word in {"could", "may", "might"} and _in_condition(doc, frame_start, s, lex):
            continue
        return True
    return False


def _in_condition(doc: Doc, lo: int, i: int, lex: _Lexicons) -> bool:
    """Token ``i`` lies in a condition clause opened after ``lo`` ("if/once/unless ..."),
    with no clause break between."""
    low = token_strings(doc)[0]
    for k in range(i - 1, max(lo, i - 12) - 1, -1):
        if low[k] in _CLAUSE_BREAKS or low[k] in {",", ";", ":"}:
            return False
        if low[k] in {"if", "once", "unless", "until", "when", "after"} and \
                lex.condition.match_at(doc, k, i + 1) and not _concessive(doc, k):
            return True
    return False


def is_conditional(clause: Span, sentence: Span, *, dossier: Dossier | None = None) -> bool:
    """The stance is tied to a condition or an exchange, inside its clause or by a
    condition that opens the sentence ("If Kyiv withdraws, Moscow would ...")."""
    lex = _lexicons(dossier)
    doc = clause.doc
    if _condition_in(doc, clause.start, clause.end, lex):
        return True
    # "..., but in return, Moscow would freeze": the exchange marker just before the clause
    for i in range(max(sentence.start, clause.start - 4), clause.start):
        if token_strings(doc)[0][i] == "in" and lex.condition.match_at(doc, i, clause.end):
            return True
    # a condition trailing the clause governs it ("... would give up X — Y — if the US
    # makes concessions"; "ready to meet, but first all issues must be clarified"), up to
    # the next clause break, where another stance begins
    k = clause.end
    while k < sentence.end:
        w = token_strings(doc)[0][k]
        if w == "but" and k + 1 < sentence.end and (
                token_strings(doc)[0][k + 1] == "first"
                or (token_strings(doc)[0][k + 1] in {"on", "only", "provided"}
                    and lex.condition.match_at(doc, k + 1, sentence.end))):
            return True  # "open to dialogue, but on the condition that ..."
        if w in _CLAUSE_BREAKS or (w == "even" and k + 1 < sentence.end
                                   and token_strings(doc)[0][k + 1] in ("if", "though", "when")):
            break
        if w in _TRAILING_CONDITIONS and (
                lex.condition.match_at(doc, k, sentence.end)
                or _provided_conjunction(doc, k, sentence.end)):
            return True
        k += 1
    # a sentence-initial condition governs the main clause that follows it
    first = sentence.start
    while first < clause.start and (doc[first].is_punct or doc[first].is_space):
        first += 1
    return first < clause.start and token_strings(doc)[0][first] != "even" and (
        bool(lex.condition.match_at(doc, first, sentence.end))
        or token_strings(doc)[0][first] in ("provided", "providing"))  # "Provided Kyiv withdraws, ..."


def _once_is_conjunction(doc: Doc, i: int) -> bool:
    """"once a ceasefire is reached" (a condition), not "was once", "once again", and not
    the adverb before its verb ("Putin once insisted"; "Once agreed, ..." stays one)."""
    prev = token_strings(doc)[0][i - 1] if i > 0 else ""
    nxt = token_strings(doc)[0][i + 1] if i + 1 < len(doc) else ""
    if i > 0 and is_name_or_pronoun(doc, i - 1) and (
            nxt in _PAST_VERBS or (nxt.endswith("ed") and nxt.isalpha())):
        return False
    return prev not in {"was", "were", "had", "has", "have", "is", "are", "at", "than"} \
        and nxt not in {"again", "more", "before", "and", "in", "upon", ",", ".", "or"}


# irregular past forms a subject + "once" is followed by ("Moscow once sought ...")
_PAST_VERBS = {"said", "sought", "told", "thought", "held", "made", "gave", "took", "meant",
               "saw", "stood", "spoke", "wrote", "put", "set", "won", "lost", "called", "had"}


# "provided" as a conjunction: "..., provided Kyiv withdraws", "provided it respects ..."
# (not "the US provided weapons")
_PROVIDED_SUBJECTS = frozenset(["it", "they", "he", "she", "we", "there", "both", "all"])


def _provided_conjunction(doc: Doc, k: int, end: int) -> bool:
    low = token_strings(doc)[0]
    return low[k] in ("provided", "providing") and k + 1 < end and (
        low[k + 1] in _PROVIDED_SUBJECTS or k == 0 or not doc[k - 1].is_alpha)


def _concessive(doc: Doc, s: int) -> bool:
    """"even if", "even when": a concession, not a condition."""
    return s > 0 and token_strings(doc)[0][s - 1] == "even"


def _condition_in(doc: Doc, start: int, end: int, lex: _Lexicons) -> bool:
    # a concessive clause ("even if membership would come only after the war") sets
    # no condition on the stance: look only before it
    words = token_strings(doc)[0][start:end]
    if "even" in words:  # rare: scan for "even if" only when "even" is there
        end = next((k for k in range(start + 1, end) if _concessive(doc, k)), end)
    if ("provided" in words or "providing" in words) and any(
            _provided_conjunction(doc, k, end) for k in range(start, end)):
        return True
    for s, e in lex.condition.find(doc, start, end):
        if any(token_strings(doc)[0][k] in _NOT_CONDITION_AFTER for k in range(e, min(len(doc), e + 2))):
            continue
        if _concessive(doc, s):
            continue
        if token_strings(doc)[0][s] == "once" and not _once_is_conjunction(doc, s):
            continue
        if token_strings(doc)[0][s] == "as" and e < len(doc) and token_strings(doc)[0][e] == "possible":
            continue  # "as soon as possible"
        return True
    words = [token_strings(doc)[0][i] for i in range(start, end)]
    # "cannot sign without settling", "impossible without", "no ceasefire before"
    if any(w in _NEGATIVE for w in words):
        for w in words:
            if w in {"without", "before", "until"}:
                return True
    for i, w in enumerate(words[:-1]):
        if w == "only" and words[i + 1] in {"when", "after", "once"}:
            return True
    return False


# ----------------------------------------------------------------- sources


def _count_before(doc: Doc, i: int, lo: int) -> tuple[int | None, bool]:
    """Count of the source noun at token ``i`` from the words before it ("three of the
    sources", "two Russian sources", "a fourth source"). Returns (count, explicit)."""
    j = i - 1
    steps = 0
    while j >= lo and steps < 6:
        w = token_strings(doc)[0][j]
        if w.isdigit():
            return int(w), True
        if w in _NUMBERS:
            value = _NUMBERS.get(w)
            return value, value is not None
        if w in _SKIP_BEFORE_SOURCE or doc[j].is_alpha and doc[j].text[:1].isupper():
            j -= 1
            steps += 1
            continue
        break
    return None, False


def _anonymous(doc: Doc, start: int, end: int, lex: _Lexicons) -> SourceInfo | None:
    """An unnamed source in tokens [start, end), with its count when the text gives it."""
    for i in range(start, end):
        w = token_strings(doc)[0][i]
        if w not in _ANON_NOUNS:
            continue
        nxt = " ".join(t.lower_ for t in doc[i + 1:min(end, i + 4)])
        prev = token_strings(doc)[0][i - 1] if i > start else ""
        if w in {"people", "persons", "individuals", "person"} and not nxt.startswith(
                _INSIDERS) and not (
                # "two people who attended the talks said", "three people present said"
                nxt.startswith(_WITNESSES) and _speech_near(doc, i, end, lex, ahead=8)):
            continue
        if w in {"official", "officials", "diplomat", "diplomats", "aide", "aides"}:
            # "officials said" is unnamed; "Russian officials" as the actor is not a source
            if not (_speech_near(doc, i, end, lex, ahead=8 if nxt.startswith(_WITNESSES) else 4)
                    or _asks_anonymity(_window(doc, i, end, 10))
                    or nxt.startswith(_INSIDERS)):
                continue
            # "official Dmitry Peskov said": a named source
            if i + 1 < end and doc[i + 1].is_title and token_strings(doc)[0][i + 1] not in lex.speech:
                continue
        if w in {"source", "sources"} and (prev in {"open", "public", "energy", "main", "primary",
                                                    "news", "power", "water", "revenue"}
                                           or nxt.startswith(("of ", "for "))):
            continue
        count, explicit = _count_before(doc, i, start)
        if not explicit:
            count = 1 if w in _ANON_SINGULAR else None
        lo = i
        while lo > start and lo > i - 4 and doc[lo - 1].is_alpha \
                and token_strings(doc)[0][lo - 1] not in lex.speech \
                and token_strings(doc)[0][lo - 1] not in {"to", "by", "with", "according", "that", "and"}:
            lo -= 1
        return SourceInfo("anonymous", count, doc[lo:i + 1].text)
    for s, e in lex.anonymous.find(doc, start, end):
        if _asks_anonymity(_window(doc, s, end, 5)):
            return SourceInfo("anonymous", 1, doc[s:e].text)
    return None


# what a source who must not be named is said to have done ("who asked not to be named")
_ANONYMITY = ("anonymity", "to be named", "to be identified", "anonymously", "not authorised",
              "not authorized")


def _asks_anonymity(window: str) -> bool:
    return any(a in window for a in _ANONYMITY)


def _window(doc: Doc, i: int, end: int, n: int) -> str:
    return " ".join(t.lower_ for t in doc[max(0, i - n):min(end, i + n)])


# what follows an unnamed source: insiders ("people familiar with"), and those who
# were there ("people who attended", "officials involved in the talks")
_INSIDERS = ("familiar", "close", "briefed", "with knowledge", "knowledgeable", "aware", "involved")
_WITNESSES = ("who", "present", "at the", "in the room", "involved", "attending", "participating",
              "taking part", "from both", "on both", "inside", "briefed")


def _speech_near(doc: Doc, i: int, end: int, lex: _Lexicons, *, ahead: int = 4) -> bool:
    """A speech verb just after the source noun ("officials said"), or "according to" /
    "citing" a few words before it ("according to a senior Kremlin aide")."""
    low = token_strings(doc)[0]
    for j in range(i + 1, min(end, i + 1 + ahead)):
        if low[j] in lex.speech:
            return True
    return any(low[j] in lex.speech for j in range(max(0, i - 3), i)) or any(
        low[j] in {"according", "citing", "cited"} for j in range(max(0, i - 6), i))


def _document(doc: Doc, start: int, end: int, lex: _Lexicons) -> SourceInfo | None:
    """A document vouching for the claim: "according to the draft", "the plan says",
    "under the proposal", "the text of the proposal", "In the draft agreement, ..."."""
    for i in range(start, end):
        w = token_strings(doc)[0][i]
        if w in {"according", "under", "in"}:
            if w == "in" and i > start + 1:
                continue  # only a sentence-opening "In the draft, ..."
            j = i + 1
            if w == "according":
                if j < end and token_strings(doc)[0][j] == "to":
                    j += 1
                else:
                    continue
            k = j
            while k < end and k < j + 6 and token_strings(doc)[0][k] not in _DOC_NOUNS:
                if doc[k].is_punct and doc[k].text != "-":
                    break
                k += 1
            if not (k < end and k < j + 6 and token_strings(doc)[0][k] in _DOC_NOUNS):
                continue
            if token_strings(doc)[0][j] not in {"the", "a", "this", "that", "its", "their", "his", "our",
                                     "relevant", "new", "latest"}:
                continue
            between = {token_strings(doc)[0][x] for x in range(j, k)}
            if w in {"in", "under"} and token_strings(doc)[0][k] in {"agreement", "deal", "treaty",
                                                          "framework"} \
                    and not between & {"draft", "proposed", "text"}:
                continue  # "under the deal" is often the deal itself, not its text
            return SourceInfo("document", None, doc[i:k + 1].text)
        if w in _DOC_NOUNS and w not in {"deal", "agreement", "proposal", "version"}:
            # "the plan says", "the 28-point plan calls for", "the draft stipulates"
            nxt = token_strings(doc)[0][i + 1] if i + 1 < end else ""
            nxt2 = " ".join(t.lower_ for t in doc[i + 1:min(end, i + 4)])
            subject = i - start <= 6  # the document opens the sentence: it is the subject
            if nxt in _DOC_VERBS or (subject and nxt in {"would", "will", "also", "further"}) \
                    or nxt2.startswith((", seen by", ", obtained by", ", reviewed by",
                                        ", a copy of which", "seen by", "obtained by")):
                lo = i
                while lo > start and lo > i - 5 and not doc[lo - 1].is_punct \
                        and token_strings(doc)[0][lo - 1] not in lex.speech:
                    lo -= 1
                return SourceInfo("document", None, doc[lo:i + 1].text)
        if w == "text" and i + 2 < end and token_strings(doc)[0][i + 1] == "of":
            return SourceInfo("document", None, doc[i:min(end, i + 4)].text)
    for s, e in lex.document.find(doc, start, end):
        if token_strings(doc)[0][s] == "according":
            return SourceInfo("document", None, doc[s:e].text)
    return None


def _named(doc: Doc, start: int, end: int, lex: _Lexicons) -> SourceInfo | None:
    """A named speaker: "X said", "said X", "X told reporters", "according to X"."""
    for i in range(start, end):
        w = token_strings(doc)[0][i]
        if w == "according" and i + 2 < end and token_strings(doc)[0][i + 1] == "to":
            j = i + 2
            k = j
            while k < end and not doc[k].is_punct and k < j + 6:
                k += 1
            phrase = doc[j:k]
            named = len(phrase) and (phrase[0].is_title or phrase[0].is_upper or (
                phrase[0].lower_ == "the" and len(phrase) > 1 and phrase[1].is_title))
            low = {t.lower_ for t in phrase}
            anonymous = low & _ANON_NOUNS and not low & {"open", "public"}
            if named and not anonymous and not low & _DOC_NOUNS:
                return SourceInfo("named", None, phrase.text)
        if w in lex.speech and _reports_content(doc, i, start, end):
            speaker = _speaker_of(doc, i, start, end)
            if speaker is not None and _bare(speaker) in lex.bodies:
                # "Poland said", "the Kremlin said": a country or institution is the
                # outlet's account of its position, no one is on record (its spokesman is)
                return OUTLET
            if speaker is not None:
                return SourceInfo("named", None, speaker)
    return None


def _reports_content(doc: Doc, i: int, start: int, end: int) -> bool:
    """The speech verb reports words ("said that ...", "told reporters", ", Peskov said."),
    not an act ("Putin announced the annexation")."""
    if token_strings(doc)[0][i] in {"told", "tells", "tell", "wrote", "writes", "saying", "says", "say",
                         "said"}:
        return True
    if any(doc[k].text in {",", '"', "”"} for k in range(max(start, i - 2), i)):
        return True
    nxt = doc[i + 1] if i + 1 < end else None
    if nxt is None or nxt.is_punct or nxt.text in _QUOTES:
        return True
    return nxt.lower_ in _ADVERBIAL or (nxt.is_title and nxt.lower_ not in {"the", "a", "an"})


def _speaker_of(doc: Doc, i: int, start: int, end: int) -> str | None:
    """The subject of the speech verb at ``i``: a name or title just before it
    ("Zelensky said", "the Kremlin spokesman said") or after it ("said Peskov").
    A subject before the verb wins: in "Zelensky said Kyiv would ..." Kyiv is the
    subject of what was said, not the speaker."""
    before = _speaker_before(doc, i, start)
    if before is not None:
        return before
    if i + 1 < end and doc[i + 1].is_title and doc[i + 1].is_alpha:
        j = i + 1
        while j < end and j < i + 6 and (doc[j].is_title or token_strings(doc)[0][j] in {"'s", "of"}):
            j += 1
        # "..., said Peskov." / "said Peskov on Monday": the speaker; in "said Kyiv had
        # agreed" the name is the subject of what was said
        if j >= end or doc[j].is_punct or token_strings(doc)[0][j] in _AFTER_SPEAKER:
            return doc[i + 1:j].text
    return None


_AFTER_SPEAKER = frozenset(["on", "in", "at", "during", "after", "before", "when", "while", "who",
                            "adding", "told", "according", "late", "earlier", "later", "today",
                            "yesterday", "this", "last"])


def _speaker_before(doc: Doc, i: int, start: int) -> str | None:
    j = i - 1
    while j >= start and (token_strings(doc)[0][j] in _SPEAKER_SKIP
                          or (token_strings(doc)[0][j].endswith("ly") and doc[j].is_alpha)):
        j -= 1
    if j < start:
        return None
    if doc[j].text == ",":
        return _appositive_speaker(doc, j, start)
    if doc[j].is_punct:
        return None
    if token_strings(doc)[0][j] in {"he", "she", "they", "we", "i"}:
        return doc[j].text
    k = j
    while k > start and k > j - 6 and not doc[k - 1].is_punct \
            and token_strings(doc)[0][k - 1] not in _SPEAKER_STOP:
        k -= 1
    # "the Adviser to the Head of the President's Office", "a spokesman for the Kremlin":
    # a person's title, not the office
    low_ = token_strings(doc)[0]
    while j - k < 14:
        if k - 2 > start and low_[k - 1] == "and" and doc[k - 2].is_title:
            # "the special envoy for Ukraine and Russia": a list inside the title
            k -= 2
            while k > start and j - k < 14 and doc[k - 1].is_title and doc[k - 1].is_alpha:
                k -= 1
            continue
        m = k - 1 - (k - 1 > start and low_[k - 1] == "the")
        if not (m > start and low_[m] in ("of", "to", "for")
                and (doc[m - 1].is_title or low_[m - 1] in _TITLES)):
            break
        k = m - 1
        while k > start and j - k < 14 and not doc[k - 1].is_punct \
                and low_[k - 1] not in _SPEAKER_STOP:
            k -= 1  # "U.S. special envoy", "Head"
        if k > start and low_[k - 1] in ("the", "a", "an"):
            k -= 1
    phrase = doc[k:j + 1]
    low = {t.lower_ for t in phrase}
    if low & _ANON_NOUNS or low & _NOT_SPEAKER:
        return None
    if any(t.is_title or (t.is_upper and t.is_alpha) for t in phrase) or low & _TITLES:
        return phrase.text
    return None


def _appositive_speaker(doc: Doc, comma: int, start: int) -> str | None:
    """"Andriy Yermak, the head of Zelensky's office, said ...": the name before the
    appositive that ends at ``comma`` (no verb in between, a few words long)."""
    low = token_strings(doc)[0]
    k = comma - 1
    while k > start and comma - k <= 10 and low[k] != ",":
        k -= 1
    if k <= start or low[k] != "," or not (doc[k - 1].is_title and doc[k - 1].is_alpha):
        return None
    n = k - 1
    while n > start and k - n < 4 and doc[n - 1].is_title and doc[n - 1].is_alpha:
        n -= 1
    phrase = doc[n:k]
    if {t.lower_ for t in phrase} & (_ANON_NOUNS | _NOT_SPEAKER):
        return None
    return phrase.text


def _explicit(doc: Doc, start: int, end: int, lex: _Lexicons) -> SourceInfo | None:
    return (_anonymous(doc, start, end, lex) or _document(doc, start, end, lex)
            or _named(doc, start, end, lex))


class SourceContext:
    """Per-document attribution state, so a sentence without its own attribution can
    take it from its neighbours: "..., the sources said. Another option is ...";
    a quote whose speaker is named later ("“...,” Zelensky told reporters");
    "This was reported by the FT, citing informed sources" after a lead."""

    def __init__(self, doc: Doc, *, dossier: Dossier | None = None,
                 outlet: str | None = None) -> None:
        self.doc = doc
        self.lex = _lexicons(dossier)
        self._sents = sentence_spans(doc)
        self._starts = [s.start for s in self._sents]
        self._own: dict[int, SourceInfo | None] = {}
        if outlet is None and doc_text(doc).startswith("---"):
            m = _FRONT_OUTLET.search(doc_text(doc)[:3000])
            outlet = m.group(1) if m else None
        self.outlet = outlet
        self.official = bool(outlet and _OFFICIAL_OUTLET.search(outlet))
        self._quotes: list[bool] | None = None  # computed on first use

    @property
    def _in_quote(self) -> list[bool]:
        if self._quotes is None:
            self._quotes = self._quote_state()
        return self._quotes

    def index(self, sentence: Span) -> int:
        return max(bisect.bisect_right(self._starts, sentence.start) - 1, 0)

    def own(self, i: int) -> SourceInfo | None:
        """The attribution written in sentence ``i`` itself."""
        if i not in self._own:
            s = self._sents[i]
            self._own[i] = _explicit(self.doc, s.start, s.end, self.lex)
        return self._own[i]

    def in_quote(self, sentence: Span) -> bool:
        """The sentence starts inside a quotation opened earlier."""
        return self._in_quote[self.index(sentence)]

    def _quote_state(self) -> list[bool]:
        state = []
        open_ = False
        text = doc_text(self.doc)  # built once: Doc.text joins every token
        prev_end = 0
        for s in self._sents:
            a, b = s.start_char, s.end_char
            # a quote running into a new paragraph is reopened with a quote mark in news copy
            if "\n" in text[prev_end:a]:
                open_ = False
            chunk = text[a:b]
            prev_end = a + len(chunk.rstrip())  # a sentence span may end in its line break
            state.append(open_)
            if not _QUOTE_CHARS.search(chunk):
                continue
            for ch in _QUOTE_CHARS.findall(chunk):
                if ch in _OPEN_QUOTES:
                    open_ = True
                elif ch in _CLOSE_QUOTES:
                    open_ = False
                else:
                    open_ = not open_
        return state

    def reported_after(self, sentence: Span) -> SourceInfo | None:
        """The source of a following "This was reported by ..., citing sources."."""
        i = self.index(sentence)
        if i + 1 < len(self._sents):
            head = " ".join(t.lower_ for t in self._sents[i + 1][:4])
            if head.startswith(("this was reported", "this was said", "this is according",
                                "that was reported", "this was stated", "this was announced")):
                return self.own(i + 1)
        return None

    def carried(self, sentence: Span) -> SourceInfo | None:
        """Attribution from the neighbouring sentences (None if none applies)."""
        i = self.index(sentence)
        n = len(self._sents)
        if self._in_quote[i]:
            # inside a quotation: its speaker, named in this or a following sentence
            for j in range(i, min(n, i + 4)):
                info = self.own(j)
                if info is not None:
                    return info
                if j + 1 < n and not self._in_quote[j + 1]:
                    break
            return SourceInfo("named", None, None)
        forward = self.reported_after(sentence)
        if forward is not None:
            return forward
        if i > 0:
            prev = self.own(i - 1)
            if prev is not None:
                return prev
        return None


_SPEECH_PERSONS = frozenset(["i", "we", "our", "us", "my", "me", "you", "your", "ours"])


def _bare(phrase: str) -> str:
    low = " ".join(phrase.lower().split())
    return low[4:] if low.startswith("the ") else low


def attribute_source(
    sentence: Span,
    clause: Span,
    *,
    actor_span: Span | None,
    speaker_is_actor: bool,
    context: SourceContext,
    dossier: Dossier | None = None,
) -> SourceInfo:
    """Who vouches for the stance in ``clause``.

    ``speaker_is_actor`` means the actor is the subject of a speech or reporting
    verb ("Zelensky said Ukraine will not ..."); an actor merely holding the
    stance ("Putin continues to insist ...") is the outlet's account.
    """
    lex = context.lex if dossier is None else _lexicons(dossier)
    doc = sentence.doc
    i = context.index(sentence)
    same = context._sents[i].start == sentence.start and context._sents[i].end == sentence.end
    own = context.own(i) if same and lex is context.lex else _explicit(
        doc, sentence.start, sentence.end, lex)
    if own is not None:
        return own
    if speaker_is_actor and any(t.lower_ in lex.speech for t in sentence):
        # the actor speaks ("Zelensky, speaking on Tuesday, ..."); an actor who merely
        # holds the stance ("Putin continues to insist") is the outlet's account
        return SourceInfo("named", None, actor_span.text if actor_span is not None else None)
    forward = context.reported_after(sentence)
    if forward is not None:
        return forward
    if any(t.text in _QUOTES for t in clause):
        return SourceInfo("named", None, None)
    lows, orths = token_strings(doc)
    if any(lows[k] in _SPEECH_PERSONS and orths[k] != "US" for k in range(sentence.start, sentence.end)):
        # "we", "our", "you" outside quote marks: a transcript or a printed speech, the
        # words of the person speaking (news prose does not say "we")
        return SourceInfo("named", None, None)
    # carried attribution applies to a sentence with no actor of its own named in it
    # ("Another option is ...", "He also wants ...", a continued quote)
    pronoun_actor = actor_span is not None and actor_span.text.lower() in _PRONOUNS
    if context.in_quote(sentence) or actor_span is None or pronoun_actor:
        carried = context.carried(sentence)
        if carried is not None and context.official and carried.kind == "document":
            # on a party's own channel the party speaks about the draft
            return SourceInfo("named", None, context.outlet)
        if carried is not None:
            return carried
    if context.official:
        return SourceInfo("named", None, context.outlet)
    return OUTLET
