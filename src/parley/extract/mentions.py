"""Find mentions: parties, issues/outcomes, regions, act triggers and cue words.

One spaCy component (``parley_mentions``) runs a PhraseMatcher and a Matcher
built from the dossier over the whole Doc once and stores the result as
``doc._.parley_mentions`` (sorted, longest match kept within each kind).
Deciding what the mentions mean is left to ``stance.py`` (find, then annotate).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from parley.dossier import Dossier
from parley.dossier.schema import OutcomeShift, TokenPattern, expand_phrase
from parley.extract.segment import token_strings

if not Doc.has_extension("parley_mentions"):
    Doc.set_extension("parley_mentions", default=None)

# kinds of mention; overlaps are resolved within a kind only
PARTY = "party"
ISSUE = "issue"
REGION = "region"
ACT = "act"
CUE = "cue"  # negation, reporting verbs, assessment, anaphora, hedges ...

# lexicons read as plain cue words (label = lexicon name)
CUE_LEXICONS = (
    "negation",
    "reporting",
    "assessment",
    "anaphora",
    "condition_flip",
    "hedge",
    "condition",
    "past",
    "source_anonymous",
    "source_document",
    "nonclaim",
    "clause_split",
    "clause_exchange",
    "house_titles",
    "territory_handover",
    "list_continuation",
    "plan_frame",
    "plan_nouns",
    "plan_verbs",
)
# act lexicons: "<act>" (the grammatical subject holds the stance) and
# "<act>_speaker" (modal cues such as "must", "impossible": the speaker holds it)
ACT_LEXICONS = {
    "demand": ("demand", "subject"),
    "propose": ("propose", "subject"),
    "reject": ("reject", "subject"),
    "demand_speaker": ("demand", "speaker"),
    "propose_speaker": ("propose", "speaker"),
    "reject_speaker": ("reject", "speaker"),
    # nouns: held by their possessor ("Russia's demands", "US proposals")
    "demand_noun": ("demand", "noun"),
    "propose_noun": ("propose", "noun"),
    "reject_noun": ("reject", "noun"),
    # sentence-initial orders ("Withdraw your troops."): held by the speaker
    "demand_imperative": ("demand", "imperative"),
}


@dataclass(frozen=True)
class Mention:
    kind: str  # party | issue | region | act | cue
    label: str  # party code, issue code, region code/group, act, cue lexicon name
    value: str | None  # outcome code (issue), holder type (act), "homonym" (region)
    start: int  # token indices into the Doc
    end: int


def _add(matcher: PhraseMatcher, nlp: Language, key: str, phrases: list[str]) -> None:
    docs = [nlp.make_doc(p) for p in dict.fromkeys(phrases) if p and p.strip()]
    if docs:
        matcher.add(key, docs)


class MentionFinder:
    """PhraseMatcher + Matcher over the dossier's names and lexicons."""

    def __init__(self, nlp: Language, dossier: Dossier) -> None:
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        # all-capital names ("US", "UN") match as written: "give us weapons" names no party
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.patterns = Matcher(nlp.vocab)
        self.keys: dict[str, tuple[str, str, str | None]] = {}
        # (issue, outcome) -> the shifts that may turn that outcome into another
        self.shifts: dict[tuple[str, str], list[OutcomeShift]] = {}
        for issue in dossier.issues:
            for sh in issue.shifts:
                self.shifts.setdefault((issue.code, sh.from_), []).append(sh)

        def reg(kind: str, label: str, value: str | None) -> str:
            key = f"{kind}|{label}|{value or ''}"
            self.keys[key] = (kind, label, value)
            return key

        # "accession ... to the European Union": a head and a tail phrase up to
        # _GAP tokens apart, matched by the PhraseMatcher and joined in __call__
        self.gapped: dict[str, tuple[str, str]] = {}  # head key -> (tail key, key)

        def add_entries(kind: str, label: str, value: str | None, entries: list) -> None:
            key = reg(kind, label, value)
            # "{freeze|freezing} the front line": every phrase the entry stands for
            entries = [x for e in entries
                       for x in (expand_phrase(e) if isinstance(e, str) else [e])]
            for e in entries:
                if isinstance(e, str) and " ... " in e:
                    head, tail = e.split(" ... ", 1)
                    n = len(self.gapped)
                    hk, tk = f"gap|{n}|head", f"gap|{n}|tail"
                    self.keys[hk] = self.keys[tk] = ("gap", "", None)
                    _add(self.phrases, nlp, hk, [head])
                    _add(self.phrases, nlp, tk, [tail])
                    self.gapped[hk] = (tk, key)
            plain = [e for e in entries if isinstance(e, str) and " ... " not in e]
            caps = [e for e in plain if _acronym(e)] if kind == PARTY else []
            _add(self.phrases, nlp, key, [e for e in plain if e not in caps])
            _add(self.exact, nlp, key, caps)
            pats = [e.pattern for e in entries if isinstance(e, TokenPattern)]
            if pats:
                self.patterns.add(key, pats)

        roles = [r.lower() for r in dossier.phrases("role_nouns")]
        for p in dossier.parties:
            add_entries(PARTY, p.code, None, list(p.aliases))
            # people and titles: "he" in the next sentence may stand for them
            add_entries(PARTY, p.code, "person", [*p.people, *p.titles])
            if roles:
                # "Russian officials", "Germany's chancellor", "the EU's foreign policy
                # chief": a party's adjective or possessive name counts only before a
                # role noun ("the Ukrainian army" is no speaker, "Ukraine's allies" are
                # not Ukraine). Owners and roles are matched apart and joined in
                # __call__: expanding every owner x role phrase cost ~150 MB.
                key = reg(PARTY, p.code, None)
                # names without "the" suffice: "the EU's envoy" contains "EU's envoy"
                names = [a for a in p.aliases if " " not in a or len(a.split()) == 2
                         and not a.lower().startswith(("the ", "our "))]
                for kind, owners in (
                    ("adj", list(p.adjectives)),
                    ("poss", [f"{a}{s}" for a in names for s in ("'s", "’s")]),
                ):
                    owner_key = f"owner|{p.code}|{kind}"
                    self.keys[owner_key] = ("owner", kind, key)
                    _add(self.phrases, nlp, owner_key, owners)
        if roles:
            owned = [r for r in roles if r not in RELATIONAL_ROLES]
            for kind, mids, nouns in (
                ("adj", _ROLE_MODIFIERS, roles),
                ("poss", ("", "foreign ", "special ", "chief ", "top "), owned),
            ):
                self.keys[f"role|{kind}"] = ("role", kind, None)
                _add(self.phrases, nlp, f"role|{kind}", [f"{m}{r}" for m in mids for r in nouns])
        for issue in dossier.issues:
            for o in issue.outcomes:
                add_entries(ISSUE, issue.code, o.code, list(o.phrases))
            add_entries(ISSUE, issue.code, None, list(issue.cues))
        for r in dossier.regions:
            homs = {h.lower() for h in r.homonyms}
            plain = [a for a in [r.name, *r.aliases] if a.lower() not in homs]
            add_entries(REGION, r.code, None, plain)
            add_entries(REGION, r.code, "homonym", list(r.homonyms))
        for g in dossier.groups:
            add_entries(REGION, "group:" + g.name, None, [g.name, *g.aliases])
        for lex, (act, holder) in ACT_LEXICONS.items():
            add_entries(ACT, act, holder, list(dossier.lexicons.get(lex, [])))
        for lex in CUE_LEXICONS:
            add_entries(CUE, lex, None, list(dossier.lexicons.get(lex, [])))

    def __call__(self, doc: Doc) -> list[Mention]:
        found: dict[str, list[tuple[int, int, str]]] = {}
        strings = doc.vocab.strings
        matches = list(self.phrases(doc))
        if len(self.exact):
            matches += self.exact(doc)
        if len(self.patterns):
            matches += self.patterns(doc)
        gaps: dict[str, list[tuple[int, int]]] = {}
        owners: list[tuple[int, int, str]] = []
        role_ends: dict[tuple[str, int], int] = {}  # (owner kind, start) -> longest end
        for match_id, s, e in matches:
            key = strings[match_id]
            kind = self.keys[key][0]
            if kind == "gap":
                gaps.setdefault(key, []).append((s, e))
                continue
            if kind == "owner":
                owners.append((s, e, key))
                continue
            if kind == "role":
                at = (self.keys[key][1], s)
                role_ends[at] = max(e, role_ends.get(at, e))
                continue
            found.setdefault(kind, []).append((s, e, key))
        for s, e, owner_key in owners:
            _, kind, party_key = self.keys[owner_key]
            end = role_ends.get((kind, e))
            if end is not None:
                found.setdefault(PARTY, []).append((s, end, party_key))
        for hk, (tk, key) in self.gapped.items():
            for s, e in gaps.get(hk, ()):
                tail = [(s2, e2) for s2, e2 in gaps.get(tk, ()) if e <= s2 <= e + _GAP]
                # a stance noun in the gap is a stance of its own: "dropped its objections
                # to Ukraine's NATO bid" is no "dropped ... NATO" ("children must be
                # returned" still is "children ... returned")
                if tail and any(e <= a < tail[0][0] and self.keys[k][2] == "noun"
                                for a, _, k in found.get(ACT, ())):
                    continue
                if tail:
                    found.setdefault(self.keys[key][0], []).append((s, tail[0][1], key))
        out: list[Mention] = []
        for kind, items in found.items():
            if kind == CUE:
                # cue lexicons overlap freely ("if" is both a condition and a hedge cue)
                kept = items
            elif kind == ISSUE:
                kept = _longest_per_label(items, self.keys)
            elif kind == ACT:
                # "demands" is a verb or a noun: keep both readings of the same span,
                # the stance step tries the noun (possessor) reading first
                kept = _longest(items)
                spans = {(s, e) for s, e, _ in kept}
                kept = sorted(
                    {(s, e, k) for s, e, k in items if (s, e) in spans},
                    key=lambda t: (t[0], self.keys[t[2]][2] != "noun"),
                )
            else:
                kept = _longest(items)
            for s, e, key in kept:
                k, label, value = self.keys[key]
                out.append(Mention(k, label, value or None, s, e))
        if PARTY in found and CUE in found:
            out = _drop_cues_in_names(out)
        if self.shifts and ISSUE in found:
            out = _shift_outcomes(doc, out, self.shifts)
        out.sort(key=lambda m: (m.start, -m.end, m.kind != ACT or m.value != "noun"))
        return out


