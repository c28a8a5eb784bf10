"""A networkx graph → one self-contained, offline, interactive HTML page (pyvis + vis-network).

The graph's nodes carry ``type`` (person, body, meeting, award, area, task), ``label``, and
optionally ``aka`` (other names to search by), ``title`` (a line of text) and ``evidence`` (a list
of ``{"article", "date", "quote"}``); edges carry ``kind`` (holds-post-in, chaired, spoke, ...),
``label`` (e.g. the post's title) and the same ``title``/``evidence``.

How the page is kept safe and offline (see ``docs/viz.md``):

* pyvis holds the node and edge lists (filled directly, never through the quadratic
  ``add_node``/``add_edge``) and renders them, but through *our* template (``assets/page.html``)
  instead of pyvis's, which links Bootstrap and vis-network from CDNs. vis-network's JS and CSS are
  inlined from the copy pyvis ships; :func:`check_offline` refuses any page with a remote
  ``<script src>``, ``<link>``, ``@import`` or ``url(...)`` that is not a ``data:`` URI, and the
  page's Content-Security-Policy forbids every network fetch anyway.
* Every text reaches the page either through Jinja's autoescaping (heading, legend) or inside the
  JSON data block, where ``<``, ``>``, ``&``, U+2028 and U+2029 are ``\\u``-escaped so that nothing
  can close the ``<script>``. The page's JS puts text into the DOM only with ``textContent``;
  tooltips are our own element (vis-network never sees a ``title``). Scripts carry a per-page
  nonce and the CSP allows no other script, so an injected ``onerror=`` could not run either.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping

import networkx as nx
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup

from .layout import radial_layout

NODE_TYPES: tuple[str, ...] = ("person", "body", "meeting", "award", "area", "task")

#: type → (vis shape, colour, legend symbol, legend name)
TYPE_STYLE: dict[str, tuple[str, str, str, str]] = {
    "person": ("dot", "#e15759", "●", "人物 person"),
    "body": ("square", "#4e79a7", "■", "机构 body"),
    "meeting": ("diamond", "#f28e2b", "◆", "会议 meeting"),
    "award": ("star", "#d4a017", "★", "表彰 award"),
    "area": ("triangle", "#59a14f", "▲", "工作领域 work area"),
    "task": ("hexagon", "#b07aa1", "⬢", "任务 task"),
}
OTHER_STYLE = ("dot", "#9c9c9c", "●", "其他 other")

#: edge kind → colour (edges of other kinds are grey)
KIND_COLOUR: dict[str, str] = {
    "holds-post-in": "#4e79a7",
    "chaired": "#e15759",
    "spoke": "#f28e2b",
    "attended": "#bab0ac",
    "reported": "#ff9da7",
    "received": "#d4a017",
    "deployed": "#59a14f",
    "sub-body-of": "#76b7b2",
    "has-task": "#b07aa1",
}

#: Up to this many nodes the browser lays the graph out (bounded physics, then stops);
#: above it the positions are computed in Python and physics is off.
PHYSICS_MAX = 500
#: Edge labels are drawn up to this many edges (always in the tooltip).
EDGE_LABELS_MAX = 400
#: Above this many nodes the CLI suggests ``--focus``.
WARN_ABOVE = 3000
#: Stabilisation iterations for the browser-side layout.
STABILISATION_ITERATIONS = 300

_MAX_TEXT = 400
_MAX_EVIDENCE = 5
_VIS_DIR = "templates/lib/vis-9.1.2"
_ASSETS = Path(__file__).with_name("assets")


@dataclass(frozen=True)
class Page:
    """A rendered page and what it holds."""

    html: str
    nodes: int
    edges: int
    python_layout: bool
    warning: str | None


class UnsafePageError(RuntimeError):
    """The page would load something from the network (a bug: should never happen)."""


def size_warning(nodes: int, warn_above: int | None = None) -> str | None:
    """The message to print when a graph is too big to explore comfortably, else None."""
    warn_above = WARN_ABOVE if warn_above is None else warn_above
    if nodes <= warn_above:
        return None
    return (f"the graph has {nodes:,} nodes (more than {warn_above:,}): the page will be slow to "
            "explore; narrow it with --focus NAME --depth 2, --types or --since/--until")


# --------------------------------------------------------------------------- escaping

_SCRIPT_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                        "\u2028": "\\u2028", "\u2029": "\\u2029"}
_SCRIPT_JSON_RE = re.compile("[<>&\u2028\u2029]")


def script_json(value: Any) -> Markup:
    """JSON that is safe inside ``<script type="application/json">``: the characters that could
    end the element or open a comment (``<``, ``>``, ``&``) and the JS line separators are escaped.
    They can only occur inside JSON strings, where ``\\uXXXX`` means the same character."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(_SCRIPT_JSON_RE.sub(lambda m: _SCRIPT_JSON_ESCAPES[m.group()], text))


