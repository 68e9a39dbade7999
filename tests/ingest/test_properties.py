"""Readers never raise on random input: they yield Reports or InputErrors, and finish."""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parley.errors import InputError
from parley.ingest import iter_reports, read_bytes_reports
from parley.ingest.report import Report

SUFFIXES = [".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".rss", ".atom", ".xml", ".dat"]
QUICK = settings(max_examples=60, deadline=3000, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Bytes that look a little like each format, so the parsers get past their first check.
PREFIXES = st.sampled_from([b"", b"---\n", b"<html><body><p>", b"<?xml version='1.0'?><rss><channel><item>",
                            b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>", b"[", b"{", b"\xef\xbb\xbf",
                            b"\xff\xfe", b'{"text": "'])

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.sampled_from(["text", "body", "title", "date", "url", "source", "items",
                                       "articles", "data", "published_at", "x"]) | st.text(max_size=8),
                      children, max_size=6),
    max_leaves=25,
)


def _check(out: list[object]) -> None:
    assert out, "every input yields at least one Report or InputError"
    for x in out:
        assert isinstance(x, Report | InputError)
        if isinstance(x, Report):
            assert x.text.strip() and 0 <= x.body_start <= len(x.text)
        else:
            assert "\n" not in x.problem


@QUICK
@given(suffix=st.sampled_from(SUFFIXES), prefix=PREFIXES, data=st.binary(max_size=2000))
def test_random_bytes_as_any_file_type_yield_reports_or_errors(tmp_path_factory, suffix, prefix, data):
    p = Path(tmp_path_factory.mktemp("rand")) / f"x{suffix}"
    p.write_bytes(prefix + data)
    _check(list(iter_reports([p])))


@QUICK
@given(prefix=PREFIXES, data=st.binary(max_size=2000))
def test_random_bytes_on_standard_input_yield_reports_or_errors(prefix, data):
    _check(list(iter_reports(["-"], stdin=io.BytesIO(prefix + data))))


@QUICK
@given(value=JSON, lines=st.booleans(), field_map=st.sampled_from([None, {"text": "x"}, {"date": "a.b.c"}]))
def test_random_json_structures_yield_reports_or_errors(value, lines, field_map):
    if lines and isinstance(value, list):
        data = "\n".join(json.dumps(v) for v in value).encode()
    else:
        data = json.dumps(value).encode()
    suffix = ".jsonl" if lines else ".json"
    _check(list(read_bytes_reports(data, name=f"r{suffix}", suffix=suffix, field_map=field_map)))


@QUICK
@given(text=st.text(max_size=300), title=st.text(max_size=30))
def test_random_feed_entry_text_yields_reports_or_errors(text, title):
    from xml.sax.saxutils import escape

    feed = (f"<?xml version='1.0' encoding='utf-8'?><rss><channel><title>{escape(title)}</title>"
            f"<item><title>t</title><description>{escape(text)}</description></item></channel></rss>")
    _check(list(read_bytes_reports(feed.encode("utf-8", "surrogatepass"), name="f.rss", suffix=".rss")))
