"""The search field and the plan list in a real Chromium: by keyboard, and on a phone's width.

Screenshots go to test-artifacts/screenshots/ (search-*, maalplaner-filter-*).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from malplan_graph.store import OxigraphStore
from tests.conftest import BASE
from tests.servers import serving

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).parents[2] / "test-artifacts" / "screenshots"
SIZES = {"laptop": (1366, 800), "phone": (390, 844)}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from malplan_web import create_app

    store = OxigraphStore(tmp_path_factory.mktemp("search-browser") / "store")
    app = create_app({"STORE": store, "SECRET_KEY": "browser-test"})
    with serving(app) as root:
        yield root


def _page(browser, size: str):
    width, height = SIZES[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="da-DK")
    return context, context.new_page()


def test_the_header_field_searches_from_the_keyboard(browser, server):
    context, page = _page(browser, "laptop")
    try:
        page.goto(server + "/plans")
        page.keyboard.press("Tab")  # the skip link
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "search-q":
                break
        assert page.evaluate("document.activeElement.id") == "search-q"
        page.keyboard.type("ensomhed")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/search\?q=ensomhed$"))
        assert "Færre ældre føler sig ensomme" in page.inner_text(".search-results")
        page.click(".search-results a[href^='/plan?']")
        page.wait_for_url(re.compile(r"/plan\?uri=.+plan/ensomhed$"))
    finally:
        context.close()


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize(
    ("name", "path"),
    [("search", "/search?q=ensomhed"), ("maalplaner-filter", f"/plans?centre={BASE}centre/boern-og-skole")],
)
def test_no_page_overflows_sideways(browser, server, size, name, path):
    context, page = _page(browser, size)
    try:
        assert page.goto(server + path).status == 200
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} is {overflow} px too wide at {SIZES[size][0]} px"
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}-{size}.png"), full_page=True)
    finally:
        context.close()


def test_the_plan_filters_work_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False, locale="da-DK")
    page = context.new_page()
    try:
        page.goto(server + "/plans")
        page.select_option("select[name=state]", "violations")
        page.click("form.plan-filters button[type=submit]")
        page.wait_for_url("**state=violations**")
        assert page.locator("table.plan-list tbody tr").count() == 2
        page.click("table.plan-list th >> text=Overtrædelser")
        page.wait_for_url("**sort=violations**")
        with page.expect_download() as download:
            page.click("text=Excel")
        assert download.value.suggested_filename == "plans.xlsx"
    finally:
        context.close()
