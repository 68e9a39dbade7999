"""Ingest runs: identity, versions, near-duplicates, bad inputs, interrupted and parallel runs."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
from tests.store.conftest import write_report

from parley.store import Store, list_claims, list_reports, story_reports
from parley.store.ingest import ingest


def _words(seed: int, n: int = 400) -> str:
    rng = random.Random(seed)
    vocab = [f"{a}{b}" for a in ("ka", "lo", "mi", "ne", "su", "ta", "ve", "zo") for b in "aeiourstn"]
    return " ".join(rng.choice(vocab) for _ in range(n))


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_same_files_twice_adds_nothing(tmp_path: Path, store: Store, fake_extractor: object,
                                              workers: int) -> None:
    for i in range(3):
        write_report(tmp_path, f"r{i}", body=f"CLAIM RU demand territory ru_control\n{_words(i, 80)}")
    first = ingest(store, [tmp_path], workers=workers)
    second = ingest(store, [tmp_path], workers=workers)
    assert (first.new, first.claims) == (3, 3)
    assert (second.ingested, second.unchanged) == (0, 3)
    assert len(list_claims(store)) == 3


def test_ingest_same_url_with_new_text_is_a_new_version(tmp_path: Path, store: Store) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    write_report(a, "story", url="https://example.org/x", body="First text.")
    write_report(b, "story", url="https://example.org/x", body="Corrected text.")
    ingest(store, [a])
    summary = ingest(store, [b])
    assert summary.new_versions == 1
    versions = list_reports(store, latest_only=False)
    by_version = {r.version: r for r in versions}
    assert by_version[2].previous_id == by_version[1].id
    assert (by_version[1].is_latest, by_version[2].is_latest) == (False, True)
    assert [r.version for r in list_reports(store)] == [2]


def test_ingest_groups_syndicated_near_copy_into_one_story(tmp_path: Path, store: Store) -> None:
    text = _words(1)
    edited = text.replace(text.split()[50], "changed", 1) + " with an added closing line"
    write_report(tmp_path, "wire", outlet="Wire", body=text, filler=0)
    write_report(tmp_path, "paper", outlet="Paper", body=edited, filler=0)
    write_report(tmp_path, "other", outlet="Other", body=_words(2), filler=0)
    summary = ingest(store, [tmp_path])
    assert (summary.new, summary.duplicates) == (2, 1)
    reports = {r.doc: r for r in list_reports(store)}
    assert reports["wire.txt"].story_id == reports["paper.txt"].story_id != reports["other.txt"].story_id
    assert {r.outlet for r in story_reports(store, reports["wire.txt"].story_id)} == {"Wire", "Paper"}


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_names_and_counts_bad_inputs_and_carries_on(tmp_path: Path, store: Store, workers: int) -> None:
    write_report(tmp_path, "good", body="Fine.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    summary = ingest(store, [tmp_path, tmp_path / "missing.txt", str(tmp_path / "*.nomatch")], workers=workers)
    problems = dict(summary.failed)
    assert summary.new == 1
    assert len(summary.failed) == 4
    assert str(tmp_path / "missing.txt") in problems
    assert str(tmp_path / "*.nomatch") in problems


def test_ingest_expands_quoted_globs(tmp_path: Path, store: Store) -> None:
    for i in range(3):
        write_report(tmp_path, f"g{i}", body=_words(i, 80))
    assert ingest(store, [str(tmp_path / "g*.txt")]).new == 3


def test_ingest_with_two_workers_stores_the_same_as_one(tmp_path: Path, db_path: Path,
                                                        fake_extractor: object) -> None:
    for i in range(12):
        write_report(tmp_path, f"r{i:02d}", body=f"CLAIM UA reject ceasefire partial\n{_words(i, 80)}")
    with Store(db_path) as one, Store(tmp_path / "two.db") as two:
        ingest(one, [tmp_path], workers=1)
        summary = ingest(two, [tmp_path], workers=2)
        assert summary.new == 12 and summary.claims == 12
        strip = [(c.doc, c.start, c.end, c.actor, c.issue) for c in list_claims(one, order="report")]
        assert strip == [(c.doc, c.start, c.end, c.actor, c.issue) for c in list_claims(two, order="report")]


def test_interrupted_ingest_leaves_whole_reports_and_rerun_finishes(tmp_path: Path, store: Store,
                                                                    fake_extractor: object) -> None:
    for i in range(6):
        write_report(tmp_path, f"r{i}", body=f"CLAIM RU demand territory ru_control\n{_words(i, 80)}")

    def stop_after_three(summary: object) -> None:
        if summary.processed == 3:  # type: ignore[attr-defined]
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest(store, [tmp_path], progress=stop_after_three)
    stored = store.conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0]
    assert stored == 3
    # every stored report is complete: its claim and its bands are there
    assert store.conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0] == 3
    assert store.conn.execute("SELECT COUNT(DISTINCT report_id) FROM report_bands").fetchone()[0] == 3
    rerun = ingest(store, [tmp_path])
    assert (rerun.new, rerun.unchanged) == (3, 3)


_CONCURRENT = """
import sys
import parley.store.ingest as mod
from parley.extract.records import Extraction
from parley.store import Store
from parley.store.ingest import ingest
# the store is under test, not the extractor: skip extraction to keep the test fast
mod.extract_report = lambda r, dossier=None: Extraction(doc=r.doc, claims=(), controls=())
with Store(sys.argv[1]) as s:
    r = ingest(s, [sys.argv[2]])
