"""The overview graph in a real Chromium, at the example and at 98 generated municipalities:
what it draws at first, expanding and collapsing a node, label sizes and overlaps from
vis-network's own positions and font settings, a plan node opening the plan page, the tree a
phone gets, and screenshots at 1366×800 and 390×844 under test-artifacts/screenshots/."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from malplan_graph.store import OxigraphStore
from tests.browser.conftest import drawn as _drawn
from tests.browser.conftest import node_position as _node_position
from tests.conftest import BASE
from tests.servers import run_in_thread, stop

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).parents[2] / "test-artifacts" / "screenshots"
SIZES = {"1366": {"width": 1366, "height": 800}, "390": {"width": 390, "height": 844}}
NATIONAL = 98
FIRST_VISION = "https://data.example.dk/k001/vision"


def _serve(store):
    import waitress
    from malplan_web import create_app

    app = create_app({"STORE": store, "SECRET_KEY": "browser-test"})
    wsgi = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    return wsgi, run_in_thread(wsgi)


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """The example, and the example with 98 generated municipalities (3 plans each: what the
    overview draws of one municipality does not depend on how many plans lie below)."""
    sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
    from generate import generate

    folder = tmp_path_factory.mktemp("graph")
    generate(NATIONAL, folder / "national.nt", plans=3)
    national = OxigraphStore(None)
    national.load([folder / "national.nt"])
    running = {"example": _serve(OxigraphStore(None)), "national": _serve(national)}
    yield {name: f"http://127.0.0.1:{wsgi.effective_port}" for name, (wsgi, _) in running.items()}
    for wsgi, thread in running.values():
        wsgi.task_dispatcher.shutdown()
        stop(wsgi, thread)


@pytest.fixture
def open_page(browser):
    contexts = []

    def opener(size: str = "1366"):
        context = browser.new_context(viewport=SIZES[size], locale="da-DK")
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        return page

    yield opener
    for context in contexts:
        context.close()


def _ready(page) -> int:
    page.wait_for_selector("#graph[data-ready]", state="attached")
    return _drawn(page)


def _shot(page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


LABELS = """() => {
    const network = document.getElementById('graph').malplanNetwork;
    const scale = network.getScale();
    return Object.values(network.body.nodes).filter(n => !n.options.hidden && n.id in network.getPositions()).map(n => ({
        id: n.id, px: n.options.font.size * scale, box: network.getBoundingBox(n.id), label: n.options.label,
    }));
}"""


def _overlaps(nodes: list[dict]) -> list[tuple[str, str]]:
    """Pairs of drawn nodes whose boxes (vis-network's own, in canvas units) overlap."""
    found = []
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            p, q = a["box"], b["box"]
            if p["left"] < q["right"] and q["left"] < p["right"] and p["top"] < q["bottom"] and q["top"] < p["bottom"]:
                found.append((a["id"], b["id"]))
    return found


def _readable(page) -> list[dict]:
    nodes = page.evaluate(LABELS)
    assert nodes
    assert min(node["px"] for node in nodes) >= 12 - 1e-6, sorted(node["px"] for node in nodes)[:3]
    assert not _overlaps(nodes)
    return nodes


def test_the_overview_opens_readable_and_a_click_expands_and_collapses(open_page, servers):
    page = open_page()
    page.goto(servers["example"] + "/graph")
    assert _ready(page) == 22
    nodes = _readable(page)
    assert all(len(node["label"]) <= 30 for node in nodes)  # shortened; the tooltip holds the rest
    assert page.locator(".vis-navigation").count() == 0 and page.locator(".graph-controls button").count() == 4
    _shot(page, "graf-1366")
    objective = BASE + "objective/trivsel"
    position = _node_position(page, objective)
    page.mouse.click(position["x"], position["y"])
    page.wait_for_selector("#graph[data-opened='1']", state="attached")
    opened = _drawn(page)
    assert opened > 22
    shown = page.evaluate("() => document.getElementById('graph').malplanNetwork.body.data.nodes.getIds()")
    assert {BASE + "plan/frikvarter", BASE + "goal/frikvarter-1", BASE + "action/frikvarter-1"} <= set(shown)
    _readable(page)
    _shot(page, "graf-aabnet-1366")
    position = _node_position(page, objective)
    page.mouse.click(position["x"], position["y"])
    page.wait_for_selector("#graph[data-opened='0']", state="attached")
    assert _drawn(page) == 22
    assert not page.errors


def test_clicking_a_plan_node_opens_the_plan_page(open_page, servers):
    page = open_page()
    page.goto(servers["example"] + "/graph")
    _ready(page)
    page.evaluate(f"() => document.getElementById('graph').malplanToggle('{BASE}objective/trivsel')")
    position = _node_position(page, BASE + "plan/frikvarter")
    page.mouse.click(position["x"], position["y"])
    page.wait_for_url("**/plan?uri=**")
    assert page.locator("h1").inner_text() == "Aktive og trygge frikvarterer"


def test_the_tree_is_what_a_phone_gets(open_page, servers):
    page = open_page("390")
    page.goto(servers["example"] + "/graph")
    page.wait_for_selector(".chain-tree")
    assert not page.locator(".graph-pane").is_visible() and page.locator(".chain-tree").is_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    # keyboard: Tab to a branch, Enter opens it
    summary = page.locator(".chain-tree details details > summary").first
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator(".chain-tree details details").first.get_attribute("open") is not None
    _shot(page, "graf-390")
    page.goto(f"{servers['example']}/trace?uri={BASE}action/frikvarter-1")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    _shot(page, "spor-390")


def test_at_national_scale_the_overview_opens_one_municipality(open_page, servers):
    page = open_page()
    page.request.get(f"{servers['national']}/graph")  # the server's caches, as after its first visitor
    start = time.perf_counter()
    response = page.goto(f"{servers['national']}/graph?vision={FIRST_VISION}")
    first = _ready(page)
    took = time.perf_counter() - start
    assert response.status == 200
    assert first <= 40
    _readable(page)
    html = page.content()
    assert "<option" not in html.replace(page.inner_html("datalist") if page.locator("datalist").count() else "", "")
    assert len(response.body()) < 400_000
    assert took < 4  # the bench (bench/graph.py) holds it to 2 s on a quiet machine
    _shot(page, "graf-national-1366")
    field = "input.typeahead[data-key=policy]"
    page.fill(field, "budgetaftale")
    page.wait_for_selector(f"{field}[data-choices='20']")
    names = page.eval_on_selector_all("#choices-policy option", "options => options.map(o => o.value)")
    assert len(set(names)) == 20 and all("(" in name for name in names if name.startswith("Budgetaftale ("))
    objective = page.evaluate(
        """() => document.getElementById('graph').malplanNetwork.body.data.nodes.get()
                 .find(n => n.level === 2 && n.label.startsWith('+')).id"""
    )
    start = time.perf_counter()
    page.evaluate(f"() => document.getElementById('graph').malplanToggle({objective!r})")
    assert _drawn(page) > first and time.perf_counter() - start < 1
    page2 = open_page("390")
    page2.goto(f"{servers['national']}/graph")
    assert page2.evaluate("() => document.documentElement.scrollWidth") <= 390
    _shot(page2, "graf-national-390")
    page.goto(f"{servers['national']}/graph")
    assert _ready(page) <= 40


def test_everything_below_the_vision_opens_readable(open_page, servers):
    page = open_page()
    page.goto(f"{servers['example']}/trace?uri={BASE}vision/albertslund&direction=down")
    assert _ready(page) == 22
    _readable(page)
    assert page.locator(".graph-controls [data-graph=collapse]").count() == 1
    _shot(page, "alt-nedenunder-1366")
