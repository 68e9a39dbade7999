"""The rule extractor: a spaCy pipeline of small rule components.

Components (each declares what it sets on the Doc, so a step can be tested
alone or replaced):

- ``sentencizer`` (``parley_sentencizer``, spaCy's rule over token arrays) +
  ``parley_line_breaks`` (``segment.py``): sentence and
  paragraph boundaries; every line break is one.
- ``parley_mentions`` (``mentions.py``): one PhraseMatcher/Matcher pass over the
  whole Doc for parties, issues/outcomes, regions, act triggers and cue words.
- ``parley_stances`` (``stance.py``): per body sentence, clauses → act, actor,
  issues, regions → ``doc._.parley_stances``.

``RuleExtractor.extract`` then attaches hedges, conditions, dates and sources
(``attributes.py``/``when.py``, through the adapter below) and control facts.
The Doc is built over the FULL report text so token offsets are output offsets.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from parley.dossier import Dossier
from parley.extract.mentions import MentionFinder, register_finder
from parley.extract.records import Claim, ControlFact, Extraction
from parley.extract.segment import doc_text, sentence_spans  # + parley_line_breaks
from parley.extract.stance import DocState, Stance, StanceFinder
from parley.ingest.report import Report

EXTRACTOR_VERSION = "0.2.0"

if not Doc.has_extension("parley_stances"):
    Doc.set_extension("parley_stances", default=None)
if not Doc.has_extension("parley_body_start"):
    Doc.set_extension("parley_body_start", default=0)
if not Doc.has_extension("parley_house"):
    Doc.set_extension("parley_house", default=None)

_STANCE_FINDERS: dict[str, StanceFinder] = {}
_QUOTE_SPAN = 6  # most sentences of one quote searched for its speaker
_QUOTE_MARKS = ('"', "“", "”", "«", "»")
# a sentence announcing a speech's text printed after it
_REMARKS_FOLLOW = re.compile(
    r"\b(?:remarks|statement|speech|address|comments|transcript|excerpts?)\b[^\n]*?"
    r"(?:\bfollows?\.|:)\s*$|\bthe following (?:statement|remarks|address)\b[^\n]*:\s*$",
    re.IGNORECASE,
)


@Language.component(
    "parley_body_start",
    assigns=["token.is_sent_start"],
    requires=[],  # reads doc._.parley_body_start, set by the caller before the pipeline
)
def body_start_boundary(doc: Doc) -> Doc:
    """The body's first token starts a sentence (front matter or a "date ..." line
    before it holds no claims)."""
    body = doc._.parley_body_start
    if body:
        for token in doc:
            if token.idx >= body:
                if not token.is_space:
                    token.is_sent_start = True
                break
    return doc


@Language.factory(
    "parley_stances",
    assigns=["doc._.parley_stances"],
    requires=["doc._.parley_mentions", "token.is_sent_start"],
    default_config={"key": ""},
)
def make_stances(nlp: Language, name: str, key: str):
    finder = _STANCE_FINDERS[key]

    def component(doc: Doc) -> Doc:
        doc._.parley_stances = find_stances(doc, finder)
        return doc

    return component


def find_stances(doc: Doc, finder: StanceFinder) -> list[Stance]:
    """Stances of every body sentence (``doc._.parley_body_start`` = first body char)."""
    mentions = doc._.parley_mentions or []
    text = doc_text(doc)
    sents = [s for s in sentence_spans(doc) if text[s.start_char : s.end_char].strip()]
    # mentions per sentence by one sweep over the sorted list
    per: list[list] = [[] for _ in sents]
    j = 0
    for i, s in enumerate(sents):
        while j < len(mentions) and mentions[j].start < s.start:
            j += 1
        k = j
        while k < len(mentions) and mentions[k].start < s.end:
            if mentions[k].end <= s.end:
                per[i].append(mentions[k])
            k += 1
    body = doc._.parley_body_start
    state = DocState(house=doc._.parley_house)
    out: list[Stance] = []

    def speaker_of(i: int):
        # the speaker named where the quote that opens sentence i - 1 closes, only
        # asked for when a quote opens a sentence ('"A. B. C," Zelensky said.')
        if i >= len(sents):
            return lambda: None

        def find() -> str | None:
            for j in range(i, min(len(sents), i + _QUOTE_SPAN)):
                # '..., he said' closing the quote: "he" is the person named before it
                who = finder.speaker(
                    doc, sents[j], per[j],
                    DocState(last_person=state.last_person, last_speaker=state.last_speaker),
                )[0]
                chunk = text[sents[j].start_char : sents[j].end_char]
                if who or any(q in chunk for q in _QUOTE_MARKS) or (
                    j > i and "\n" in text[sents[j - 1].end_char - 1 : sents[j].start_char + 1]
                ):
                    return who  # the quote closes here (or a new paragraph starts)
            return None

        return find

    for i, s in enumerate(sents):
        if s.start_char < body:
            continue
        out.extend(finder.sentence(doc, s, per[i], state, speaker_of(i + 1)))
        if state.last_person and text[max(s.start_char, s.end_char - 10) : s.end_char].rstrip(
        ).endswith((":", "follow.", "follows.")) and _REMARKS_FOLLOW.search(
            text, s.start_char, s.end_char
        ):
            # "Excerpts from his remarks follow." / "Putin made the following statement:"
            state.remarks_by = state.last_person
    return out


def build_nlp(dossier: Dossier) -> Language:
    """spaCy's blank English pipeline with the parley components for ``dossier``."""
    key = f"{id(dossier)}"
    nlp = spacy.blank("en")
    # spaCy stops caching word splits for the rest of a text once a special case
    # has matched, and English has special cases for "\n", "\t" and " ": every
    # report (front matter starts with "---\n") was tokenized uncached, ~5x slower.
    # Without them the tokens, offsets and norms are the same.
    nlp.tokenizer.rules = {
        k: v for k, v in nlp.tokenizer.rules.items() if k not in ("\n", "\t", " ")
    }
    # spaCy's sentencizer rule over token arrays (same boundaries, less CPU)
    nlp.add_pipe("parley_sentencizer", name="sentencizer")
    nlp.add_pipe("parley_line_breaks", after="sentencizer")
    nlp.add_pipe("parley_body_start", after="parley_line_breaks")
    register_finder(key, MentionFinder(nlp, dossier))
    _STANCE_FINDERS[key] = StanceFinder(dossier)
    nlp.add_pipe("parley_mentions", config={"key": key})
    nlp.add_pipe("parley_stances", config={"key": key})
    return nlp


