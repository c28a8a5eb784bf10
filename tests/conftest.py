"""Shared fixtures: paths to the bundled samples and the project's own test material."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
TESTS = ROOT / "tests"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))
