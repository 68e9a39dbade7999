"""Decide stances from mentions: clauses, acts, actors, issues, regions.

Pure functions over a Doc whose ``doc._.parley_mentions`` is set (see
``mentions.py``). For each sentence: split it into clauses, take the clause's
first act trigger, resolve who holds the stance (the grammatical subject for
stance verbs, the speaker for modal cues), collect the issues and regions it is
about, and apply negation and "unless" flips. The result is a list of
``Stance`` drafts; ``pipeline.py`` adds sources, hedges and dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from parley.dossier import Dossier
from parley.extract.mentions import ACT, CUE, ISSUE, PARTY, REGION, Mention

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
    in_quote: bool = False
    house: str | None = None  # the party publishing the report (kremlin.ru: RU)
    last_act: tuple[str, str] | None = None  # (actor, act) of the last trigger seen


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
        self.weak = {str(w).lower() for w in dossier.lexicons.get("weak_issue_phrases", [])}
        self.defaults = {i.code: i.default_outcome for i in dossier.issues}
        self.adjectives = {
            a.lower(): p.code for p in dossier.parties for a in p.adjectives
        }
        self.person_names = {
            p.code: {n.lower() for n in [*p.people, *p.titles]} for p in dossier.parties
        }

    # -- speakers ------------------------------------------------------------
    def speaker(self, doc: Doc, sent: Span, ms: list[Mention], state: DocState) -> tuple:
        """(party, span, kind) of the sentence's speaker; kind is "party", "assessment",
        "anonymous" or None."""
        parties = [m for m in ms if m.kind == PARTY]
        reports = [m for m in ms if m.kind == CUE and m.label == "reporting"]
        assess = [m for m in ms if m.kind == CUE and m.label == "assessment"]
        anon = [m for m in ms if m.kind == CUE and m.label == "source_anonymous"]
        for r in reports:
            text = doc[r.start : r.end].text.lower()
            if text == "according to":
                after = [p for p in parties if r.end <= p.start <= r.end + 4]
                if after:
                    return after[0].label, doc[after[0].start : after[0].end], "party"
                continue
            before = [p for p in parties if r.start - 8 <= p.end <= r.start]
            if any(r.start - 8 <= a.end <= r.start for a in assess):
                return None, None, "assessment"
            if before:
                p = before[-1]
                # "Lavrov said" but not "the war in Ukraine, he said"
                if not (p.start > sent.start and doc[p.start - 1].lower_ in _PREPOSITIONS):
                    return p.label, doc[p.start : p.end], "party"
            prev = doc[r.start - 1] if r.start > sent.start else None
            if prev is not None and prev.lower_ in _PERSON_PRONOUNS and state.last_person:
                return state.last_person, None, "party"
            if prev is not None and prev.lower_ in ("we", "i") and state.last_speaker:
                return state.last_speaker, None, "party"
            after = [p for p in parties if r.end <= p.start <= r.end + 3]
            if after:
                return after[0].label, doc[after[0].start : after[0].end], "party"
            if any(r.start - 6 <= a.end <= r.start for a in anon):
                return None, None, "anonymous"
        if assess and reports:
            return None, None, "assessment"
        return None, None, None

    # -- actors --------------------------------------------------------------
    def subject(
        self, doc: Doc, trig: Mention, lo: int, ms: list[Mention], state: DocState,
        speaker: str | None,
    ) -> tuple[str | None, Span | None, str, int]:
        """Nearest party before the trigger that is not the object of a preposition:
        (party, span, how, token index where the stance's holder starts)."""
        cands = [m for m in ms if m.kind == PARTY and lo <= m.start and m.end <= trig.start]
        for m in reversed(cands):
            prev = doc[m.start - 1].lower_ if m.start > 0 else ""
            possessive = m.end < len(doc) and doc[m.end].lower_ in ("'s", "’s", "'")
            if prev in _PREPOSITIONS and not possessive:
                continue
            # a pronoun between the party and the trigger stands for someone else
            between = doc[m.end : trig.start]
            if any(t.lower_ in _PERSON_PRONOUNS | _FIRST_PERSON for t in between):
                break
            return m.label, doc[m.start : m.end], "subject", m.start
        window = doc[max(lo, trig.start - 6) : trig.start]
        for t in reversed(list(window)):
            if t.lower_ in _PERSON_PRONOUNS and state.last_person:
                return state.last_person, None, "pronoun", t.i
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
        for t in doc[window_lo : trig.start]:
            code = self.adjectives.get(t.lower_)
            if code:
                return code, None, "adjective", t.i
            if t.lower_ in ("his", "her", "its", "their"):
                actor, span, how, anchor = self.subject(doc, trig, lo, ms, state, speaker)
                if actor is None and t.lower_ in ("his", "her") and state.last_person:
                    return state.last_person, None, "pronoun", lo
                return actor, span, how, anchor
            if t.lower_ in ("our", "my") and speaker:
                return speaker, None, "first-person", t.i
        nxt = doc[trig.end].lower_ if trig.end < len(doc) else ""
        if nxt in _PERSON_PRONOUNS and state.last_person:
            return state.last_person, None, "pronoun", lo
        return None, None, "", lo

    # -- issues and regions --------------------------------------------------
    def regions(self, doc: Doc, ms: list[Mention], start: int, end: int) -> list[str]:
        regs = [m for m in ms if m.kind == REGION and _in(m, start, end)]
        parties = [m for m in ms if m.kind == PARTY]
        out: list[str] = []
        for m in regs:
            if _overlaps(m, parties):
                continue  # "Kiev" the government, not the city
            if m.value == "homonym":
                nxt = doc[m.end].lower_ if m.end < len(doc) else ""
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
            if act == "propose" and m.label == "condition" and doc[m.start].lower_ in (
                "if", "provided", "providing", "on", "as"
            ):
                flip_at, flip_to = m.start, "demand"
                break
        flip_end = None
        if flip_at is not None:
            flip_end = next((t.i for t in doc[flip_at:end] if t.text in (",", ";")), None)
        hits: dict[tuple[str, str], IssueHit] = {}
        found = [
            m for m in ms
            if m.kind == ISSUE and _in(m, start, end) and not _overlaps(m, exclude)
        ]
        strong = [m for m in found if not self._weak(doc, m)]
        for m in found:
            if self._weak(doc, m) and (
                strong or (m.start > 0 and doc[m.start - 1].lower_ in _LOCATIVE)
                or (m.start > 1 and doc[m.start - 1].lower_ == "the"
                    and doc[m.start - 2].lower_ in _LOCATIVE)
            ):
                continue  # "at the talks", "the issues in the negotiations are X": context
            if flip_at is not None and flip_end is not None and m.start >= flip_end:
                continue  # past the condition's clause ("..., dimming hopes for a truce")
            a = flip_to if flip_at is not None and m.start > flip_at else act
            why = "+condition" if a != act else ""
            if a == "reject" and m.start < trig.end and trig.start < m.end:
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
        return doc[m.start : m.end].text.lower() in self.weak

    # -- a sentence ------------------------------------------------------------
    def sentence(
        self, doc: Doc, sent: Span, ms: list[Mention], state: DocState,
        next_speaker: str | None | Callable[[], str | None],
    ) -> list[Stance]:
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
        if not any(
            m.kind == ACT or (m.kind == CUE and m.label == "list_continuation") for m in ms
        ):
            # no trigger: nothing to decide, only the carried state moves on
            self._advance(doc, sent, ms, state, speaker)
            return []
        text = sent.text
        starts_quote = text[:1] in _QUOTES
        has_quote = bool(_QUOTE_RE.search(text))
        if callable(next_speaker):
            next_speaker = next_speaker() if starts_quote else None
        if speaker is None and speaker_kind is None:
            if starts_quote and next_speaker:
                speaker = next_speaker  # a quote whose speaker is named next
            elif state.in_quote or (starts_quote and state.last_speaker):
                speaker = state.last_speaker
            # on a party's own site an unattributed "we" is that party
            if state.house and any(t.lower_ in ("we", "our") for t in sent):
                speaker = state.house
        out: list[Stance] = []
        if speaker_kind == "assessment":
            self._advance(doc, sent, ms, state, speaker)
            return out
        cues = {}
        for m in ms:
            if m.kind == CUE:
                cues.setdefault(m.label, []).append(m)
        exch = {(m.start, m.end) for m in cues.get("clause_exchange", [])}
        bounds = [sent.start]
        kinds = ["start"]
        for m in _longest_cues(cues.get("clause_split", [])):
            if m.start > bounds[-1]:
                bounds.append(m.start)
                kinds.append("exchange" if (m.start, m.end) in exch else "split")
        bounds.append(sent.end)
        parties = [m for m in ms if m.kind == PARTY]
        issues_all = [m for m in ms if m.kind == ISSUE]
        prev_act: tuple[str, str, Span | None] | None = None
        conditions = [
            m for m in cues.get("condition", [])
            if doc[m.start].lower_ in ("if", "once", "when", "after")
        ]
        for ci in range(len(bounds) - 1):
            lo, hi = bounds[ci], bounds[ci + 1]
            clause = doc[lo:hi]
            trigs = [
                m for m in ms
                if m.kind == ACT and _in(m, lo, hi)
                and not _overlaps(m, parties)
                and (m.value == "imperative" or not _contained(m, issues_all))
            ]
            rule_base = ""
            actor = actor_span = None
            act = ""
            trig = None
            anchor = lo
            for t in trigs:
                act = t.label
                if t.value == "imperative":
                    first = sent.start
                    while first < t.start and (doc[first].is_punct or doc[first].is_space):
                        first += 1
                    if t.start != first or not (speaker or state.house):
                        continue  # "stop" mid-sentence is no order
                    actor = speaker or state.house
                    actor_span, how, anchor = (speaker_span if speaker else None), "imperative", lo
                elif t.value == "noun":
                    actor, actor_span, how, anchor = self.noun_holder(doc, t, lo, ms, state,
                                                                      speaker)
                elif t.value == "speaker":
                    actor, actor_span, how, anchor = speaker, speaker_span, "speaker", lo
                    if actor is None and not has_quote:
                        actor, actor_span, how, anchor = self.subject(
                            doc, t, sent.start, ms, state, speaker
                        )
                        anchor = min(anchor, lo)
                else:
                    actor, actor_span, how, anchor = self.subject(doc, t, lo, ms, state, speaker)
                    if actor is None:
                        actor, actor_span, how, anchor = self.subject(
                            doc, t, sent.start, ms, state, speaker
                        )
                        anchor = max(anchor, lo)
                    if actor is None and speaker:
                        actor, actor_span, how, anchor = speaker, speaker_span, "speaker", lo
                if actor is None and state.house and speaker_kind is None:
                    actor, actor_span, how, anchor = state.house, None, "house", lo
                if actor:
                    trig = t
                    name = doc[t.start : t.end].text.lower().replace(" ", "_")
                    rule_base = f"{act}:{t.value}-{name}+{how}"
                    break
            if trig is None:
                if kinds[ci] == "exchange" and prev_act is not None:
                    actor, act, actor_span = prev_act
                    trig = Mention(ACT, act, "subject", lo, lo)
                    rule_base = f"{act}:exchange-clause"
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
            if any(
                trig.start - 6 <= n.start < trig.start and n.start >= lo
                for n in cues.get("nonclaim", [])
            ):
                continue  # hopes, schedules, speculation
            trig_words = doc[trig.start : trig.end].text.lower().split()
            negated = any(
                trig.start - 3 <= n.start < trig.start and n.start >= lo
                for n in cues.get("negation", [])
            ) and not any(w in trig_words for w in ("not", "never", "no", "n't"))
            if negated:
                act = _FLIP[act]
                rule_base += "+negated"
            prev_act = (actor, act, actor_span)
            # a condition before the trigger ("once a ceasefire is reached, he would ...")
            # frames the stance; its issues are not what is proposed
            lo_issues = anchor
            for cnd in conditions:
                if act != "reject" and lo <= cnd.start < trig.start and cnd.start >= anchor - 1:
                    lo_issues = max(lo_issues, _clause_end(doc, cnd.start, trig.start))
            excl = [actor_span_mention(actor_span, parties)] if actor_span is not None else []
            hits = self.issues(doc, ms, lo_issues, hi, act, trig, [m for m in excl if m])
            regions = self.regions(doc, ms, lo, hi)
            if not hits and any(
                trig.start <= m.start < hi for m in cues.get("anaphora", [])
            ):
                for s in state.last_stances:
                    out.append(
                        Stance(actor, act, s.issue, s.outcome, s.regions, clause, sent,
                               actor_span, actor == speaker, rule_base + "+anaphora")
                    )
                continue
            handover = any(_in(m, lo, hi) for m in cues.get("territory_handover", []))
            # a bare "territory" with no place and no hand-over names no stance on land
            hits = [
                h for h in hits
                if not (h.issue == "territory" and h.outcome is None and not regions)
            ]
            if regions and handover and not any(h.issue in self.regional for h in hits):
                # "give up the whole of Donbas": a stance on named land is about territory
                flipped = act == "reject" and any(
                    trig.end <= m.start < hi for m in cues.get("condition_flip", [])
                )
                hits.append(
                    IssueHit("territory", "ru_control" if handover else None, lo,
                             "demand" if flipped else act)
                )
            concession = _concedes(doc, trig, hi)
            for h in hits:
                regs = tuple(regions) if h.issue in self.regional else ()
                outcome = h.outcome
                rule = rule_base + h.why
                if concession and h.act == "propose" and h.issue == "territory" and \
                        outcome == "ru_control":
                    # "could abandon its claims to ...": the front line would stay
                    outcome, rule = "freeze", rule + "+concession"
                out.append(
                    Stance(actor, h.act, h.issue, outcome, regs, clause, sent, actor_span,
                           actor == speaker and speaker is not None, rule)
                )
        self._advance(doc, sent, ms, state, speaker)
        if out:
            state.last_stances = out
        return out

    def _advance(self, doc, sent, ms, state: DocState, speaker) -> None:
        # "he" usually continues the subject of the last sentence naming a person
        for m in ms:
            if m.kind == PARTY and m.value == "person":
                state.last_person = m.label
                break
        if speaker:
            state.last_speaker = speaker
        text = sent.text
        if text.count('"') % 2 == 1:
            state.in_quote = not state.in_quote
        elif text.count("“") != text.count("”"):
            state.in_quote = text.count("“") > text.count("”")



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
    words = [t.lower_ for t in doc[trig.start : min(end, trig.end + 6)]]
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
