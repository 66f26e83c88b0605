"""Issue 12 §4: no main page overflows sideways on a phone (390 px), and long pages fold into
sections. Each run saves every main page at 1366×800 and 390×844 under
test-artifacts/screenshots/ (…-laptop.png, …-phone.png)."""

from __future__ import annotations

from pathlib import Path

import pytest

from malplan_graph.store import OxigraphStore
from tests.conftest import BASE
from tests.servers import serving

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).parents[2] / "test-artifacts" / "screenshots"
VIEWPORTS = {"laptop": (1366, 800), "phone": (390, 844)}
MAIN_PAGES = [
    ("forside", "/"),
    ("maalplaner", "/plans"),
    ("maalplan", f"/plan?uri={BASE}plan/frikvarter"),
    ("huller", "/gaps"),
    ("validering", "/validation"),
    ("paa-tvaers", "/links"),
    ("graf", "/graph"),
    ("ressource", f"/resource?uri={BASE}manager/omsorgschef"),
    ("vision", f"/resource?uri={BASE}vision/albertslund"),
    ("klasse", "/class?uri=https://w3id.org/malplan/def%23Objective"),
    ("spor", f"/trace?uri={BASE}action/frikvarter-1"),
    ("alt-nedenunder", f"/trace?uri={BASE}vision/albertslund&direction=down"),
    ("ontologi", "/def"),
    ("sparql", "/sparql"),
    ("fejl", "/trace?uri=nonsense"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from malplan_web import create_app

    store = OxigraphStore(tmp_path_factory.mktemp("phone") / "store")
    app = create_app({"STORE": store, "SECRET_KEY": "phone-test"})
    with serving(app) as root:
        yield root


@pytest.mark.parametrize("size", VIEWPORTS)
def test_main_pages_fit_the_screen_and_are_saved_as_screenshots(browser, server, size):
    width, height = VIEWPORTS[size]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="da-DK")
    page = context.new_page()
    SHOTS.mkdir(parents=True, exist_ok=True)
    too_wide, too_tall = [], []
    try:
        for name, path in MAIN_PAGES:
            response = page.goto(server + path)
            assert response.status < 500, path
            page.wait_for_load_state("load")
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                widest = page.evaluate(
                    """(width) => [...document.querySelectorAll('main *')]
                        .filter(e => e.getBoundingClientRect().right > width + 1)
                        .slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))""",
                    width,
                )
                too_wide.append((path, scroll_width, widest))
            scroll_height = page.evaluate("document.documentElement.scrollHeight")
            if scroll_height > 20 * height:
                too_tall.append((path, scroll_height))
            page.screenshot(path=str(SHOTS / f"{name}-{size}.png"), full_page=scroll_height <= 20 * height)
    finally:
        context.close()
    assert not too_wide, too_wide
    assert not too_tall, too_tall


def test_a_folded_section_opens_when_a_link_points_into_it(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="da-DK")
    page = context.new_page()
    try:
        page.goto(server + "/def#Objective")
        page.wait_for_load_state("load")
        assert page.evaluate("document.getElementById('Objective').open")
        assert not page.evaluate("document.getElementById('Goal').open")
        page.goto(f"{server}/trace?uri={BASE}vision/albertslund&direction=down")
        folds = page.locator("main details.fold")
        assert folds.count() >= 7
        before = page.evaluate("document.documentElement.scrollHeight")
        folds.first.locator("summary").focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.querySelector('main details.fold').open")
        assert page.evaluate("document.documentElement.scrollHeight") > before
    finally:
        context.close()


#: The national scale's main pages (bench/generate.py: 98 municipalities of 35 plans each).
NATIONAL = "https://data.example.dk/k007/"
NATIONAL_PAGES = [
    ("forside", "/"),
    ("maalplaner", "/plans"),
    ("maalplan", f"/plan?uri={NATIONAL}plan/3"),
    ("politik", f"/resource?uri={NATIONAL}policy/0"),
    ("kommune", f"/resource?uri={NATIONAL}municipality"),
    ("alt-nedenunder", f"/trace?uri={NATIONAL}policy/0&direction=down"),
    ("klasse", "/class?uri=https://w3id.org/malplan/def%23Policy"),
]


@pytest.fixture(scope="module")
def national_server(tmp_path_factory):
    from malplan_web import create_app

    from bench import generate

    store = generate.store(98, tmp_path_factory.mktemp("national"))
    app = create_app({"STORE": store, "SECRET_KEY": "national-test"})
    with serving(app) as root:
        yield root


def test_at_national_scale_the_main_pages_fit_a_phone_and_are_saved_as_screenshots(browser, national_server):
    too_wide, too_tall, heights = [], [], {}
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size, (width, height) in VIEWPORTS.items():
        context = browser.new_context(viewport={"width": width, "height": height}, locale="da-DK")
        page = context.new_page()
        try:
            for name, path in NATIONAL_PAGES:
                response = page.goto(national_server + path, timeout=120_000)
                assert response.status == 200, path
                scroll_width = page.evaluate("document.documentElement.scrollWidth")
                if scroll_width > width:
                    too_wide.append((size, path, scroll_width))
                heights[size, path] = page.evaluate("document.documentElement.scrollHeight")
                tall = heights[size, path] > 20 * height
                if tall:
                    too_tall.append((size, path))
                page.screenshot(path=str(SHOTS / f"national-{name}-{size}.png"), full_page=not tall)
        finally:
            context.close()
    assert not too_wide, too_wide
    assert not too_tall, too_tall
    assert heights["phone", "/"] < 5 * 844  # 98 visions fold into one list (it was 16,537 px)
