"""The rule extractor: a spaCy pipeline of small rule components.

(Skeleton: the components are being written; this returns no claims yet.)
"""

from __future__ import annotations

from parley.dossier import Dossier
from parley.extract.records import Extraction
from parley.ingest.report import Report

EXTRACTOR_VERSION = "0.1.0"


class RuleExtractor:
    """Rule-based extractor over spaCy's tokenizer, driven by a dossier."""

    name = "rules"
    version = EXTRACTOR_VERSION

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier

    def extract(self, report: Report) -> Extraction:
        return Extraction(doc=report.doc, claims=(), controls=())
