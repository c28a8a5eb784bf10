"""Every graph command through typer's CliRunner, over a store ingested from the samples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ufgraph.cli import app

runner = CliRunner()


def run(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input)


@pytest.fixture(scope="module")
def store(tmp_path_factory, samples_dir) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "store")
    res = run("ingest", str(samples_dir), "--store", path)
    assert res.exit_code == 0, res.output
    assert "ingested 2 file(s)" in res.output
    return path


def test_ingest_twice_keeps_the_triple_count(store, samples_dir) -> None:
    before = json.loads(run("stats", "--store", store, "--format", "json").output)["triples"]
    res = run("ingest", str(samples_dir), "--store", store, "--format", "json")
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["store_triples"] == before


def test_ingest_reports_each_failure_and_goes_on(tmp_path: Path, samples_dir) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    res = run("ingest", str(samples_dir / "000_863f9859c0c15b95.txt"), str(tmp_path / "missing.txt"),
              "--store", str(tmp_path / "s"))
    assert res.exit_code == 2
    assert "error: " in res.output and "missing.txt: does not exist" in res.output
    assert "ingested 1 file(s)" in res.output


def test_ingest_from_stdin(tmp_path: Path, samples_dir) -> None:
    data = (samples_dir / "003_4de1416f6bfcd526.txt").read_bytes()
    res = run("ingest", "-", "--store", str(tmp_path / "s"), input=data)
    assert res.exit_code == 0, res.output
    res = run("awards", "--store", str(tmp_path / "s"), "--format", "json")
    assert len(json.loads(res.output)) == 6


def test_who_holds_with_org_abbreviation(store) -> None:
    res = run("who-holds", "副部长", "--org", "市委统战部", "--store", store)
    assert res.exit_code == 0, res.output
    for name in ("蔡忠", "房剑森", "王珏", "王霄汉"):
        assert name in res.output
    assert "2024-02-26" in res.output and "000_863f9859c0c15b95" in res.output
    rows = json.loads(run("who-holds", "副部长", "--org", "市委统战部", "--on", "2024-03-01", "--store", store, "-f", "json").output)
    assert sorted(r["name"] for r in rows) == sorted(["蔡忠", "房剑森", "王珏", "王霄汉"])


@pytest.mark.parametrize("name", ["陈通", "Chen Tong", "陳通"])
def test_posts_in_any_script(store, name: str) -> None:
    res = run("posts", name, "--store", store, "--format", "json")
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert sorted((r["title"], r["observed"]) for r in rows) == [
        ("常委", "2024-02-26"), ("常委", "2024-04-18"), ("部长", "2024-02-26"), ("部长", "2024-04-18")]


def test_posts_table_shows_article_and_date(store) -> None:
    res = run("posts", "陈通", "--store", store)
    assert "2024-04-18" in res.output and "003_4de1416f6bfcd526" in res.output and "4 rows" in res.output


def test_org(store) -> None:
    res = run("org", "市工商联", "--store", store, "-f", "csv")
    assert res.exit_code == 0 and res.output.startswith("body,") and "杨茜" in res.output


def test_meeting(store) -> None:
    res = run("meeting", "--store", store)
    assert "2024年全市统战部长会议" in res.output and "2024年全市统战社会组织工作交流会" in res.output
    res = run("meeting", "2024年全市统战部长会议", "--store", store, "-f", "json")
    assert {"华源", "陈通"} <= {r["name"] for r in json.loads(res.output)}


def test_awards(store) -> None:
    res = run("awards", "--store", store)
    assert res.exit_code == 0
    for org in ("上海海外联谊会", "上海市总商会", "上海中国和平统一促进会", "上海市公共关系协会"):
        assert org in res.output
    assert "6 rows" in res.output


def test_tasks(store) -> None:
    res = run("tasks", "--area", "民族宗教工作", "--year", "2024", "--store", store, "-f", "json")
    rows = json.loads(res.output)
    assert len(rows) == 8 and rows[0]["number"] == "1"
    res = run("tasks", "--store", store)
    assert res.exit_code == 0 and "1.1" in res.output


def test_timeline(store) -> None:
    res = run("timeline", "chen tong", "--store", store, "-f", "json")
    assert {r["kind"] for r in json.loads(res.output)} >= {"holds", "meeting"}


def test_query_named_file_and_text(store, tmp_path: Path) -> None:
    res = run("query", "who-holds", "--param", "titleKey=副部长", "--param", "orgKey=市委統戰部", "--store", store, "-f", "json")
    assert res.exit_code == 0, res.output
    assert len(json.loads(res.output)) == 4
    rq = tmp_path / "people.rq"
    rq.write_text("# people: everyone.\n# param personKey: optional.\n"
                  "SELECT DISTINCT ?name WHERE { ?p a foaf:Person ; rdfs:label ?name ; ufg:searchKey ?personKey }", encoding="utf-8")
    res = run("query", str(rq), "-p", "personKey=Chen Tong", "--store", store, "-f", "csv")
    assert res.output.split() == ["name", "陈通"]
    res = run("query", "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", store, "-f", "json")
    assert json.loads(res.output)[0]["n"] > 0
    res = run("query", "--sparql", "ASK { ?p a foaf:Person }", "--store", store)
    assert res.output.strip() == "true"
    res = run("query", "--sparql", "CONSTRUCT { ?p a foaf:Person } WHERE { ?p a foaf:Person }", "--store", store)
    assert "foaf:Person" in res.output or "xmlns.com/foaf" in res.output
    assert "posts-of(personKey)" in run("query", "--list").output


def test_query_errors_are_one_line(store) -> None:
    res = run("query", "who-holds", "--store", store)
    assert res.exit_code == 4 and "needs parameter titleKey" in res.output
    res = run("query", "--sparql", "SELECT WHERE {", "--store", store)
    assert res.exit_code == 4 and res.output.startswith("error: bad SPARQL")
    res = run("query", "nope", "--store", store)
    assert res.exit_code == 4 and "no query named" in res.output


def test_query_refuses_updates_unless_allowed(tmp_path: Path, samples_dir) -> None:
    path = str(tmp_path / "u")
    run("ingest", str(samples_dir), "--store", path)
    res = run("query", "--sparql", "DROP ALL", "--store", path)
    assert res.exit_code == 4 and "--allow-update" in res.output
    assert json.loads(run("stats", "--store", path, "-f", "json").output)["triples"] > 0
    res = run("query", "--sparql", "DROP ALL", "--allow-update", "--store", path)
    assert res.exit_code == 0, res.output
    assert json.loads(run("stats", "--store", path, "-f", "json").output)["triples"] == 0


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "jsonld"])
def test_export(store, fmt: str) -> None:
    res = run("export", "--format", fmt, "--store", store)
    assert res.exit_code == 0, res.output
    assert "w3id.org/ufgraph" in res.stdout


def test_export_to_file(store, tmp_path: Path) -> None:
    out = tmp_path / "all.trig"
    assert run("export", "-o", str(out), "--store", store).exit_code == 0
    assert out.stat().st_size > 1000


def test_stats_json(store) -> None:
    res = run("stats", "--store", store, "--format", "json")
    counts = json.loads(res.output)
    assert {"triples", "graphs", "people", "bodies", "meetings"} <= set(counts)
    assert counts["graphs"] == 2 and counts["meetings"] == 2 and counts["people"] == 17
    assert "people" in run("stats", "--store", store).output


def test_validate_passes_on_the_samples(store) -> None:
    res = run("validate", "--store", store)
    assert res.exit_code == 0, res.output
    assert "0 violation(s)" in res.output


def test_validate_fails_on_a_broken_store(tmp_path: Path, samples_dir) -> None:
    path = str(tmp_path / "v")
    run("ingest", str(samples_dir), "--store", path)
    res = run("query", "--allow-update", "--store", path, "--sparql",
              "DELETE { GRAPH ?g { ?o ufg:holder ?p } } WHERE { GRAPH ?g { ?o ufg:holder ?p } }")
    assert res.exit_code == 0, res.output
    res = run("validate", "--store", path)
    assert res.exit_code == 5
    assert "Violation:" in res.output and "ufg:holder" in res.output


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    res = run("posts", "陈通", "--store", str(tmp_path / "none"))
    assert res.exit_code == 3 and "no store at" in res.output


def test_store_in_use_is_a_clear_error(tmp_path: Path, samples_dir) -> None:
    from ufgraph.store import open_store

    path = str(tmp_path / "busy")
    holder = open_store(path)
    try:
        res = run("ingest", str(samples_dir), "--store", path)
        assert res.exit_code == 3 and "store in use" in res.output
    finally:
        holder.close()


def test_store_from_environment(store, monkeypatch) -> None:
    monkeypatch.setenv("UFGRAPH_STORE", store)
    res = run("stats", "-f", "json")
    assert json.loads(res.output)["graphs"] == 2
