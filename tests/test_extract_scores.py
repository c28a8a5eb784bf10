"""Score extraction on the seeds and the held-out corpus with a copy of the project scorer.

Floors: the seeds must be perfect on every field; the corpus keeps a floor a little below what was
measured when the floor was set (1.000 on every field, 2026-11-24), so a regression shows at once.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ufgraph.extract import extract_file

from _score import score

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
FIELDS = ("people", "pairs", "triples", "triples_loose", "roles", "awards", "tasks", "meeting_date")
SEED_FLOOR = dict.fromkeys(FIELDS, 1.0)
CORPUS_FLOOR = dict.fromkeys(FIELDS, 0.95)


def _records(paths):
    return [extract_file(p).to_dict() for p in sorted(paths)]


def _f1s(gold_dir: Path, records) -> dict[str, float]:
    result, missing = score(str(gold_dir), json.loads(json.dumps(records, ensure_ascii=False)))
    assert not missing, f"no prediction for {missing}"
    return {k: v[2] for k, v in result.items()}


def _check(f1s: dict[str, float], floors: dict[str, float]) -> None:
    low = {k: round(f1s[k], 3) for k, floor in floors.items() if f1s[k] < floor}
    assert not low, f"below the floor: {low} (floors {floors})"


def test_seeds_score_perfectly():
    _check(_f1s(TESTS / "seeds_gold", _records((ROOT / "data" / "samples").glob("*.txt"))), SEED_FLOOR)


CORPUS = TESTS / "corpus"


@pytest.mark.skipif(not (CORPUS / "gold").is_dir() or not any((CORPUS / "gold").glob("*.json")), reason="no corpus")
def test_corpus_scores_above_floor():
    _check(_f1s(CORPUS / "gold", _records((CORPUS / "articles").glob("*.txt"))), CORPUS_FLOOR)


HELDOUT = TESTS / "heldout"
# Measured 2026-11-24: dev half 1.000 on every field; blind half people 0.984, triples 0.978,
# roles 0.985, tasks 0.981 (see tests/heldout/README.md).
HELDOUT_FLOOR = dict.fromkeys(FIELDS, 0.95)


def test_heldout_set_scores_above_floor():
    _check(_f1s(HELDOUT / "gold", _records((HELDOUT / "articles").glob("*.txt"))), HELDOUT_FLOOR)


@pytest.mark.skipif(not (CORPUS / "encoded").is_dir(), reason="no encoded corpus")
def test_encoded_corpus_scores_above_floor(tmp_path):
    files = sorted((CORPUS / "encoded").glob("*.txt"))
    for f in files:
        shutil.copy(CORPUS / "gold" / f"{f.stem}.json", tmp_path / f"{f.stem}.json")
    _check(_f1s(tmp_path, _records(files)), CORPUS_FLOOR)


def test_every_record_has_the_contract_keys():
    rec = extract_file(ROOT / "data" / "samples" / "000_863f9859c0c15b95.txt").to_dict()
    assert list(rec)[:7] == ["source", "headline", "jurisdiction", "meeting", "people", "awards", "work_areas"]
    for key in ("outlet", "published", "content_hash", "encoding", "warnings", "damaged"):
        assert key in rec
    p = rec["people"][0]
    assert list(p)[:3] == ["name", "posts", "roles"] and {"written", "evidence", "role_evidence"} <= set(p)
    assert list(p["posts"][0]) == ["title", "org", "org_as_written", "as_written", "parent_org", "evidence"]
    area = rec["work_areas"][0]
    assert list(area)[:4] == ["name", "heading", "deployed_by", "tasks"] and {"evidence", "year"} <= set(area)
    assert list(area["tasks"][0]) == ["text", "subtasks", "evidence", "order", "subtask_evidence"]
    ev = p["evidence"][0]
    assert set(ev) == {"quote", "raw_start", "raw_end"} and ev["raw_start"] < ev["raw_end"]
    assert len(rec["content_hash"]) == 64


def test_evidence_round_trips_to_the_raw_text():
    """Every evidence object's raw span normalises back to its quote (seeds + traditional mirrors)."""
    from ufgraph.io import read_source
    from ufgraph.normalise import normalise

    paths = sorted((ROOT / "data" / "samples").glob("*.txt")) + sorted((CORPUS / "articles").glob("t*.txt"))
    checked = 0
    for path in paths:
        name, data = read_source(path)
        norm = normalise(data, name)
        rec = extract_file(path).to_dict()
        evs = [e for p in rec["people"] for e in p["evidence"] + p["role_evidence"]]
        evs += [e for p in rec["people"] for post in p["posts"] for e in post["evidence"]]
        evs += [e for w in rec["work_areas"] for t in w["tasks"] for e in t["evidence"]]
        for e in evs:
            assert normalise(norm.raw[e["raw_start"]:e["raw_end"]]).text == e["quote"], (path.name, e)
            checked += 1
    assert checked > 100


MAKE_CORPUS = ROOT / "benchmarks" / "make_corpus.py"
SYNTHETIC_FLOOR = dict.fromkeys(FIELDS, 0.98)  # measured 0.998–1.000 on 2,000 (seed 99, heavy damage)


@pytest.mark.skipif(not MAKE_CORPUS.is_file(), reason="no synthetic corpus generator")
def test_synthetic_corpus_scores_above_floor(tmp_path):
    """120 generated articles (another engineer's generator, gold right by construction)."""
    import subprocess
    import sys

    subprocess.run([sys.executable, str(MAKE_CORPUS), "120", str(tmp_path), "--seed", "3", "--trad", "0.2",
                    "--html", "0.1", "--gbk", "0.1"], check=True, capture_output=True)
    _check(_f1s(tmp_path / "gold", _records((tmp_path / "articles").glob("*.txt"))), SYNTHETIC_FLOOR)
