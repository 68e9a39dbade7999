"""Each format in, with its text and metadata; paths, directories, globs and stdin."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from ingest_samples import ATOM, BODY, PAGE, RSS

from parley.errors import InputError, UsageError
from parley.ingest import detect_format, iter_reports, parse_field_map
from parley.ingest.report import Report


def reports(paths, **kw) -> list[Report]:
    out = list(iter_reports([str(p) for p in paths], **kw))
    errors = [x for x in out if isinstance(x, InputError)]
    assert not errors, errors
    return out  # type: ignore[return-value]


def errors(paths, **kw) -> list[str]:
    return [str(x) for x in iter_reports([str(p) for p in paths], **kw) if isinstance(x, InputError)]


def test_text_report_keeps_front_matter_and_offsets(write):
    p = write("a.md", f"---\ntitle: Talks\ndate: 2024-03-05\noutlet: Wire\n---\n{BODY}")
    [r] = reports([p])
    assert (r.title, r.date, r.outlet, r.format) == ("Talks", dt.date(2024, 3, 5), "Wire", "markdown")
    assert r.body == BODY and r.text.startswith("---")


def test_html_page_yields_main_text_without_navigation_and_metadata(write):
    p = write("page.html", PAGE.format(charset="utf-8", observers="observers"))
    [r] = reports([p])
    assert "withdrawal of troops" in r.text
    assert "Home" not in r.text and "All rights reserved" not in r.text
    assert r.title == "Talks resume"
    assert r.date == dt.date(2024, 3, 5)
    assert r.outlet == "Example News"
    assert r.url == "https://news.example.org/2024/talks-resume"
    assert r.format == "html" and r.meta["html_bytes"] == p.stat().st_size


def test_html_in_declared_legacy_charset_is_decoded(write):
    html = PAGE.format(charset="windows-1252", observers="caf\u00e9 owners")
    p = write("page.htm", html.encode("cp1252"))
    [r] = reports([p])
    assert "caf\u00e9 owners" in r.text


@pytest.mark.parametrize(
    ("name", "content", "expected_docs"),
    [
        ("a.json", json.dumps([{"text": "One."}, {"body": "Two."}]), ["a.json#1", "a.json#2"]),
        ("b.json", json.dumps({"articles": [{"content": "One."}]}), ["b.json#1"]),
        ("c.json", json.dumps({"data": {"x": 1}, "items": [{"article": "One."}]}), ["c.json#1"]),
        ("d.json", json.dumps({"text": "Just one."}), ["d.json#1"]),
        ("e.jsonl", '{"text": "One."}\n\n{"text": "Three."}\n', ["e.jsonl#1", "e.jsonl#3"]),
        ("f.ndjson", '{"text": "One."}\n', ["f.ndjson#1"]),
    ],
)
def test_json_shapes_yield_one_report_per_object(write, name, content, expected_docs):
    assert [r.doc for r in reports([write(name, content)])] == expected_docs


def test_json_common_field_names_fill_metadata(write):
    rec = {"headline": "Talks", "body": BODY, "published_at": "2024-03-05T10:00:00Z",
           "link": "https://x.example/1", "source": {"id": "x", "name": "Example Wire"}, "lang": "en"}
    [r] = reports([write("a.json", json.dumps([rec]))])
    assert (r.title, r.text, r.date, r.url, r.outlet) == (
        "Talks", BODY, dt.date(2024, 3, 5), "https://x.example/1", "Example Wire")
    assert r.meta == {"lang": "en"}


def test_json_field_map_names_other_fields(write):
    rec = {"story_html": "<p>One.</p><p>Two.</p>", "when": "2024-03-05", "paper": {"name": "Gazette"}}
    fm = parse_field_map("text=story_html, date=when,outlet=paper.name")
    [r] = reports([write("a.jsonl", json.dumps(rec) + "\n")], field_map=fm)
    assert (r.text, r.date, r.outlet) == ("One.\n\nTwo.", dt.date(2024, 3, 5), "Gazette")


def test_json_epoch_dates_are_read(write):
    [r] = reports([write("a.json", json.dumps([{"text": "x", "date": 1709632800000}]))])
    assert r.date == dt.date(2024, 3, 5)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("text=body,date=pubDate", {"text": "body", "date": "pubDate"}), ("", {}), (" title = h1 ", {"title": "h1"})],
)
def test_parse_field_map_reads_pairs(value, expected):
    assert parse_field_map(value) == expected


@pytest.mark.parametrize("value", ["text", "text=", "=body", "text=body,,", "colour=red"])
def test_parse_field_map_rejects_bad_syntax(value):
    with pytest.raises(UsageError):
        parse_field_map(value)


def test_rss_entries_are_reports_with_feed_title_as_outlet(write):
    rs = reports([write("wire.rss", RSS)])
    assert [r.doc for r in rs] == ["wire.rss#1", "wire.rss#2"]
    first = rs[0]
    assert first.text == "The first delegation demanded a withdrawal.\n\nThe second refused."
    assert (first.title, first.date, first.url, first.outlet) == (
        "Talks resume", dt.date(2024, 3, 5), "https://wire.example.org/1", "Example Wire")


def test_atom_entry_uses_content_and_published_date(write):
    [r] = reports([write("feed.xml", ATOM)])
    assert r.text == "Both sides agreed to name observers for the ceasefire line."
    assert (r.date, r.url, r.outlet, r.format) == (
        dt.date(2024, 3, 31), "https://atom.example.org/a", "Example Atom", "feed")


def test_directory_is_read_recursively_in_order_skipping_unknown_files(write, tmp_path):
    write("b/one.txt", "One report.")
    write("a/deep/two.md", "Two report.")
    write("a/notes.docx", b"PK\x03\x04binary")
    write(".hidden/x.txt", "hidden")
    assert [r.doc for r in reports([tmp_path])] == ["two.md", "one.txt"]


def test_glob_pattern_expands_to_matching_files(write, tmp_path):
    write("x1.txt", "One.")
    write("x2.txt", "Two.")
    write("y.txt", "Three.")
    assert [r.doc for r in reports([tmp_path / "x*.txt"])] == ["x1.txt", "x2.txt"]
    assert errors([tmp_path / "z*.txt"]) == [f"{tmp_path / 'z*.txt'}: no files match this pattern"]


@pytest.mark.parametrize(
    ("data", "fmt"),
    [(b"plain words", "text"), (b'{"text": "x"}', "json"), (b'{"text": "x"}\n{"text": "y"}\n', "jsonl"),
     (RSS.encode(), "feed"), (ATOM.encode(), "feed"), (b"<!DOCTYPE html><html></html>", "html")],
)
def test_standard_input_format_is_detected_from_content(data, fmt):
    assert detect_format(data) == fmt
    out = list(iter_reports(["-"], stdin=io.BytesIO(data)))
    assert out and all(isinstance(x, Report | InputError) for x in out)


def test_standard_input_json_is_read(monkeypatch):
    [r] = list(iter_reports(["-"], stdin=io.BytesIO(b'[{"text": "From a pipe."}]')))
    assert isinstance(r, Report) and (r.doc, r.text) == ("stdin#1", "From a pipe.")


@pytest.mark.parametrize(("suffix", "fmt"), [(".json", "json"), (".txt", "text"), (".xml", "feed")])
def test_extension_decides_for_known_formats(suffix, fmt):
    assert detect_format(b'{"text": "x"}' if fmt != "feed" else RSS.encode(), suffix=suffix) == fmt


def test_date_and_outlet_options_override_the_file(write):
    [r] = reports([write("wire.rss", RSS)], date=dt.date(2020, 1, 1), outlet="Mine")[:1]
    assert (r.date, r.outlet) == (dt.date(2020, 1, 1), "Mine")
