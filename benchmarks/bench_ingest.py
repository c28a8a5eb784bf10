#!/usr/bin/env python3
"""Ingest throughput and remote latency at scale, on a synthetic corpus
(``benchmarks/make_corpus.py``):

* end-to-end ingest (read → normalise → extract → RDF → store) into the embedded store with
  ``--jobs 1`` and ``--jobs 2``, and into an Oxigraph server (``oxigraph serve``) with ``--jobs 2``;
* where the time goes, per article, measured stage by stage on a sample;
* who-holds latency on the resulting stores (millions of triples), embedded and remote;
* extraction F1 on the synthetic corpus against its gold (the scorer of ``tests/_score.py``).

    python benchmarks/bench_ingest.py [--articles 10000] [--corpus DIR] [--write BENCHMARKS.md]

Figures are wall-clock on this machine, which other jobs share: read them as ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def corpus(n: int, where: Path | None, seed: int) -> Path:
    out = where or Path(tempfile.gettempdir()) / f"ufgraph-corpus-{n}-s{seed}"
    arts = out / "articles"
    if not (arts.is_dir() and len(list(arts.glob("*.txt"))) >= n):
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), str(n), str(out),
                        "--seed", str(seed), "--quiet"], check=True)
    return out


def timed_ingest(files: list[str], spec: str, jobs: int) -> dict[str, Any]:
    from ufgraph.ingest import ingest
    from ufgraph.store import open_store

    t = time.perf_counter()
    with open_store(spec) as st:
        summary = ingest(files, st, jobs=jobs)
    dt = time.perf_counter() - t
    return {"articles": len(summary.ok), "failed": len(summary.failed), "seconds": dt,
            "rate": len(files) / dt, "triples": summary.store_triples}


def stages(files: list[str]) -> dict[str, float]:
    """Milliseconds per article for each stage, sequentially, after a warm-up. The store write is
    the writer's whole share: names deduplicated, then one ``bulk_load`` per batch."""
    from ufgraph.extract import extract
    from ufgraph.ingest import BATCH, NamesSeen, write
    from ufgraph.io import read_source
    from ufgraph.normalise import normalise
    from ufgraph.rdf.mapping import record_to_graph
    from ufgraph.store.embedded import EmbeddedStore

    warm = files[:20]
    for f in warm:
        name, data = read_source(f)
        record_to_graph(extract(normalise(data, name), name).to_dict())
    sample = files[20:]
    acc = dict.fromkeys(("read", "normalise", "extract", "rdf mapping (N-Triples terms)", "N-Triples bytes",
                         "store write (embedded, disk)"), 0.0)
    tmp = Path(tempfile.mkdtemp(prefix="ufgraph-stages-"))
    store = EmbeddedStore(tmp / "s")
    seen = NamesSeen()
    batch: list = []
    for f in sample:
        t0 = time.perf_counter()
        name, data = read_source(f)
        t1 = time.perf_counter()
        norm = normalise(data, name)
        t2 = time.perf_counter()
        rec = extract(norm, name).to_dict()
        t3 = time.perf_counter()
        ag = record_to_graph(rec)
        t4 = time.perf_counter()
        ag.nt, ag.names_nt  # noqa: B018 - built here, timed as their own stage
        t5 = time.perf_counter()
        batch.append(ag)
        if len(batch) >= BATCH:
            write(store, batch, seen)
            batch.clear()
        t6 = time.perf_counter()
        for key, dt in zip(acc, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)):
            acc[key] += dt
    t = time.perf_counter()
    if batch:
        write(store, batch, seen)
    acc["store write (embedded, disk)"] += time.perf_counter() - t
    store.close()
    shutil.rmtree(tmp, ignore_errors=True)
    return {k: v / len(sample) * 1000 for k, v in acc.items()}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_oxigraph(location: Path) -> tuple[subprocess.Popen, str]:
    program = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    port = free_port()
    proc = subprocess.Popen([program, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    for _ in range(400):
        try:
            urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1).read()
            return proc, url
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("oxigraph serve did not start")


def latency(spec: str, runs: int) -> dict[str, Any]:
    from ufgraph import lookups
    from ufgraph.store import open_store

    out: dict[str, Any] = {}
    with open_store(spec) as st:
        out["triples"] = st.triple_count()
        broad = lookups.who_holds(st, "副部长")
        org = broad.rows[0]["body"] if broad.rows else None
        cases: dict[str, Callable[[], Any]] = {
            "who-holds 副部长": lambda: lookups.who_holds(st, "副部长"),
            "who-holds 副部长 --org (one body)": lambda: lookups.who_holds(st, "副部长", org),
            "who-holds 部长 --on 2020-01-01": lambda: lookups.who_holds(st, "部长", None, "2020-01-01"),
        }
        for label, fn in cases.items():
            fn()
            times = []
            for _ in range(runs):
                t = time.perf_counter()
                rows = len(fn())
                times.append(time.perf_counter() - t)
            out[label] = {"ms": statistics.median(times) * 1000, "rows": rows}
    return out


def f1(corpus_dir: Path) -> dict[str, tuple]:
    from _score import score

    from ufgraph.extract import extract_file

    preds = []
    for f in sorted((corpus_dir / "articles").glob("*.txt")):
        try:
            preds.append(extract_file(f).to_dict())
        except Exception:  # noqa: BLE001 - a failed article scores as missing
            pass
    totals, missing = score(corpus_dir / "gold", preds)
    return {"fields": totals, "missing": len(missing)}


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of median rate, with every run's rate beside it (this machine is shared: one run
    can be several per cent off)."""
    mid = sorted(runs, key=lambda x: x["rate"])[len(runs) // 2]
    return {**mid, "rates": [x["rate"] for x in runs]}


def write_section(path: Path, r: dict[str, Any], args: argparse.Namespace) -> None:
    lines = [
        "", "## Scale: ingest and remote", "",
        f"`python benchmarks/bench_ingest.py --articles {args.articles}` — {date.today().isoformat()}, "
        f"{platform.machine()}, Python {platform.python_version()}, 2 cores shared with other jobs (figures are "
        f"wall-clock; read them as ratios). Corpus: `make_corpus.py {args.articles} --seed {args.seed}` "
        f"({r['triples_per_article']:.0f} triples per article on average). Load average before/after: "
        f"{r['load_before'][0]:.1f}/{r['load_after'][0]:.1f} (other jobs were running).", "",
        "| ingest (end to end) | articles/s | seconds | store triples |", "|---|---:|---:|---:|",
    ]
    for label, key in (("embedded, `--jobs 1`", "jobs1"), ("embedded, `--jobs 2`", "jobs2"),
                       ("Oxigraph server, `--jobs 2`", "server")):
        x = r.get(key)
        if x:
            each = x.get("rates", [])
            runs = f" (median of {', '.join(f'{v:.1f}' for v in each)})" if len(each) > 1 else ""
            lines.append(f"| {label} | {x['rate']:.1f}{runs} | {x['seconds']:.0f} | {x['triples']:,} |")
    lines += ["", "Where the time goes (sequential, ms per article, on a sample of "
              f"{args.stage_sample}):", "", "| stage | ms/article | share |", "|---|---:|---:|"]
    real = {k: v for k, v in r["stages"].items() if not k.startswith("what-if")}
    total = sum(real.values())
    for k, v in real.items():
        lines.append(f"| {k} | {v:.2f} | {v / total:.0%} |")
    lines.append(f"| **total** | **{total:.2f}** | |")
    for k, v in r["stages"].items():
        if k.startswith("what-if"):
            lines.append(f"| *{k}* | *{v:.2f}* | |")
    lines += ["", "who-holds latency (median of "
              f"{args.runs}; the remote figure includes HTTP and JSON parsing):", "",
              "| query | embedded (disk) | Oxigraph server | rows |", "|---|---:|---:|---:|"]
    emb, rem = r["latency_embedded"], r.get("latency_remote", {})
    for label, v in emb.items():
        if label == "triples":
            continue
        rv = rem.get(label, {}).get("ms")
        lines.append(f"| {label} | {v['ms']:.1f} ms | {'' if rv is None else f'{rv:.1f} ms'} | {v['rows']:,} |")
    lines.append(f"\nStore size for the latency figures: {emb['triples']:,} triples (embedded), "
                 f"{rem.get('triples', 0):,} (server).")
    fields = r["f1"]["fields"]
    lines += ["", f"Extraction on the synthetic corpus ({args.articles:,} articles, scored by `tests/_score.py`):", "",
              "| field | precision | recall | F1 |", "|---|---:|---:|---:|"]
    for k, v in fields.items():
        lines.append(f"| {k} | {v[0]:.3f} | {v[1]:.3f} | {v[2]:.3f} |")
    lines.append("")
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--corpus", type=Path, default=None, help="corpus folder (made if missing)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--stage-sample", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3, help="embedded ingests per --jobs value (median reported)")
    ap.add_argument("--skip", default="", help="comma list of: jobs1,jobs2,server,f1")
    ap.add_argument("--json", type=Path, default=None, help="also write the raw figures here")
    ap.add_argument("--write", type=Path, default=None, help="append the section to this Markdown file")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))

    cdir = corpus(args.articles, args.corpus, args.seed)
    files = sorted(str(p) for p in (cdir / "articles").glob("*.txt"))[: args.articles]
    work = Path(tempfile.mkdtemp(prefix="ufgraph-bench-"))
    r: dict[str, Any] = {"load_before": os.getloadavg()}
    try:
        r["stages"] = stages(files[: args.stage_sample + 20])
        print("stages", json.dumps(r["stages"]), flush=True)
        for jobs in (1, 2):
            if f"jobs{jobs}" not in skip:
                runs = []
                for i in range(args.repeat):  # the last run's store is kept for the latency figures
                    shutil.rmtree(work / f"emb{jobs}", ignore_errors=True)
                    runs.append(timed_ingest(files, str(work / f"emb{jobs}"), jobs))
                    print(f"jobs{jobs} run {i + 1}", runs[-1], flush=True)
                r[f"jobs{jobs}"] = median_run(runs)
        emb = work / ("emb2" if "jobs2" in r else "emb1")
        r["triples_per_article"] = (r.get("jobs2") or r.get("jobs1") or {"triples": 0})["triples"] / len(files)
        r["latency_embedded"] = latency(str(emb), args.runs)
        print("latency embedded", r["latency_embedded"], flush=True)
        if "server" not in skip:
            proc, url = start_oxigraph(work / "ox")
            try:
                r["server"] = timed_ingest(files, url, 2)
                print("server", r["server"], flush=True)
                r["latency_remote"] = latency(url, args.runs)
                print("latency remote", r["latency_remote"], flush=True)
            finally:
                proc.terminate()
                proc.wait(30)
        if "f1" not in skip:
            r["f1"] = f1(cdir)
            print("f1", {k: round(v[2], 4) for k, v in r["f1"]["fields"].items()}, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    r["load_after"] = os.getloadavg()
    if args.json:
        args.json.write_text(json.dumps(r, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    if args.write and "f1" in r:
        write_section(args.write, r, args)


if __name__ == "__main__":
    main()
