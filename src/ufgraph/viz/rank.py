"""Who bridges the most bodies, and which bodies have the most office-holders.

Both rankings are computed on the *post network* of the projection: people and bodies joined by
``holds-post-in`` edges (and bodies by ``sub-body-of``), read undirected.

* ``degree``: a person's score is the number of distinct bodies they hold a post in; a body's is
  the number of distinct people holding a post in it.
* ``betweenness``: networkx betweenness centrality on that network (normalised; sampled with a
  fixed seed above :data:`EXACT_MAX` nodes so large stores stay fast and results reproducible).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, field
from typing import Literal

import networkx as nx

Method = Literal["degree", "betweenness"]
METHODS: tuple[str, ...] = ("degree", "betweenness")
EXACT_MAX = 2000
SAMPLE = 500


@dataclass(frozen=True)
class Ranked:
    """One ranked person or body."""

    rank: int
    group: str  # "people" or "bodies"
    label: str
    score: float
    posts: int  # distinct bodies (a person) or office-holders (a body)
    detail: list[str] = field(default_factory=list)
    id: str = ""


def post_network(g: nx.Graph) -> nx.Graph:
    """People and bodies joined by their posts (and bodies by sub-body-of), undirected, simple."""
    net = nx.Graph()
    for u, v, kind in g.edges(data="kind"):
        if kind == "holds-post-in" or kind == "sub-body-of":
            net.add_edge(u, v)
    for n in net:
        net.nodes[n].update(g.nodes[n])
    return net


def _holders(g: nx.Graph) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    bodies_of: dict[str, set[str]] = {}
    holders_of: dict[str, set[str]] = {}
    for u, v, kind in g.edges(data="kind"):
        if kind == "holds-post-in":
            bodies_of.setdefault(u, set()).add(v)
            holders_of.setdefault(v, set()).add(u)
    return bodies_of, holders_of


def rank(g: nx.Graph, by: str = "degree", top: int = 20) -> list[Ranked]:
    """The top ``top`` people and the top ``top`` bodies of ``g`` by ``by``."""
    if by not in METHODS:
        raise ValueError(f"unknown ranking {by!r} (choose from {', '.join(METHODS)})")
    bodies_of, holders_of = _holders(g)
    if by == "betweenness":
        net = post_network(g)
        k = None if net.number_of_nodes() <= EXACT_MAX else SAMPLE
        centrality = nx.betweenness_centrality(net, k=k, seed=7 if k else None) if len(net) else {}
    out: list[Ranked] = []
    for group, members, kind in (("people", bodies_of, "person"), ("bodies", holders_of, "body")):
        nodes = [n for n, t in g.nodes(data="type") if t == kind and (n in members or by == "betweenness")]
        scored = []
        for n in nodes:
            score = float(len(members.get(n, ()))) if by == "degree" else round(centrality.get(n, 0.0), 6)
            scored.append((score, len(members.get(n, ())), str(g.nodes[n].get("label") or n), n))
        scored.sort(key=lambda s: (-s[0], -s[1], s[2]))
        for i, (score, count, label, n) in enumerate(scored[:top], start=1):
            detail = sorted(str(g.nodes[m].get("label") or m) for m in members.get(n, ()))
            out.append(Ranked(i, group, label, score, count, detail, str(n)))
    return out


def format_ranking(rows: list[Ranked], fmt: str = "table", by: str = "degree") -> str:
    """Rows as a plain-text table, JSON or CSV."""
    if fmt == "json":
        return json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=1)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["group", "rank", "label", "score", "posts", "detail", "id"])
        for r in rows:
            w.writerow([r.group, r.rank, r.label, r.score, r.posts, "; ".join(r.detail), r.id])
        return buf.getvalue()
    if fmt != "table":
        raise ValueError(f"unknown format {fmt!r} (table, json or csv)")
    lines: list[str] = []
    titles = {"people": "People who bridge the most bodies", "bodies": "Bodies with the most office-holders"}
    counts = {"people": "bodies", "bodies": "holders"}
    for group in ("people", "bodies"):
        part = [r for r in rows if r.group == group]
        lines.append(f"{titles[group]} (by {by})")
        if not part:
            lines.append("  (none)")
        for r in part:
            score = f"{r.score:g}" if by == "degree" else f"{r.score:.4f}"
            detail = "、".join(r.detail[:6]) + ("…" if len(r.detail) > 6 else "")
            lines.append(f"  {r.rank:>3}. {r.label}  {score}  ({r.posts} {counts[group]}: {detail})")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