print(r.new + r.unchanged + r.duplicates, len(r.failed))
"""


def test_two_ingests_at_once_on_one_database_both_succeed(tmp_path: Path, db_path: Path) -> None:
    dirs = []
    for d in ("a", "b"):
        folder = tmp_path / d
        folder.mkdir()
        for i in range(15):
            write_report(folder, f"{d}{i}", body=_words(ord(d) * 100 + i, 60))
        dirs.append(folder)
    Store(db_path).close()
    procs = [subprocess.Popen([sys.executable, "-c", _CONCURRENT, str(db_path), str(f)],
                              stdout=subprocess.PIPE, text=True) for f in dirs]
    outs = [p.communicate(timeout=120)[0].split() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert outs == [["15", "0"], ["15", "0"]]
    with Store(db_path) as s:
        assert s.conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 30


def test_identical_copy_from_another_outlet_joins_the_story(tmp_path: Path, store: Store) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    text = _words(5)
    write_report(a, "copy", outlet="Wire", body=text)
    write_report(b, "copy", outlet="Paper", body=text)
    ingest(store, [a])
    again = ingest(store, [a])
    other = ingest(store, [b])
    assert (again.unchanged, other.duplicates) == (1, 1)
    assert len({r.story_id for r in list_reports(store)}) == 1


def test_two_workers_group_stories_exactly_like_one(tmp_path: Path, db_path: Path) -> None:
    # results are written in input order whichever worker finishes first, so story
    # ids, first members and statuses do not depend on the number of workers
    for i in range(6):
        text = _words(40 + i, 120)
        write_report(tmp_path, f"s{i}a", outlet="Wire", body=text, filler=0)
        write_report(tmp_path, f"s{i}b", outlet="Paper", body=text.replace(text.split()[7], "edited", 1), filler=0)
    with Store(db_path) as one, Store(tmp_path / "two.db") as two:
        s1 = ingest(one, [tmp_path], workers=1)
        s2 = ingest(two, [tmp_path], workers=2)
        assert (s1.new, s1.duplicates) == (s2.new, s2.duplicates) == (6, 6)
        rows = ("SELECT r.doc, r.story_id, s.first_report_id FROM reports r"
                " JOIN stories s ON s.id = r.story_id ORDER BY r.id")
        assert [tuple(r) for r in one.conn.execute(rows)] == [tuple(r) for r in two.conn.execute(rows)]


def _pid_extractor(report: object, *, dossier: object = None) -> object:
    """The fake extractor's claims, with the id of the process that extracted them as source."""
    import dataclasses
    import os

    from tests.store.conftest import FakeExtractor

    out = FakeExtractor.extract(report)  # type: ignore[arg-type]
    return dataclasses.replace(out, claims=tuple(dataclasses.replace(c, source=str(os.getpid()))
                                                 for c in out.claims))


