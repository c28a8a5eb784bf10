"""Network views: page build time at 500 / 5,000 / 50,000 nodes, and how long a page takes to
settle in headless Chromium (goal: 5,000 nodes built in < 2 s and settled in < 10 s).

    python benchmarks/bench_viz.py                 # print the table
    python benchmarks/bench_viz.py --write         # also put it in BENCHMARKS.md ("Network views")
    ufgraph ingest data/samples --store /tmp/seed && \
    python benchmarks/bench_viz.py --screenshot docs/seed-graph.png --store /tmp/seed   # the seed graph

Synthetic graphs are shaped like ours: bodies in a sub-body tree, people holding 1–3 posts
(popular bodies attract more), meetings with attendees and a chair, awards received by bodies,
work areas with tasks deployed by a person.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from ufgraph.viz.render import PHYSICS_MAX, render_html  # noqa: E402

SECTION = "## Network views"


def synthetic(n: int, seed: int = 1) -> nx.MultiDiGraph:
    rnd = random.Random(seed)
    share = {"body": 0.08, "person": 0.50, "meeting": 0.05, "award": 0.02, "area": 0.01, "task": 0.34}
    ids: dict[str, list[str]] = {}
    nodes = []
    for t, s in share.items():
        ids[t] = [f"{t}{i}" for i in range(max(1, int(n * s)))]
        nodes += [(x, {"type": t, "label": f"{t}{i}号", "evidence": [{"article": "a.txt", "date": "2024-01-01", "quote": "引文"}]})
                  for i, x in enumerate(ids[t])]
    edges = []
    bodies = ids["body"]
    for i, b in enumerate(bodies[1:], start=1):
        edges.append((b, bodies[rnd.randrange(i)], {"kind": "sub-body-of"}))
    weights = [1.0 / (i + 1) for i in range(len(bodies))]
    for p in ids["person"]:
        for b in set(rnd.choices(bodies, weights, k=rnd.randint(1, 3))):
            edges.append((p, b, {"kind": "holds-post-in", "label": "副部长"}))
        if rnd.random() < 0.6:
            edges.append((p, rnd.choice(ids["meeting"]), {"kind": rnd.choice(["attended", "spoke", "chaired"])}))
    for a in ids["award"]:
        for b in rnd.sample(bodies, min(3, len(bodies))):
            edges.append((b, a, {"kind": "received"}))
    for t in ids["task"]:
        edges.append((rnd.choice(ids["area"]), t, {"kind": "has-task"}))
        edges.append((rnd.choice(ids["person"]), t, {"kind": "deployed"}))
    g = nx.MultiDiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)
    return g


def build_times(sizes: list[int], repeat: int) -> list[dict]:
    out = []
    for n in sizes:
        g = synthetic(n)
        times = []
        for _ in range(repeat if n < 50_000 else max(1, repeat - 1)):
            t = time.perf_counter()
            page = render_html(g)
            times.append(time.perf_counter() - t)
        out.append({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "build_s": statistics.median(times),
                    "mb": len(page.html.encode()) / 1e6, "layout": "Python radial" if page.python_layout else "vis physics"})
    return out


def settle_times(sizes: list[int], repeat: int) -> list[dict]:
    from ufgraph.viz.chromium import Chromium

    out = []
    with tempfile.TemporaryDirectory() as tmp, Chromium(width=1400, height=900, timeout=180) as browser:
        for n in sizes:
            path = Path(tmp) / f"g{n}.html"
            g = synthetic(n)
            path.write_text(render_html(g).html, encoding="utf-8")
            walls, inpage = [], []
            for _ in range(repeat if n < 50_000 else 1):
                tab = browser.new_tab()
                t = time.perf_counter()
                tab.call("Page.enable")
                tab.call("Page.navigate", url=path.as_uri())
                ms = tab.wait_for("window.ufgraph && window.ufgraph.settled && window.ufgraph.settleMs", timeout=170, poll=0.02)
                walls.append(time.perf_counter() - t)
                inpage.append(ms / 1000)
                drawn = tab.evaluate("[ufgraph.nodes.length, ufgraph.edges.length]")
                assert drawn == [g.number_of_nodes(), g.number_of_edges()], drawn
                tab.close()
            out.append({"nodes": g.number_of_nodes(), "settle_s": statistics.median(inpage), "wall_s": statistics.median(walls)})
    return out


def markdown(builds: list[dict], settles: list[dict]) -> str:
    lines = [SECTION, "",
             f"`python benchmarks/bench_viz.py` — {time.strftime('%Y-%m-%d')}, {platform.machine()}, "
             f"Python {platform.python_version()}, medians. Synthetic graphs shaped like ours "
             f"(bodies, people with 1–3 posts, meetings, awards, areas, tasks). Up to {PHYSICS_MAX} nodes "
             "vis-network lays the graph out (bounded stabilisation, then physics off); above, positions "
             "are computed in Python and physics is off.", "",
             "| nodes | edges | build page (`render_html`) | page size | layout |", "|---:|---:|---:|---:|---|"]
    for b in builds:
        lines.append(f"| {b['nodes']:,} | {b['edges']:,} | {b['build_s']:.2f} s | {b['mb']:.1f} MB | {b['layout']} |")
    if settles:
        lines += ["", "Headless Chromium (`--headless --no-sandbox --disable-gpu`), time from navigation start to "
                  "the first frame drawn after the layout settled (`ufgraph.settleMs`), and wall time seen by the "
                  "DevTools client (navigate → settled):", "",
                  "| nodes | settled (in page) | wall |", "|---:|---:|---:|"]
        for s in settles:
            lines.append(f"| {s['nodes']:,} | {s['settle_s']:.2f} s | {s['wall_s']:.2f} s |")
    lines += ["", "Goal: 5,000 nodes built in < 2 s and settled in < 10 s. For comparison (docs/MEASURED.md, "
              "same machine): pyvis's `add_node`/`add_edge` took 2.8 s at 5k nodes and > 600 s at 50k; a 5k-node "
              "page with pyvis's default physics had not settled after 8 minutes. The machine is noisy (2 cores "
              "shared with other work): read the figures as orders of magnitude.", ""]
    return "\n".join(lines)


def write_section(text: str, path: Path = ROOT / "BENCHMARKS.md") -> None:
    """Put our section in BENCHMARKS.md: replace an earlier "Network views" section, else append
    (other sections are never touched)."""
    if not path.exists():
        path.write_text("# Benchmarks\n\n" + text, encoding="utf-8")
        return
    old = path.read_text("utf-8")
    if SECTION in old:
        start = old.index(SECTION)
        nxt = old.find("\n## ", start + len(SECTION))
        new = old[:start] + text + (old[nxt + 1:] if nxt != -1 else "")
    else:
        new = old.rstrip("\n") + "\n\n" + text
    path.write_text(new, encoding="utf-8")


def seed_graph() -> nx.MultiDiGraph:
    """The two seed articles' gold records, through the real store and projection."""
    from ufgraph.rdf import record_to_graph
    from ufgraph.store import open_store
    from ufgraph.viz.projection import project_all

    store = open_store("memory")
    for path in sorted((ROOT / "tests" / "seeds_gold").glob("*.json")):
        ag = record_to_graph(json.loads(path.read_text("utf-8")))
        store.replace_graph(str(ag.iri), ag.graph)
    return project_all(store)