# words between a party's adjective or possessive and its role noun ("French foreign
# minister", "the U.S. special envoy")
_ROLE_MODIFIERS = ("", "foreign ", "defence ", "defense ", "chief ", "special ", "top ")
# role nouns that name another party's people ("Ukraine's allies")
RELATIONAL_ROLES = frozenset(
    ["allies", "ally", "partners", "partner", "counterparts", "counterpart", "colleagues"]
)

_GAP = 5  # most tokens between the two parts of a "head ... tail" phrase


def _acronym(name: str) -> bool:
    """"US", "UN", "EU": a short all-capital name that is also a common word in
    lower case ("us")."""
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and len(letters) <= 4 and all(c.isupper() for c in letters) \
        and " " not in name


def _drop_cues_in_names(ms: list[Mention]) -> list[Mention]:
    """A cue word inside a longer party name is part of the name: "States" in "the
    United States" is no reporting verb ("states")."""
    inside: dict[int, tuple[int, int]] = {}  # token -> span of the multi-word name over it
    for m in ms:
        if m.kind == PARTY and m.end - m.start > 1:
            for i in range(m.start, m.end):
                inside[i] = (m.start, m.end)
    if not inside:
        return ms
    out = []
    for m in ms:
        span = inside.get(m.start) if m.kind == CUE else None
        if span is not None and span[0] <= m.start and m.end <= span[1] and \
                span[1] - span[0] > m.end - m.start:
            continue
        out.append(m)
    return out


