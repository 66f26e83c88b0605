"""The static site of `malplan publish`, opened from its files (file://) in a real Chromium:
the graphs draw from files alone and a click on a node opens the node's own file."""

from __future__ import annotations

import pytest

from tests.browser.conftest import drawn, node_position
from tests.conftest import BASE

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, published_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors, page.outside = [], []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("request", lambda request: None if request.url.startswith("file://") else page.outside.append(request.url))
    yield page
    assert not page.errors, page.errors
    assert not page.outside, f"the site asked for something outside its folder: {page.outside}"
    context.close()


def test_the_graph_draws_from_files_and_a_node_opens_its_file(page, published_site):
    page.goto((published_site / "graph.html").as_uri())
    assert drawn(page) == 22  # vision, politikker, målsætninger; the rest opens on a click
    page.click("nav.filters >> text=Klima- og bæredygtighedspolitik")
    page.wait_for_url("**/graph/policy/*.html")
    assert 0 < drawn(page)
    position = node_position(page, BASE + "plan/affald")
    page.mouse.click(position["x"], position["y"])
    page.wait_for_url("**/plan/affald.html")
    assert page.locator("h1").inner_text() == "Affaldsdetektiver: sortering i dagtilbud og skoler"


def test_a_trace_draws_and_its_links_lead_on(page, published_site):
    page.goto((published_site / "trace" / "up" / "plan" / "affald.html").as_uri())
    assert drawn(page) >= 4
    page.click("ol.paths a >> nth=-1")
    assert page.url.endswith(".html")
    assert page.locator("h1").inner_text()
