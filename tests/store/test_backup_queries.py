"""Backup round trips and read queries."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from tests.store.conftest import FakeExtractor, write_report

from parley.errors import InputError, UsageError
from parley.store import (
    Store,
    accept_claim,
    add_claim,
    count_claims,
    edit_claim,
    get_claim,
    get_report,
    list_claims,
    reject_claim,
    search_reports,
)
from parley.store.backup import TABLES, export_db, import_db
from parley.store.ingest import ingest, reextract
from parley.store.queries import ClaimFilter


@pytest.fixture()
def corrected(tmp_path: Path, store: Store, fake_extractor: type[FakeExtractor]) -> Store:
    src = tmp_path / "src"
    src.mkdir()
    write_report(src, "one", date="2025-01-10", outlet="Wire", url="https://e.org/1",
                 body="CLAIM RU demand territory ru_control\nCLAIM UA reject ceasefire partial\nMoscow talks.")
    write_report(src, "two", date="2025-02-20", outlet="Paper",
                 body="CLAIM UA demand security_guarantees guarantees\nKyiv statement on guarantees.")
    ingest(store, [src])
    claims = list_claims(store, order="id")
    accept_claim(store, claims[0].id, note="ok")
    edit_claim(store, claims[1].id, changes={"act": "propose", "regions": ["UA-14"]}, author="me")
    reject_claim(store, claims[2].id)
    add_claim(store, claims[0].report_id, start=claims[0].start, end=claims[0].end,
              fields={"actor": "US", "act": "propose", "issue": "talks"})
    fake_extractor.skip = {"ceasefire"}
    reextract(store)  # leaves an orphaned correction in the backup
    return store


def _dump(store: Store) -> dict[str, list[tuple]]:
    return {t: [tuple(r) for r in store.conn.execute(f"SELECT * FROM {t} ORDER BY rowid")] for t in TABLES}


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "csv"])
def test_export_then_import_restores_every_row(corrected: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / ("backup.jsonl" if fmt == "jsonl" else "backup")
    export_db(corrected, out, fmt=fmt)
    with Store(tmp_path / f"restored-{fmt}.db") as restored:
        summary = import_db(restored, out)
        assert summary.rows["corrections"] == 4
        assert _dump(restored) == _dump(corrected)
        assert [r[0] for r in restored.conn.execute("SELECT rowid FROM reports_fts WHERE reports_fts MATCH 'Kyiv'")]


def test_import_refuses_a_database_that_has_reports(corrected: Store, tmp_path: Path) -> None:
    out = tmp_path / "b.jsonl"
    export_db(corrected, out)
    with pytest.raises(UsageError, match="not empty"):
        import_db(corrected, out)


def test_import_names_the_bad_line_of_a_broken_export(corrected: Store, tmp_path: Path) -> None:
    buf = io.StringIO()
    export_db(corrected, None, stream=buf)
    lines = buf.getvalue().splitlines()
    lines[3] = "{not json"
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join(lines))
    with Store(tmp_path / "new.db") as fresh, pytest.raises(InputError, match="line 4"):
        import_db(fresh, broken)
    with Store(tmp_path / "new.db") as fresh:  # all or nothing
        assert fresh.conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"actor": "UA"}, 2),
        ({"issue": "territory"}, 1),
        ({"since": "2025-02-01"}, 1),
        ({"until": "2025-01-31"}, 3),
        ({"status": "added"}, 1),
        ({"include_rejected": False}, 3),
        ({"actor": "UA", "issue": "ceasefire"}, 1),
    ],
)
def test_list_and_count_claims_filter(corrected: Store, filters: dict, expected: int) -> None:
    assert len(list_claims(corrected, **filters)) == expected
    assert count_claims(corrected, **filters) == expected
    as_object = ClaimFilter(**filters)
    assert list_claims(corrected, as_object) == list_claims(corrected, **filters)
    assert count_claims(corrected, as_object) == expected


def test_claim_filter_is_given_one_way_and_checked(corrected: Store) -> None:
    with pytest.raises(TypeError, match="not both"):
        list_claims(corrected, ClaimFilter(actor="UA"), issue="ceasefire")
    with pytest.raises(TypeError):
        count_claims(corrected, actr="UA")
    with pytest.raises(UsageError, match="unknown claim status"):
        count_claims(corrected, ClaimFilter(status=("machine", "maybe")))


def test_stored_claim_carries_report_context(corrected: Store) -> None:
    c = list_claims(corrected, actor="UA", issue="ceasefire")[0]
    assert (c.outlet, c.url, c.report_date, c.regions, c.orphaned) == (
        "Wire", "https://e.org/1", "2025-01-10", ("UA-14",), True)
    report = get_report(corrected, c.report_id)
    assert report.text[c.start:c.end] == c.text
    assert get_claim(corrected, c.id) == c


def test_search_finds_words_and_rejects_a_malformed_query(corrected: Store) -> None:
    hits = search_reports(corrected, "Kyiv")
    assert len(hits) == 1 and "[Kyiv]" in hits[0].snippet
    with pytest.raises(UsageError, match="bad search query"):
        search_reports(corrected, '"unclosed AND (')
