"""Analysis over the analyst's view of the claims (corrections applied).

Pure functions over a :class:`~parley.store.db.Store` returning frozen records:

* :func:`positions` – each party's current stance per issue (see ``positions``).
* :func:`timeline` – a party's dated stances on an issue with quotes.
* :func:`shifts` – softened / hardened / new / dropped stances in a period.
* :func:`conflicts` – incompatible pairs and the zone of possible agreement.
* :func:`contradictions` – claims that cannot both hold.
* :func:`corroboration` / :func:`corroborations` – support of a claim.
* :func:`brief` with :func:`render_brief_markdown` / :func:`render_brief_html`.
"""

from parley.analysis.brief import brief, render_brief_html, render_brief_markdown
from parley.analysis.conflicts import conflicts, contradictions
from parley.analysis.corroboration import corroboration, corroborations
from parley.analysis.positions import position_from, positions, timeline
from parley.analysis.records import (
    Brief,
    BriefItem,
    Contradiction,
    Corroboration,
    Evidence,
    IssueConflicts,
    PairConflict,
    Position,
    RegionStance,
    Shift,
    Stance,
    TimelineEntry,
    Zone,
)
from parley.analysis.shifts import shifts

__all__ = [
    "Brief", "BriefItem", "Contradiction", "Corroboration", "Evidence", "IssueConflicts",
    "PairConflict", "Position", "RegionStance", "Shift", "Stance", "TimelineEntry", "Zone",
    "brief", "conflicts", "contradictions", "corroboration", "corroborations", "position_from",
    "positions", "render_brief_html", "render_brief_markdown", "shifts", "timeline",
]
