"""WCAG 2.1 AA (issue 12 §4): axe-core, the accessibility engine browsers' own audits use, run in
Debian's Chromium on every main page, in Danish and in English; no serious or critical violation.

axe-core is a test tool only, from npm (`npm install --no-save axe-core@4`, which .ci/run and the
README's test command do): it is injected into the page by the test and never served by the app.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

import pytest

from malplan_graph.store import OxigraphStore
from tests.conftest import BASE
from tests.servers import serving

AXE = Path(os.environ.get("MALPLAN_AXE", Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"))

PAGES = [
    "/",
    "/plans",
    f"/plan?uri={quote(BASE + 'plan/affald', safe='')}",
    "/graph",
    f"/trace?uri={quote(BASE + 'action/frikvarter-1', safe='')}",
    f"/trace?uri={quote(BASE + 'vision/albertslund', safe='')}&direction=down",
    "/gaps",
    "/validation",
    "/links",
    "/def",
    "/sparql",
    "/search?q=ensomhed",
    f"/resource?uri={quote(BASE + 'workplace/ppr', safe='')}",
    "/login",
]


@pytest.fixture(scope="module")
def site():
    from malplan_web import create_app

    app = create_app({"STORE": OxigraphStore(None), "SECRET_KEY": "axe-test", "ADMIN_PASSWORD": "en-lang-adgangskode"})
    with serving(app) as root:
        yield root


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.skip(f"axe-core is not installed ({AXE}); run `npm install --no-save axe-core@4` (.ci/run does)")
    return AXE.read_text(encoding="utf-8")


def _violations(page, source: str) -> list:
    page.evaluate(source)  # evaluated by the test, so the app's Content-Security-Policy stays as it is
    found = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
                                     resultTypes: ['violations']})
              .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                                  nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"""
    )
    return [item for item in found if item["impact"] in ("serious", "critical")]


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("width", [1366, 390])
def test_no_main_page_has_a_serious_or_critical_wcag_violation(browser, site, axe_source, lang, width):
    context = browser.new_context(viewport={"width": width, "height": 844}, locale=f"{lang}-DK")
    page = context.new_page()
    problems = {}
    for path in PAGES:
        separator = "&" if "?" in path else "?"
        response = page.goto(f"{site}{path}{separator}lang={lang}")
        assert response.status < 400, path
        page.wait_for_load_state("networkidle")
        found = _violations(page, axe_source)
        if found:
            problems[path] = found
    context.close()
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
