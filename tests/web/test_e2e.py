"""End-to-end tests in a real headless Chromium (Debian's, never a downloaded one)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_texts import BODY, FRONT

from parley.web import create_app

pytestmark = pytest.mark.e2e

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def server(web_store: tuple[Path, dict[str, int]]) -> Iterator[str]:
    uvicorn = pytest.importorskip("uvicorn")
    port = _free_port()
    config = uvicorn.Config(create_app(web_store[0]), host="127.0.0.1", port=port,
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=5)


@pytest.fixture()
def page() -> Iterator[object]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("no Chromium at /usr/bin/chromium (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.errors = errors  # type: ignore[attr-defined]
        yield pg
        browser.close()


def shot(page: object, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def test_overview_cell_to_report_reject_and_reload(server: str, page: object) -> None:
    p = page
    p.goto(server + "/?as_of=2025-03-15")  # type: ignore[attr-defined]
    shot(p, "overview")
    p.click("td.cell.demand >> nth=0")  # type: ignore[attr-defined]
    p.wait_for_url("**/report/**")  # type: ignore[attr-defined]
    assert p.locator("mark.ev").count() >= 1  # type: ignore[attr-defined]
    claim_id = p.url.rsplit("#claim-", 1)[1]  # type: ignore[attr-defined]
    p.click(f"mark#claim-{claim_id}")  # type: ignore[attr-defined]
    box = p.locator(f"#box-{claim_id}")  # type: ignore[attr-defined]
    assert "sel" in (box.get_attribute("class") or "")
    shot(p, "report")
    box.locator("button[value=reject]").click()
    p.wait_for_load_state()  # type: ignore[attr-defined]
    p.reload()  # type: ignore[attr-defined]
    assert p.locator(f"#box-{claim_id} .status").inner_text() == "rejected"  # type: ignore[attr-defined]
    assert "rejected" in (p.locator(f"mark#claim-{claim_id}").get_attribute("class") or "")  # type: ignore[attr-defined]
    assert p.errors == []  # type: ignore[attr-defined]


def test_date_picker_redraws_overview(server: str, page: object) -> None:
    p = page
    p.goto(server + "/?as_of=2025-03-15")  # type: ignore[attr-defined]
    p.fill("input[name=as_of]", "2025-04-15")  # type: ignore[attr-defined]
    p.dispatch_event("input[name=as_of]", "change")  # type: ignore[attr-defined]
    p.wait_for_url("**as_of=2025-04-15")  # type: ignore[attr-defined]
    p.wait_for_selector("td.cell.propose", timeout=15000)  # type: ignore[attr-defined]
    assert p.locator("td.cell.propose").count() == 1  # type: ignore[attr-defined]
    assert p.errors == []  # type: ignore[attr-defined]


def test_map_renders_all_27_regions(server: str, page: object) -> None:
    p = page
    p.goto(server + "/map?party=RU&as_of=2025-05-01")  # type: ignore[attr-defined]
    assert p.locator("svg#map path.region").count() == 27  # type: ignore[attr-defined]
    p.click("path#r-UA-09", force=True)  # type: ignore[attr-defined]
    assert p.locator("#info-UA-09").is_visible()  # type: ignore[attr-defined]
    shot(p, "map")


def test_xss_payload_in_report_runs_nothing(server: str, page: object) -> None:
    p = page
    p.goto(server + "/report/3")  # type: ignore[attr-defined]
    assert p.evaluate("window.pwned === undefined")  # type: ignore[attr-defined]
    assert "<script>" in p.locator("article#text").inner_text()  # type: ignore[attr-defined]
    shot(p, "report-xss")


@pytest.mark.parametrize("name,url", [
    ("issue", "/issue/territory?as_of=2025-05-01"), ("party", "/party/RU"),
    ("claims", "/claims"), ("search", "/search?q=Donetsk"),
    ("brief", "/brief?since=2025-01-01&until=2025-12-31"), ("upload", "/upload"),
])
def test_page_screenshot(server: str, page: object, name: str, url: str) -> None:
    p = page
    resp = p.goto(server + url)  # type: ignore[attr-defined]
    assert resp.status == 200
    shot(p, name)
    assert p.errors == []  # type: ignore[attr-defined]


SELECT_PHRASE = """(phrase) => {
  // select the phrase as a user's drag would, then release the mouse over the text
  const article = document.getElementById("text");
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const i = n.data.indexOf(phrase);
    if (i < 0) continue;
    const range = document.createRange();
    range.setStart(n, Math.max(0, i - 1));  // from the line break before it, as people do
    range.setEnd(n, i + phrase.length);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    article.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
    return true;
  }
  return false;
}"""


def test_select_a_phrase_add_a_claim_and_see_it_highlighted(
        server: str, page: object, web_store: tuple[Path, dict[str, int]]) -> None:
    p = page
    rid = web_store[1]["front"]
    phrase = "Kyiv rejects any freeze of the line"
    p.goto(f"{server}/report/{rid}")  # type: ignore[attr-defined]
    assert p.evaluate(SELECT_PHRASE, phrase)  # type: ignore[attr-defined]
    form = p.locator("#add-claim")  # type: ignore[attr-defined]
    # offsets in code points of the full text: front matter, an emoji and a CRLF come first
    start = (FRONT + BODY).index(phrase)
    assert form.locator("input[name=start]").input_value() == str(start)
    assert form.locator("input[name=end]").input_value() == str(start + len(phrase))
    assert p.locator("#add-text").inner_text() == phrase  # type: ignore[attr-defined]
    form.locator("select[name=actor]").select_option("UA")
    form.locator("select[name=act]").select_option("reject")
    form.locator("select[name=issue]").select_option("territory")
    form.locator("select[name=outcome]").select_option("freeze")  # filled for the chosen issue
    form.locator("select[name=regions]").select_option(["UA-14", "UA-09"])
    form.locator("input[type=checkbox][name=hedged]").check()
    form.locator("input[name=when]").fill("2025-05")
    shot(p, "report-add-form")
    form.locator("button", has_text="Add claim").click()
    p.wait_for_selector("mark.ev.added")  # type: ignore[attr-defined]
    p.reload()  # type: ignore[attr-defined]
    mark = p.locator("mark.ev.added")  # type: ignore[attr-defined]
    assert mark.count() == 1 and mark.inner_text() == phrase
    box = p.locator(f"#box-{mark.get_attribute('data-claim')}")  # type: ignore[attr-defined]
    assert "added" in box.locator(".status").inner_text()
    assert "[UA-09, UA-14]" in box.inner_text() and "hedged" in box.inner_text()  # dossier order
    shot(p, "report-added")
    assert p.errors == []  # type: ignore[attr-defined]


def test_edit_regions_and_hedged_in_the_browser_and_keep_them(server: str, page: object) -> None:
    p = page
    p.goto(server + "/report/1#claim-1")  # type: ignore[attr-defined]
    box = p.locator("#box-1")  # type: ignore[attr-defined]
    box.locator("summary", has_text="Edit").click()
    # a bad value is refused with the library's message, shown next to the form
    box.locator("input[name=when]").fill("tomorrow")
    box.locator("button[value=edit]").click()
    msg = box.locator(".msg")
    msg.wait_for(state="visible")
    assert "bad when 'tomorrow'" in msg.inner_text()
    shot(p, "report-edit-refused")
    box.locator("input[name=when]").fill("")
    box.locator("select[name=regions]").select_option(["UA-14", "UA-09"])
    box.locator("input[type=checkbox][name=hedged]").check()
    box.locator("button[value=edit]").click()
    p.wait_for_selector("#box-1.edited")  # type: ignore[attr-defined]
    p.reload()  # type: ignore[attr-defined]
    box = p.locator("#box-1")  # type: ignore[attr-defined]
    assert box.locator(".status").inner_text() == "edited"
    assert box.locator(".regions").inner_text() == "[UA-09, UA-14]"
    assert box.locator(".flag").inner_text() == "hedged"
    assert sorted(box.locator("select[name=regions]").evaluate(
        "s => Array.from(s.selectedOptions).map(o => o.value)")) == ["UA-09", "UA-14"]
    assert box.locator("input[type=checkbox][name=hedged]").is_checked()
    box.locator("summary", has_text="Edit").click()
    shot(p, "report-edited")
    assert p.errors == []  # type: ignore[attr-defined]