# -- adapter to the attribute functions (attributes.py, when.py, control.py) ----
@dataclass(frozen=True)
class _Source:
    kind: str
    count: int | None
    phrase: str | None


class Attributes:
    """Hedges, conditions, dates, sources and control facts, with safe defaults
    when a module is missing or fails (the extractor never stops on them)."""

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self._attr: Any = _try_import("parley.extract.attributes")
        self._when: Any = _try_import("parley.extract.when")
        self._control: Any = _try_import("parley.extract.control")

    def context(self, doc: Doc, outlet: str | None) -> Any:
        if self._attr is None:
            return None
        try:
            return self._attr.SourceContext(doc, dossier=self.dossier, outlet=outlet)
        except TypeError:
            return self._attr.SourceContext(doc)

    def hedged(self, clause: Span, sent: Span) -> bool:
        if self._attr is None:
            return False
        return bool(self._attr.is_hedged(clause, sent, dossier=self.dossier))

    def conditional(self, clause: Span, sent: Span) -> bool:
        if self._attr is None:
            return False
        return bool(self._attr.is_conditional(clause, sent, dossier=self.dossier))

    def when(self, clause: Span, sent: Span, date: dt.date | None) -> str | None:
        if self._when is None:
            return None
        return self._when.resolve_when(clause, sent, date, dossier=self.dossier)

    def source(self, st: Stance, ctx: Any) -> Any:
        if st.rule.endswith(("plan-frame", "plan-item")):
            return _Source("document", None, None)  # a plan's text vouches for its points
        if self._attr is None or ctx is None:
            return _Source("outlet", None, None)
        return self._attr.attribute_source(
            st.sentence, st.clause, actor_span=st.actor_span,
            speaker_is_actor=st.speaker_is_actor, context=ctx, dossier=self.dossier,
        )

    def controls(self, doc: Doc, report: Report) -> list[ControlFact]:
        if self._control is None or not hasattr(self._control, "find_control_facts"):
            return []
        sents = [s for s in sentence_spans(doc) if s.start_char >= report.body_start]
        return list(
            self._control.find_control_facts(
                doc, sents, self.dossier, doc_name=report.doc, body_start=report.body_start
            )
        )