def test_json_lines_and_standard_input_are_shared_out_to_the_workers(tmp_path: Path, store: Store,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import json
    import os

    monkeypatch.setattr("parley.store.ingest.extract_report", _pid_extractor)
    lines = [json.dumps({"text": f"CLAIM RU demand territory\n{_words(i, 30)}", "url": f"https://e.org/{i}"})
             for i in range(20)]
    (tmp_path / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    piped = json.dumps([{"text": f"CLAIM UA reject ceasefire\n{_words(100 + i, 30)}"} for i in range(3)])
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(piped.encode())))
    summary = ingest(store, [tmp_path / "export.jsonl", "-"], workers=2)
    assert (summary.new, summary.claims, summary.failed) == (23, 23, ())
    claims = list_claims(store, order="report")
    # stored in input order, and extracted in the workers, not in the writer
    assert [c.doc for c in claims] == [f"export.jsonl#{i + 1}" for i in range(20)] + [
        f"stdin#{i + 1}" for i in range(3)]
    assert str(os.getpid()) not in {c.source for c in claims}


def test_a_batch_mixes_files_and_records_and_keeps_their_order(tmp_path: Path, fake_extractor: object) -> None:
    from parley.ingest.report import Report
    from parley.store.ingest import _process_batch

    path = write_report(tmp_path, "f", body="CLAIM RU demand territory")
    record = Report(text="CLAIM UA reject ceasefire", doc="rec#1")
    out = _process_batch([str(path), record, str(tmp_path / "gone.txt")], {})
    assert [r[0] for r in out] == ["report", "report", "error"]
    assert (out[0][1].doc, out[1][1].doc, out[2][1]) == ("f.txt", "rec#1", str(tmp_path / "gone.txt"))
    prepared = out[1][1]  # every stored column is computed in the worker
    assert [c[4] for c in prepared.claims] == ["UA"] and len(prepared.signature) == 1024
    assert len(prepared.bands) == 32


def _dying_extractor(report: object, *, dossier: object = None) -> object:
    import os

    from tests.store.conftest import FakeExtractor

    if "DIE" in report.text:  # type: ignore[attr-defined]
        os._exit(3)  # a worker killed mid-report (out of memory, a segfault in a library)
    return FakeExtractor.extract(report)  # type: ignore[arg-type]


def test_a_dying_worker_fails_its_inputs_by_name_and_the_run_finishes(tmp_path: Path, store: Store,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("parley.store.ingest.extract_report", _dying_extractor)
    for i in range(3):
        write_report(tmp_path, f"ok{i}", body=f"CLAIM RU demand territory\n{_words(i, 30)}")
    write_report(tmp_path, "poison", body="DIE")
    summary = ingest(store, [tmp_path], workers=2)
    stored = {r.doc for r in list_reports(store)}
    failed = dict(summary.failed)
    # every input is accounted for: stored, or named with the reason
    assert stored | {Path(f).name for f in failed} == {"ok0.txt", "ok1.txt", "ok2.txt", "poison.txt"}
    assert str(tmp_path / "poison.txt") in failed and "poison.txt" not in stored
    assert all("BrokenProcessPool" in problem for problem in failed.values())


def test_progress_counts_every_report_with_workers(tmp_path: Path, store: Store, fake_extractor: object) -> None:
    for i in range(11):  # more than one batch, and a partial last one
        write_report(tmp_path, f"p{i:02d}", body=_words(200 + i, 40))
    (tmp_path / "empty.txt").write_text("")
    seen: list[int] = []
    summary = ingest(store, [tmp_path], workers=2, progress=lambda s: seen.append(s.processed))
    assert seen == list(range(1, 13)) and (summary.new, len(summary.failed)) == (11, 1)
