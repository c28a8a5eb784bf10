"""Positions for large graphs, computed in Python so that the browser never runs physics on them.

networkx's own layouts (spring, spectral, Kamada-Kawai, ...) all need numpy, which ufgraph does not
depend on, and spring layouts are quadratic anyway. This is a linear-time *radial tree* layout in
plain Python: every connected component is laid out around its best-connected node (a body, in our
graphs), the breadth-first tree's nodes sit on rings whose radius grows with how many nodes they
hold, each subtree gets an angular wedge proportional to its size, and the components are packed
in rows, largest first. Edges outside the BFS tree are simply drawn across.
"""

from __future__ import annotations

import math
from typing import Hashable

import networkx as nx

#: Distance between neighbouring nodes on a ring and between rings, in vis-network canvas units.
SPACING = 40.0


def _component_layout(graph: nx.Graph, nodes: set[Hashable]) -> dict[Hashable, tuple[float, float]]:
    """Radial layout of one connected component, centred on (0, 0)."""
    if len(nodes) == 1:
        return {next(iter(nodes)): (0.0, 0.0)}
    # root: highest degree, ties broken by a stable key so pages are reproducible
    root = max(nodes, key=lambda n: (graph.degree(n), str(n)))
    parent: dict[Hashable, Hashable | None] = {root: None}
    order = [root]
    children: dict[Hashable, list[Hashable]] = {root: []}
    depth = {root: 0}
    for node in order:  # BFS that appends while iterating
        for nb in sorted(graph.neighbors(node), key=str):
            if nb not in parent:
                parent[nb] = node
                depth[nb] = depth[node] + 1
                children[nb] = []
                children[node].append(nb)
                order.append(nb)
    # subtree sizes (leaves count 1), bottom-up
    weight: dict[Hashable, int] = {}
    for node in reversed(order):
        weight[node] = max(1, sum(weight[c] for c in children[node]))
    # ring radii: far enough out that each ring's nodes are SPACING apart
    per_depth: dict[int, int] = {}
    for node in order:
        per_depth[depth[node]] = per_depth.get(depth[node], 0) + 1
    radius = [0.0]
    for d in range(1, max(per_depth) + 1):
        needed = per_depth[d] * SPACING / (2 * math.pi)
        radius.append(max(radius[-1] + 2 * SPACING, needed))
    # angular wedges, top-down
    wedge: dict[Hashable, tuple[float, float]] = {root: (0.0, 2 * math.pi)}
    pos: dict[Hashable, tuple[float, float]] = {root: (0.0, 0.0)}
    for node in order:
        start, span = wedge[node]
        total = weight[node] if children[node] else 1
        cursor = start
        for child in children[node]:
            share = span * weight[child] / total
            wedge[child] = (cursor, share)
            angle = cursor + share / 2
            r = radius[depth[child]]
            pos[child] = (r * math.cos(angle), r * math.sin(angle))
            cursor += share
    return pos


def radial_layout(graph: nx.Graph) -> dict[Hashable, tuple[float, float]]:
    """Positions for every node of ``graph`` (directed or multi graphs are read as undirected)."""
    und = graph.to_undirected(as_view=True) if graph.is_directed() else graph
    components = sorted(nx.connected_components(und), key=lambda c: (-len(c), min(map(str, c))))
    placed: list[tuple[dict[Hashable, tuple[float, float]], float]] = []
    for comp in components:
        layout = _component_layout(und, comp)
        extent = max((math.hypot(x, y) for x, y in layout.values()), default=0.0) + SPACING
        placed.append((layout, extent))
    # shelf packing: rows about as wide as the total area's square root
    total_area = sum((2 * e) ** 2 for _, e in placed)
    row_width = max(math.sqrt(total_area), max((2 * e for _, e in placed), default=0.0))
    out: dict[Hashable, tuple[float, float]] = {}
    x = y = 0.0
    row_height = 0.0
    for layout, extent in placed:
        size = 2 * extent
        if x > 0 and x + size > row_width:
            x, y = 0.0, y + row_height
            row_height = 0.0
        cx, cy = x + extent, y + extent
        for node, (px, py) in layout.items():
            out[node] = (round(cx + px, 1), round(cy + py, 1))
        x += size
        row_height = max(row_height, size)
    return out