_SHIFT_STOPS = frozenset([",", ";", ":", ".", "?", "!", '"', "“", "”", "(", ")"])
# after the phrase a shift word must be a verb of it: not "until the end of the
# war", "weapons to stop the offensive"
_NOT_AFTER = frozenset(["to", "the", "a", "an", "its", "their", "this", "that"])


def _shift_outcomes(doc: Doc, ms: list[Mention],
                    shifts: dict[tuple[str, str], list[OutcomeShift]]) -> list[Mention]:
    """An outcome phrase with a shift word of its issue next to it, in the same clause,
    takes the shift's outcome ("weapons deliveries are halted" -> halted)."""
    low = token_strings(doc)[0]
    n = len(low)
    out = []
    for m in ms:
        for sh in shifts.get((m.label, m.value), ()) if m.kind == ISSUE and m.value else ():
            words = sh.words
            hit = False
            k = m.start - 1
            while k >= max(0, m.start - sh.window) and low[k] not in _SHIFT_STOPS:
                if low[k] in words:
                    hit = True
                    break
                k -= 1
            k = m.end
            while not hit and k < min(n, m.end + sh.window) and low[k] not in _SHIFT_STOPS:
                if low[k] in words and low[k - 1] not in _NOT_AFTER:
                    hit = True
                k += 1
            if hit:
                m = Mention(m.kind, m.label, sh.to, m.start, m.end)
                break
        out.append(m)
    return out


def _longest(items: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Longest non-overlapping matches, earliest first (like spacy.util.filter_spans)."""
    ordered = sorted(items, key=lambda t: (-(t[1] - t[0]), t[0]))
    taken: set[int] = set()
    kept = []
    for s, e, key in ordered:
        if any(i in taken for i in range(s, e)):
            continue
        kept.append((s, e, key))
        taken.update(range(s, e))
    return sorted(kept)


def _longest_per_label(items, keys) -> list[tuple[int, int, str]]:
    """Issue phrases of different issues may overlap ("NATO military presence"
    is foreign_troops, "NATO" alone a nato_membership cue): the longest wins, and
    an issue's outcome phrase beats its own bare cue."""
    kept = _longest(items)
    return kept


__all__ = ["Mention", "MentionFinder", "filter_spans"]


_FINDERS: dict[str, MentionFinder] = {}


@Language.factory(
    "parley_mentions",
    assigns=["doc._.parley_mentions"],
    requires=[],
    default_config={"key": ""},
)
def make_mentions(nlp: Language, name: str, key: str):
    finder = _FINDERS[key]

    def component(doc: Doc) -> Doc:
        doc._.parley_mentions = finder(doc)
        return doc

    return component


def register_finder(key: str, finder: MentionFinder) -> None:
    """Make a dossier's finder available to the ``parley_mentions`` factory."""
    _FINDERS[key] = finder
