"""The browser for the browser tests: Debian's chromium, driven by Playwright (nothing downloaded)."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


def drawn(page) -> int:
    """How many nodes the page's graph drew, once it has."""
    page.wait_for_selector("#graph[data-nodes]")
    return int(page.get_attribute("#graph", "data-nodes"))


def node_position(page, node_id: str) -> dict:
    """Where a node of the page's graph is on the screen."""
    return page.evaluate(
        """(id) => {
            const holder = document.getElementById('graph');
            const network = holder.malplanNetwork;
            const dom = network.canvasToDOM(network.getPositions([id])[id]);
            const box = holder.getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y};
        }""",
        node_id,
    )
