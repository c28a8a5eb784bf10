"""``ufgraph extract FILE... --format json|jsonl``: one object per article; a bad file is one line
on stderr and a non-zero exit while the others go on."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ufgraph.cli import app

SAMPLES = sorted((Path(__file__).resolve().parent.parent / "data" / "samples").glob("*.txt"))


def _runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # newer click keeps stderr apart already
        return CliRunner()


def test_json_array_one_object_per_article():
    res = _runner().invoke(app, ["extract", *map(str, SAMPLES), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert [Path(r["source"]).name for r in data] == [p.name for p in SAMPLES]
    assert data[0]["jurisdiction"] == "上海市"


def test_jsonl_one_line_per_article():
    res = _runner().invoke(app, ["extract", *map(str, SAMPLES), "--format", "jsonl"])
    lines = [line for line in res.stdout.splitlines() if line.strip()]
    assert res.exit_code == 0 and len(lines) == len(SAMPLES)
    assert all(json.loads(line)["people"] for line in lines)


def test_a_failing_file_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "missing.txt"
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    res = _runner().invoke(app, ["extract", str(bad), str(SAMPLES[0]), str(binary)])
    assert res.exit_code != 0
    data = json.loads(res.stdout)
    assert len(data) == 1 and data[0]["source"].endswith(SAMPLES[0].name)
    errors = [line for line in res.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2 and "missing.txt" in errors[0] and "binary.txt" in errors[1]


def test_unknown_format_is_refused():
    res = _runner().invoke(app, ["extract", str(SAMPLES[0]), "--format", "xml"])
    assert res.exit_code != 0
