"""Decide stances from mentions: clauses, acts, actors, issues, regions.

Pure functions over a Doc whose ``doc._.parley_mentions`` is set (see
``mentions.py``). For each sentence: split it into clauses, take the clause's
first act trigger, resolve who holds the stance (the grammatical subject for
stance verbs, the speaker for modal cues), collect the issues and regions it is
about, and apply negation and "unless" flips. The result is a list of
``Stance`` drafts; ``pipeline.py`` adds sources, hedges and dates.

The subject is the word before the trigger's verb group ("Russia is also ready
to"); a subject that is visibly no party ("the guarantor countries are
committed to", "They simply renounced") holds no stance. A speaker's modal about
its own party ("Ukraine must hold negotiations", said by Kyiv) is an offer.
"Talks"/"negotiations" count only as the object of a stance ("open to
negotiations"), not as talk about talks. Plan texts ("Under the US plan, ...",
"The draft provides that ...") and the items of a list opened by "Russia's
demands include:" or a plan heading are the plan author's / list holder's.

Clauses: a sentence splits at "but"/"while"/";", at ", adding"/"and that", at
"and" joining two stance verbs of one subject in the same form ("opposed X and
called for Y"), and before a relative clause whose party subject takes a stance
on the noun before it ("a truce, which Moscow refused"). In a clause opened by a
condition ("If this is not possible, we need ..."), the main clause's trigger
wins. A quote's speaker is the one named where the quote closes, else the person
the previous sentence named, else the last speaker or person.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from parley.dossier import Dossier
from parley.extract.mentions import ACT, CUE, ISSUE, PARTY, REGION, RELATIONAL_ROLES, Mention
from parley.extract.segment import doc_text, token_strings

_PREPOSITIONS = frozenset(
    ["to", "from", "with", "of", "on", "for", "by", "against", "into", "in", "at", "between", "about", "over", "toward", "towards", "than", "upon", "among", "via", "under", "behind"]
)
_LOCATIVE = frozenset(["in", "at", "during", "of", "on", "through", "after", "before", "within", "into"])
_REGION_NOUNS = frozenset(["region", "regions", "oblast", "oblasts", "province", "provinces"])
_QUOTE_RE = re.compile('["“”«»]')
_QUOTES = frozenset('"“”«»')
_PERSON_PRONOUNS = frozenset({"he", "she"})
_FIRST_PERSON = frozenset({"we", "i", "our", "us", "my"})
_FLIP = {"propose": "reject", "demand": "reject", "reject": "propose"}


@dataclass(frozen=True)
class IssueHit:
    issue: str
    outcome: str | None
    start: int  # token index of the mention
    act: str  # the act after flips ("unless" turns a refusal into a demand)
    why: str = ""  # rule suffix naming the flip


@dataclass(frozen=True)
class Stance:
    """A stance found in one clause, before sources and dates are attached."""

    actor: str
    act: str
    issue: str
    outcome: str | None
    regions: tuple[str, ...]
    clause: Span
    sentence: Span
    actor_span: Span | None
    speaker_is_actor: bool
    rule: str


@dataclass
class DocState:
    """What carries from one sentence to the next."""

    last_person: str | None = None  # party of the last named person ("he said")
    last_speaker: str | None = None
    last_stances: list[Stance] = field(default_factory=list)
    stances_age: int = 0  # sentences since the one that gave last_stances
    in_quote: bool = False
    house: str | None = None  # the party publishing the report (kremlin.ru: RU)
    last_act: tuple[str, str] | None = None  # (actor, act) of the last trigger seen
    people: list[str] = field(default_factory=list)  # the last two parties named by people
    plan_author: str | None = None  # who drafted the plan last named ("Trump's plan")
    list_holder: tuple[str, str, str] | None = None  # (actor, act, rule) of a list's items
    in_list: bool = False  # the current line is an item of that list
    line_speaker: str | None = None  # "Zelensky: ..." opening the current line
    prev_person: str | None = None  # party of the person the previous sentence named
    pair: list[str] = field(default_factory=list)  # "China and Brazil" opening the last sentence
    remarks_by: str | None = None  # whose remarks follow ("Excerpts from his remarks follow.")
    prev_mentions: list[Mention] = field(default_factory=list)  # the previous sentence's
    plan_para: str | None = None  # the author of the plan text this paragraph goes on with
    question_issues: list[Mention] = field(default_factory=list)  # a question just asked
    first_person: str | None = None  # party of the first person named: an interview's subject


def _in(m: Mention, start: int, end: int) -> bool:
    return m.start >= start and m.end <= end


def _overlaps(m: Mention, others: list[Mention]) -> bool:
    return any(m.start < o.end and o.start < m.end for o in others)


class StanceFinder:
    """Per-sentence decisions over the mention list (built once per dossier)."""

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.regional = {i.code for i in dossier.issues if i.regional}
        self.groups = {g.name: list(g.members) for g in dossier.groups}
        self.weak = {str(w).lower() for w in dossier.phrases("weak_issue_phrases")}
        self.secondary = {
            str(w).lower() for w in dossier.phrases("secondary_issue_phrases")
        }
        self.defaults = {i.code: i.default_outcome for i in dossier.issues}
        self.adjectives = {
            a.lower(): p.code for p in dossier.parties for a in p.adjectives
        }
        self.roles = {str(r).lower() for r in dossier.phrases("role_nouns")}
        self.person_names = {
            p.code: {n.lower() for n in [*p.people, *p.titles]} for p in dossier.parties
        }

    # -- speakers ------------------------------------------------------------
    def speaker(self, doc: Doc, sent: Span, ms: list[Mention], state: DocState) -> tuple:
        """(party, span, kind) of the sentence's speaker; kind is "party", "assessment",
        "anonymous" or None."""
        parties: list[Mention] = []
        reports: list[Mention] = []
        assess: list[Mention] = []
        anon: list[Mention] = []
        for m in ms:  # one pass: this runs for every sentence that names anything
            if m.kind == PARTY:
                parties.append(m)
            elif m.kind == CUE:
                if m.label == "reporting":
                    reports.append(m)
                elif m.label == "assessment":
                    assess.append(m)
                elif m.label == "source_anonymous":
                    anon.append(m)
        if not reports:
            return None, None, None  # no reporting verb: nobody is quoted as speaking
        fallback = None
        low = _low(doc)
        for r in reports:
            if r.start > sent.start and low[r.start - 1] in ("not", "never", "n't"):
                continue  # "Russia has never confirmed ...": no one speaks
            text = " ".join(low[r.start : r.end])
            if text == "according to":
                nxt = _low(doc)[r.end] if r.end < len(doc) else ""
                if nxt in ("him", "her"):
                    # "According to him, ...": the last person, unless the sentence
                    # names a speaker of its own further on
                    fallback = fallback or state.last_person
                    continue
                after = [p for p in parties if r.end <= p.start <= r.end + 4]
                if after:
                    return after[0].label, doc[after[0].start : after[0].end], "party"
                if low[r.end : r.end + 1] == ["the"] and r.end + 1 < len(low) and \
                        low[r.end + 1] in self.roles and low[r.end + 1] not in _RELATIONAL:
                    # "According to the minister, ...": the person last named
                    fallback = fallback or state.last_person
                continue
            if r.start > sent.start + 2 and low[r.start - 1] in _PERSON_PRONOUNS and \
                    low[r.start - 2] == "," and state.last_person:
                # "European partners, he added, should ...": he speaks, not the partners
                return state.last_person, None, "party"
            # a party inside the quote before '," he said' is not its speaker
            before = [p for p in parties if r.start - 8 <= p.end <= r.start
                      and not any(t.text in _QUOTES for t in doc[p.end : r.start])]
            if any(r.start - 8 <= a.end <= r.start for a in assess):
                return None, None, "assessment"
            while len(before) > 1 and before[-1].start > 0 and \
                    _low(doc)[before[-1].start - 1] in ("and", "or") and \
                    before[-2].start > 0 and _low(doc)[before[-2].start - 1] in _PREPOSITIONS:
                before = before[:-2]  # "the envoy for Ukraine and Russia said"
            if before:
                p = before[-1]
                # "Lavrov said" but not "the war in Ukraine, he said"; "politicians in
                # Europe say" is Europe speaking
                if not (p.start > sent.start and _low(doc)[p.start - 1] in _PREPOSITIONS) or (
                    p.start > sent.start + 1 and _low(doc)[p.start - 1] in ("in", "from")
                    and _low(doc)[p.start - 2] in self.roles
                ):
                    return p.label, doc[p.start : p.end], "party"
            head = _subject_head(doc, r.start, sent.start)  # "they simply stated"
            prev = doc[head] if head is not None else None
            if prev is not None and prev.lower_ in _PERSON_PRONOUNS and state.last_person:
                return state.last_person, None, "party"
            if prev is not None and state.last_person and self._role_of_last(doc, prev.i, sent):
                # "the minister added", "the head of state stressed": the person last named
                return state.last_person, None, "party"
            if prev is not None and prev.lower_ == "they" and not any(
                p.start < r.start for p in parties
            ):
                return None, None, "other"  # "they stated that ...": not the house
            if prev is not None and prev.lower_ in ("we", "i") and state.last_speaker:
                return state.last_speaker, None, "party"
            after = [p for p in parties if r.end <= p.start <= r.end + 3]
            if after:
                return after[0].label, doc[after[0].start : after[0].end], "party"
            if any(r.start - 6 <= a.end <= r.start for a in anon):
                return None, None, "anonymous"
        if assess and reports:
            return None, None, "assessment"
        if fallback:
            return fallback, None, "party"
        return None, None, None

    def _role_of_last(self, doc: Doc, head: int, sent: Span) -> bool:
        """"the president", "the minister", "the head of state" right before a reporting
        verb: a bare role that refers back to someone named earlier."""
        low = _low(doc)
        if low[max(sent.start, head - 2) : head + 1] == ["head", "of", "state"]:
            head -= 2
        elif low[head] not in self.roles or low[head] in _RELATIONAL or \
                not doc[head].is_lower:
            return False
        j = head - 1
        while j >= sent.start and j >= head - 2 and low[j] not in ("the", "this", "his", "her"):
            j -= 1  # "the chief negotiator", "the special envoy", "his spokesman"
        return j >= sent.start and low[j] in ("the", "this", "his", "her") and (
            j == sent.start or doc[j - 1].is_punct or low[j - 1] in _QUOTES
        )

    # -- actors --------------------------------------------------------------
    def subject(
        self, doc: Doc, trig: Mention, lo: int, ms: list[Mention], state: DocState,
        speaker: str | None,
    ) -> tuple[str | None, Span | None, str, int]:
        """Nearest party before the trigger that is not the object of a preposition:
        (party, span, how, token index where the stance's holder starts). ``how`` is
        "blocked" when the verb's own subject is visibly someone else ("the guarantor
        countries are committed to", "They simply renounced"): no fallback applies."""
        head = _subject_head(doc, trig.start, lo)
        head = _skip_relative(doc, head, lo)
        if head is not None:
            word = _low(doc)[head]
            for m in ms:
                if m.kind == PARTY and m.end == head + 1 and m.start >= lo:
                    return m.label, doc[m.start : m.end], "subject", m.start
            if word in ("which", "who") and head - 1 > lo and _low(doc)[head - 1] == ",":
                # "Ukraine, which accepted the proposal": the relative's antecedent
                for m in ms:
                    if m.kind == PARTY and m.end == head - 1 and m.start >= lo:
                        return m.label, doc[m.start : m.end], "subject", m.start
            if word in ("that", "which") and (plan := next(
                (m for m in ms if m.kind == CUE and m.label == "plan_nouns"
                 and head - 4 <= m.end <= head), None)) is not None and not any(
                    p.kind == PARTY and plan.end <= p.start < head for p in ms):
                # "handed Kyiv a memorandum on Monday that demands ...": the document's
                # author holds what it demands
                if state.plan_author:
                    return state.plan_author, None, "document", lo
                return None, None, "blocked", lo
            if state.plan_author and any(
                m.kind == CUE and m.label == "plan_nouns" and m.end == head + 1 for m in ms
            ) and not any(m.kind == PARTY and head - 3 <= m.start <= head for m in ms):
                # "The memorandum also insists on ...": the document's author holds it
                return state.plan_author, None, "document", lo
            if word in ("'s", "’s") and head > lo:
                for m in ms:
                    if m.kind == PARTY and m.end == head and m.start >= lo:
                        return m.label, doc[m.start : m.end], "subject", m.start
            if word in _PREPOSITIONS:
                return None, None, "blocked", lo  # "a signal from Russia on readiness"
            if word in _PRONOUN_SUBJECTS and not any(
                m.kind == PARTY and lo <= m.start and m.end <= head
                and not (m.start > 0 and _low(doc)[m.start - 1] in _PREPOSITIONS)
                for m in ms
            ):
                return None, None, "blocked", lo  # "They simply renounced ..."
            if word in self.roles and word not in _RELATIONAL:
                # "Moscow's negotiators", "White House officials": the party's people
                for m in reversed(ms):
                    if m.kind == PARTY and lo <= m.start and head - 4 <= m.end <= head:
                        return m.label, doc[m.start : m.end], "subject", m.start
            if word in self.roles and word not in _RELATIONAL and doc[head].is_lower and (
                (j := _definite_start(doc, head, lo)) is not None
            ) and (who := speaker or state.last_person):
                # "The delegation also demanded ..., Umerov said", "the president wants":
                # a bare role stands for the speaker, else the person last named
                return who, None, "role", j
            if word not in _PRONOUN_SUBJECTS and _common_noun(doc[head]):
                return None, None, "blocked", lo
            if head > lo and _low(doc)[head - 1] == "the" and doc[head].is_title and \
                    word not in self.roles and not any(
                        m.kind == PARTY and m.start <= head < m.end for m in ms):
                return None, None, "blocked", lo  # "The West needs ...": no party
        cands = [m for m in ms if m.kind == PARTY and lo <= m.start and m.end <= trig.start]
        governed: set[int] = set()  # starts of parties that are objects of a preposition
        for m in cands:
            prev = _low(doc)[m.start - 1] if m.start > 0 else ""
            if prev in _PREPOSITIONS or (
                prev in ("and", "or", ",") and any(o.end == m.start - 1 for o in cands
                                                    if o.start in governed)
            ):
                governed.add(m.start)  # "the position of Ukraine and Russia"
        for m in reversed(cands):
            if m.end < trig.start and _low(doc)[m.end] in _EVENT_NOUNS:
                continue  # "the Ukraine crisis", "the Russia file": a noun's modifier
            possessive = m.end < len(doc) and _low(doc)[m.end] in ("'s", "’s", "'")
            if m.start in governed and not possessive:
                continue
            if m.start > lo and _low(doc)[m.start - 1] in _ADDRESSING:
                continue  # "Moscow told U.S. envoys it would accept ...": the addressee
            if possessive and trig.start - m.end > 2:
                continue  # "fund Ukraine's war effort and wanted ...": no subject
            # a pronoun between the party and the trigger stands for someone else
            between = doc[m.end : trig.start]
            if any(t.lower_ in _PERSON_PRONOUNS | _FIRST_PERSON for t in between):
                break
            return m.label, doc[m.start : m.end], "subject", m.start
        window = doc[max(lo, trig.start - 6) : trig.start]
        for t in reversed(list(window)):
            if t.lower_ in _PERSON_PRONOUNS and (who := _person(doc, ms, t.i, state)):
                return who, None, "pronoun", t.i
            if t.lower_ in _FIRST_PERSON and speaker:
                return speaker, None, "first-person", t.i
        return None, None, "", lo

    def noun_holder(
        self, doc: Doc, trig: Mention, lo: int, ms: list[Mention], state: DocState,
        speaker: str | None,
    ) -> tuple[str | None, Span | None, str, int]:
        """Whose demands/proposals: "Russia's previous demands", "US proposals",
        "Russian proposals", "his demands" (the clause's subject), "the demands he
        set out"; a bare "the proposal" names no holder."""
        window_lo = max(lo, trig.start - 3)
        for m in ms:
            if m.kind == PARTY and window_lo <= m.start and m.end <= trig.start:
                return m.label, doc[m.start : m.end], "possessor", m.start
        low = _low(doc)
        for j in range(trig.start - 1, max(lo, trig.start - 5) - 1, -1):
            if low[j] in _ISSUE_VERBS:
                # "Russia issued a public ultimatum", "Witkoff presented the plan"
                head = _subject_head(doc, j, lo)
                for m in ms:
                    if head is not None and m.kind == PARTY and m.end == head + 1:
                        return m.label, doc[m.start : m.end], "subject", m.start
                break
        words = _low(doc)[window_lo : trig.start]
        if any(w in _CREATE for w in words) or (
            trig.start > 0 and _low(doc)[trig.start - 1] in _CREATE
        ):
            return None, None, "blocked", lo  # "create the conditions for talks"
        if any(w in _DEMONSTRATIVES for w in words):
            # "These proposals concern ...": the holder of the last stance named
            if state.last_act:
                return state.last_act[0], None, "anaphora", lo
            return None, None, "blocked", lo
        if trig.end < len(doc) and _low(doc)[trig.end] == "of":
            # "the demands of Moscow" / "the goals of the operation"
            for m in ms:
                if m.kind == PARTY and trig.end < m.start <= trig.end + 3:
                    return m.label, doc[m.start : m.end], "possessor", m.start
            if not any(w in ("his", "her", "its", "their", "our", "my") for w in words):
                return None, None, "blocked", lo
        for t in doc[window_lo : trig.start]:
            code = self.adjectives.get(t.lower_)
            if code:
                return code, None, "adjective", t.i
            if t.lower_ in ("his", "her", "its", "their"):
                actor, span, how, anchor = self.subject(doc, trig, lo, ms, state, speaker)
                if actor is None and t.lower_ in ("his", "her") and (
                    who := _person(doc, ms, t.i, state)
                ):
                    return who, None, "pronoun", lo
                return actor, span, how, anchor
            if t.lower_ in ("our", "my") and speaker:
                return speaker, None, "first-person", t.i
        nxt = _low(doc)[trig.end] if trig.end < len(doc) else ""
        if nxt in _PERSON_PRONOUNS and (who := _person(doc, ms, trig.end, state)):
            return who, None, "pronoun", lo
        return None, None, "", lo

    # -- issues and regions --------------------------------------------------
    def regions(self, doc: Doc, ms: list[Mention], start: int, end: int) -> list[str]:
        regs = [m for m in ms if m.kind == REGION and _in(m, start, end)]
        parties = [m for m in ms if m.kind == PARTY]
        out: list[str] = []
        others = [m for m in ms if m.kind == ISSUE and m.label not in self.regional]
        for m in regs:
            if _overlaps(m, parties):
                continue  # "Kiev" the government, not the city
            if _is_city(doc, m) or _contained(m, others):
                continue  # "the city of Donetsk", "the Zaporizhzhia nuclear plant"
            if m.value == "homonym":
                nxt = _low(doc)[m.end] if m.end < len(doc) else ""
                others = [o for o in regs if o is not m and abs(o.start - m.start) <= 6]
                if nxt not in _REGION_NOUNS and not others and not _followed_by_region_noun(
                    doc, m.end, end
                ):
                    continue
            codes = (
                self.groups.get(m.label[6:], [])
                if m.label.startswith("group:")
                else [m.label]
            )
            for c in codes:
                if c not in out:
                    out.append(c)
        return out

    def issues(
        self, doc: Doc, ms: list[Mention], start: int, end: int, act: str, trig: Mention,
        exclude: list[Mention],
    ) -> list[IssueHit]:
        """Issues of the clause ``start:end``; after a refusal, those after "unless"
        are demands; after an offer, those after "if" are the actor's conditions."""
        flip_at = None
        flip_to = act
        for m in ms:
            if m.kind != CUE or m.start < trig.end or not _in(m, start, end):
                continue
            if act == "reject" and m.label == "condition_flip":
                flip_at, flip_to = m.start, "demand"
                break
            if act == "propose" and m.label == "condition" and _low(doc)[m.start] in (
                "if", "provided", "providing", "on", "as", "only"
            ):
                flip_at, flip_to = m.start, "demand"
                break
        flip_end = None
        if flip_at is not None and _low(doc)[flip_at] == "only" and act == "propose":
            pass  # "possible only in case of A, B and C": the rest of the clause is asked
        elif flip_at is not None:
            flip_end = next((t.i for t in doc[flip_at:end] if t.text in (",", ";")), None)
            low = _low(doc)
            while flip_end is not None and low[flip_end + 1 : flip_end + 3] in (
                ["such", "as"], ["including"], ["in", "particular"], ["namely"]
            ) or (flip_end is not None and low[flip_end + 1 : flip_end + 2] in (
                ["including"], ["namely"]
            )):
                # "if the US makes concessions, such as recognising ...": still the condition
                flip_end = next((t.i for t in doc[flip_end + 1 : end] if t.text in (",", ";")),
                                None)
            flips = [m.start for m in ms if m.kind == CUE and m.label == "condition_flip"]
            while flip_end is not None and any(
                flip_end < f <= flip_end + 4 for f in flips
            ):  # "without X, as well as without Y": the condition goes on
                nxt = max(f for f in flips if flip_end < f <= flip_end + 4)
                flip_end = next((t.i for t in doc[nxt:end] if t.text in (",", ";")), None)
        hits: dict[tuple[str, str], IssueHit] = {}
        low = _low(doc)
        when_at = [m.start for m in ms if m.kind == CUE and m.label == "condition"
                   and trig.end <= m.start < end and low[m.start] == "once"]
        found = [
            m for m in ms
            if m.kind == ISSUE and _in(m, start, end) and not _overlaps(m, exclude)
        ]
        acts = [m for m in ms if m.kind == ACT]
        low = _low(doc)
        main = [m for m in found if not self._weak(doc, m) and not self._secondary(doc, m)]
        for m in found:
            if self._secondary(doc, m) and any(o.label != m.label for o in main) and \
                    m.start > 0 and (low[m.start - 1] in _PREPOSITIONS or (
                        m.start > 1 and low[m.start - 1] == "the"
                        and low[m.start - 2] in _PREPOSITIONS)):
                continue  # "with the consent of the guarantor countries": a referent
            if self._weak(doc, m) and (
                not _talks_are_object(doc, m, acts, start)
                or (low[m.start] in _MEET_VERBS and not _meeting_is_object(doc, m, ms))
                or (m.start > 0 and _low(doc)[m.start - 1] in _LOCATIVE)
                or (m.start > 1 and _low(doc)[m.start - 1] == "the"
                    and _low(doc)[m.start - 2] in _LOCATIVE)
            ):
                # "at the talks", "negotiations must be based on ...": talk about talks;
                # "ready for dialogue", "must hold negotiations" are stances on them
                continue
            if m.label == "talks" and _talks_as_time(doc, m, start):
                continue  # "ahead of the Alaska summit": when, not what
            if m.label == "legitimacy" and any(o.start == m.end for o in found):
                continue  # "illegitimate sanctions": a word about another issue
            if m.label == "territory" and _hands_over_no_land(doc, m, found, end):
                continue  # "hand over wounded soldiers", "leave the nuclear plant"
            if m.label == "territory" and m.value is None and _located_on(doc, m):
                continue  # "any foreign presence on Ukrainian territory": where, not what
            if m.label == "territory" and m.value is None and _recognised_object(doc, m, found):
                continue  # "recognise occupied territory as Russian": recognition only
            if m.label == "recognition" and _recognises_a_deal(doc, m):
                continue  # "will not recognise any agreement reached without it"
            if m.label == "elections" and _election_as_date(doc, m):
                continue  # "a halt to strikes on election day": when, not what
            if m.label == "security_guarantees" and _no_nato_guarantee(doc, m, ms, end):
                # "guarantees that the alliance will not take in Ukraine": a legal ban
                key = ("nato_membership", act)
                hits.setdefault(key, IssueHit("nato_membership", "legal_ban", m.start, act))
                continue
            if flip_at is not None and flip_end is not None and m.start >= flip_end:
                continue  # past the condition's clause ("..., dimming hopes for a truce")
            if act == "demand" and any(trig.end <= w < m.start for w in when_at):
                continue  # "should hold elections once a ceasefire is in place": a time
            a = flip_to if flip_at is not None and m.start > flip_at else act
            why = "+condition" if a != act else ""
            if a == "reject" and m.label != "legitimacy" and m.start < trig.end and \
                    trig.start < m.end and any(
                w in ("not", "never", "no", "n't") for w in low[trig.start : trig.end]
            ):
                # "will not join NATO": the negation is part of the outcome phrase
                # ("not join NATO" = renounced), which the holder commits to
                a, why = "propose", "+negated-outcome"
            key = (m.label, a)
            prev = hits.get(key)
            if prev is None or (prev.outcome is None and m.value is not None):
                hits[key] = IssueHit(
                    m.label, m.value or self.defaults.get(m.label), m.start, a, why
                )
        return sorted(hits.values(), key=lambda h: h.start)

    def _weak(self, doc: Doc, m: Mention) -> bool:
        return " ".join(_low(doc)[m.start : m.end]) in self.weak

    def _secondary(self, doc: Doc, m: Mention) -> bool:
        return " ".join(_low(doc)[m.start : m.end]) in self.secondary

    # -- a sentence ------------------------------------------------------------
    def sentence(
        self, doc: Doc, sent: Span, ms: list[Mention], state: DocState,
        next_speaker: str | None | Callable[[], str | None],
    ) -> list[Stance]:
        if not ms:
            # nothing named: only the carried state (lists, quotes) moves on; a quote
            # opened here ('"Our position is known.') still names who goes on speaking
            self._frame(doc, sent, ms, state)
            orth = token_strings(doc)[1]
            quoted = orth[sent.start][:1] in _QUOTES or (
                sent.start > 1 and orth[sent.start - 1] in _QUOTES)  # most sentences: no
            self._advance(doc, sent, ms, state, self._opening_quote_speaker(
                doc, sent, state, next_speaker) if quoted else None)
            if state.plan_author and _opens_list(doc, sent):
                # "The main points are listed below." after the plan's author is named
                state.list_holder = (state.plan_author, "propose", "plan-item")
            return []
        low = _low(doc)
        # "NATO" in "join NATO", "Zelensky" in "meet with Zelensky" name no holder
        issue_ms = [m for m in ms if m.kind == ISSUE]
        if state.house:
            # on a party's own site "the President" / "the Head of State" is its leader
            party_ms = [m for m in ms if m.kind == PARTY]
            ms = sorted(
                [m for m in ms if not (m.kind == CUE and m.label == "house_titles")]
                + [
                    Mention(PARTY, state.house, "house", m.start, m.end)
                    for m in ms
                    if m.kind == CUE and m.label == "house_titles" and not _overlaps(m, party_ms)
                ],
                key=lambda m: (m.start, -m.end),
            )
        ms = [
            m for m in ms
            if not (m.kind == PARTY and _contained(m, issue_ms, strict=True))
            and not (m.kind == ISSUE and _same_span(m, ms, PARTY))
        ]
        speaker, speaker_span, speaker_kind = self.speaker(doc, sent, ms, state)
        # "Russia will cease fire as soon as Kyiv withdraws": a party's commitment
        ms = _with_commitments(doc, sent, ms, speaker)
        self._note_plan_author(doc, ms, state)
        frame = self._frame(doc, sent, ms, state)
        opener = _opens_list(doc, sent)
        intro = opener or _ends_with_colon(doc, sent) or (
            any(m.kind == CUE and m.label == "plan_nouns" for m in ms) and _is_heading(doc, sent)
        )
        if frame is None and not intro and not any(
            m.kind == ACT or (m.kind == CUE and m.label == "list_continuation") for m in ms
        ):
            # no trigger: nothing to decide, only the carried state moves on
            if speaker is None and speaker_kind is None:
                speaker = self._opening_quote_speaker(doc, sent, state, next_speaker)
            self._advance(doc, sent, ms, state, speaker)
            return []
        text = doc_text(doc)[sent.start_char : sent.end_char]
        starts_quote = _starts_quote(doc, sent, text)
        has_quote = bool(_QUOTE_RE.search(text))
        if has_quote and not starts_quote:
            # 'On talks: "We are ready ..."': a quote opened after a topic or a colon
            starts_quote = _quote_after_colon(doc, sent)
        if speaker is None and speaker_kind is None and state.line_speaker:
            speaker = state.line_speaker  # a transcript line: "Putin: We are ready ..."
        if speaker is None and speaker_kind is None:
            speaker = _quote_speaker(state, starts_quote, next_speaker)
            # on a party's own site an unattributed "we" is that party
            if state.house and any(w in ("we", "our") for w in low[sent.start : sent.end]):
                speaker = state.house
            elif speaker is None and state.remarks_by and any(
                w in ("we", "our", "i") for w in low[sent.start : sent.end]
            ):
                # a speech's text printed without quote marks after "Excerpts from his
                # remarks follow." / "... made the following statement:": "we" is him
                speaker = state.remarks_by
        out: list[Stance] = []
        if speaker_kind == "assessment" or _is_question(doc, sent):
            # an analyst's view; a question ("Will Russia accept a ceasefire?") states
            # no stance
            self._advance(doc, sent, ms, state, speaker)
            return out
        cues = {}
        for m in ms:
            if m.kind == CUE:
                cues.setdefault(m.label, []).append(m)
        exch = {(m.start, m.end) for m in cues.get("clause_exchange", [])}
        bounds = [sent.start]
        kinds = ["start"]
        splits = [(m.start, "exchange" if (m.start, m.end) in exch else "split")
                  for m in _longest_cues([] if frame else cues.get("clause_split", []))]
        if not frame:
            splits += [(c, "split") for c in _verb_group_clauses(doc, sent, ms)]
            splits += [(c, "split") for c in _coordinated_verbs(doc, ms)]
            splits += [(c, "relative") for c in _relative_stances(doc, ms)]
            splits += [(c, "plan-relative") for c in _plan_relatives(doc, ms)]
            # "... would never recognise X and announced Y": a new statement begins
            first_act = next((m.start for m in ms if m.kind == ACT), None)
            splits += [(r.start - 1, "split") for r in cues.get("reporting", [])
                       if first_act is not None and first_act < r.start - 1
                       and low[r.start - 1] == "and"]
            if first_act is not None and ", and " in text:
                # "..., and Washington said it would ...", "..., and Russian officials
                # continue to demand ...": a new subject opens a new statement
                splits += [(c, "split") for c in self._new_subject_clauses(
                    doc, ms, cues.get("reporting", []), first_act)]
        for start, kind in sorted(splits):
            if start > bounds[-1]:
                bounds.append(start)
                kinds.append(kind)
        bounds.append(sent.end)
        parties = [m for m in ms if m.kind == PARTY]
        issues_all = [m for m in ms if m.kind == ISSUE]
        prev_act: tuple[str, str, Span | None] | None = None
        contrast: tuple[str, str, Span | None] | None = None
        prev_lo = sent.start
        conditions = [
            m for m in cues.get("condition", [])
            if low[m.start] in ("if", "once", "when", "after")
        ]
        for ci in range(len(bounds) - 1):
            lo, hi = bounds[ci], bounds[ci + 1]
            clause = doc[lo:hi]
            trigs = [
                m for m in ms
                if m.kind == ACT and _in(m, lo, hi)
                and not (_overlaps(m, parties) and not _addressee_inside(doc, m, parties))
                # "will not" in "will not expand eastward" is part of the outcome, but
                # "must" in "troops must be withdrawn" still asks for it
                and (m.value == "imperative" or (m.value == "speaker" and m.label == "demand")
                     or not _contained(m, issues_all))
                and not _attributive(doc, m)
            ]
            rule_base = ""
            actor = actor_span = None
            act = ""
            trig = None
            anchor = lo
            partners: list[str] = []
            if frame:
                # a plan point: the plan's author proposes every outcome it names
                actor, act, how = frame
                if act == "propose" and how == "plan-item" and any(
                    m.kind == ACT and m.value == "speaker" and m.label == "demand"
                    and _in(m, lo, hi) for m in ms
                ):
                    # "6. Prisoners of war must be released.": a point that asks
                    act = "demand"
                trig = Mention(ACT, act, "plan", hi, hi)
                rule_base = f"{act}:{how}"
                trigs = []
            elif kinds[ci] == "plan-relative" and state.plan_author:
                # "a U.S.-drafted plan that would require Kyiv to cede territory": the
                # plan's content, held by its author (what it requires is demanded)
                actor = state.plan_author
                act = "demand" if trigs and trigs[0].label == "demand" else "propose"
                trig = Mention(ACT, act, "plan", lo, lo)
                rule_base = f"{act}:plan-relative"
                trigs = []
            if len(trigs) > 1 and not frame:
                trigs = _main_clause_first(doc, trigs, conditions, lo)
            for t in trigs:
                act = t.label
                if _in_trailing_condition(doc, t, lo):
                    continue  # "..., would take effect once Russia accepted it": no stance
                if t.value == "speaker" and low[t.end - 1] in _GOING_ON and any(
                    o is not t and t.end <= o.start <= t.end + 2 for o in trigs
                ):
                    continue  # "will continue to reject": the verb after it holds the act
                if t.value == "imperative":
                    first = _order_start(doc, sent.start, t.start)
                    if t.start != first or not (speaker or state.house):
                        continue  # "stop" mid-sentence is no order
                    actor = speaker or state.house
                    actor_span, how, anchor = (speaker_span if speaker else None), "imperative", lo
                elif t.value == "noun" and speaker and any(
                    r.value == "speaker" and r.label == "reject" and t.end <= r.start
                    and not any(w in (",", ";") for w in low[t.end : r.start])
                    for r in trigs
                ):
                    continue  # "Kyiv's plan to join NATO is a non-starter", Peskov said
                elif t.value == "noun":
                    actor, actor_span, how, anchor = self.noun_holder(doc, t, lo, ms, state,
                                                                      speaker)
                    if actor is None and how == "" and speaker and \
                            low[t.end - 1] in _INCLUDE:
                        # "According to Putin, the conditions include ...": the speaker's
                        actor, actor_span, how, anchor = speaker, speaker_span, "speaker", lo
                elif t.value == "speaker":
                    actor, actor_span, how, anchor = speaker, speaker_span, "speaker", lo
                    said_later = any(
                        r.start >= t.end for r in cues.get("reporting", [])
                    )  # "Kyiv must withdraw, the head of state said": someone else's demand
                    if actor is None and state.last_act and any(
                        m.start <= sent.start + 1 for m in cues.get("list_continuation", [])
                    ):
                        # "Moscow set out its terms. Among them: Kyiv must withdraw ...":
                        # the items are the terms' holder's
                        actor, how = state.last_act[0], "list-continuation"
                    elif actor is None and not has_quote and not said_later:
                        actor, actor_span, how, anchor = self.subject(
                            doc, t, sent.start, ms, state, speaker
                        )
                        anchor = min(anchor, lo)
                        holder = state.plan_author or state.last_speaker or state.last_person
                        if how == "subject" and actor and holder and holder != actor:
                            # "Under point six, Russia must withdraw": what one party must
                            # do is asked by the plan or the person the report is quoting
                            actor, actor_span, how = holder, None, "context"
                    elif actor and _self_obligation(doc, t, lo, ms, actor):
                        # "Ukraine must hold negotiations", said by Kyiv: its own step
                        act, how = "propose", "speaker-self"
                elif (agent := _passive_agent(doc, t, lo, hi, ms)) is not None:
                    # "A ceasefire was rejected by Moscow": the agent holds the stance, and
                    # what comes before the verb is its object
                    actor, actor_span, how, anchor = agent[0], agent[1], "passive", lo
                elif (len(state.pair) == 2 or (not state.pair and len(state.people) == 2)) \
                        and (joint := _joint_subject(doc, t.start, lo, ms)) is not None and \
                        len(pair := state.pair or (
                            state.people if low[joint] != "they" else [])) == 2:
                    # "The parties underlined a commitment to ...": both sides of a readout;
                    # "China and Brazil published ... The two countries call for ..."
                    actor, actor_span, how, anchor = pair[0], None, "joint", joint
                    partners = [pair[1]]
                else:
                    actor, actor_span, how, anchor = self.subject(doc, t, lo, ms, state, speaker)
                    if actor is None and prev_act is not None and \
                            _verb_opens_clause(doc, lo, t.start):
                        # "Kyiv would not negotiate ..., but was ready for dialogue": the
                        # same subject
                        actor, actor_span, how, anchor = prev_act[0], prev_act[2], "shared", lo
                    if actor is None and how != "blocked":
                        actor, actor_span, how, anchor = self.subject(
                            doc, t, sent.start, ms, state, speaker
                        )
                        anchor = max(anchor, lo)
                    if actor is None and speaker and how != "blocked":
                        actor, actor_span, how, anchor = speaker, speaker_span, "speaker", lo
                    if how == "subject" and actor:
                        # "Ukraine and its European allies have called for ...": both
                        partners = [p for p in _coordinated(doc, ms, anchor, sent.start)
                                    if p != actor]
                if how == "blocked" and t.value != "speaker":
                    continue  # the holder is visibly no party: not a stance of one
                if actor is None and state.house and speaker_kind is None:
                    actor, actor_span, how, anchor = state.house, None, "house", lo
                if actor:
                    trig = t
                    name = doc[t.start : t.end].text.lower().replace(" ", "_")
                    rule_base = f"{act}:{t.value}-{name}+{how}"
                    break
            if frame:
                pass
            elif trig is None:
                if kinds[ci] == "exchange" and prev_act is not None:
                    actor, act, actor_span = prev_act
                    if act == "propose" and low[lo + 2 : lo + 3] == ["for"]:
                        act = "demand"  # "agreed to X in exchange for Y": Y is asked for
                    trig = Mention(ACT, act, "subject", lo, lo)
                    rule_base = f"{act}:exchange-clause"
                elif prev_act is not None and prev_act[1] != "reject" and \
                        _condition_clause(doc, lo, hi):
                    # "ready for a ceasefire, but only if Kyiv withdraws ...": the
                    # condition is what the same actor demands
                    actor, act, actor_span = prev_act[0], "demand", prev_act[2]
                    trig = Mention(ACT, act, "subject", lo, lo)
                    rule_base = "demand:condition-clause"
                    # hedges and sources of the governing clause hold for its condition
                    clause = doc[prev_lo:hi]
                elif contrast is not None and low[lo] == "but":
                    # "Ukraine's goal is not A, but B": B is the goal
                    actor, act, actor_span = contrast
                    trig = Mention(ACT, act, "subject", lo, lo)
                    rule_base = f"{act}:contrast-clause"
                    contrast = None
                elif ci == 0 and state.last_act and any(
                    m.start <= sent.start + 1 for m in cues.get("list_continuation", [])
                ):
                    # "Russia set out its demands. These include ..."
                    actor, act = state.last_act
                    trig = Mention(ACT, act, "subject", lo, lo)
                    rule_base = f"{act}:list-continuation"
                else:
                    continue
            else:
                state.last_act = (actor, act)
            if any(sent.start <= a.start < trig.start for a in cues.get("assessment", [])):
                continue  # an analyst's view, not a party's stance
            if not frame and any(
                trig.start - 6 <= n.start < trig.start and n.start >= lo
                for n in cues.get("nonclaim", [])
            ):
                continue  # hopes, schedules, speculation
            trig_words = doc[trig.start : trig.end].text.lower().split()
            negated = not frame and any(
                trig.start - 3 <= n.start < trig.start and n.start >= lo
                # "Russia, which was not invited, dismissed ...": not across a comma
                and "," not in low[n.end : trig.start]
                for n in cues.get("negation", [])
            ) and not any(w in trig_words for w in ("not", "never", "no", "n't"))
            if negated and trig.value == "speaker" and \
                    doc[trig.start : trig.end].text.lower() in _OBLIGATION:
                continue  # "does not have to ...": no obligation, and no refusal either
            if negated and trig.value == "noun" and act == "demand" and any(
                n.start >= trig.start - 2 and low[n.start] in ("no", "without")
                for n in cues.get("negation", []) if n.start < trig.start
            ):
                # "no preconditions for talks", "talks without preconditions": ready for them
                act, rule_base = "propose", rule_base + "+unconditional"
            elif negated:
                act = _FLIP[act]
                rule_base += "+negated"
            elif act != "reject" and _obligation_negated(doc, trig, ms):
                # "Ukraine must never be forced to give up Donbas": the outcome is refused
                act, rule_base = "reject", rule_base + "+must-not"
            elif act == "reject" and trig.value != "noun" and any(
                m.kind == ACT and m.label == "reject" and m.value == "noun"
                and trig.end <= m.start <= trig.end + 3 for m in ms
            ):
                # "condemned Moscow's refusal of a ceasefire": refusing a refusal asks for it
                act, rule_base = "demand", rule_base + "+refusal-refused"
            elif act == "reject" and trig.value == "noun" and _dropped_refusal(doc, trig, lo):
                # "dropped its objections to X", "lifted its veto on X": X is accepted
                act, rule_base = "propose", rule_base + "+dropped"
            elif act == "reject" and _impossible_without(doc, trig):
                # "X is impossible without Y": X is wanted, on the condition of Y
                act, rule_base = "demand", rule_base + "+without"
            elif act == "propose" and trig.value == "subject" and \
                    _asks_another(doc, trig, hi, ms, actor):
                # "Washington proposed that Kyiv withdraw", "suggested Ukraine should":
                # what another party is to do is asked of it
                act, rule_base = "demand", rule_base + "+asks-another"
            if trig.value == "noun" and low[trig.end : trig.end + 2] in (
                ["is", "not"], ["are", "not"], ["was", "not"], ["were", "not"]
            ):
                # "Ukraine's goal is not a bilateral deal, but ...": this part is refused
                contrast = (actor, act, actor_span)
                act, rule_base = "reject", rule_base + "+not"
            prev_act = (actor, act, actor_span)
            prev_lo = lo
            # a condition before the trigger ("once a ceasefire is reached, he would ...")
            # frames the stance; its issues are not what is proposed
            lo_issues = anchor
            for cnd in [] if frame else conditions:
                if act != "reject" and lo <= cnd.start < trig.start and cnd.start >= anchor - 1:
                    lo_issues = max(lo_issues, _clause_end(doc, cnd.start, trig.start))
            excl = [actor_span_mention(actor_span, parties)] if actor_span is not None else []
            hi_issues = hi
            if not frame and any(
                lo <= c.start < trig.start for c in conditions if low[c.start] != "after"
            ):
                # a trigger inside a leading "If Russia refuses a ceasefire, ..." clause:
                # its issues end with the condition
                hi_issues = next((i for i in range(trig.end, hi) if low[i] == ","), hi)
            hi_regions = hi
            if not frame and (cut := _attribution_comma(doc, trig, hi, cues, parties)) is not None:
                # "X wants A, Zelensky announced, hours after Moscow annexed B": what
                # follows the attribution is the reporter's context, not the stance
                hi_issues = hi_regions = min(hi_issues, cut)
            hits = self.issues(doc, ms, lo_issues, hi_issues, act, trig, [m for m in excl if m])
            if trig.value == "speaker" and low[trig.end - 1] in _GOING_ON:
                # "negotiations would continue next week": a schedule, not a stance on talks
                hits = [h for h in hits if h.issue != "talks"]
            regions = self.regions(doc, ms, lo, hi_regions)
            if frame and act == "propose":
                # "The draft provides that the treaty enters into force only after a
                # ceasefire": what the plan makes a condition, its author demands
                cond = next((c.start for c in cues.get("condition", []) + cues.get(
                    "condition_flip", []) if lo <= c.start < hi
                    and low[c.start] in _PLAN_CONDITIONS), None)
                if cond is not None:
                    hits = [IssueHit(h.issue, h.outcome, h.start, "demand", "+condition")
                            if h.start > cond else h for h in hits]
            if not hits and kinds[ci] == "relative" and ci > 0:
                # "a ceasefire, which Russia has refused": the antecedent is the object
                hits = [IssueHit(h.issue, h.outcome, h.start, act, "+relative") for h in
                        self.issues(doc, ms, bounds[ci - 1], lo, act, trig, [])]
                regions = regions or self.regions(doc, ms, bounds[ci - 1], lo)
            cop = next((k for k in range(trig.start - 1, max(lo, trig.start - 4) - 1, -1)
                        if low[k] in _COPULAS), None) if not hits and trig.value == "noun" else None
            if cop is not None:
                # "NATO membership remains our goal", "Guarantees are Kyiv's top priority":
                # the subject of the copula right before the noun is the aim
                hits = self.issues(doc, ms, lo, cop, act, trig, [m for m in excl if m])
            if not hits and state.question_issues and not frame:
                # the answer right after a question about an issue, naming none itself
                hits = [IssueHit(m.label, m.value or self.defaults.get(m.label), trig.start, act,
                                 "+question") for m in state.question_issues
                        if m.label not in {h.issue for h in hits}][:1]
            if not hits and act != "reject" and (held := _meeting_in_trigger(doc, trig, ms, hi)):
                # "offered to organise a summit": the trigger itself names the format
                hits = [IssueHit("talks", held, trig.start, act)]
            if not hits and state.stances_age <= _ANAPHORA_REACH and any(
                # "Kyiv rejected the proposal", "Officials called the demand a non-starter"
                (trig.start <= m.start < hi or (anchor < m.start and m.end <= trig.start))
                and not _has_complement(doc, m)
                for m in cues.get("anaphora", [])
            ):
                for s in state.last_stances:
                    out.append(
                        Stance(actor, act, s.issue, s.outcome, s.regions, clause, sent,
                               actor_span, actor == speaker, rule_base + "+anaphora")
                    )
                continue
            if not hits and act != "reject" or not hits and trig.value == "speaker":
                # "we would like to see them", "Holding them under fire would be
                # irresponsible": the pronoun stands for the issue named just before
                ante = _pronoun_antecedent(doc, ms, trig, lo, hi, sent, state)
                if ante is not None:
                    hits = [IssueHit(ante.label, ante.value or self.defaults.get(ante.label),
                                     trig.start, act, "+pronoun")]
            handovers = [m for m in cues.get("territory_handover", []) if _in(m, lo, hi)]
            handover = bool(handovers)
            # "Russian troops must leave ...": the land goes back to Ukraine
            leaver = "ua_control" if handovers and _russian_leaves(doc, handovers[0], lo) \
                else "ru_control"
            # a bare "territory" with no place and no hand-over names no stance on land
            hits = [
                (IssueHit(h.issue, leaver, h.start, h.act, h.why)
                 if h.issue == "territory" and h.outcome is None and handover else h)
                for h in hits
                if not (h.issue == "territory" and h.outcome is None and not regions
                        and not handover and not _swap(doc, h.start))
            ]
            if regions and handover and not any(h.issue == "territory" for h in hits):
                # "give up the whole of Donbas": a stance on named land is about territory
                flipped = act == "reject" and any(
                    trig.end <= m.start < hi for m in cues.get("condition_flip", [])
                )
                hits.append(
                    IssueHit("territory", leaver, lo,
                             "demand" if flipped else act)
                )
            elif regions and not hits and act == "demand" and actor in _CLAIMANTS and any(
                m.kind == REGION and trig.end <= m.start < hi
                and all(w in _LAND_OBJECT for w in low[trig.end : m.start])
                for m in ms
            ):
                # "Moscow says it wants all of Donetsk": a demand for the named land
                hits.append(IssueHit("territory", _CLAIMANTS[actor], lo, act))
            elif regions and act == "reject" and actor in _CLAIMANTS and \
                    all(h.issue in ("recognition", "territory") for h in hits) and \
                    _refuses_discussion(doc, trig, hi):
                # "the status of the four regions is not up for discussion", said by
                # Moscow: it insists on holding them
                hits = [IssueHit("territory", _CLAIMANTS[actor], lo, "demand", "+not-discussed")]
            if act != "reject" and trig.end < hi and low[trig.end] == "not" and \
                    trig.end + 1 < hi and low[trig.end + 1] in _ARTICLES:
                # "We need not a truce, we need peace": what follows "not" is refused
                until = next((i for i in range(trig.end, hi) if low[i] in (",", ";")), hi)
                hits = [IssueHit(h.issue, h.outcome, h.start, "reject", h.why + "+not")
                        if h.start < until else h for h in hits]
                contrast = (actor, act, actor_span)  # "..., but B": B is wanted
            concession = _concedes(doc, trig, hi)
            for h in hits:
                regs = tuple(regions) if h.issue in self.regional else ()
                outcome = h.outcome
                rule = rule_base + h.why
                if h.act == "reject" and any(
                    w in _ATTACKS for w in low[max(lo, h.start - 3) : h.start + 1]
                ):
                    # "opposed attacks on nuclear plants": the target is to be spared
                    h = IssueHit(h.issue, h.outcome, h.start, "demand", h.why)
                    rule += "+attacks"
                if concession and h.act == "propose" and h.issue == "territory" and \
                        outcome == "ru_control":
                    # "could abandon its claims to ...": the front line would stay
                    outcome, rule = "freeze", rule + "+concession"
                elif h.act == "reject" and h.issue == "territory" and outcome == "ua_control" \
                        and any(w in _YIELDING for w in low[lo:hi]):
                    # "no concessions on territorial integrity": the hand-over is refused
                    outcome = "ru_control"
                holders = [actor, *partners]
                if h.why == "+negated-outcome" and speaker and speaker not in holders and \
                        (h.issue, outcome) in _RENOUNCED and not frame:
                    # "Ukraine will not join NATO", Washington said: not Ukraine's offer
                    # but the speaker's refusal of the membership
                    holders, outcome = [speaker], _RENOUNCED[(h.issue, outcome)]
                    h = IssueHit(h.issue, outcome, h.start, "reject", h.why)
                    rule += "+speaker-forecast"
                for who in holders:
                    a = h.act
                    if a == "propose" and h.issue == "territory" and \
                            _CLAIMANTS.get(who) == outcome and not frame:
                        # "Kyiv is ready to liberate the occupied territories": a party
                        # putting forward its own hold on the land claims it
                        a, rule = "demand", rule + "+own-claim"
                    elif a == "demand" and who == "UA" and (h.issue, outcome) in _CONCESSIONS:
                        # "the most important issues are ... neutrality", said by Kyiv: a
                        # step Ukraine itself would take is its offer
                        a, rule = "propose", rule + "+own-concession"
                    out.append(
                        Stance(who, a, h.issue, outcome, regs, clause, sent, actor_span,
                               who == speaker and speaker is not None, rule)
                    )
            if not frame and act != "reject" and trig.value in ("subject", "speaker") and \
                    any(m.kind == ACT and m.value == "noun" and trig.end <= m.start < hi
                        for m in ms):
                # "Kyiv was ready to accept a U.S. proposal for a ceasefire": the proposal's
                # owner, named right before it, puts its content forward
                out.extend(self._owned_proposals(doc, ms, trig, hi, hits, regions, actor,
                                                 clause, sent, rule_base))
        self._advance(doc, sent, ms, state, speaker)
        if out:
            state.last_stances = out
            state.stances_age = 0
        if intro:
            # "Russia's demands include:" / "The plan's main points:": the list that
            # follows holds the same party's stance
            plan = any(m.kind == CUE and m.label == "plan_nouns" for m in ms)
            how = "plan-item" if plan else "list-item"
            if out:
                state.list_holder = (out[-1].actor, out[-1].act, how)
            elif state.last_act and any(m.kind == ACT for m in ms):
                state.list_holder = (*state.last_act, how)
            elif state.plan_author and (plan or opener or (
                _ends_with_colon(doc, sent)
                and any(w in _LIST_NOUNS for w in low[sent.start : sent.end])
            )):
                # "Its main provisions are as follows." after the plan's author is named;
                # "The mission set out ten elements it wants both sides to consider:"
                state.list_holder = (state.plan_author, "propose", "plan-item")
        return out

    def _opening_quote_speaker(
        self, doc: Doc, sent: Span, state: DocState,
        next_speaker: str | None | Callable[[], str | None],
    ) -> str | None:
        """Who speaks in a sentence with no trigger that opens a quote ('"Our position
        is well known.'): the quote's later sentences go on in that voice."""
        if state.line_speaker:
            return None
        orth = token_strings(doc)[1]
        # = _starts_quote without slicing the text: the first token opens the sentence
        if not (orth[sent.start][:1] in _QUOTES or (
            sent.start > 1 and orth[sent.start - 1] in _QUOTES
            and bool(doc[sent.start - 2].whitespace_)
        )):
            return None
        return _quote_speaker(state, True, next_speaker)

    def _owned_proposals(
        self, doc: Doc, ms: list[Mention], trig: Mention, hi: int, hits: list[IssueHit],
        regions: list[str], actor: str, clause: Span, sent: Span, rule_base: str,
    ) -> list[Stance]:
        """Stances of a proposal noun that the trigger takes as its object and that a
        party other than the actor owns ("a U.S. proposal for", "Russia's offer of")."""
        low = _low(doc)
        if any(low[i] in ("which", "who") and low[i - 1] == ","
               for i in range(max(sent.start + 1, trig.start - 4), trig.start)):
            return []  # "Ukraine, which accepted the U.S. proposal, ...": background
        for n in ms:
            if not (n.kind == ACT and n.value == "noun" and n.label in ("propose", "demand")
                    and trig.end <= n.start <= trig.end + 4 and n.end < hi):
                continue
            owner = next((p for p in ms if p.kind == PARTY and (
                p.end == n.start or (p.end == n.start - 1 and low[p.end] in ("'s", "’s"))
            ) and p.start >= trig.end), None)
            if owner is None or owner.label == actor:
                return []
            return [
                Stance(owner.label, n.label, h.issue, h.outcome,
                       tuple(regions) if h.issue in self.regional else (), clause, sent,
                       doc[owner.start : owner.end], False, rule_base + "+owned-" + n.label)
                for h in hits if h.start >= n.end
            ]
        return []

    def _new_subject_clauses(
        self, doc: Doc, ms: list[Mention], reports: list[Mention], first_act: int
    ) -> list[int]:
        """Indices of ", and" that open a clause with a party of its own as the subject
        of a reporting or stance verb ("..., and Washington said ...")."""
        low = _low(doc)
        out: list[int] = []
        parties = [m for m in ms if m.kind == PARTY]
        for v in [*reports, *(m for m in ms if m.kind == ACT and m.value == "subject")]:
            if v.start <= first_act + 2:
                continue
            head = _subject_head(doc, v.start, first_act)
            if head is None:
                continue
            for p in parties:
                if p.end == head + 1 or (p.end == head and low[head] in self.roles):
                    if p.start - 2 > first_act and low[p.start - 1] == "and" and \
                            low[p.start - 2] == ",":
                        out.append(p.start - 1)
                    break
        return out

    def _note_plan_author(self, doc: Doc, ms: list[Mention], state: DocState) -> None:
        """"Trump's 28-point plan", "the US proposal", "the draft drafted by Witkoff":
        remember the author for the plan's points later in the report."""
        parties = [m for m in ms if m.kind == PARTY]
        noted = None  # end of the plan noun whose author this sentence named
        for n in ms:
            if n.kind != CUE or n.label != "plan_nouns":
                continue
            if noted is not None and n.start - noted <= 8 and any(
                w in ("to", "against") for w in _low(doc)[noted : n.start]
            ) and not any(w in (",", ";", ".") for w in _low(doc)[noted : n.start]):
                # "a counter-proposal to the U.S. plan": the plan answered is not the one
                # whose text follows
                continue
            before_author = state.plan_author
            state.plan_author = None
            self._note_one_plan(doc, n, parties, state)
            if state.plan_author is None:
                state.plan_author = before_author
            else:
                noted = n.end

    def _note_one_plan(
        self, doc: Doc, n: Mention, parties: list[Mention], state: DocState
    ) -> None:
        """The author of one plan noun ("Trump's plan", "the European draft"), if named."""
        low = _low(doc)
        before = [p for p in parties if n.start - 10 <= p.end <= n.start
                  and not (p.start > 0 and low[p.start - 1] in _PREPOSITIONS)
                  and not any(w in (",", ".", ";", ":") for w in low[p.end : n.start])]
        if before and before[-1].start > 0 and low[before[-1].start - 1] in _GIVING:
            # "Kyiv handed the Russian side a document": the side is its recipient
            giver = [p for p in parties if p.end < before[-1].start
                     and not (p.start > 0 and low[p.start - 1] in _PREPOSITIONS)]
            before = giver[:1]
        if before:
            state.plan_author = before[-1].label
            return
        adj = [self.adjectives[w] for w in low[max(0, n.start - 3) : n.start]
               if w in self.adjectives]
        if adj:
            state.plan_author = adj[-1]  # "the European counter-proposal"
            return
        if any(w in ("his", "her", "its", "their") for w in low[max(0, n.start - 3) : n.start]):
            # "Zelensky unveiled his peace formula": the subject that owns it
            owner = [p for p in parties if p.end <= n.start - 1
                     and not (p.start > 0 and low[p.start - 1] in _PREPOSITIONS)
                     and not any(w in (",", ";", ":", ".") for w in low[p.end : n.start])]
            if owner:
                state.plan_author = owner[-1].label
                return
        for i in range(n.end, min(len(doc), n.end + 4)):
            if low[i] == "by":
                after = [p for p in parties if i < p.start <= i + 2]
                if after:
                    state.plan_author = after[0].label
                break

    def _frame(
        self, doc: Doc, sent: Span, ms: list[Mention], state: DocState
    ) -> tuple[str, str, str] | None:
        """(actor, act, rule) when the sentence is a plan's text ("Under the plan,
        ...", "The draft provides that ...") or an item of a list whose holder the
        line before named ("Russia's demands:" / "1. ..."), else None."""
        orth = token_strings(doc)[1]
        first = sent.start
        while first < sent.end and orth[first].isspace():
            first += 1
        if first >= sent.end:
            return None
        # a line start: a line break between the previous token and this one
        start_char = sent.start_char if first == sent.start else doc[first].idx
        line_start = first == 0 or "\n" in doc_text(doc)[
            start_char - len(orth[first - 1]) - 3 : start_char
        ] and _line_break_before(doc, first)
        item = _list_item(doc, first, sent.end) if orth[first][:1] in _ITEM_STARTS else None
        if line_start:
            state.line_speaker = _line_speaker(doc, ms, first, sent.end) or (
                # "A: ..." in an interview: the person the report is about answers
                state.first_person if _answer_line(doc, first, sent.end) else None)
            state.in_list = item is not None and state.list_holder is not None
            if item is None:
                state.list_holder = None
        body = item if item is not None else first
        if line_start:
            state.plan_para = None
        span = _plan_frame(doc, ms, body) if ms else None
        if span is not None:
            # the author inside the frame ("Under the US plan", "Trump's plan says")
            near = [p for p in ms if p.kind == PARTY
                    and span[0] - 3 <= p.start and p.end <= span[1]]
            author = near[0].label if near else state.plan_author
            if author:
                # "The plan calls for / requires ...": what it asks of others is demanded
                asks = any(m.kind == ACT and m.label == "demand" and m.value == "subject"
                           and m.start == span[1] for m in ms) or any(
                    # "Under point six, Russia must withdraw": what the plan asks of a party
                    m.kind == ACT and m.label == "demand" and m.value == "speaker"
                    and span[1] <= m.start <= span[1] + 4 for m in ms)
                state.plan_para = author
                return author, "demand" if asks else "propose", "plan-frame"
        if state.in_list and state.list_holder:
            return state.list_holder
        if state.plan_para and ms and any(w in ("would", "will") for w in orth[first:sent.end]) \
                and not any(m.kind == CUE and m.label == "reporting" and not (
                    m.end < sent.end and token_strings(doc)[0][m.end] in _MODALS
                ) for m in ms) \
                and not any(o[:1] in _QUOTES for o in orth[first:sent.end]):
            # "Under the plan, Ukraine would cap its army. Russia would keep Crimea.": the
            # paragraph goes on with the plan's text
            return state.plan_para, "propose", "plan-frame"
        state.plan_para = None
        return None

    def _advance(self, doc, sent, ms, state: DocState, speaker) -> None:
        state.stances_age += 1
        # "Q: And NATO?" / "A: It is not happening.": the answer's issue is the question's
        state.question_issues = [m for m in ms if m.kind == ISSUE] \
            if ms and _is_question(doc, sent) else []
        state.prev_mentions = ms or []  # for a pronoun in the next sentence (read lazily)
        # "he" usually continues the subject of the last sentence naming a person
        state.prev_person = None
        persons = [m for m in ms if m.kind == PARTY and m.value == "person"] if ms else None
        if persons and state.first_person is None:
            state.first_person = persons[0].label
        if persons:
            low = _low(doc)
            for m in persons:
                if not (m.end < len(low) and low[m.end] in ("'s", "’s")) and not (
                    m.start > sent.start and low[m.start - 1] in _PREPOSITIONS
                ):
                    # the person a sentence is about, not "Zelensky's term" or "with Putin"
                    state.last_person = state.prev_person = m.label
                    break
            for m in persons:
                # the two parties last named by their people: "the parties" of a readout
                if not state.people or state.people[-1] != m.label:
                    state.people = [*[p for p in state.people if p != m.label], m.label][-2:]
        if speaker:
            state.last_speaker = speaker
        pair = _opening_pair(doc, sent, ms) if ms else []
        if pair or not state.pair:
            state.pair = pair
        else:
            low = _low(doc)
            first = sent.start
            while first < sent.end - 1 and (doc[first].is_punct or doc[first].is_space):
                first += 1
            if not (low[first] in ("they", "both") or low[first : first + 2] == ["the", "two"]):
                state.pair = pair  # "The two countries ...", "They ...": the pair goes on
        text, a, b = doc_text(doc), sent.start_char, sent.end_char
        if text.count('"', a, b) % 2 == 1:
            state.in_quote = not state.in_quote
        elif (opened := text.count("“", a, b)) != (closed := text.count("”", a, b)):
            state.in_quote = opened > closed



# words between a subject and its verb: auxiliaries, negation, adverbs, time words,
# catenative verbs ("Putin continues to insist", "Kyiv has long rejected")
_VERB_GROUP = frozenset(
    ["is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "do", "does", "did", "not", "n't", "never", "also", "still", "now", "already", "again", "then", "just", "only", "even", "long", "once", "first", "further", "thus", "therefore", "today", "yesterday", "tonight", "week", "month", "year", "last", "this", "repeatedly", "to", "continues", "continue", "continued", "appears", "appeared", "seems", "seemed", "keeps", "kept", "remains", "remained", "ever", "really", "reportedly", "far", "instead", "meanwhile", "however", "understood", "thought", "known", "too", "always", "often", "soon", "later", "earlier", "nonetheless", "nevertheless", "likewise", "am", "'m", "’m", "'re", "’re", "'ll", "’ll", "'d", "’d", "'ve", "’ve"]
)
# verbs that take the trigger as their complement ("began to", "tried to", "vowed to")
_CATENATIVE = frozenset(
    ["begin", "begins", "began", "begun", "try", "tries", "decide", "decides", "intend",
     "intends", "went", "go", "goes"]
)
# pronouns that stand for a party only when one is named before them ("Russia said
# it was ready"), not otherwise ("They simply renounced ...")
_PRONOUN_SUBJECTS = frozenset(["they", "it", "you"])
# role nouns that name another party's people: "Ukraine's allies" are not Ukraine
_RELATIONAL = RELATIONAL_ROLES
_NOT_NOUNS = frozenset(
    ["that", "which", "who", "whom", "whose", "what", "when", "where", "while", "if", "because", "as", "and", "or", "but", "than", "so", "the", "a", "an", "this", "these", "those", "such", "any", "some", "all", "every", "each", "no", "another", "other", "he", "she", "we", "i", "our", "my", "his", "her", "its", "their", "your", "us", "them", "him", "me", "there", "here"]
)


# verbs whose object or subject "talks"/"negotiations" makes them a stance on holding talks
_TALK_VERBS = frozenset(
    ["hold", "holding", "held", "holds", "continue", "continuing", "continued", "resume", "resuming", "resumed", "start", "starting", "started", "begin", "beginning", "began", "conduct", "conducting", "enter", "entering", "launch", "launching", "open", "opening", "join", "joining", "engage", "engaging", "sit", "return", "returning"]
)
_TALK_PASSIVE = frozenset(
    ["held", "resumed", "continued", "started", "begin", "begins", "resume", "continue", "proceed", "launched"]
)
_CLAUSE_WORDS = frozenset(
    [",", ";", ":", "that", "which", "because", "when", "if", "while", "whether", "who"]
)


def _talks_are_object(doc: Doc, m: Mention, acts: list[Mention], lo: int) -> bool:
    """A bare "talks"/"negotiations"/"dialogue" is what a stance is about only as
    its object: near after a trigger ("open to negotiations", "ready for a
    full-fledged negotiation process"), after a verb of holding talks ("must hold
    negotiations") or before a passive one ("negotiations must be held")."""
    before = _low(doc)[max(lo, m.start - 3) : m.start]
    if any(w in _TALK_VERBS for w in before):
        return True
    after = _low(doc)[m.end : min(len(doc), m.end + 4)]
    if any(w in _TALK_PASSIVE for w in after) and not any(w in (",", ".") for w in after[:1]):
        return True
    for a in acts:
        if a.value == "speaker" and a.label == "reject" and m.end <= a.start <= m.end + 2 \
                and all(w in ("are", "is", "were", "was", "would", "be", "remain", "remained")
                        for w in _low(doc)[m.end : a.start]) \
                and "without" not in _low(doc)[a.end : a.end + 3]:
            # "negotiations were impossible while ...": refused ("impossible without X"
            # asks for X, not for talks)
            return True
        if a.end > m.start or a.start < lo:
            continue
        gap = doc[a.end : m.start]
        words = [t for t in gap if not t.is_punct or t.text == "-"]
        if len([t for t in words if t.text != "-"]) <= 6 and not any(
            t.lower_ in _CLAUSE_WORDS or t.text in (".", "!", "?") for t in gap
        ):
            return True
    return False


_TIME_PREPOSITIONS = frozenset(["at", "during", "ahead", "after", "following", "since",
                                "sidelines", "before"])


def _talks_as_time(doc: Doc, m: Mention, lo: int) -> bool:
    """"ahead of the Alaska summit", "at the talks in Istanbul": the meeting dates or
    places the stance; it is not what the stance is about."""
    low, orth = token_strings(doc)
    if low[m.end - 1] == "level":
        return False  # "at the highest level" is the format itself
    j = m.start - 1
    while j >= lo and (low[j] in ("the", "a", "an", "of", "this", "next", "last")
                       or orth[j][:1].isupper() or low[j] in ("'s", "’s")):
        j -= 1
    return j >= lo and low[j] in _TIME_PREPOSITIONS


# verbs of meeting that name talks only as a stance's own verb ("agreed to meet")
_MEET_VERBS = frozenset(["meet", "talk", "sit"])
# what one meets that is no meeting ("meet Russia's demands")
_MET_THINGS = frozenset(
    ["demands", "demand", "conditions", "condition", "requirements", "requirement", "terms",
     "needs", "obligations", "commitments", "expectations", "criteria", "targets", "deadline",
     "goals", "of", "about"]
)


def _meeting_is_object(doc: Doc, m: Mention, ms: list[Mention]) -> bool:
    """"ready to meet Putin", "agreed to meet", "wants to sit down with": a verb of
    meeting right after a trigger (at most "to" between), and not "meet the demands",
    "talk of a truce" or "talk with the people" (one talks with a party)."""
    low = _low(doc)
    if any(w in _MET_THINGS for w in low[m.end : m.end + 3]):
        return False
    if low[m.start] == "talk" and m.end < len(low) and low[m.end] in ("with", "to") and \
            not any(x.kind == PARTY and m.end < x.start <= m.end + 3 for x in ms):
        return False
    return any(a.kind == ACT and (a.end == m.start or (a.end == m.start - 1
                                                        and low[a.end] == "to"))
               for a in ms)


_YIELDING = frozenset(
    ["concession", "concessions", "compromise", "compromises", "inviolable", "non-negotiable"]
)
# verbs whose subject holds the demand/proposal they take as object
_ISSUE_VERBS = frozenset(
    ["issued", "issues", "issue", "presented", "presents", "present", "submitted", "submits", "submit", "tabled", "tables", "handed", "hands", "made", "makes", "put", "set", "outlined", "outlines", "unveiled", "unveils", "drafted", "drew"]
)
def _russian_leaves(doc: Doc, handover: Mention, lo: int) -> bool:
    """"Russian troops must leave", "Russia withdraws": the hand-over verb's subject is
    Russia's, so the land returns to Ukraine."""
    low = _low(doc)
    i = handover.start - 1
    while i >= lo and low[i] in _VERB_GROUP:
        i -= 1
    if i >= lo and low[i] in _TROOPS:
        i -= 1
    return i >= lo and low[i] in _RUSSIAN


# nouns that a party name modifies without being their subject ("the Ukraine crisis")
_EVENT_NOUNS = frozenset(["crisis", "war", "conflict", "question", "issue", "file", "dossier",
                          "situation", "settlement", "peace", "deal", "talks", "track"])
# "X will continue / would keep / will go on": the speaker's commitment that X goes on
_GOING_ON = frozenset(["continue", "keep", "on"])
_TROOPS = frozenset(["troops", "forces", "army", "soldiers", "military"])
_RUSSIAN = frozenset(["russia", "russian", "russia's", "russia’s", "moscow's", "moscow’s"])
_INCLUDE = frozenset(["include", "includes", "included"])
_CREATE = frozenset(["create", "creates", "created", "creating"])
# verbs whose object is the one spoken to ("told U.S. envoys"), who holds nothing
_ADDRESSING = frozenset(["told", "tells", "tell", "telling", "assured", "assures", "informed",
                         "informs", "reminded", "briefed"])
_DEMONSTRATIVES = frozenset(["these", "this", "those", "such"])
_OBLIGATION = frozenset(["must", "should", "has to", "have to", "need to", "needs to"])
# after these the speaker's own party asks to be given something: still a demand
_RECEIVE = frozenset(["get", "obtain", "receive", "have", "secure", "see", "be", "achieve"])


_IMPOSSIBLE = frozenset(["impossible", "not possible", "unthinkable", "unimaginable"])
_TIME_WORDS = frozenset(["today", "now", "currently", "still", "simply", "also", "even"])


_MEETING_NOUNS = {"meeting": "leaders_meeting", "summit": "leaders_meeting",
                  "talks": "direct_talks", "negotiations": "direct_talks"}


def _meeting_in_trigger(doc: Doc, trig: Mention, ms: list[Mention], hi: int) -> str | None:
    """The talks outcome that the trigger, or an offer right after it, names itself
    ("ready to organise a meeting", "offered to organize talks"), else None."""
    low = _low(doc)
    for m in ms:
        if m.kind == ACT and m.label == "propose" and trig.start <= m.start < hi and \
                m.start <= trig.end + 1 and m.end - m.start >= 2 and \
                low[m.end - 1] in _MEETING_NOUNS:
            return _MEETING_NOUNS[low[m.end - 1]]
    return None


def _attribution_comma(
    doc: Doc, trig: Mention, hi: int, cues: dict, parties: list[Mention]
) -> int | None:
    """The comma that opens a speaker's attribution after the stance ("..., Zelensky
    announced on Friday, hours after ..."), else None."""
    low = _low(doc)
    for r in cues.get("reporting", []):
        if r.start < trig.end or r.start >= hi or low[r.start] == "according":
            continue
        for k in range(r.start - 1, max(trig.end, r.start - 6) - 1, -1):
            if low[k] == ",":
                if not (low[r.start - 1] in _PERSON_PRONOUNS or any(
                        k < p.start and p.end == r.start for p in parties)):
                    return None  # "..., recognition of Russian claims to": no speaker
                # the attribution must end in a comma too, with more text after it
                after = next((j for j in range(r.end, min(hi, r.end + 6))
                              if low[j] == ","), None)
                return k if after is not None else None
            if low[k] in _QUOTES or low[k] in ("that", "and", "but"):
                break
        return None
    return None


def _main_clause_first(
    doc: Doc, trigs: list[Mention], conditions: list[Mention], lo: int
) -> list[Mention]:
    """"If this is not possible, then we need troops": a trigger inside a leading
    condition describes the condition; the main clause's trigger, when there is one,
    holds the stance."""
    low = _low(doc)
    asked = [i for i in range(lo, min(lo + 3, trigs[0].start)) if low[i] == "asked"]
    for c in [*conditions, *(Mention(CUE, "asked", None, i, i + 1) for i in asked)]:
        # "Asked whether Kyiv could agree to a truce, the president said: ..." too
        if c.start < lo or c.start > lo + 2:
            continue
        end = _clause_end(doc, c.start, trigs[-1].start)
        inside = [t for t in trigs if t.start < end]
        if end > c.start and inside and len(inside) < len(trigs):
            return [t for t in trigs if t.start >= end] + inside
    return trigs


# what is handed over or left when it is no land: people, and the nuclear plant
_HANDED_PEOPLE = frozenset(
    ["soldiers", "servicemen", "prisoners", "captives", "detainees", "civilians", "children",
     "bodies", "remains", "pows", "people", "citizens", "fighters", "wounded", "documents",
     "lists", "list", "weapons"]
)
_HANDOVER_WORDS = frozenset(["hand", "handing", "handed", "hands", "leave", "leaves", "left",
                             "leaving", "surrender", "surrendered", "return", "returned"])


def _hands_over_no_land(doc: Doc, m: Mention, found: list[Mention], end: int) -> bool:
    """"hand over 23 wounded soldiers", "leave the Zaporizhzhia nuclear plant": a
    hand-over verb whose object is people or the plant, not land."""
    low = _low(doc)
    if low[m.start] not in _HANDOVER_WORDS:
        return False
    for i in range(m.end, min(end, m.end + 7)):
        if low[i] in (",", ";", ".", "and", "or") or any(
            o.start == i and o.label == "territory" for o in found
        ):
            return False
        if low[i] in _HANDED_PEOPLE or any(
            o.start == i and o.label in ("nuclear_plant", "humanitarian") for o in found
        ):
            return True
    return False


def _located_on(doc: Doc, m: Mention) -> bool:
    """A bare "territory" after "on"/"in"/"onto" ("troops on Ukrainian territory",
    "in its territory"): a place, not a stance on who holds land."""
    low = _low(doc)
    i = m.start - 1
    while i >= 0 and i >= m.start - 3 and low[i] not in ("on", "in", "onto", "into", "across"):
        if low[i] in (",", ";", ".") or low[i] in _VERB_GROUP:
            return False
        i -= 1
    return i >= 0 and i >= m.start - 3 and low[i] in ("on", "in", "onto", "into", "across")


def _recognised_object(doc: Doc, m: Mention, found: list[Mention]) -> bool:
    """A bare "territory" that is the object of "recognise" ("would never recognise any
    occupied territory as Russian"): the stance is on recognition, not on control."""
    low = _low(doc)
    for o in found:
        if o.label == "recognition" and o.end <= m.start <= o.end + 3 and not any(
            w in (",", ";", "and", "or", "but") for w in low[o.end : m.start]
        ):
            return True
    return False


# objects of "recognise" that are no land: a deal, not a sovereignty claim
_DEAL_NOUNS = frozenset(["agreement", "agreements", "deal", "deals", "accord", "accords",
                         "arrangement", "arrangements", "decisions", "decision", "outcome"])


def _recognises_a_deal(doc: Doc, m: Mention) -> bool:
    """"would not recognise any agreement reached without it": a bare "recognise"
    whose object is a deal."""
    low = _low(doc)
    if m.end - m.start != 1 or not low[m.start].startswith("recogni"):
        return False
    nxt = [w for w in low[m.end : m.end + 3] if w not in _ARTICLES and w != "such"]
    return bool(nxt) and nxt[0] in _DEAL_NOUNS


def _election_as_date(doc: Doc, m: Mention) -> bool:
    """"on election day", "on the same day as the election": a date, not a stance."""
    low = _low(doc)
    after = low[m.end] if m.end < len(low) else ""
    before = low[max(0, m.start - 3) : m.start]
    return after in ("day", "night", "campaign") or before in (
        ["day", "as", "the"], ["day", "of", "the"], ["time", "as", "the"])


def _no_nato_guarantee(doc: Doc, m: Mention, ms: list[Mention], end: int) -> bool:
    """"guarantees that NATO will not expand / take in Ukraine": the guarantee is the
    ban on membership, not a guarantee of Ukraine's security."""
    low = _low(doc)
    if m.end >= end or low[m.end] != "that":
        return False
    stop = next((i for i in range(m.end, min(end, m.end + 10)) if low[i] in (",", ";")),
                min(end, m.end + 10))
    nato = [p for p in ms if m.end < p.start < stop and (
        (p.kind == PARTY and p.label == "NATO") or (p.kind == ISSUE and p.label == "nato_membership"))]
    # "guarantees that NATO will not take in Ukraine", "... that Ukraine will never join NATO"
    return bool(nato) and any(w in ("not", "never", "n't") for w in low[m.end : stop])


_TRAILING_CONDITIONS = frozenset(["once", "if", "unless", "until", "when"])


def _in_trailing_condition(doc: Doc, trig: Mention, lo: int) -> bool:
    """A stance verb inside a condition that ends the clause ("the truce would take
    effect once Russia accepted it"): the condition's subject states nothing."""
    low = _low(doc)
    for i in range(trig.start - 1, max(lo + 2, trig.start - 6) - 1, -1):
        w = low[i]
        if w in (",", ";", ":", "-", "—") or w in _QUOTES:
            return False
        if w in _TRAILING_CONDITIONS:
            return i + 1 < trig.start and low[i - 1] not in ("only", "and", "or", "but")
    return False


def _addressee_inside(doc: Doc, m: Mention, parties: list[Mention]) -> bool:
    """"asked Washington for", "asked Turkey and the UN to": a gapped trigger whose gap
    holds the party asked (not a question put: "Asked whether Kyiv would ...")."""
    low = _low(doc)
    if m.end - m.start < 3 or not low[m.start].startswith("ask"):
        return False
    if any(w in ("whether", "if", "about", "what", "how", "why", "when") for w in
           low[m.start : m.end]):
        return False
    return all(m.start < p.start and p.end < m.end for p in parties if
               p.start < m.end and m.start < p.end)


_WEAK_ANTECEDENTS = frozenset(["talks", "legitimacy", "agreement_form"])


def _pronoun_antecedent(
    doc: Doc, ms: list[Mention], trig: Mention, lo: int, hi: int, sent: Span, state: DocState
) -> Mention | None:
    """The issue a "them" in the clause, or an "it" right after the trigger, stands for:
    the one issue named earlier in the sentence, else the one the previous sentence
    named ("Elections will be held after the war. Holding them now would be
    irresponsible.")."""
    low = _low(doc)
    if not ("them" in low[lo:hi] or "it" in low[trig.end : min(hi, trig.end + 2)]):
        return None
    before = [m for m in ms if m.kind == ISSUE and sent.start <= m.start and m.end <= lo]
    if before:
        labels = {m.label for m in before}
        m = before[-1] if len(labels) == 1 else None
    else:
        named = [m for m in state.prev_mentions if m.kind == ISSUE]
        m = named[-1] if len({m.label for m in named}) == 1 else None
    return m if m is not None and m.label not in _WEAK_ANTECEDENTS else None


def _condition_clause(doc: Doc, lo: int, hi: int) -> bool:
    """A clause that is only a condition: "but only if ...", "but only after ...",
    "but on condition that ..."."""
    low = _low(doc)
    words = [w for w in low[lo : min(hi, lo + 5)] if w not in (",", "but", "—", "-", ";")]
    return words[:1] in (["if"], ["unless"]) or words[:2] in (
        ["only", "if"], ["only", "after"], ["only", "once"], ["on", "condition"],
        ["provided", "that"]) or words[:3] == ["only", "on", "condition"]


def _impossible_without(doc: Doc, trig: Mention) -> bool:
    """"... is impossible (today) without ...": a condition, not a refusal."""
    if doc[trig.start : trig.end].text.lower() not in _IMPOSSIBLE:
        return False
    low = _low(doc)
    for w in low[trig.end : min(len(low), trig.end + 3)]:
        if w == "without":
            return True
        if w not in _TIME_WORDS:
            return False
    return False


_DETERMINERS = frozenset(["the", "a", "an", "this", "these", "those", "any", "its", "their",
                          "his", "her", "our"])
_ARTICLES = frozenset(["the", "a", "an", "any", "this", "that", "these", "those"])


def _attributive(doc: Doc, m: Mention) -> bool:
    """"the proposed cap", "a rejected offer": a participle before a noun describes
    it; nobody proposes or rejects anything in this clause."""
    if m.value != "subject" or m.end - m.start != 1 or m.start == 0:
        return False
    if _low(doc)[m.start - 1] in _DETERMINERS:
        return True  # "called the demand a non-starter": a noun, not a verb
    word = _low(doc)[m.start]
    # "the proposed cap"; "Russian-backed separatists", "a US-backed plan"
    return word.endswith("ed") and (_low(doc)[m.start - 1] in _ARTICLES or (
        m.start > 1 and _low(doc)[m.start - 1] == "-" and not doc[m.start - 2].whitespace_))


_SAYING = frozenset(["said", "says", "has", "have", "had", "it", "they", "he", "she", "that"])


def _verb_group_clauses(doc: Doc, sent: Span, ms: list[Mention]) -> list[int]:
    """Commas that open a second verb of the sentence's subject after an issue
    ("Ukraine, which accepted a truce, has said it will not agree to a pause"): the
    later trigger holds the issues after it."""
    low = _low(doc)
    acts = [m for m in ms if m.kind == ACT and m.value == "subject"]
    issues = [m.start for m in ms if m.kind == ISSUE]
    out: list[int] = []
    for a in acts[1:]:
        j = a.start - 1
        while j > sent.start and (low[j] in _VERB_GROUP or low[j] in _SAYING) and \
                a.start - j <= 6:
            j -= 1
        if j > sent.start and low[j] == "," and j + 1 < a.start and \
                low[j + 1] in _VERB_GROUP and any(sent.start <= i < j for i in issues) and \
                any(b.end <= j for b in acts):
            out.append(j)
    return out


def _coordinated_verbs(doc: Doc, ms: list[Mention]) -> list[int]:
    """"and" joining two stance verbs of the same subject in the same form ("Hungary
    opposed the plan and called for talks", "Kyiv rejects X and proposes Y"): each
    verb holds the issues after it. A base form ("urged Kyiv to withdraw and accept")
    is the object of the first verb, not a second stance."""
    low = _low(doc)
    acts = [m for m in ms if m.kind == ACT and m.value == "subject"]
    out: list[int] = []
    for k, b in enumerate(acts):
        j = b.start - 1
        while j > 0 and low[j] in _VERB_GROUP:
            j -= 1
        if low[j] != "and":
            continue
        if j > 0 and low[j - 1] == "," and any(a.end <= j - 1 for a in acts[:k]) and \
                low[b.start].endswith("ed"):
            # "Kyiv said it was ready to X, and asked both to Y": a second statement
            out.append(j)
            continue
        vb = low[b.start]
        for a in acts[:k]:
            va = low[a.start]
            if a.end <= j and ((va.endswith("ed") and vb.endswith("ed")) or (
                va.endswith("s") and vb.endswith("s") and not va.endswith("ss")
                and not vb.endswith("ss")
            )):
                out.append(j)
                break
    return out


_PLAN_RELATIVE_VERBS = frozenset(
    ["would", "will", "calls", "envisages", "requires", "includes", "provides", "foresees",
     "proposes", "sees", "offers", "stipulates"]
)


def _plan_relatives(doc: Doc, ms: list[Mention]) -> list[int]:
    """Where a plan's content starts in "a plan that would ...", "a proposal which
    calls for ...": the relative word after the plan noun."""
    low = _low(doc)
    return [n.end for n in ms if n.kind == CUE and n.label == "plan_nouns"
            and n.end + 1 < len(low) and low[n.end] in ("that", "which")
            and low[n.end + 1] in _PLAN_RELATIVE_VERBS]


def _relative_stances(doc: Doc, ms: list[Mention]) -> list[int]:
    """Commas opening a relative clause whose subject is a party and whose verb is a
    stance with nothing after it ("..., which Russia has so far refused."): the clause
    holds a stance on what the noun before it names."""
    low = _low(doc)
    parties = [m for m in ms if m.kind == PARTY]
    issues = [m.start for m in ms if m.kind == ISSUE]
    out: list[int] = []
    for t in ms:
        if t.kind != ACT or t.value != "subject":
            continue
        p = next((p for p in reversed(parties) if t.start - 5 <= p.end <= t.start
                  and all(w in _VERB_GROUP or w in _RELATIVE_ADVERBS
                          for w in low[p.end : t.start])), None)
        if p is None or p.start < 2 or low[p.start - 1] not in ("which", "that") or \
                low[p.start - 2] != ",":
            continue
        stop = next((i for i in range(t.end, len(low)) if low[i] in (",", ".", ";")),
                    len(low))
        if any(t.end <= i < stop for i in issues):
            continue  # "which Russia says requires a ceasefire": an object of its own
        out.append(p.start - 2)
    return out


# condition words that, in a plan's text, name what its author asks in return
# "The guarantor states would ...": a word read as a reporting verb is a noun before these
_MODALS = frozenset(["would", "will", "could", "should", "must", "can", "may", "might"])
_PLAN_CONDITIONS = frozenset(["only", "provided", "providing", "unless", "on", "once"])
_RELATIVE_ADVERBS = frozenset(["so", "flatly", "firmly", "since", "swiftly", "quickly"])


def _verb_opens_clause(doc: Doc, lo: int, trig_start: int) -> bool:
    """A split clause that starts with its verb group ("but was ready to", "while
    insisting on") or with a pronoun for the same subject (", and they oppose"): it
    has no subject of its own."""
    low = _low(doc)
    i = lo
    while i < trig_start and (low[i] in (",", "but", "while", "and", "—", ";", "whereas")):
        i += 1
    if i > lo and i < trig_start and low[i - 1] == "and" and low[i] in _SAME_SUBJECT:
        i += 1
        return i == trig_start or low[i] in _VERB_GROUP
    return i > lo and (i == trig_start or low[i] in _VERB_GROUP)


_SAME_SUBJECT = frozenset(["they", "it", "he", "she"])


def _obligation_negated(doc: Doc, trig: Mention, ms: list[Mention]) -> bool:
    """"must not", "should never": an obligation that the outcome not happen, unless
    the negation belongs to the outcome itself ("must not join NATO")."""
    if trig.value != "speaker" or doc[trig.start : trig.end].text.lower() not in _OBLIGATION:
        return False
    low = _low(doc)
    i = trig.end
    while i < len(low) and low[i] in ("also", "ever", "simply"):
        i += 1
    if i >= len(low) or low[i] not in ("not", "never", "n't"):
        return False
    return not any(m.kind == ISSUE and m.start <= i < m.end for m in ms)


def _self_obligation(doc: Doc, trig: Mention, lo: int, ms: list[Mention], speaker: str) -> bool:
    """A speaker's modal whose subject is the speaker's own party names a step the
    speaker offers to take (propose), not one it asks of others (demand)."""
    if doc[trig.start : trig.end].text.lower() not in _OBLIGATION:
        return False
    head = _subject_head(doc, trig.start, lo)
    if head is None:
        return False
    nxt = _low(doc)[trig.end] if trig.end < len(doc) else ""
    for m in ms:
        if m.end != head + 1:
            continue
        if m.kind == ISSUE and m.label == "talks":
            return True  # "Negotiations must be held": the speaker's side would hold them
        if m.kind == PARTY and m.label == speaker and nxt not in _RECEIVE:
            return True
    return False


def _swap(doc: Doc, start: int) -> bool:
    """"a land swap", "an exchange of territory": a stance on land with no place named."""
    return any(w.startswith(("swap", "exchang")) for w in _low(doc)[start : start + 3])


_NOT_DISCUSSED = frozenset(["not be discussed", "not discussed", "not up for discussion",
                            "not subject to discussion", "not negotiable", "non-negotiable",
                            "not be negotiated"])


def _refuses_discussion(doc: Doc, trig: Mention, hi: int) -> bool:
    """"is not up for discussion", "not ready to discuss ...": a refusal to negotiate
    about something, not a refusal of it."""
    low = _low(doc)
    if " ".join(low[trig.start : trig.end]) in _NOT_DISCUSSED:
        return True
    return any(w in ("discuss", "negotiate", "discussing", "negotiating")
               for w in low[trig.end : min(hi, trig.end + 3)])


# outcomes that bind Ukraine: Kyiv can only offer them
_CONCESSIONS = frozenset([("neutrality", "neutral"), ("army_limits", "limited"),
                          ("nato_membership", "renounced"), ("eu_membership", "renounced")])
# an outcome that is the giving up of an aim, and that aim
_RENOUNCED = {("nato_membership", "renounced"): "member", ("eu_membership", "renounced"): "member"}
# "Kyiv rejected the proposal": a back-reference reaches the stances of the sentence
# before, or the one before that
_ANAPHORA_REACH = 1
# after these a noun names its own content ("the idea of observers"): no back-reference
_COMPLEMENTS = frozenset(["of", "for", "to", "that", "on", "from", "by", "about"])


def _has_complement(doc: Doc, m: Mention) -> bool:
    low = _low(doc)
    return m.end < len(low) and low[m.end] in _COMPLEMENTS


_FUTURE_RE = re.compile(r"\b(?:will|would)\b|['’]ll\b", re.IGNORECASE)
_FUTURE = frozenset(["will", "would", "'ll", "’ll"])
# verbs after "will" that state no step the party takes ("will receive", "would be")
_NOT_COMMITMENTS = frozenset(
    ["be", "have", "receive", "get", "face", "lose", "suffer", "need", "likely", "probably",
     "not", "never", "n't", "only", "also", "still", "then", "soon", "decide", "see",
     # schedules ("Witkoff will meet Putin on Thursday")
     "meet", "travel", "visit", "attend", "arrive", "fly", "go", "speak", "talk"]
)


def _with_commitments(
    doc: Doc, sent: Span, ms: list[Mention], speaker: str | None
) -> list[Mention]:
    """Add a propose trigger on the "will"/"would" of a party subject whose clause has
    no trigger of its own and names an issue ("Russia will cease fire and begin
    negotiations as soon as Kyiv withdraws", "Germany will send more air defence
    systems", "we will keep up the pressure, including through sanctions"). Said by
    another party it is that party's forecast, not a commitment."""
    if not _FUTURE_RE.search(doc_text(doc), sent.start_char, sent.end_char) or not any(
        m.kind in (ISSUE, REGION) for m in ms
    ):
        return ms  # a commitment to nothing the dossier names, or no "will" at all
    low = _low(doc)
    added: list[Mention] = []
    # (start, end) of each subject before a "will": parties, then pronouns
    subjects: list[tuple[int, int]] = []
    for p in ms:
        if p.kind != PARTY:
            continue
        if p.start - 2 >= sent.start and low[p.start - 1] in _FUTURE \
                and low[p.start - 2] in ("then", "only") and p.end < sent.end and \
                doc[p.end].is_alpha and low[p.end] not in _NOT_COMMITMENTS and \
                (speaker is None or speaker == p.label) and \
                not any(m.kind == ACT and m.start == p.end for m in ms):
            # "Only then will Russia order a ceasefire": the verb after the inverted subject
            added.append(Mention(ACT, "propose", "subject", p.end, p.end + 1))
        elif (speaker is None or speaker == p.label) and not (
            p.start > sent.start and low[p.start - 1] in _PREPOSITIONS
        ):  # "representatives of Kiev will ...": not the party itself
            subjects.append((p.start, p.end))
    subjects += [(i, i + 1) for i in range(sent.start, sent.end - 1)
                 if low[i] in _COMMITTING_PRONOUNS and low[i + 1] in _FUTURE]
    for start, end in subjects:
        if end + 1 >= sent.end or low[end] not in _FUTURE:
            continue
        if low[end + 1] in _NOT_COMMITMENTS or not doc[end + 1].is_alpha:
            continue
        stop = next((i for i in range(end, min(sent.end, end + 16))
                     if low[i] in (",", ";", ".", ":")), min(sent.end, end + 16))
        if any(m.kind == ACT and m.value != "imperative" and end <= m.start < stop
               and _subject_head(doc, m.start, start) == end - 1 for m in ms) or not (
            any(m.kind == ISSUE and end < m.start < stop for m in ms) or (
                # "Russia would return parts of Kharkiv": a hand-over of named land
                any(m.kind == REGION and end < m.start < stop for m in ms)
                and any(m.kind == CUE and m.label == "territory_handover"
                        and end < m.start < stop for m in ms))
        ):
            continue
        added.append(Mention(ACT, "propose", "subject", end, end + 1))
    if not added:
        return ms
    return sorted([*ms, *added], key=lambda m: (m.start, -m.end, m.kind != ACT
                                                  or m.value != "noun"))


# pronouns whose "will" commits the party they stand for ("we will keep sanctions")
_COMMITTING_PRONOUNS = frozenset(["we", "he", "she", "they"])


def _starts_quote(doc: Doc, sent: Span, text: str) -> bool:
    """The sentence opens a quote; the opening mark may end the previous sentence
    ('He spoke. "We are ready.')."""
    return text[:1] in _QUOTES or (
        sent.start > 1 and doc[sent.start - 1].text in _QUOTES
        and bool(doc[sent.start - 2].whitespace_)
    )


def _quote_speaker(
    state: DocState, starts_quote: bool, next_speaker: str | None | Callable[[], str | None]
) -> str | None:
    """The speaker of a sentence that names none: a quote's speaker named where it
    closes, else the person just named, else whoever speaks in the open quote."""
    if callable(next_speaker):
        next_speaker = next_speaker() if starts_quote else None
    if starts_quote and next_speaker:
        return next_speaker  # a quote whose speaker is named next
    if starts_quote and state.prev_person:
        # 'Zelensky was defiant. "We will never ...": the person just named
        return state.prev_person
    if state.in_quote or (starts_quote and state.last_speaker):
        return state.last_speaker
    if starts_quote and state.last_person:
        # an unattributed quote: the person the report last named speaks
        return state.last_person
    return None


_ENUMERATORS = frozenset(
    ["first", "second", "third", "fourth", "fifth", "firstly", "secondly", "thirdly", "finally", "lastly", "also", "and", "so", "then", "now", "please", "therefore"]
)


def _order_start(doc: Doc, start: int, limit: int) -> int:
    """Where an order may start: the sentence's first word, after an enumerator
    ("Second, give us weapons"), a list number ("2.") or a leading condition
    ("If you will not close the sky, give us air defence")."""
    i = start
    while i < limit:
        t = doc[i]
        if t.is_punct or t.is_space or t.like_num or t.lower_ in _ENUMERATORS:
            i += 1
            continue
        if t.lower_ in ("if", "unless", "once", "when"):
            comma = next((x.i for x in doc[i:limit] if x.text == ","), None)
            if comma is None:
                return i
            i = comma + 1
            continue
        return i
    return i


_JOINT = frozenset(["parties", "sides", "leaders", "presidents"])
_JOINT_STATES = frozenset(["countries", "nations", "states", "governments"])


def _opening_pair(doc: Doc, sent: Span, ms: list[Mention]) -> list[str]:
    """The two parties of a subject "X and Y" near the sentence start ("China and Brazil
    on Thursday published ..."), else []."""
    parties = [m for m in ms if m.kind == PARTY and m.start <= sent.start + 8]
    if len(parties) < 2:
        return []
    low = _low(doc)
    for a, b in zip(parties, parties[1:], strict=False):
        if b.start == a.end + 1 and low[a.end] == "and" and a.label != b.label and not (
            a.start > sent.start and low[a.start - 1] in _PREPOSITIONS
        ):
            return [a.label, b.label]
    return []


_DROP_VERBS = frozenset(["dropped", "drop", "drops", "dropping", "withdrew", "withdraw",
                         "withdrawn", "lifted", "lift", "lifts", "abandoned", "abandon",
                         "ended", "end", "overcame", "overcome", "waived", "waive", "eased"])


def _dropped_refusal(doc: Doc, trig: Mention, lo: int) -> bool:
    """A refusal noun that is the object of a verb of giving it up: "dropped his
    objections to", "withdrew its veto on", "ended its opposition to"."""
    low = _low(doc)
    return any(low[k] in _DROP_VERBS for k in range(max(lo, trig.start - 3), trig.start))


_PROPOSING = frozenset(["proposed", "proposes", "propose", "proposing", "suggested", "suggests",
                        "suggest", "suggesting", "floated", "floats", "backed", "backs", "supported",
                        "supports", "favours", "favors", "favoured", "favored", "put forward"])
_ASKING = frozenset(["to", "should", "must", "would", "will", "withdraw", "withdraws", "cede",
                     "cedes", "give", "gives", "hold", "holds", "accept", "accepts", "abandon",
                     "drop", "recognise", "recognize", "agree", "pull", "hand", "renounce"])


def _asks_another(doc: Doc, trig: Mention, hi: int, ms: list[Mention], actor: str | None) -> bool:
    """After a verb of proposing, another party is the subject of what is proposed:
    "proposed that Kyiv withdraw", "suggested Ukraine should hold elections"."""
    low = _low(doc)
    if " ".join(low[trig.start:trig.end]) not in _PROPOSING:
        return False
    k = trig.end + (trig.end < hi and low[trig.end] == "that")
    party = next((m for m in ms if m.kind == PARTY and m.start == k + (low[k] == "the")), None)
    if party is None or party.label == actor or party.end >= hi:
        return False
    return low[party.end] in _ASKING


_COPULAS = frozenset(["is", "remains", "remain", "remained", "was", "are", "were"])
_PASSIVE_AUX = frozenset(["was", "were", "is", "are", "been", "be", "being"])
_PASSIVE_SKIP = frozenset(["also", "again", "already", "firmly", "flatly", "repeatedly",
                           "swiftly", "quickly", "immediately", "publicly", "reportedly",
                           "since", "later", "now", "not", "never", "strongly", "widely"])


def _passive_agent(doc: Doc, t: Mention, lo: int, hi: int,
                   ms: list[Mention]) -> tuple[str, Span] | None:
    """The party after "by" when the trigger is a passive participle: "was rejected by
    Moscow", "has been proposed by the United States" -> (party, its span)."""
    low = _low(doc)
    last = low[t.end - 1]
    if t.end - t.start != 1 or not last.endswith("ed"):
        return None
    k = t.start - 1
    while k >= lo and low[k] in _PASSIVE_SKIP:
        k -= 1
    if k < lo or low[k] not in _PASSIVE_AUX:
        return None
    for j in range(t.end, min(hi, t.end + 5)):
        if low[j] in (",", ";", ".", "and", "but"):
            return None
        if low[j] == "by":
            for m in ms:
                if m.kind == PARTY and j < m.start <= j + 2 and m.end <= hi and \
                        all(low[x] in ("the", "both") for x in range(j + 1, m.start)):
                    return m.label, doc[m.start:m.end]
            return None
    return None


def _joint_subject(doc: Doc, trig_start: int, lo: int, ms: list[Mention]) -> int | None:
    """Start of a clause-initial "The parties" / "Both sides" / "The two leaders"
    that is the subject of the trigger (no party named in between), else None."""
    i = lo
    while i < trig_start and (doc[i].is_punct or doc[i].is_space):
        i += 1
    words = _low(doc)[i : min(trig_start, i + 3)]
    if words[:1] == ["they"] and _subject_head(doc, trig_start, lo) == i:
        end = i + 1  # "They support ...": the pair the last sentence opened with
    elif len(words) >= 2 and words[0] in ("the", "both") and words[1] in _JOINT:
        end = i + 2
    elif len(words) >= 3 and words[0] in ("the", "both") and words[1] == "two" and \
            words[2] in _JOINT | _JOINT_STATES:
        end = i + 3  # "the two countries" (never "the guarantor countries")
    else:
        return None
    if _low(doc)[end] == "of" if end < len(doc) else False:
        return None  # "the leaders of Britain, France and Germany"
    if any(m.kind == PARTY and end <= m.start < trig_start for m in ms):
        return None
    return i


def _plan_frame(doc: Doc, ms: list[Mention], body: int) -> tuple[int, int] | None:
    """Token span of a frame that makes the sentence a plan's text: "Under the
    (US-drafted) plan, ...", "According to the draft, ...", "The draft provides
    that ..." near the sentence start, else None."""
    nouns = [m for m in ms if m.kind == CUE and m.label == "plan_nouns"
             and body <= m.start <= body + 8]
    if not nouns:
        return None
    for f in ms:
        if f.kind == CUE and f.label == "plan_frame" and f.start == body:
            for n in nouns:
                gap = doc[f.end : n.start]
                if n.start - f.end <= 5 and not any(t.text in (",", ";", ".") for t in gap):
                    return f.start, n.end
    verbs = {m.start for m in ms if m.kind == CUE and m.label == "plan_verbs"}
    low, orth = token_strings(doc)
    for n in nouns:
        if n.end in verbs:
            return body, n.end
        if n.end + 1 < len(low) and low[n.end] == "," and low[n.end + 1] in ("which", "that"):
            # "The document, which the minister called a basis for talks, provides that"
            close = next((i for i in range(n.end + 2, min(len(low), n.end + 16))
                          if low[i] in (",", ";", ".")), None)
            if close is not None and low[close] == "," and close + 1 in verbs:
                return body, close + 1
        if n.end + 1 in verbs and low[n.end] in _PLAN_ADVERBS:
            return body, n.end + 1  # "The document also calls for ..."
        w = low[n.end] if n.end < len(low) else ""
        if n.end < len(low) and orth[n.end].islower() and w.isalpha() and len(w) > 3 and \
                w.endswith("s") and not w.endswith(("ss", "us")) and w not in _NOT_PLAN_VERBS:
            return body, n.end  # "The draft caps Ukraine's army ...": its text, in the present
    return None


_ATTACKS = frozenset(["attacks", "attack", "strikes", "strike", "shelling", "bombing",
                      "bombardment", "assaults"])
_PLAN_ADVERBS = frozenset(["also", "further", "reportedly", "explicitly", "still", "then",
                           "additionally", "likewise", "similarly"])
# third-person words after a plan noun that do not state its content
_NOT_PLAN_VERBS = frozenset(
    ["does", "remains", "seems", "appears", "looks", "comes", "goes", "needs", "lacks", "means", "faces", "sparks", "draws", "raises", "leaves", "gets", "becomes", "follows", "reflects", "contains", "this", "was", "has", "is"]
)


_BULLETS = frozenset(["-", "•", "*", "–", "—", "·"])


def _line_speaker(doc: Doc, ms: list[Mention], first: int, end: int) -> str | None:
    """The party of a transcript line's speaker ("Vladimir Putin: ...", "Zelensky: ..."),
    not a topic ("On NATO: ...")."""
    low = _low(doc)
    for i in range(first + 1, min(end, first + 8)):
        if low[i] == ":":
            for m in ms:
                if m.kind == PARTY and m.end == i and m.start >= first and \
                        not any(w in _PREPOSITIONS for w in low[first : m.start]):
                    return m.label
            return None
    return None


def _answer_line(doc: Doc, first: int, end: int) -> bool:
    """An interview's answer line: "A: ...", "Answer: ..."."""
    low = _low(doc)
    return first + 1 < end and low[first] in ("a", "answer") and low[first + 1] == ":" \
        and token_strings(doc)[1][first][:1].isupper()


def _quote_after_colon(doc: Doc, sent: Span) -> bool:
    """A quote mark right after a colon near the sentence start ('On talks: "We ...')."""
    orth = token_strings(doc)[1]
    for i in range(sent.start + 1, min(sent.end, sent.start + 10)):
        if orth[i] in _QUOTES and orth[i - 1] == ":":
            return True
    return False


_ITEM_STARTS = frozenset("0123456789-•*–—·")


def _line_break_before(doc: Doc, i: int) -> bool:
    prev = doc[i - 1]
    return "\n" in prev.whitespace_ or "\n" in prev.text


def _list_item(doc: Doc, first: int, end: int) -> int | None:
    """Index of the first word after a list marker ("3.", "3)", "-", "•") opening the
    sentence, else None."""
    t = doc[first]
    if t.text in _BULLETS and first + 1 < end:
        return first + 1
    if t.like_num and len(t.text) <= 3 and first + 2 < end and doc[first + 1].text in (".", ")"):
        return first + 2
    if len(t.text) <= 4 and t.text[:-1].isdigit() and t.text[-1] in ".)" and first + 1 < end:
        return first + 1
    return None


# words between "wants" and the land it names ("wants all of Donetsk")
_LAND_OBJECT = frozenset(
    ["all", "of", "the", "whole", "rest", "entire", "remaining", "part", "parts", "control",
     "over", "full", "back"]
)
# who, demanding named land and nothing else, wants it held by whom
_CLAIMANTS = {"RU": "ru_control", "UA": "ua_control"}


def _is_question(doc: Doc, sent: Span) -> bool:
    orth = token_strings(doc)[1]
    last = sent.end - 1
    while last > sent.start and (orth[last].isspace() or orth[last] in ('"', "”", "’")):
        last -= 1
    return orth[last] == "?"


def _is_heading(doc: Doc, sent: Span) -> bool:
    """A line of its own without closing punctuation ("The 28-point plan")."""
    low = _low(doc)
    last = sent.end - 1
    orth = token_strings(doc)[1]
    while last > sent.start and orth[last].isspace():  # = Token.is_space, no Token built
        last -= 1
    if low[last] in (".", "!", "?", ":", '"', "”", "’", "'"):
        return False
    nxt = doc[last].whitespace_ + (doc[last + 1].text if last + 1 < len(doc) else "\n")
    return "\n" in nxt


_GIVING = frozenset(["handed", "hands", "gave", "gives", "sent", "sends", "showed", "shows"])
_LIST_HEADS = (["the", "following", "are"], ["the", "following", "is"],
               ["the", "following", "were"], ["below", "are"], ["here", "are"])
_LIST_OPENERS = ("as follows", "listed below", "set out below", "the following", "below")


def _opens_list(doc: Doc, sent: Span) -> bool:
    """A sentence that announces the list after it ("Its main points are as follows.",
    "The following are the main points of the draft.")."""
    low = _low(doc)
    if low[sent.start : sent.start + 3] in _LIST_HEADS or \
            low[sent.start : sent.start + 2] in _LIST_HEADS:
        return True
    last = sent.end - 1
    while last > sent.start and (low[last].isspace() or low[last] in (".", ":")):
        last -= 1
    tail = " ".join(low[max(sent.start, last - 2) : last + 1])
    return tail.endswith(_LIST_OPENERS)


# nouns of a sentence that announces a plan's points ("set out ten elements:")
_LIST_NOUNS = frozenset(["points", "elements", "principles", "steps", "provisions", "items",
                         "measures", "clauses", "pillars", "proposals"])


def _ends_with_colon(doc: Doc, sent: Span) -> bool:
    orth = token_strings(doc)[1]
    last = sent.end - 1
    while last > sent.start and orth[last].isspace():
        last -= 1
    return orth[last] == ":"


def _low(doc: Doc) -> list[str]:
    """The Doc's lower-cased tokens as a list (built once; see ``token_strings``)."""
    return token_strings(doc)[0]


def _person(doc: Doc, ms: list[Mention], i: int, state: DocState) -> str | None:
    """Whom "he"/"she"/"his" at token ``i`` stands for: the first named person of the
    sentence before it that is not the object of a preposition, else the last
    person of the previous sentences."""
    for m in ms:
        if m.start >= i:
            break
        if m.kind == PARTY and m.value == "person" and not (
            m.start > 0 and _low(doc)[m.start - 1] in _PREPOSITIONS
        ):
            return m.label
    return state.last_person


_CLAUSE_OPENERS = frozenset(["that", "said", "says", "say", "the", "both", "while", "but"])
_RELATIVES = frozenset(["which", "who", "whom", "whose", "where", "when"])


def _coordinated(doc: Doc, ms: list[Mention], start: int, lo: int) -> list[str]:
    """Parties joined to the subject starting at ``start`` by "and" ("Russia and
    Ukraine agreed", "Kyiv and its European allies called for"), when the pair opens
    the clause ("Putin met Trump and Moscow wants ..." joins two clauses)."""
    low = _low(doc)
    i = start - 1
    if i >= 0 and low[i] in ("its", "their", "his", "her"):
        i -= 1
    if i < 1 or low[i] not in ("and", "&"):
        return []
    for m in ms:
        if m.kind == PARTY and m.end == i and (
            m.start <= lo or low[m.start - 1] in _CLAUSE_OPENERS
            or doc[m.start - 1].is_punct or doc[m.start - 1].is_space
        ):
            return [m.label]
    return []


def _skip_relative(doc: Doc, head: int | None, lo: int) -> int | None:
    """"The proposals, which Kyiv has not seen, would require ...": the subject is
    the noun before the relative clause, not a party inside it."""
    if head is None or head <= lo:
        return head
    low = _low(doc)
    if low[head] != ",":
        return head
    j = head - 1
    while j > lo and low[j] not in (",", ".", ";"):
        j -= 1
    if low[j] == "," and j + 1 < head and low[j + 1] in _RELATIVES:
        return _subject_head(doc, j, lo)
    return head


def _subject_head(doc: Doc, trig_start: int, lo: int) -> int | None:
    """Index of the last token of the trigger's subject: the word before the verb
    group ("Russia is also ready to" -> "Russia"), or None at the clause start."""
    low, orth = token_strings(doc)
    i = trig_start - 1
    while i >= lo:
        w = low[i]
        if w in _VERB_GROUP or (orth[i].islower() and (
            (w.endswith("ly") and len(w) > 3) or (w.endswith(("ed", "ing")) and len(w) > 4)
            or w in _CATENATIVE or (w == "said" and low[i + 1] == "to")  # "is said to be"
        )):
            # "Putin has repeatedly", "he had begun organizing", "Kyiv tried to"
            i -= 1
            continue
        return i
    return None


def _definite_start(doc: Doc, head: int, lo: int) -> int | None:
    """Start of a clause-initial "the <role>" / "the chief <role>" ending at ``head``."""
    low = _low(doc)
    j = head - 1
    while j >= lo and j >= head - 2 and low[j] not in ("the", "this"):
        j -= 1
    if j >= lo and low[j] in ("the", "this") and (
        j == lo or doc[j - 1].is_punct or low[j - 1] in _QUOTES or low[j - 1] == "that"
    ):
        return j
    return None


def _common_noun(t) -> bool:
    """A lower-case content word right before the verb group: a subject that is no
    party ("the guarantor countries are committed to", "Ukrainian society is not
    ready")."""
    return t.is_alpha and t.is_lower and t.lower_ not in _NOT_NOUNS and \
        t.lower_ not in _PREPOSITIONS and t.lower_ not in _VERB_GROUP


def _is_city(doc: Doc, m: Mention) -> bool:
    """"the city of Zaporizhzhia", "Donetsk city": a town, not its region."""
    before = _low(doc)[max(0, m.start - 2) : m.start]
    after = _low(doc)[m.end] if m.end < len(doc) else ""
    return (len(before) == 2 and before[1] == "of" and before[0] in ("city", "town")) \
        or after == "city"


def _followed_by_region_noun(doc: Doc, i: int, end: int) -> bool:
    """'Kharkiv, Sumy and Dnipro regions': a list ending in a region noun."""
    for t in doc[i : min(end, i + 6)]:
        if t.lower_ in _REGION_NOUNS:
            return True
        if not (t.is_punct or t.lower_ in ("and", "or") or t.is_title):
            return False
    return False


_CONCESSION = frozenset(
    ["abandon", "abandons", "abandoning", "give", "giving", "drop", "dropping", "renounce", "forgo", "forego", "back"]
)
_CLAIM_NOUNS = frozenset(["claim", "claims", "demand", "demands"])


def _concedes(doc: Doc, trig: Mention, end: int) -> bool:
    """"willing to give up his demand for ...", "could abandon its claims to ..."."""
    words = _low(doc)[trig.start : min(end, trig.end + 6)]
    return any(w in _CONCESSION for w in words) and any(w in _CLAIM_NOUNS for w in words)


def _clause_end(doc: Doc, start: int, limit: int) -> int:
    """End of a leading condition: the first comma after ``start`` (else ``start``)."""
    for t in doc[start:limit]:
        if t.text == ",":
            return t.i + 1
    return start


def actor_span_mention(span: Span, parties: list[Mention]) -> Mention | None:
    for m in parties:
        if m.start == span.start and m.end == span.end:
            return m
    return None


def _contained(m: Mention, others: list[Mention], *, strict: bool = False) -> bool:
    return any(
        o.start <= m.start and m.end <= o.end and o != m
        and (not strict or o.end - o.start > m.end - m.start)
        for o in others
    )


def _same_span(m: Mention, others: list[Mention], kind: str) -> bool:
    """A bare cue that is also a party's name ("NATO") names the party, not the issue."""
    return any(o.kind == kind and o.start == m.start and o.end == m.end for o in others)


def _longest_cues(ms: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for m in sorted(ms, key=lambda m: (m.start, -(m.end - m.start))):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out