def _trimmed(span: Span, full: str) -> tuple[int, int]:
    """Character offsets of ``span`` without surrounding whitespace (``full`` = the
    Doc's text; ``Doc.text`` rebuilds the string on every call)."""
    text = full[span.start_char : span.end_char]
    start = span.start_char + (len(text) - len(text.lstrip()))
    return start, max(start, span.start_char + len(text.rstrip()))


def house_party(dossier: Dossier, report: Report) -> str | None:
    """The party whose own outlet published the report (its ``outlets``), if any."""
    where = " ".join(x for x in (report.outlet, report.url) if x).lower()
    if not where:
        return None
    for p in dossier.parties:
        if any(o.lower() in where for o in p.outlets):
            return p.code
    return None


def _try_import(name: str) -> Any:
    import importlib

    try:
        return importlib.import_module(name)
    except ImportError:
        return None


class RuleExtractor:
    """Rule-based extractor over spaCy's tokenizer, driven by a dossier."""

    name = "rules"
    version = EXTRACTOR_VERSION

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.nlp = build_nlp(dossier)
        self.attributes = Attributes(dossier)

    def extract(self, report: Report) -> Extraction:
        doc = self.nlp.make_doc(report.text)
        doc.user_data["parley_text"] = report.text  # the Doc is built over the full text
        doc._.parley_body_start = report.body_start
        doc._.parley_house = house_party(self.dossier, report)
        for _, proc in self.nlp.pipeline:
            doc = proc(doc)
        warnings: list[str] = []
        ctx = self.attributes.context(doc, report.outlet)
        claims: list[Claim] = []
        seen: set[tuple] = set()
        for st in doc._.parley_stances or []:
            key = (st.sentence.start, st.actor, st.act, st.issue)
            if key in seen:
                continue  # the scorer counts one per (actor, act, issue) and sentence
            seen.add(key)
            src = self.attributes.source(st, ctx)
            clause = st.clause
            c_start, c_end = _trimmed(clause, report.text)
            s_start, s_end = _trimmed(st.sentence, report.text)
            claims.append(
                Claim(
                    doc=report.doc,
                    start=c_start,
                    end=c_end,
                    text=report.text[c_start:c_end],
                    actor=st.actor,
                    act=st.act,
                    issue=st.issue,
                    outcome=st.outcome,
                    regions=st.regions,
                    hedged=self.attributes.hedged(clause, st.sentence),
                    conditional=self.attributes.conditional(clause, st.sentence),
                    when=self.attributes.when(clause, st.sentence, report.date),
                    source_kind=src.kind,
                    source_count=src.count,
                    source=src.phrase,
                    rule=st.rule,
                    sentence_start=s_start,
                    sentence_end=s_end,
                )
            )
        controls = self.attributes.controls(doc, report)
        return Extraction(
            doc=report.doc, claims=tuple(claims), controls=tuple(controls),
            warnings=tuple(warnings),
        )
