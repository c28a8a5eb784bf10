"""The README's quickstart is what CI runs: keep the two in step."""

from __future__ import annotations

import re

from conftest import ROOT


def _quickstart() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```(?:sh|bash)?\n(.*?)\n```", section, re.S)


def test_quickstart_has_exactly_two_commands():
    blocks = _quickstart()
    assert len(blocks) == 2
    assert all(len(b.strip().splitlines()) == 1 for b in blocks)
    assert "ufgraph ingest data/samples" in blocks[0]
    assert "pytest" in blocks[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1].strip() == _quickstart()[1].strip()
