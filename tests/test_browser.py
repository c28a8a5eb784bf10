"""The page in real headless Chromium: it draws offline, counts match, hostile text stays text.

Needs the Debian packages ``chromium`` (and a CJK font for readable screenshots); skipped, with the
reason, only when no Chromium is installed. Driven over the DevTools protocol (stdlib only).
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from ufgraph.rdf import record_to_graph
from ufgraph.store import open_store
from ufgraph.viz.chromium import Chromium, find_chromium
from ufgraph.viz.projection import project_all
from ufgraph.viz.render import PHYSICS_MAX, write_html

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(find_chromium() is None, reason="chromium is not installed (Debian: apt-get install chromium)"),
]

GOLD = sorted((Path(__file__).parent / "seeds_gold").glob("*.json"))
SCRIPT_LABEL = "<script>window.__pwned=1</script>陈通"
IMG_LABEL = '<img src=x onerror="window.__pwned=2">'
CLOSE_LABEL = "</script><script>window.__pwned=3</script>"


def seed_graph_with_hostile_nodes() -> nx.MultiDiGraph:
    store = open_store("memory")
    for path in GOLD:
        ag = record_to_graph(json.loads(path.read_text("utf-8")))
        store.replace_graph(str(ag.iri), ag.graph)
    g = project_all(store)
    body = next(n for n, a in g.nodes(data=True) if a["label"] == "中共上海市委统一战线工作部")
    for i, label in enumerate((SCRIPT_LABEL, IMG_LABEL, CLOSE_LABEL)):
        g.add_node(f"evil{i}", type="person", label=label, aka=[label],
                   evidence=[{"article": label, "date": "2024-01-01", "quote": IMG_LABEL + CLOSE_LABEL}])
        g.add_edge(f"evil{i}", body, kind="holds-post-in", label=IMG_LABEL, evidence=[{"quote": SCRIPT_LABEL}])
    return g


@pytest.fixture(scope="module")
def browser():
    with Chromium(width=1400, height=900, timeout=90) as chromium:
        yield chromium


def open_page(browser: Chromium, path: Path):
    tab = browser.new_tab()
    tab.navigate(path.as_uri())  # waits for the load event and a quiet network
    tab.wait_for("window.ufgraph !== undefined && window.ufgraph.settled === true", timeout=60)
    return tab


def test_seed_page_draws_offline_with_every_node_and_edge(browser: Chromium, tmp_path: Path) -> None:
    g = seed_graph_with_hostile_nodes()
    page = write_html(g, tmp_path / "seed.html", heading=SCRIPT_LABEL)
    tab = open_page(browser, tmp_path / "seed.html")
    try:
        counts = tab.evaluate("""(() => { const n = ufgraph.network;
            return {data: [ufgraph.nodes.length, ufgraph.edges.length],
                    drawn: [Object.keys(n.body.nodes).length, Object.keys(n.body.edges).length],
                    visible: n.body.nodeIndices.length,
                    physics: n.physics.options.enabled, vis: typeof vis.Network}; })()""")
        assert counts["data"] == [g.number_of_nodes(), g.number_of_edges()] == [page.nodes, page.edges]
        assert counts["drawn"] == counts["data"] and counts["visible"] == g.number_of_nodes()
        assert counts["vis"] == "function"
        assert counts["physics"] is False  # stabilised, then stopped
        assert all(url.startswith(("file:", "data:")) for url in tab.requests), tab.requests
        assert tab.console_errors() == []
    finally:
        tab.close()


def test_hostile_labels_are_shown_as_text_and_run_nothing(browser: Chromium, tmp_path: Path) -> None:
    g = seed_graph_with_hostile_nodes()
    write_html(g, tmp_path / "evil.html", heading=SCRIPT_LABEL)
    tab = open_page(browser, tmp_path / "evil.html")
    try:
        ids = tab.evaluate("""ufgraph.nodes.get().filter(n => n.label.includes('__pwned') || n.label.includes('<img'))
                              .map(n => [n.id, n.label])""")
        assert sorted(label for _, label in ids) == sorted([SCRIPT_LABEL, IMG_LABEL, CLOSE_LABEL])
        assert tab.evaluate("document.getElementById('ufg-heading').textContent") == SCRIPT_LABEL
        # search: the results list shows the label as text
        tab.evaluate("""(() => { const s = document.getElementById('ufg-search'); s.value = '<img';
                          s.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'})); })()""")
        img_id = next(i for i, label in ids if label == IMG_LABEL)
        state = tab.evaluate("""({focus: ufgraph.focusId, label: document.getElementById('ufg-focus-label').textContent,
                                 visible: ufgraph.network.body.nodeIndices.length})""")
        assert state["focus"] == img_id and state["label"] == IMG_LABEL
        assert state["visible"] == 2  # the node and its one body: the neighbourhood only
        tab.evaluate("""(() => { const s = document.getElementById('ufg-search'); s.value = 'pwned';
                          s.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowDown'})); })()""")
        tab.evaluate("document.getElementById('ufg-search').dispatchEvent(new Event('input'))")
        tab.wait_for("document.querySelectorAll('#ufg-results li').length >= 2")
        items = tab.evaluate("[...document.querySelectorAll('#ufg-results li')].map(li => li.firstChild.textContent)")
        assert SCRIPT_LABEL in items and CLOSE_LABEL in items
        # the tooltip: our own element, filled with textContent
        tab.evaluate(f"void ufgraph.network.emit('hoverNode', {{node: {img_id}, pointer: {{DOM: {{x: 20, y: 20}}}}}})")
        tip = tab.evaluate("document.getElementById('ufg-tooltip').textContent")
        assert IMG_LABEL in tip and CLOSE_LABEL in tip
        # back to the whole graph
        tab.evaluate("document.getElementById('ufg-reset').click()")
        assert tab.evaluate("ufgraph.network.body.nodeIndices.length") == g.number_of_nodes()
        # nothing ran, nothing was injected
        assert tab.evaluate("typeof window.__pwned") == "undefined"
        assert tab.evaluate("document.querySelectorAll('img, svg, iframe, object').length") == 0
        assert tab.evaluate("document.scripts.length") == 3
        assert tab.console_errors() == []
    finally:
        tab.close()


def test_large_graph_uses_python_positions_and_settles(browser: Chromium, tmp_path: Path) -> None:
    g = nx.MultiDiGraph(nx.gnm_random_graph(PHYSICS_MAX + 300, PHYSICS_MAX + 600, seed=3, directed=True))
    for n in g:
        g.nodes[n].update(type=("person", "body")[n % 2], label=f"节点{n}")
    page = write_html(g, tmp_path / "large.html")
    assert page.python_layout
    tab = open_page(browser, tmp_path / "large.html")
    try:
        counts = tab.evaluate("[ufgraph.nodes.length, ufgraph.edges.length, ufgraph.network.physics.options.enabled]")
        assert counts == [g.number_of_nodes(), g.number_of_edges(), False]
        assert tab.console_errors() == []
    finally:
        tab.close()
