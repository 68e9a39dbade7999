"""Bad input: one clear InputError naming the file and the problem; the batch carries on."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from ingest_samples import PAGE, RSS

from parley.errors import InputError
from parley.ingest import iter_reports
from parley.ingest.files import MAX_BYTES
from parley.ingest.report import Report


def run(paths) -> tuple[list[Report], list[InputError]]:
    out = list(iter_reports([str(p) for p in paths]))
    assert all(isinstance(x, Report | InputError) for x in out)
    return [x for x in out if isinstance(x, Report)], [x for x in out if isinstance(x, InputError)]


NO_MAIN_TEXT = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.md", b"  \n\t\n", "empty file"),
        ("empty.json", b"", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "binary file"),
        ("nul.html", b"<html>\x00\x00\x01\x02 body</html>", "binary file"),
        ("controls.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17]) * 50, "binary file"),
        ("nomain.html", NO_MAIN_TEXT.encode(), "no main text"),
        ("broken.json", b'[{"text": "a"},\n {"text": }]', "invalid JSON at line 2"),
        ("scalar.json", b'"just a string"', "not report objects"),
        ("emptylist.json", b"[]", "no records"),
        ("notext.json", json.dumps([{"headline": "h", "url": "u"}]).encode(),
         "record 1: no text field (text/body/content/article); fields: headline, url"),
        ("listrec.json", b"[[1, 2]]", "record 1: is a JSON list, not an object"),
        ("nontext.json", b'[{"text": 42}]', "record 1: text field is a int"),
        ("brokenfeed.rss", b"<?xml version='1.0'?><rss><channel><title>x</title><item><title", "broken feed XML"),
        ("emptyfeed.atom", b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'></feed>",
         "feed has no entries"),
        ("badyaml.md", b"---\ntitle: [unclosed\n---\nBody.", "broken front matter"),
    ],
)
def test_bad_input_yields_one_error_naming_file_and_problem(tmp_path, name, content, problem):
    p = tmp_path / name
    p.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("A good report after the bad one.")
    reports, errs = run([p, good])
    assert [r.doc for r in reports] == ["good.txt"]
    assert len(errs) == 1
    assert str(errs[0]).startswith(str(p)) and problem in str(errs[0])
    assert "\n" not in str(errs[0])


def test_jsonl_bad_line_is_named_and_other_lines_still_yield(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text('{"text": "one"}\n{"text": "two",\n{"body": "three"}\n{"title": "no text"}\n')
    reports, errs = run([p])
    assert [r.doc for r in reports] == ["x.jsonl#1", "x.jsonl#3"]
    assert [e.problem for e in errs][0].startswith("line 2: invalid JSON")
    assert "line 4: no text field" in str(errs[1])


def test_broken_feed_with_entries_yields_what_was_parsed(tmp_path):
    p = tmp_path / "cut.rss"
    p.write_text(RSS.replace("</channel></rss>", "<item><title>cut off"))
    reports, errs = run([p])
    assert [r.title for r in reports][:2] == ["Talks resume", "Ceasefire proposed"]
    assert all(r.meta.get("feed_xml_broken") for r in reports)


def test_invalid_utf8_falls_back_to_declared_xml_encoding(tmp_path):
    p = tmp_path / "latin.rss"
    p.write_bytes(RSS.replace("UTF-8", "ISO-8859-1").replace("refused.", "refused \u00e0 Gen\u00e8ve.")
                  .encode("latin-1"))
    reports, errs = run([p])
    assert not errs and "Gen\u00e8ve" in reports[0].text


def test_invalid_utf8_text_uses_detected_encoding(tmp_path):
    p = tmp_path / "cyr.txt"
    p.write_bytes(("Переговоры возобновились во вторник в Женеве, сообщили делегации. " * 3).encode("cp1251"))
    reports, errs = run([p])
    assert not errs and reports[0].text.startswith("Переговоры")


def test_utf16_with_bom_is_decoded(tmp_path):
    p = tmp_path / "wide.html"
    p.write_bytes(PAGE.format(charset="utf-16", observers="observers").encode("utf-16"))
    reports, errs = run([p])
    assert not errs and "withdrawal of troops" in reports[0].text


def test_file_over_the_limit_is_refused_without_reading_it(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1024 * 1024)
    reports, errs = run([p])
    assert not reports and "file too large (52 MB; the limit is" in str(errs[0])
    assert MAX_BYTES < 50 * 1024 * 1024


def test_missing_path_is_named(tmp_path):
    _, errs = run([tmp_path / "nope.txt"])
    assert [str(e) for e in errs] == [f"{tmp_path / 'nope.txt'}: no such file or directory"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files regardless of permissions")
def test_unreadable_file_is_named(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text("hidden")
    p.chmod(0)
    _, errs = run([p])
    assert str(errs[0]) == f"{p}: permission denied"


def test_unreadable_file_message_from_permission_error(tmp_path, monkeypatch):
    p = tmp_path / "secret.txt"
    p.write_text("hidden")

    def deny(self, *a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", deny)
    _, errs = run([p])
    assert str(errs[0]) == f"{p}: permission denied"


def test_directory_with_no_reports_is_an_error(tmp_path):
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    _, errs = run([tmp_path])
    assert len(errs) == 1 and "directory holds no readable reports" in str(errs[0])


def test_oversized_stream_is_refused_after_reading_only_the_limit():
    import io

    from parley.ingest.files import read_limited

    stream = io.BytesIO(b"x" * 100)
    with pytest.raises(InputError, match="over the"):
        read_limited(stream, source="<stdin>", limit=10)
    assert stream.tell() == 11


@pytest.mark.parametrize(
    ("data", "expected"),
    [(b"\xef\xbb\xbfWith a UTF-8 BOM.", "With a UTF-8 BOM."),
     ("Caf\u00e9 talks went on.".encode("cp1252"), "Caf\u00e9 talks went on."),
     (b"<?xml version='1.0' encoding='koi8-r'?>" + "Москва".encode("koi8-r"), "Москва")],
)
def test_decode_tries_bom_declared_and_detected_encodings(data, expected):
    from parley.ingest.files import decode

    assert decode(data, source="x").endswith(expected)


def test_jsonl_file_larger_than_the_file_limit_is_streamed_line_by_line(tmp_path, monkeypatch):
    import parley.ingest.jsonrec as jsonrec

    monkeypatch.setattr(jsonrec, "MAX_BYTES", 200)
    p = tmp_path / "export.jsonl"
    p.write_text("".join(json.dumps({"text": f"Report number {i}."}) + "\n" for i in range(50)))
    assert p.stat().st_size > 200
    reports, errs = run([p])
    assert not errs and len(reports) == 50 and reports[-1].doc == "export.jsonl#50"


def test_jsonl_line_over_the_limit_is_named_and_skipped(tmp_path, monkeypatch):
    import parley.ingest.jsonrec as jsonrec

    monkeypatch.setattr(jsonrec, "MAX_BYTES", 100)
    p = tmp_path / "x.jsonl"
    p.write_text(json.dumps({"text": "x" * 500}) + "\n" + json.dumps({"text": "short"}) + "\n")
    reports, errs = run([p])
    assert [r.doc for r in reports] == ["x.jsonl#2"]
    assert [str(e) for e in errs] == [f"{p}: line 1: too large (over 0 MB)"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [('[\n  {"text": "One."},\n  {"text": "Two."}\n]\n', ["x.jsonl#1", "x.jsonl#2"]),
     ('{\n  "text": "Only one."\n}\n', ["x.jsonl#1"]),
     ('\ufeff{"text": "One."}\n', ["x.jsonl#1"])],
)
def test_pretty_printed_json_saved_as_jsonl_is_read_as_one_document(tmp_path, content, expected):
    p = tmp_path / "x.jsonl"
    p.write_text(content, encoding="utf-8")
    reports, errs = run([p])
    assert not errs and [r.doc for r in reports] == expected


def test_jsonl_of_garbage_gives_up_with_one_error_not_one_per_line(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_text("this is not json\n" * 500)
    _, errs = run([p])
    assert len(errs) == 20 and "first 20 lines are invalid" in str(errs[-1])


def test_binary_jsonl_is_one_error(tmp_path):
    p = tmp_path / "x.jsonl"
    p.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 10)
    _, errs = run([p])
    assert [e.problem for e in errs] == ["binary file, not JSON lines"]
