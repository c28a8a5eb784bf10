"""The page renderer: self-contained, escaped, scalable (no browser here; see test_browser.py)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

from ufgraph.viz import render as render_mod
from ufgraph.viz.layout import radial_layout
from ufgraph.viz.render import UnsafePageError, check_offline, render_html, script_json, size_warning

HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    "</script><script>window.__pwned=3</script>",
    "<svg onload=window.__pwned=4>",
    "<!--<script>",
    "a\u2028b\u2029c & &amp; \"quoted\" 'single'",
    "{{ 7*7 }}{% if 1 %}x{% endif %}",
]


def hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for i, text in enumerate(HOSTILE):
        g.add_node(f"p{i}", type="person", label=text, aka=[text],
                   evidence=[{"article": text, "date": "2024-01-01", "quote": text}], title=text)
    g.add_node("b", type="body", label="中共上海市委统一战线工作部")
    for i, text in enumerate(HOSTILE):
        g.add_edge(f"p{i}", "b", kind=text, label=text, evidence=[{"quote": text}])
    return g


class _Scripts(HTMLParser):
    """Tokenise like a browser: which <script> elements are there, and what do they hold?"""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[tuple[str, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "script":
            a = dict(attrs)
            self._open = "data" if a.get("type") == "application/json" else "script"
            self.found.append((self._open, ""))

    def handle_data(self, data: str) -> None:
        if self._open and self.found:
            kind, text = self.found[-1]
            self.found[-1] = (kind, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


def scripts(html: str) -> list[tuple[str, str]]:
    parser = _Scripts()
    parser.feed(html)
    out = []
    for kind, text in parser.found:
        if kind == "script":
            kind = "vis" if "vis-network" in text[:2000] or "vis.Network = " in text or len(text) > 100_000 else "page"
        out.append((kind, text))
    return out


def data_block(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="ufg-data">(.*?)</script>', html, re.DOTALL)
    assert m, "data block missing"
    return json.loads(m.group(1))


def test_page_is_self_contained() -> None:
    page = render_html(hostile_graph())
    html = page.html
    assert not re.search(r"<script\b[^>]*\bsrc\s*=", html, re.I)
    assert not re.search(r"<link\b", html, re.I)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html, re.I)
    assert "bootstrap" not in html.lower()
    assert "vis.Network" in html and "vis-network" in html  # vis-network is inlined
    assert "Content-Security-Policy" in html and "connect-src 'none'" in html
    check_offline(html)


@pytest.mark.parametrize("bad", [
    '<script src="https://cdn.example/x.js"></script>',
    '<link rel="stylesheet" href="https://cdn.example/x.css">',
    "<style>@import 'https://x/y.css';</style>",
    "<style>body { background: url(https://x/y.png) }</style>",
    '<img src="http://x/y.png">',
])
def test_check_offline_refuses_remote_resources(bad: str) -> None:
    with pytest.raises(UnsafePageError):
        check_offline(f"<html><head>{bad}</head></html>")


def test_check_offline_accepts_data_uris() -> None:
    check_offline('<style>.a { background: url("data:image/png;base64,AAAA") }</style>')


def test_every_text_is_escaped() -> None:
    html = render_html(hostile_graph(), heading=HOSTILE[0]).html
    for text in HOSTILE:
        if "<" in text or ">" in text:
            assert text not in html
    assert "<img" not in html.lower() and "<svg" not in html.lower()
    assert [kind for kind, _ in scripts(html)] == ["vis", "data", "page"]  # nothing closed early
    assert not any("\u2028" in text or "\u2029" in text for _, text in scripts(html))  # JS line breaks
    assert "{{ 7*7 }}" in data_block(html)["nodes"][len(HOSTILE) - 1]["label"]
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html  # heading, autoescaped
    assert "<title>&lt;script&gt;" in html


def test_data_block_round_trips_the_original_text() -> None:
    data = data_block(render_html(hostile_graph()).html)
    labels = [n["label"] for n in data["nodes"]]
    assert labels[: len(HOSTILE)] == HOSTILE
    tips = data["nodes"][0]["tip"]
    assert ["q", HOSTILE[0]] in tips and ["m", f"{HOSTILE[0]} · 2024-01-01"] in tips
    assert {e["label"] for e in data["edges"]} == {t if len(t) <= 40 else t[:39] + "…" for t in HOSTILE}
    assert all("title" not in n for n in data["nodes"])  # vis-network never gets an HTML title


def test_legend_kinds_are_escaped() -> None:
    html = render_html(hostile_graph()).html
    legend = html[html.index('<ul id="ufg-kinds">'): html.index("</aside>")]
    assert "&lt;img src=x onerror=" in legend and "<img" not in legend


def test_script_json_escapes_what_could_end_a_script() -> None:
    text = str(script_json({"a": "</script><!-- & \u2028\u2029 >"}))
    assert re.fullmatch(r"[^<>&\u2028\u2029]*", text)
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029 >"}


def test_colours_shapes_and_legend_per_type() -> None:
    g = nx.MultiDiGraph()
    for t in ("person", "body", "meeting", "award", "area", "task", "mystery"):
        g.add_node(t, type=t, label=t)
    page = render_html(g)
    nodes = data_block(page.html)["nodes"]
    assert len({n["shape"] for n in nodes[:6]}) == 6 and len({n["color"] for n in nodes[:6]}) == 6
    assert nodes[6]["t"] == "other"
    for name in ("人物 person", "机构 body", "会议 meeting", "表彰 award", "工作领域 work area", "任务 task"):
        assert name in page.html


def test_small_graphs_stabilise_in_the_browser_then_stop() -> None:
    g = nx.path_graph(50, create_using=nx.MultiDiGraph)
    page = render_html(g)
    opts = data_block(page.html)["options"]
    assert not page.python_layout
    assert opts["physics"]["enabled"] and opts["physics"]["stabilization"]["iterations"] <= 1000
    assert "stabilizationIterationsDone" in page.html and "physics: { enabled: false }" in page.html
    assert opts["nodes"]["font"]["face"].startswith("WenQuanYi Micro Hei")  # spaces kept


def test_large_graphs_are_laid_out_in_python() -> None:
    g = nx.MultiDiGraph(nx.gnm_random_graph(700, 900, seed=1, directed=True))
    page = render_html(g)
    data = data_block(page.html)
    assert page.python_layout and not data["options"]["physics"]["enabled"]
    assert all("x" in n and "y" in n for n in data["nodes"])
    assert len(data["nodes"]) == 700 and len(data["edges"]) == 900
    assert all("label" not in e for e in data["edges"])  # edge labels only on small graphs


def test_lists_are_built_directly_not_with_add_node(monkeypatch: pytest.MonkeyPatch) -> None:
    from pyvis.network import Network

    def boom(*a: object, **k: object) -> None:
        raise AssertionError("add_node/add_edge are quadratic")

    monkeypatch.setattr(Network, "add_node", boom)
    monkeypatch.setattr(Network, "add_edge", boom)
    render_html(nx.MultiDiGraph(nx.path_graph(600)))


def test_size_warning_suggests_focus() -> None:
    assert size_warning(10) is None
    msg = size_warning(render_mod.WARN_ABOVE + 1)
    assert msg and "--focus" in msg
    page = render_html(nx.MultiDiGraph(nx.path_graph(30)), warn_above=10)
    assert page.warning and 'id="ufg-warning"' in page.html


def test_radial_layout_places_every_node_apart() -> None:
    g = nx.disjoint_union(nx.star_graph(40), nx.balanced_tree(3, 3))
    g.add_nodes_from(["lonely1", "lonely2"])
    pos = radial_layout(g)
    assert set(pos) == set(g)
    points = list(pos.values())
    assert len(set(points)) == len(points)
    assert radial_layout(g) == pos  # deterministic


def test_multigraph_parallel_edges_are_all_drawn() -> None:
    g = nx.MultiDiGraph()
    g.add_node("p", type="person", label="王珏")
    g.add_node("b", type="body", label="中共上海市委统一战线工作部")
    g.add_edge("p", "b", kind="holds-post-in", label="副部长")
    g.add_edge("p", "b", kind="holds-post-in", label="党组书记")
    page = render_html(g)
    assert page.edges == 2 and len(data_block(page.html)["edges"]) == 2
