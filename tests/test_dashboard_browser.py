"""The dashboard in a real browser: headless chromium over a live server on the demo corpus.

One store and one server per module (ingesting the demo corpus takes ~10 s); each test
gets a fresh page that records console errors, failed requests and dialogs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS, browser_missing, build_store, live_server

MISSING = browser_missing()
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(MISSING is not None, reason=MISSING or ""),
]

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpus" / "demo"
SCREENSHOT = Path("/tmp/brinkwatch-dashboard.png")
READY = "body[data-ready]"


@dataclass
class Watch:
    """What went wrong on a page while a test drove it."""

    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_store(tmp_path_factory.mktemp("dashboard") / "demo.duckdb", DEMO)
    with live_server(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def watched_page(browser: Any) -> tuple[Any, Any, Watch]:
    """A new page (in its own context) whose errors, failed requests and dialogs are kept."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    watch = Watch()
    page.on("console", lambda m: m.type == "error" and watch.console_errors.append(m.text))
    page.on("pageerror", lambda e: watch.console_errors.append(str(e)))
    page.on("requestfailed", lambda r: watch.failed_requests.append(f"{r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and watch.failed_requests.append(
        f"{r.url} HTTP {r.status}"))  # fmt: skip
    page.on("dialog", lambda d: (watch.dialogs.append(d.message), d.dismiss()))
    return context, page, watch


@pytest.fixture
def watched(browser: Any) -> Iterator[tuple[Any, Watch]]:
    context, page, watch = watched_page(browser)
    yield page, watch
    context.close()


@pytest.fixture(scope="module")
def loaded(browser: Any, base_url: str) -> Iterator[tuple[Any, Watch]]:
    """One dashboard load shared by the tests that only read the page."""
    context, page, watch = watched_page(browser)
    open_dashboard(page, base_url)
    yield page, watch
    context.close()


def open_dashboard(page: Any, base_url: str, fragment: str = "") -> None:
    page.goto(f"{base_url}/{fragment}")
    page.wait_for_selector(READY, state="attached", timeout=30_000)


def api(base_url: str, path: str) -> Any:
    return httpx.get(f"{base_url}{path}", timeout=30).json()


@pytest.mark.parametrize(
    ("selector", "at_least"),
    [
        ("#dyad-select option", 5),
        ("#timeline-chart .alert-marker", 1),
        ("#map path.country", 150),
        ("#map circle.event-dot", 5),
        ("#map path.deploy-arrow", 1),
        ("#network g.node", 5),
        ("#network path.edge", 5),
        ("#events-table tbody tr[data-event-id]", 20),
        ("#quotes details", 5),
        ("#claims .claim-row", 5),
    ],
)
def test_every_panel_fills_without_errors(
    loaded: tuple[Any, Watch], selector: str, at_least: int
) -> None:
    page, watch = loaded
    assert page.get_attribute("body", "data-ready") == "yes"
    assert page.locator(selector).count() >= at_least
    assert watch.console_errors == []
    assert watch.failed_requests == []


def test_default_dyad_is_the_most_active_one(loaded: tuple[Any, Watch], base_url: str) -> None:
    page, _ = loaded
    top = api(base_url, "/api/dyads")[0]
    assert page.get_attribute("#timeline-chart", "data-dyad") == f"{top['a']}|{top['b']}"
    assert page.get_attribute("#index-line", "d").startswith("M")


@pytest.mark.parametrize("option", [1, 2, 4])
def test_choosing_another_dyad_redraws_the_chart(
    watched: tuple[Any, Watch], base_url: str, option: int
) -> None:
    page, watch = watched
    open_dashboard(page, base_url)
    before = page.get_attribute("#index-line", "d")
    value = page.locator("#dyad-select option").nth(option).get_attribute("value")
    page.select_option("#dyad-select", value)
    page.wait_for_selector(f'#timeline-chart[data-dyad="{value}"]')
    assert page.get_attribute("#index-line", "d") != before
    assert watch.console_errors == []


@pytest.mark.parametrize(
    ("typed", "dyad", "listed"),
    [
        ("USA,NATO vs RUS", "USA,NATO|RUS", ""),
        ("ukr / rus", "UKR|RUS", ""),
        ("NATO v RUS", "NATO|RUS", "NATO|RUS"),
    ],
)
def test_free_dyad_input_accepts_comma_lists(
    watched: tuple[Any, Watch], base_url: str, typed: str, dyad: str, listed: str
) -> None:
    page, watch = watched
    open_dashboard(page, base_url)
    page.fill("#dyad-input", typed)
    page.click("#dyad-go")
    page.wait_for_selector(f'#timeline-chart[data-dyad="{dyad}"]')
    assert page.eval_on_selector("#dyad-select", "s => s.value") == listed
    assert watch.failed_requests == []


@pytest.mark.parametrize("typed", ["RUS", "vs RUS", "U$A vs RUS"])
def test_free_dyad_input_refuses_what_is_not_a_dyad(
    watched: tuple[Any, Watch], base_url: str, typed: str
) -> None:
    page, _ = watched
    open_dashboard(page, base_url)
    before = page.get_attribute("#timeline-chart", "data-dyad")
    page.fill("#dyad-input", typed)
    page.click("#dyad-go")
    page.wait_for_selector("#status.error")
    assert "not a dyad" in page.inner_text("#status")
    assert page.get_attribute("#timeline-chart", "data-dyad") == before


