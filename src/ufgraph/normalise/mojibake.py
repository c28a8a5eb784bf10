"""GBK byte-misalignment mojibake (placeholder: detection only; repair comes next)."""

from __future__ import annotations

from dataclasses import dataclass

from .textmap import MappedText


@dataclass(frozen=True)
class Repair:
    kind: str
    raw_start: int
    raw_end: int
    before: str
    after: str


@dataclass(frozen=True)
class Damage:
    raw_start: int
    raw_end: int
    text: str
    reason: str


def repair_mojibake(t: MappedText) -> tuple[MappedText, list[Repair], list[Damage]]:
    return t, [], []
