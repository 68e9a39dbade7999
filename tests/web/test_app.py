"""HTTP tests for every dashboard route, its JSON, and the unhappy paths."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parley.web import create_app

PAGES = [
    "/", "/issue/territory", "/party/RU", "/map", "/map?party=RU&as_of=2025-05-01",
    "/report/1", "/claim/1", "/claims", "/claims?actor=UA&order=date", "/search?q=Donetsk",
    "/brief?since=2025-01-01&until=2025-12-31", "/upload",
]


@pytest.fixture()
def client(web_store: tuple[Path, dict[str, int]]) -> TestClient:
    return TestClient(create_app(web_store[0]))


def csrf_of(client: TestClient) -> str:
    return client.app.state.csrf  # type: ignore[attr-defined]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_html(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "<nav>" in r.text


@pytest.mark.parametrize("url", PAGES)
def test_every_page_is_also_json_by_suffix_and_by_accept(client: TestClient, url: str) -> None:
    path, _, query = url.partition("?")
    json_url = ("/index.json" if path == "/" else path + ".json") + (f"?{query}" if query else "")
    by_suffix = client.get(json_url)
    by_accept = client.get(url, headers={"Accept": "application/json"})
    assert by_suffix.status_code == by_accept.status_code == 200
    assert by_suffix.json().keys() == by_accept.json().keys()


def test_openapi_documents_the_json_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/index.json", "/issue/{code}.json", "/report/{report_id}.json", "/claims.json",
              "/search.json", "/map.json", "/brief.json"):
        assert p in paths
    assert "/claim/{claim_id}/review" in paths


def test_overview_matrix_shows_latest_stance_as_of_date(client: TestClient) -> None:
    before = client.get("/index.json?as_of=2025-03-15").json()
    after = client.get("/index.json?as_of=2025-04-15").json()
    ru = lambda data: next(r for r in data["rows"] if r["party"] == "RU")["cells"][0]  # noqa: E731
    assert (ru(before)["act"], ru(before)["outcomes"]) == ("demand", ["ru_control"])
    assert (ru(after)["act"], ru(after)["outcomes"], ru(after)["hedged"]) == ("propose", ["freeze"], True)


def test_overview_cell_links_to_its_evidence(client: TestClient) -> None:
    html = client.get("/?as_of=2025-03-15").text
    assert 'href="/evidence/1"' in html
    r = client.get("/evidence/1", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/report/1#claim-1"


def test_issue_page_shows_conflict_and_zone_from_analysis(client: TestClient) -> None:
    data = client.get("/issue/territory.json?as_of=2025-05-01").json()
    (c,) = data["conflicts"]
    assert {c["a"], c["b"]} == {"RU", "UA"} and "UA-14" in c["regions"]
    assert data["zones"] and all("ru_control" not in z["outcomes"] for z in data["zones"]
                                 if z["region"] == "UA-14")
    html = client.get("/issue/territory?as_of=2025-05-01").text
    assert "<svg" in html and html.count("<circle") == 3


def test_rejected_claim_drops_out_of_conflicts(client: TestClient) -> None:
    r = client.post("/claim/1/review", json={"action": "reject"},
                    headers={"X-CSRF-Token": csrf_of(client)})
    assert r.status_code == 200
    data = client.get("/issue/territory.json?as_of=2025-05-01").json()
    assert data["conflicts"] == []


def test_party_page_shows_shift(client: TestClient) -> None:
    shifts = client.get("/party/RU.json?as_of=2025-05-01&since=2025-03-15").json()["shifts"]
    assert [(s["before"], s["after"]) for s in shifts] == [
        ("demand ru_control [UA-14]", "propose freeze [UA-23] (hedged)")]


def test_map_has_all_27_regions_and_group_control(client: TestClient) -> None:
    data = client.get("/map.json?party=RU&as_of=2025-05-01").json()
    assert len(data["regions"]) == 27
    by_code = {r["code"]: r for r in data["regions"]}
    assert by_code["UA-09"]["ru_share"] == pytest.approx(0.98)
    assert by_code["UA-23"]["stance"]["outcome"] == "freeze"
    assert by_code["UA-14"]["stance"] is None or by_code["UA-14"]["stance"]["outcome"] == "ru_control"
    assert "OpenStreetMap" in client.get("/map").text


def test_search_highlights_hits(client: TestClient) -> None:
    html = client.get("/search?q=Donetsk").text
    assert "<mark>Donetsk</mark>" in html


@pytest.mark.parametrize("url,status", [
    ("/report/999", 404), ("/report/999.json", 404), ("/claim/999", 404), ("/issue/nope", 404),
    ("/party/XX.json", 404), ("/map?party=XX", 404), ("/report/abc", 422),
    ("/?as_of=2025-13-45", 422), ("/index.json?as_of=yesterday", 422),
    ("/claims?order=sideways", 400), ("/claims?status=maybe", 400), ("/search?q=%22", 400),
    ("/brief?since=2025-05-01&until=2025-01-01", 400), ("/nowhere", 404),
    ("/evidence/999", 404), ("/party/RU?since=2026-01-01&as_of=2025-01-01", 400),
])
def test_bad_requests_get_clear_4xx_without_trace(client: TestClient, url: str, status: int) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert "Traceback" not in r.text
    j = client.get(url, headers={"Accept": "application/json"})
    assert j.status_code == status and j.json()["error"]


def test_report_text_and_metadata_are_escaped(client: TestClient) -> None:
    html = client.get("/report/3").text
    assert "<script>window.pwned" not in html
    assert "&lt;script&gt;" in html
    assert not re.search(r"<img[^>]*onerror", html)
    for url in ("/claims", "/search?q=trick", "/report/3", "/"):
        assert "<script>window" not in client.get(url).text


def test_reject_via_form_keeps_correction(client: TestClient) -> None:
    r = client.post("/claim/1/review", data={"action": "reject", "csrf": csrf_of(client)},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/report/1#claim-1"
    assert client.get("/claim/1.json").json()["claim"]["status"] == "rejected"
    assert 'class="ev rejected"' in client.get("/report/1").text


@pytest.mark.parametrize("action,body,status", [
    ("accept", {}, "accepted"),
    ("edit", {"changes": {"outcome": "freeze"}}, "edited"),
])
def test_review_via_json(client: TestClient, action: str, body: dict, status: str) -> None:
    r = client.post("/claim/1/review", json={"action": action, **body},
                    headers={"X-CSRF-Token": csrf_of(client)})
    assert r.status_code == 200, r.text
    assert r.json()["status"] == status


@pytest.mark.parametrize("body,status", [
    ({"action": "explode"}, 400), ({"action": "edit"}, 400),
    ({"action": "edit", "changes": {"act": "shout"}}, 400),
])
def test_review_bad_input_is_400(client: TestClient, body: dict, status: int) -> None:
    r = client.post("/claim/1/review", json=body, headers={"X-CSRF-Token": csrf_of(client)})
    assert r.status_code == status and r.json()["error"]


def test_review_of_missing_claim_is_404(client: TestClient) -> None:
    r = client.post("/claim/999/review", json={"action": "accept"},
                    headers={"X-CSRF-Token": csrf_of(client)})
    assert r.status_code == 404


@pytest.mark.parametrize("headers,data", [
    ({}, {"action": "reject"}),
    ({}, {"action": "reject", "csrf": "forged"}),
    ({"X-CSRF-Token": "forged"}, {"action": "reject"}),
])
def test_review_without_csrf_is_refused(client: TestClient, headers: dict, data: dict) -> None:
    r = client.post("/claim/1/review", data=data, headers=headers)
    assert r.status_code == 403
    assert client.get("/claim/1.json").json()["claim"]["status"] == "machine"


def test_review_from_foreign_origin_is_refused(client: TestClient) -> None:
    r = client.post("/claim/1/review", data={"action": "reject", "csrf": csrf_of(client)},
                    headers={"Origin": "https://evil.example"})
    assert r.status_code == 403


@pytest.fixture()
def locked(web_store: tuple[Path, dict[str, int]]) -> TestClient:
    return TestClient(create_app(web_store[0], token="s3cret", require_token_for_reads=True))


@pytest.mark.parametrize("headers,status", [
    ({}, 401), ({"X-Parley-Token": "wrong"}, 403), ({"X-Parley-Token": "s3cret"}, 200),
    ({"Authorization": "Bearer s3cret"}, 200),
])
def test_reads_need_token_when_required(locked: TestClient, headers: dict, status: int) -> None:
    assert locked.get("/index.json", headers=headers).status_code == status


@pytest.mark.parametrize("headers,status", [
    ({}, 401), ({"X-Parley-Token": "wrong"}, 403), ({"X-Parley-Token": "s3cret"}, 200),
])
def test_writes_need_token_when_set(web_store: tuple[Path, dict[str, int]], headers: dict,
                                    status: int) -> None:
    client = TestClient(create_app(web_store[0], token="s3cret"))
    assert client.get("/index.json").status_code == 200  # reads stay open
    r = client.post("/claim/1/review", json={"action": "accept"},
                    headers={**headers, "X-CSRF-Token": csrf_of(client)})
    assert r.status_code == status


def test_login_sets_cookie_for_browser(locked: TestClient) -> None:
    assert locked.get("/login?token=s3cret", follow_redirects=False).status_code == 303
    assert locked.get("/").status_code == 200


def test_upload_ingests_through_same_reader(client: TestClient) -> None:
    text = b"Moscow demands a truce first."
    r = client.post("/upload",
                    data={"csrf": csrf_of(client), "date": "2025-05-01", "outlet": "Up"},
                    files=[("files", ("../../etc/new.txt", text, "text/plain"))],
                    headers={"Accept": "application/json"})
    assert r.status_code == 200, r.text
    assert r.json()["results"]["summary"]["new"] == 1
    (hit,) = client.get("/search.json?q=truce").json()["hits"]
    report = client.get(f"/report/{hit['report_id']}.json").json()["report"]
    assert report["outlet"] == "Up" and report["doc"] == "new.txt"
    assert report["path"] is None or "etc" not in report["path"]


def test_upload_bad_file_reports_error_like_ingest(client: TestClient) -> None:
    r = client.post("/upload", data={"csrf": csrf_of(client)},
                    files=[("files", ("bad.bin", b"\x00\x01\x02" * 50, "application/octet-stream"))],
                    headers={"Accept": "application/json"})
    assert r.status_code == 422
    (failed,) = r.json()["results"]["failed"]
    assert failed["file"] == "bad.bin" and failed["detail"]


def test_oversized_upload_is_413(web_store: tuple[Path, dict[str, int]]) -> None:
    client = TestClient(create_app(web_store[0], upload_limit_bytes=1000))
    r = client.post("/upload", data={"csrf": csrf_of(client)},
                    files=[("files", ("big.txt", b"x" * 5000, "text/plain"))])
    assert r.status_code == 413


def test_upload_without_csrf_is_403(client: TestClient) -> None:
    r = client.post("/upload", files=[("files", ("a.txt", b"Kyiv says no.", "text/plain"))])
    assert r.status_code == 403


def test_upload_without_files_is_400(client: TestClient) -> None:
    r = client.post("/upload", data={"csrf": csrf_of(client)})
    assert r.status_code == 400


def test_cached_page_refreshes_after_another_connection_writes(
        client: TestClient, web_store: tuple[Path, dict[str, int]]) -> None:
    from parley.store.corrections import reject_claim
    from parley.store.db import Store

    assert client.get("/claim/1.json").json()["claim"]["status"] == "machine"
    other = Store(web_store[0])  # as a CLI would, in its own connection
    reject_claim(other, 1)
    other.close()
    assert client.get("/claim/1.json").json()["claim"]["status"] == "rejected"


def test_upload_leaves_no_temp_files(client: TestClient, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    r = client.post("/upload", data={"csrf": csrf_of(client)},
                    files=[("files", ("a.txt", b"Kyiv rejects a freeze.", "text/plain"))])
    assert r.status_code == 200
    assert not list(tmp_path.glob("parley-upload-*"))


def test_deal_pages_are_included_when_present(client: TestClient) -> None:
    pytest.importorskip("parley.web.deal_routes")
    assert client.get("/deals").status_code == 200
    assert "/deals.json" in client.get("/openapi.json").json()["paths"]


def test_pages_send_a_strict_content_security_policy(client: TestClient) -> None:
    csp = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "onchange=" not in client.get("/map").text  # no inline handlers to allow