def test_alert_marker_lists_its_driving_events(watched: tuple[Any, Watch], base_url: str) -> None:
    page, _ = watched
    open_dashboard(page, base_url)
    page.locator("#timeline-chart .alert-marker").first.click()
    page.wait_for_selector("#driver-list li")
    assert "Alert on" in page.inner_text("#alert-drivers")
    page.locator("#driver-list .linkish").first.click()
    page.wait_for_selector("#article-text mark.evidence")


@pytest.mark.parametrize("row", [0, 7, 23])
def test_clicking_an_event_row_highlights_its_sentence(
    watched: tuple[Any, Watch], base_url: str, row: int
) -> None:
    page, watch = watched
    open_dashboard(page, base_url)
    event = api(base_url, "/api/events?limit=50&offset=0")["events"][row]
    page.locator(f'#events-table tr[data-event-id="{event["id"]}"]').click()
    page.wait_for_selector("#article-text mark.evidence")
    assert page.inner_text("#article-text mark.evidence").strip() == event["sentence"].strip()
    assert page.inner_text("#article-text mark.trigger") == event["trigger_text"]
    assert page.locator("#article-text mark.evidence").is_visible()
    assert watch.console_errors == []


def hostile_article_id(base_url: str) -> str:
    """The demo article with markup in its headline, found through its quotes or events."""
    quotes = api(base_url, "/api/quotes?limit=5000")
    rows = quotes + api(base_url, "/api/events?limit=5000")["events"]
    for row in rows:
        if "<script>" in (row["article_title"] or ""):
            return str(row["article_id"])
    raise AssertionError("the demo corpus has no article with markup in its headline")


@pytest.mark.parametrize(
    "literal", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<script> and onerror"]
)
def test_markup_in_an_article_renders_as_text(
    watched: tuple[Any, Watch], base_url: str, literal: str
) -> None:
    page, watch = watched
    open_dashboard(page, base_url, f"#article={hostile_article_id(base_url)}")
    page.wait_for_selector("#article-text")
    page.wait_for_timeout(300)  # give an injected handler the chance to fire, if one existed
    assert literal in page.inner_text("#article-text")
    assert "<script>" in page.inner_text("#article-title")
    assert watch.dialogs == []
    assert page.locator("img").count() == 0
    assert page.locator("[onerror]").count() == 0
    assert page.locator("script").count() == 2  # the vendored topojson client and app.js


def test_quotes_panel_shows_markup_literally(watched: tuple[Any, Watch], base_url: str) -> None:
    page, watch = watched
    open_dashboard(page, base_url)
    page.evaluate("document.querySelectorAll('#quotes details').forEach(d => d.open = true)")
    assert "<img src=x onerror=alert(1)>" in page.inner_text("#quotes")
    assert watch.dialogs == []
    assert page.locator("#quotes img").count() == 0


@pytest.mark.parametrize(
    ("shape", "heading"),
    [("#map circle.event-dot", "event"), ("#map path.deploy-arrow", "Deployments")],
)
def test_map_shapes_list_their_evidence(
    watched: tuple[Any, Watch], base_url: str, shape: str, heading: str
) -> None:
    page, _ = watched
    open_dashboard(page, base_url)
    # dispatch, not click: a curved arrow's bounding-box centre is not on its stroke
    page.locator(shape).last.dispatch_event("click")
    page.wait_for_selector("#map-detail li .linkish")
    assert heading in page.inner_text("#map-detail h3")
    page.locator("#map-detail li .linkish").first.click()
    page.wait_for_selector("#article-text mark.evidence")


def test_world_extent_redraws_the_map(watched: tuple[Any, Watch], base_url: str) -> None:
    page, _ = watched
    open_dashboard(page, base_url)
    europe = page.get_attribute('#map path.country[data-iso3="UKR"]', "d")
    page.check('input[name="map-extent"][value="world"]')
    assert page.get_attribute('#map path.country[data-iso3="UKR"]', "d") != europe


def test_network_node_filters_the_event_table(watched: tuple[Any, Watch], base_url: str) -> None:
    page, _ = watched
    open_dashboard(page, base_url)
    quietest = api(base_url, "/api/network")["nodes"][-1]["id"]
    page.locator(f'#network g.node[data-id="{quietest}"] circle').click()
    page.wait_for_function(f"document.querySelector('#filter-actor').value === '{quietest}'")
    page.wait_for_function(
        "[...document.querySelectorAll('#events-table tbody tr')].every("
        f"r => r.innerText.includes('{quietest}'))"
    )


def test_screenshot_of_the_loaded_dashboard(watched: tuple[Any, Watch], base_url: str) -> None:
    page, _ = watched
    open_dashboard(page, base_url)
    page.locator("#events-table tbody tr").nth(2).click()
    page.wait_for_selector("#article-text mark.evidence")
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 50_000
