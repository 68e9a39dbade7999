"""brief() and its Markdown / HTML renderings."""

from __future__ import annotations

import re

from analysis_builders import C

from parley.analysis import brief, render_brief_html, render_brief_markdown

EVIL = 'Kyiv said <script>alert("x")</script> & "no" to it'


def build(add):
    add("2025-01-10", C("RU", "demand", "territory", "ru_control", regions=("UA-14",)))
    add("2025-02-03", C("RU", "propose", "territory", "freeze", regions=("UA-23",),
                        text="Moscow would freeze the line.",
                        source_kind="named", source="Peskov"), url="https://news.example/a")
    add("2025-02-04", C("RU", "propose", "territory", "freeze", regions=("UA-23",)), outlet="Other")
    add("2025-02-05", C("UA", "reject", "territory", "ru_control", text=EVIL, source_kind="anonymous",
                        hedged=True), url="javascript:alert(1)")


def test_brief_collects_new_stances_shifts_conflicts_and_sourcing(store, add, dossier):
    build(add)
    b = brief(store, since="2025-02-01", until="2025-02-28", dossier=dossier)
    assert (b.claims, b.reports) == (3, 3)
    assert [(s.actor, s.kind) for s in b.new_stances] == [("UA", "new")]
    assert [(s.actor, s.kind) for s in b.shifts] == [("RU", "softened")]
    assert [c.issue for c in b.conflicts] == ["territory"]
    best = b.best_sourced[0]
    assert (best.evidence.actor, best.evidence.outcome, best.independent) == ("RU", "freeze", 2)
    assert best.evidence.source == "Peskov"  # the strongest source is quoted
    assert [w.evidence.actor for w in b.worst_sourced] == ["UA"]


def test_markdown_quotes_sources_and_links(store, add, dossier):
    build(add)
    md = render_brief_markdown(brief(store, since="2025-02-01", until="2025-02-28", dossier=dossier))
    assert md.startswith("# Brief 2025-02-01 – 2025-02-28")
    assert "“Moscow would freeze the line.”" in md and "[Wire](https://news.example/a)" in md
    assert "javascript:" not in md


def test_html_stands_alone_and_escapes_report_text(store, add, dossier):
    build(add)
    page = render_brief_html(brief(store, since="2025-02-01", until="2025-02-28", dossier=dossier),
                             dossier=dossier)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "javascript:" not in page  # unsafe links are not linked
    assert not re.search(r"src=|<link|@import|url\(", page)  # no external files
    assert all(h.startswith("https://") for h in re.findall(r'href="([^"]*)"', page))
    assert "<svg" in page and "<style>" in page
