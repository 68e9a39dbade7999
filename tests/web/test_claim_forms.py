"""Editing every claim field and adding claims from the browser (and its JSON API)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from web_texts import BODY, FRONT

from parley.cli import main
from parley.cli.store_cmds import claims_edit
from parley.store import corrections
from parley.store.db import Store
from parley.web import create_app

TEXT = FRONT + BODY
PHRASE = "Kyiv rejects any freeze of the line"


@pytest.fixture()
def client(web_store: tuple[Path, dict[str, int]]) -> TestClient:
    return TestClient(create_app(web_store[0]))


def csrf_of(client: TestClient) -> str:
    return client.app.state.csrf  # type: ignore[attr-defined]


def json_headers(client: TestClient) -> dict[str, str]:
    return {"X-CSRF-Token": csrf_of(client), "Accept": "application/json"}


def post_form(client: TestClient, url: str, pairs: list[tuple[str, str]], *, as_json: bool = False,
              follow_redirects: bool = True) -> object:
    """POST a form with repeated fields, as a browser sends it."""
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if as_json:
        headers["Accept"] = "application/json"
    return client.post(url, content=urlencode(pairs), headers=headers, follow_redirects=follow_redirects)


def claim_count(path: Path, report_id: int) -> int:
    store = Store(path)
    try:
        return int(store.conn.execute("SELECT COUNT(*) FROM claims WHERE report_id = ?",
                                      (report_id,)).fetchone()[0])
    finally:
        store.close()


def span(phrase: str = PHRASE) -> tuple[int, int]:
    start = TEXT.index(phrase)  # code points, as Python and `parley claims add` count
    return start, start + len(phrase)


# -- the report page ------------------------------------------------------------
def test_report_page_shows_the_body_from_its_offset_keeping_every_character(
        client: TestClient, web_store: tuple[Path, dict[str, int]]) -> None:
    rid = web_store[1]["front"]
    html = client.get(f"/report/{rid}").text
    article = re.search(r'<article id="text" data-start="(\d+)">(.*?)</article>', html, re.S)
    assert article and int(article.group(1)) == len(FRONT)
    assert "title: Talks resume" not in article.group(2)  # front matter is metadata, not body
    assert "resumed.&#13;\nKyiv" in article.group(2)  # a CR the HTML parser would drop
    data = client.get(f"/report/{rid}.json").json()
    assert data["shown_from"] == len(FRONT)
    assert "".join(s["text"] for s in data["segments"]) == BODY


def test_edit_form_offers_every_field_the_cli_edits_with_dossier_codes(client: TestClient) -> None:
    html = client.get("/report/1").text
    box = html[html.index('id="box-1"'):html.index('id="box-2"')]
    output = {"claim_id", "db", "dossier", "fmt", "author", "as_csv", "as_json", "as_table"}
    cli_fields = {p.name for p in claims_edit.params} - output
    assert cli_fields == set(corrections.EDITABLE) | {"note"}
    for name in cli_fields:
        assert f'name="{name}"' in box, name
    # the claim's current values are selected; outcomes are its issue's, regions the dossier's
    assert '<option value="RU" title="Russia" selected>' in box
    outcome = re.search(r'<select name="outcome">(.*?)</select>', box, re.S).group(1)  # type: ignore[union-attr]
    assert re.findall(r'<option value="(\w*)"', outcome) == ["", "ua_control", "freeze", "ru_control"]
    assert re.search(r'<option value="ru_control"[^>]*selected', outcome)
    regions = re.search(r'<select name="regions" multiple[^>]*>(.*?)</select>', box, re.S).group(1)  # type: ignore[union-attr]
    assert len(re.findall("<option", regions)) == 31
    assert re.search(r'<option value="UA-14" selected>', regions)
    data = client.get("/report/1.json").json()["choices"]
    assert [o["code"] for o in next(i for i in data["issues"] if i["code"] == "territory")["outcomes"]] \
        == ["ua_control", "freeze", "ru_control"]
    assert data["acts"] == ["demand", "propose", "reject"] and len(data["regions"]) == 31


# -- edits ------------------------------------------------------------------------
def edit_form(client: TestClient, **override: object) -> list[tuple[str, str]]:
    """The edit form of claim 1 as the browser submits it (checkbox after its hidden no)."""
    fields: list[tuple[str, str]] = [
        ("csrf", csrf_of(client)), ("action", "edit"), ("actor", "RU"), ("act", "demand"),
        ("issue", "territory"), ("outcome", "ru_control"), ("regions", ""), ("regions", "UA-14"),
        ("regions", "UA-09"), ("hedged", "no"), ("hedged", "yes"), ("conditional", "no"),
        ("when", ""), ("source_kind", "named"), ("source_count", ""), ("source", ""), ("note", "n"),
    ]
    for key, value in override.items():
        fields = [(k, v) for k, v in fields if k != key]
        fields += [(key, str(v)) for v in (value if isinstance(value, list) else [value])]
    return fields


def test_edit_form_sets_regions_and_hedged_through_the_corrections_log(
        client: TestClient, web_store: tuple[Path, dict[str, int]]) -> None:
    r = post_form(client, "/claim/1/review", edit_form(client), follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/report/1#claim-1"
    claim = client.get("/claim/1.json").json()["claim"]
    assert (claim["regions"], claim["hedged"], claim["conditional"], claim["status"]) == (
        ["UA-14", "UA-09"], True, False, "edited")
    store = Store(web_store[0])
    [log] = corrections.list_corrections(store, report_id=1)
    store.close()
    assert (log.action, log.claim["regions"], log.claim["hedged"], log.note) == (
        "edit", ["UA-14", "UA-09"], True, "n")
    html = client.get("/report/1").text
    assert '<span class="regions">[UA-14, UA-09]</span>' in html and '<span class="flag">hedged</span>' in html


def test_edit_form_clears_fields_as_the_cli_empty_string_does(client: TestClient) -> None:
    form = edit_form(client, regions=[""], outcome="", hedged=["no"], when="")
    r = post_form(client, "/claim/1/review", form, as_json=True)
    assert r.status_code == 200, r.text
    assert (r.json()["regions"], r.json()["outcome"], r.json()["hedged"]) == ([], None, False)


def test_edit_via_json_sets_when_and_conditional(client: TestClient) -> None:
    r = client.post("/claim/1/review", headers=json_headers(client), json={
        "action": "edit", "changes": {"when": "2024-06", "conditional": True, "regions": None}})
    assert r.status_code == 200, r.text
    c = r.json()
    assert (c["when"], c["stance_date"], c["conditional"], c["regions"]) == ("2024-06", "2024-06-01", True, [])


@pytest.mark.parametrize("override,message", [
    ({"when": "tomorrow"}, "bad when 'tomorrow'"),
    ({"regions": ["", "UA-99"]}, "unknown region 'UA-99'"),
    ({"outcome": "ceasefire"}, "unknown outcome 'ceasefire' for issue territory"),
    ({"actor": "XX"}, "unknown actor 'XX'"),
    ({"act": "shout"}, "unknown act 'shout'"),
    ({"issue": "weather"}, "unknown issue 'weather'"),
    ({"hedged": ["maybe"]}, "hedged must be yes or no"),
    ({"source_count": "many"}, "source_count must be a whole number"),
    ({"source_kind": "rumour"}, "unknown source_kind 'rumour'"),
])
def test_bad_edit_values_get_a_clear_4xx_and_change_nothing(client: TestClient, override: dict,
                                                            message: str) -> None:
    form = edit_form(client, **override)
    r = post_form(client, "/claim/1/review", form, as_json=True)
    assert r.status_code == 400 and message in r.json()["error"]
    page = post_form(client, "/claim/1/review", form)  # a plain browser post
    assert page.status_code == 400 and "Traceback" not in page.text
    assert 'class="error"' in page.text and message.replace("'", "&#39;") in page.text
    assert client.get("/claim/1.json").json()["claim"]["status"] == "machine"


def test_edit_of_unknown_claim_is_404(client: TestClient) -> None:
    r = post_form(client, "/claim/999/review", edit_form(client), as_json=True)
    assert r.status_code == 404 and "no claim 999" in r.json()["error"]


# -- added claims -------------------------------------------------------------------
def test_add_claim_via_json_is_the_cli_add(client: TestClient,
                                           web_store: tuple[Path, dict[str, int]]) -> None:
    path, ids = web_store
    rid = ids["front"]
    start, end = span()
    r = client.post(f"/report/{rid}/claims", headers=json_headers(client), json={
        "start": start, "end": end, "text": PHRASE, "actor": "UA", "act": "reject",
        "issue": "territory", "outcome": "freeze", "regions": ["UA-14"], "hedged": True,
        "when": "2025-05", "note": "missed"})
    assert r.status_code == 201, r.text
    web = r.json()
    assert (web["text"], web["status"], web["regions"], web["hedged"], web["stance_date"]) == (
        PHRASE, "added", ["UA-14"], True, "2025-05-01")
    html = client.get(f"/report/{rid}").text
    assert f'<mark id="claim-{web["id"]}" class="ev added" data-claim="{web["id"]}" tabindex="0">{PHRASE}</mark>' in html
    # the same offsets on the command line give the same claim
    out = CliRunner().invoke(main, [
        "claims", "add", "--report", str(rid), "--start", str(start), "--end", str(end),
        "--actor", "UA", "--act", "reject", "--issue", "territory", "--outcome", "freeze",
        "--regions", "UA-14", "--hedged", "--when", "2025-05", "--db", str(path), "--format", "json"])
    assert out.exit_code == 0, out.output
    assert '"text": "Kyiv rejects any freeze of the line"' in out.output


def test_claim_added_inside_a_machine_claim_is_highlighted_too(client: TestClient) -> None:
    # claim 1's evidence is "Moscow demands all of Donetsk" (report 1 starts with it)
    r = client.post("/report/1/claims", headers=json_headers(client), json={
        "start": 15, "end": 29, "text": "all of Donetsk", "actor": "RU", "act": "demand",
        "issue": "territory", "outcome": "ru_control", "regions": ["UA-14"]})
    assert r.status_code == 201, r.text
    new = r.json()["id"]
    html = client.get("/report/1").text
    assert '<mark id="claim-1" class="ev machine" data-claim="1" tabindex="0">Moscow demands </mark>' in html
    assert f'<mark id="claim-{new}" class="ev added" data-claim="{new}" tabindex="0">all of Donetsk</mark>' in html
    pieces = client.get("/report/1.json").json()["segments"]
    assert [(p["start"], p.get("claim_id")) for p in pieces][:3] == [(0, 1), (15, new), (29, None)]


def test_add_claim_via_form_redirects_to_its_highlight(client: TestClient,
                                                       web_store: tuple[Path, dict[str, int]]) -> None:
    rid = web_store[1]["front"]
    start, end = span("Moscow is silent")
    form = [("csrf", csrf_of(client)), ("start", str(start)), ("end", str(end)),
            ("text", "Moscow is silent"), ("actor", "RU"), ("act", "reject"), ("issue", "talks"),
            ("outcome", ""), ("regions", ""), ("hedged", "no"), ("conditional", "no"), ("hedged", "yes"),
            ("when", ""), ("source_kind", "outlet"), ("source_count", ""), ("source", ""), ("note", "")]
    r = post_form(client, f"/report/{rid}/claims", form, follow_redirects=False)
    assert r.status_code == 303
    cid = int(r.headers["location"].rsplit("#claim-", 1)[1])
    c = client.get(f"/claim/{cid}.json").json()["claim"]
    assert (c["text"], c["actor"], c["issue"], c["outcome"], c["regions"], c["hedged"]) == (
        "Moscow is silent", "RU", "talks", None, [], True)


GOOD = {"actor": "UA", "act": "reject", "issue": "territory"}
AT = {"start": span()[0], "end": span()[1]}


@pytest.mark.parametrize("body,status,message", [
    ({"start": "abc", "end": 10, **GOOD}, 400, "start must be a whole number, not 'abc'"),
    ({"start": 1.5, "end": 10, **GOOD}, 400, "start must be a whole number"),
    ({"start": 5, **GOOD}, 400, "end is missing"),
    ({"start": 40, "end": 30, **GOOD}, 400, "span 40:30 is outside report"),
    ({"start": -1, "end": 30, **GOOD}, 400, "span -1:30 is outside report"),
    ({"start": 30, "end": 9999, **GOOD}, 400, "span 30:9999 is outside report"),
    ({"start": 3, "end": 4, **GOOD}, 400, "is blank"),  # the newline after '---'
    ({"start": 0, "end": 8, "text": PHRASE, **GOOD}, 400, "the text sent is not report"),
    ({**AT, **GOOD, "actor": "XX"}, 400, "unknown actor 'XX'"),
    ({**AT, **GOOD, "issue": "weather"}, 400, "unknown issue"),
    ({**AT, **GOOD, "outcome": "tribunal"}, 400,
     "unknown outcome 'tribunal' for issue territory"),
    ({**AT, **GOOD, "regions": ["UA-99"]}, 400, "unknown region"),
    ({**AT, **GOOD, "regions": 5}, 400, "regions must be a list"),
    ({**AT, **GOOD, "mood": "grim"}, 400, "cannot set 'mood'"),
    ({**AT, "act": "reject", "issue": "territory"}, 400,
     "a claim needs actor"),
])
def test_bad_add_requests_get_a_clear_4xx_and_add_nothing(
        client: TestClient, web_store: tuple[Path, dict[str, int]], body: dict, status: int,
        message: str) -> None:
    rid = web_store[1]["front"]
    before = claim_count(web_store[0], rid)
    r = client.post(f"/report/{rid}/claims", headers=json_headers(client), json=body)
    assert r.status_code == status and message in r.json()["error"], r.text
    assert claim_count(web_store[0], rid) == before


def test_add_to_unknown_report_is_404(client: TestClient) -> None:
    r = client.post("/report/999/claims", headers=json_headers(client),
                    json={"start": 0, "end": 4, **GOOD})
    assert r.status_code == 404 and "no report 999" in r.json()["error"]


def test_add_body_must_be_a_json_object(client: TestClient) -> None:
    r = client.post("/report/1/claims", headers={**json_headers(client), "Content-Type": "application/json"},
                    content=b"[1, 2]")
    assert r.status_code == 400 and "JSON object" in r.json()["error"]


# -- CSRF and tokens ------------------------------------------------------------------
@pytest.mark.parametrize("headers,data", [
    ({}, {}), ({}, {"csrf": "forged"}), ({"X-CSRF-Token": "forged"}, {}),
    ({"Origin": "https://evil.example"}, {"csrf": None}),
])
@pytest.mark.parametrize("url", ["/report/{rid}/claims", "/claim/1/review"])
def test_claim_writes_need_csrf_and_same_origin(client: TestClient, web_store: tuple[Path, dict[str, int]],
                                                headers: dict, data: dict, url: str) -> None:
    rid = web_store[1]["front"]
    start, end = span()
    form = {"action": "edit", "start": str(start), "end": str(end), **GOOD, "hedged": "yes"}
    form.update({k: (csrf_of(client) if v is None else v) for k, v in data.items()})
    r = client.post(url.format(rid=rid), data=form, headers=headers)
    assert r.status_code == 403
    assert claim_count(web_store[0], rid) == 0
    assert client.get("/claim/1.json").json()["claim"]["status"] == "machine"


@pytest.mark.parametrize("headers,status", [
    ({}, 401), ({"X-Parley-Token": "wrong"}, 403), ({"Authorization": "Bearer wrong"}, 403),
    ({"X-Parley-Token": "s3cret"}, 201),
])
def test_add_needs_the_token_when_bound_elsewhere(web_store: tuple[Path, dict[str, int]],
                                                  headers: dict, status: int) -> None:
    client = TestClient(create_app(web_store[0], token="s3cret"))
    rid = web_store[1]["front"]
    start, end = span()
    r = client.post(f"/report/{rid}/claims", headers={**json_headers(client), **headers},
                    json={"start": start, "end": end, **GOOD})
    assert r.status_code == status, r.text
    assert claim_count(web_store[0], rid) == (1 if status == 201 else 0)


@pytest.mark.parametrize("headers,status", [({}, 401), ({"X-Parley-Token": "wrong"}, 403),
                                            ({"X-Parley-Token": "s3cret"}, 200)])
def test_edit_needs_the_token_when_bound_elsewhere(web_store: tuple[Path, dict[str, int]],
                                                   headers: dict, status: int) -> None:
    client = TestClient(create_app(web_store[0], token="s3cret"))
    r = client.post("/claim/1/review", headers={**json_headers(client), **headers},
                    json={"action": "edit", "changes": {"hedged": True}})
    assert r.status_code == status
    assert client.get("/claim/1.json").json()["claim"]["hedged"] is (status == 200)


def test_openapi_documents_the_claim_write_bodies(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    add = paths["/report/{report_id}/claims"]["post"]
    schema = add["requestBody"]["content"]["application/json"]["schema"]
    assert {"start", "end", "text", "regions", "hedged", "conditional", "when"} <= set(schema["properties"])
    assert schema["required"] == ["start", "end", "actor", "act", "issue"]
    review = paths["/claim/{claim_id}/review"]["post"]["requestBody"]["content"]["application/json"]
    assert review["schema"]["properties"]["action"]["enum"] == ["accept", "reject", "edit"]


def test_segments_cut_crossing_and_nested_evidence_into_pieces() -> None:
    from types import SimpleNamespace as C

    from parley.web.views import _segments

    text = "0123456789abcdefghij"
    claims = [C(id=1, start=0, end=10, status="machine"), C(id=2, start=5, end=15, status="added"),
              C(id=3, start=6, end=8, status="edited"), C(id=4, start=18, end=40, status="machine")]
    pieces = _segments(text, claims, shown_from=2)  # 1 starts before what is shown; 4 runs past the end
    assert [(p["text"], p.get("claim_id"), p.get("anchor")) for p in pieces] == [
        ("234", None, None), ("5", 2, True), ("67", 3, True), ("89abcde", 2, False), ("fghij", None, None)]
    assert "".join(p["text"] for p in pieces) == text[2:]
    pieces = _segments(text, claims)  # crossing spans: the shorter, then the newer, shows
    assert [(p["text"], p.get("claim_id")) for p in pieces][:4] == [
        ("01234", 1), ("5", 2), ("67", 3), ("89", 2)]
    assert "".join(p["text"] for p in pieces) == text