def _clip(value: Any, limit: int = _MAX_TEXT) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _tip(head: str, attrs: Mapping[str, Any]) -> list[list[str]]:
    """Tooltip lines as ``[kind, text]`` pairs: h(ead), t(ext), m(eta: article · date), q(uote)."""
    lines = [["h", _clip(head)]]
    if attrs.get("title"):
        lines.append(["t", _clip(attrs["title"])])
    evidence = attrs.get("evidence") or []
    if isinstance(evidence, Mapping):
        evidence = [evidence]
    for ev in list(evidence)[:_MAX_EVIDENCE]:
        if isinstance(ev, Mapping):
            meta = " · ".join(_clip(ev[k], 120) for k in ("article", "date") if ev.get(k))
            if meta:
                lines.append(["m", meta])
            if ev.get("quote"):
                lines.append(["q", _clip(ev["quote"])])
        else:
            lines.append(["q", _clip(ev)])
    if len(evidence) > _MAX_EVIDENCE:
        lines.append(["t", f"+{len(evidence) - _MAX_EVIDENCE} more"])
    return lines


# --------------------------------------------------------------------------- assets


def _asset_text(text: str, what: str, closer: str) -> Markup:
    if re.search(closer, text, re.IGNORECASE) or "<!--" in text:
        raise UnsafePageError(f"{what} contains {closer!r} or '<!--' and cannot be inlined")
    return Markup(text)


@lru_cache(maxsize=1)
def _assets() -> dict[str, Markup]:
    vis = resources.files("pyvis").joinpath(_VIS_DIR)
    return {
        "vis_js": _asset_text(vis.joinpath("vis-network.min.js").read_text("utf-8"), "vis-network.min.js", "</script"),
        "vis_css": _asset_text(vis.joinpath("vis-network.css").read_text("utf-8"), "vis-network.css", "</style"),
        "page_js": _asset_text((_ASSETS / "page.js").read_text("utf-8"), "page.js", "</script"),
        "page_css": _asset_text((_ASSETS / "page.css").read_text("utf-8"), "page.css", "</style"),
    }


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(_ASSETS)), autoescape=True)
    env.filters["script_json"] = script_json
    env.filters["from_json"] = json.loads
    return env


_REMOTE_TAGS = re.compile(r"<script\b[^>]*\bsrc\s*=|<link\b|<(?:iframe|img|object|embed|base|frame)\b", re.IGNORECASE)
_STYLE_BLOCK = re.compile(r"<style\b[^>]*>(.*?)</style>", re.IGNORECASE | re.DOTALL)
_REMOTE_CSS = re.compile(r"@import|url\(\s*(?![\"']?data:)", re.IGNORECASE)


def check_offline(html: str) -> None:
    """Raise :class:`UnsafePageError` if ``html`` refers to anything outside itself: a tag that
    loads something (``<script src>``, ``<link>``, ``<img>``, ...) or CSS that does (``@import``,
    ``url(...)`` other than ``data:``). Text from the graph cannot trigger this: its ``<`` is always
    escaped."""
    m = _REMOTE_TAGS.search(html)
    if m:
        raise UnsafePageError(f"page is not self-contained: {html[m.start():m.start() + 80]!r}")
    for block in _STYLE_BLOCK.finditer(html):
        m = _REMOTE_CSS.search(block.group(1))
        if m:
            raise UnsafePageError(f"page CSS is not self-contained: {block.group(1)[m.start():m.start() + 80]!r}")


# --------------------------------------------------------------------------- building


def _node_items(graph: nx.Graph, ids: Mapping[Any, int], pos: Mapping[Any, tuple[float, float]] | None
                ) -> tuple[list[dict[str, Any]], dict[str, int]]:
    items: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for node, attrs in graph.nodes(data=True):
        ntype = attrs.get("type") if attrs.get("type") in TYPE_STYLE else "other"
        shape, colour, _, name = TYPE_STYLE.get(ntype, OTHER_STYLE)
        label = _clip(attrs.get("label") or node, 80)
        aka = attrs.get("aka") or []
        if isinstance(aka, str):
            aka = [aka]
        item: dict[str, Any] = {
            "id": ids[node], "label": label, "shape": shape, "color": colour, "t": ntype,
            "tip": _tip(f"{label} · {name}", attrs), "aka": [_clip(a, 80) for a in aka],
        }
        if pos is not None:
            item["x"], item["y"] = pos[node]
        items.append(item)
        counts[ntype] = counts.get(ntype, 0) + 1
    return items, counts