def store_graph(spec: str) -> nx.MultiDiGraph:
    from ufgraph.store import open_store
    from ufgraph.viz.projection import project_all

    with open_store(spec, read_only=True, must_exist=True) as store:
        return project_all(store)


def screenshot(out: Path, store: str | None) -> None:
    from ufgraph.viz.chromium import Chromium

    graph = store_graph(store) if store else seed_graph()
    what = "ingested" if store else "gold records"
    with tempfile.TemporaryDirectory() as tmp, Chromium(width=1600, height=1000) as browser:
        page = Path(tmp) / "seed.html"
        page.write_text(render_html(graph, heading=f"ufgraph · the two seed articles ({what})").html, "utf-8")
        tab = browser.new_tab()
        tab.navigate(page.as_uri())
        tab.wait_for("window.ufgraph && window.ufgraph.settled")
        time.sleep(0.3)
        tab.screenshot(out)
    print(f"wrote {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="500,5000,50000")
    ap.add_argument("--settle-sizes", default="500,5000,50000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--write", action="store_true", help="write the section into BENCHMARKS.md")
    ap.add_argument("--screenshot", type=Path, help="only write a PNG of the seed graph")
    ap.add_argument("--store", help="with --screenshot: draw this store (e.g. after `ufgraph ingest data/samples "
                    "--store S`) instead of the gold records")
    args = ap.parse_args()
    if args.screenshot:
        screenshot(args.screenshot, args.store)
        return
    builds = build_times([int(s) for s in args.sizes.split(",")], args.repeat)
    settles = [] if args.no_browser else settle_times([int(s) for s in args.settle_sizes.split(",")], args.repeat)
    text = markdown(builds, settles)
    print(text)
    if args.write:
        write_section(text)


if __name__ == "__main__":
    main()
