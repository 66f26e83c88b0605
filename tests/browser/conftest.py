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
    """Where a node of the page's graph is on the screen, once it is drawn (a node behind a
    click is opened, as a user would) and in view."""
    return page.evaluate(
        """(id) => {
            const holder = document.getElementById('graph');
            const network = holder.malplanNetwork;
            const data = JSON.parse(document.getElementById('graph-data').textContent);
            const node = data.nodes.find(n => n.id === id);
            if (!network.body.data.nodes.get(id)) {
                node.parents.filter(p => !holder.malplanOpened[p]).slice(0, 1).forEach(p => holder.malplanToggle(p));
            }
            network.focus(id, {scale: Math.max(network.getScale(), 12 / 14), animation: false});
            const dom = network.canvasToDOM(network.getPositions([id])[id]);
            const box = holder.getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y};
        }""",
        node_id,
    )