def _edge_items(graph: nx.Graph, ids: Mapping[Any, int], show_labels: bool) -> tuple[list[dict[str, Any]], dict[str, int]]:
    items: list[dict[str, Any]] = []
    kinds: dict[str, int] = {}
    edges: Iterable[tuple[Any, Any, dict[str, Any]]] = graph.edges(data=True)
    for i, (u, v, attrs) in enumerate(edges):
        kind = str(attrs.get("kind") or "related")
        label = _clip(attrs.get("label") or "", 40)
        head = f"{kind}: {label}" if label and label != kind else kind
        item: dict[str, Any] = {"id": i, "from": ids[u], "to": ids[v], "color": KIND_COLOUR.get(kind, "#c0c0c0"),
                                "tip": _tip(head, attrs)}
        if show_labels and label:
            item["label"] = label
        items.append(item)
        kinds[kind] = kinds.get(kind, 0) + 1
    return items, kinds


def _vis_options(n: int, physics: bool, iterations: int) -> dict[str, Any]:
    return {
        "nodes": {"size": 14, "borderWidth": 1,
                  "font": {"size": 14, "face": "WenQuanYi Micro Hei, Noto Sans CJK SC, Noto Sans SC, sans-serif"}},
        "edges": {"smooth": False, "width": 1, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": 11, "align": "middle", "strokeWidth": 3}},
        "physics": {"enabled": physics, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -6000, "springLength": 120, "avoidOverlap": 0.2},
                    "stabilization": {"enabled": physics, "iterations": iterations, "updateInterval": 25, "fit": True}},
        "layout": {"improvedLayout": physics and n <= 100, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": n > 2000,
                        "hideEdgesOnZoom": n > 2000, "navigationButtons": False, "keyboard": False},
    }


def render_html(graph: nx.Graph, *, heading: str = "ufgraph", physics_max: int = PHYSICS_MAX,
                edge_labels_max: int = EDGE_LABELS_MAX, warn_above: int | None = None,
                iterations: int = STABILISATION_ITERATIONS) -> Page:
    """Render ``graph`` as one self-contained HTML page (see the module docstring)."""
    from pyvis.network import Network  # imported late: only this command needs it

    n = graph.number_of_nodes()
    physics = n <= physics_max
    pos = None if physics else radial_layout(graph)
    ids = {node: i for i, node in enumerate(graph.nodes)}
    nodes, type_counts = _node_items(graph, ids, pos)
    edges, kind_counts = _edge_items(graph, ids, graph.number_of_edges() <= edge_labels_max)

    net = Network(height="100%", width="100%", directed=graph.is_directed(), cdn_resources="in_line", heading="")
    net.nodes, net.edges = nodes, edges  # direct lists: add_node/add_edge are quadratic
    net.options = _vis_options(n, physics, iterations)  # a dict: set_options() strips spaces from strings
    net.templateEnv = _environment()  # our template instead of pyvis's CDN-linking one
    net.path = "page.html"
    warning = size_warning(n, WARN_ABOVE if warn_above is None else warn_above)
    legend = [{"type": t, "symbol": TYPE_STYLE.get(t, OTHER_STYLE)[2], "color": TYPE_STYLE.get(t, OTHER_STYLE)[1],
               "name": TYPE_STYLE.get(t, OTHER_STYLE)[3], "count": type_counts[t]}
              for t in (*NODE_TYPES, "other") if t in type_counts]
    edge_legend = [{"kind": k, "color": KIND_COLOUR.get(k, "#c0c0c0"), "count": c} for k, c in sorted(kind_counts.items())]
    net.templateEnv.globals["ufg"] = {
        **_assets(), "nonce": secrets.token_urlsafe(18), "legend": legend, "edge_legend": edge_legend,
        "warning": warning, "meta": {"nodes": n, "edges": len(edges), "physics": physics},
    }
    net.heading = _clip(heading, 200)
    html = net.generate_html()
    check_offline(html)
    return Page(html=html, nodes=n, edges=len(edges), python_layout=not physics, warning=warning)


def write_html(graph: nx.Graph, path: str | Path, **kwargs: Any) -> Page:
    """Render ``graph`` and write the page to ``path`` (UTF-8)."""
    page = render_html(graph, **kwargs)
    Path(path).write_text(page.html, encoding="utf-8")
    return page
