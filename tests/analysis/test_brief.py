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


def test_brief_reads_the_positions_at_its_end_once_and_matches_its_parts(store, add, dossier,
                                                                         monkeypatch):
    from parley.analysis import _sql, conflicts, positions, shifts

    build(add)
    add("2025-03-01", C("RU", "demand", "neutrality", "neutral"))
    heads = _sql.heads
    seen: list[str | None] = []

    def counting(store, keys, *, until, **kw):
        seen.append(until)
        return heads(store, keys, until=until, **kw)

    monkeypatch.setattr(_sql, "heads", counting)
    b = brief(store, since="2025-02-01", until="2025-03-31", dossier=dossier)
    assert seen.count("2025-03-31") == 1  # shifts, conflicts and the charts share one read
    monkeypatch.setattr(_sql, "heads", heads)
    moves = shifts(store, since="2025-02-01", until="2025-03-31", dossier=dossier)
    assert b.new_stances + b.shifts == tuple(s for s in moves if s.kind == "new") + tuple(
        s for s in moves if s.kind != "new")
    assert list(b.conflicts) == [c for c in conflicts(store, as_of="2025-03-31", dossier=dossier)
                                 if c.conflicts]
    assert list(b.positions) == positions(store, as_of="2025-03-31", dossier=dossier)


def test_shift_between_several_outcomes_is_described_the_same_every_run(store, add, dossier):
    # two outcomes change act at once: the first stance (demand tribunal) is named, not
    # whichever a set happens to yield first under this run's string hashing
    add("2025-01-10", C("UA", "demand", "accountability", "tribunal"),
        C("UA", "propose", "accountability", "amnesty"))
    add("2025-03-01", C("UA", "reject", "accountability", "tribunal"),
        C("UA", "reject", "accountability", "amnesty"))
    b = brief(store, since="2025-02-01", until="2025-03-31", dossier=dossier)
    [s] = b.shifts
    assert (s.kind, s.detail) == ("hardened", "demand → reject on tribunal")


def test_brief_counts_only_live_claims_and_their_reports_in_the_period(store, add, dossier):
    from parley.store.corrections import reject_claim

    build(add)
    [ua] = add("2025-02-20", C("UA", "demand", "ceasefire", "ceasefire"))
    add("2025-03-02", C("UA", "demand", "ceasefire", "ceasefire"))  # after the period
    b = brief(store, since="2025-02-01", until="2025-02-28", dossier=dossier)
    assert (b.claims, b.reports) == (4, 4)
    reject_claim(store, ua)
    b = brief(store, since="2025-02-01", until="2025-02-28", dossier=dossier)
    assert (b.claims, b.reports) == (3, 3)  # its report has no live claim left


def test_sourcing_split_across_threads_equals_one_query(store, add, dossier, monkeypatch):
    import contextlib
    import importlib

    brief_module = importlib.import_module("parley.analysis.brief")
    build(add)
    for day, actor in (("2025-02-10", "UA"), ("2025-02-11", "US"), ("2025-02-12", "EUROPE")):
        add(day, C(actor, "demand", "ceasefire", "ceasefire"), C(actor, "propose", "talks", "leaders_meeting"))
    with brief_module._readers(store, 2) as conns:
        assert len(conns) == 2  # a file store: the threaded path is the one taken
    threaded = brief(store, since="2025-02-01", until="2025-02-28", dossier=dossier)

    @contextlib.contextmanager
    def no_readers(store, n):
        yield []

    monkeypatch.setattr(brief_module, "_readers", no_readers)
    inline = brief(store, since="2025-02-01", until="2025-02-28", dossier=dossier)
    assert threaded == inline
    assert [(i.evidence.actor, i.evidence.issue) for i in threaded.best_sourced][:2] == [
        ("RU", "territory"), ("EUROPE", "ceasefire")]


def test_brief_inside_a_transaction_sees_its_uncommitted_claims(store, add, dossier):
    import importlib

    brief_module = importlib.import_module("parley.analysis.brief")
    build(add)
    store.conn.execute("BEGIN")
    store.conn.execute("UPDATE claims SET status = 'rejected' WHERE actor = 'UA'")
    with brief_module._readers(store, 2) as conns:
        assert conns == []  # side connections would not see the open transaction
    b = brief(store, since="2025-02-01", until="2025-02-28", dossier=dossier)
    store.conn.execute("ROLLBACK")
    assert [w.evidence.actor for w in b.worst_sourced] == []
    assert b.claims == 2
