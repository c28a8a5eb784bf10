"""Normalise a scraped article: decode, strip markup, repair mojibake, drop ruby pinyin,
convert traditional to simplified, tidy punctuation — keeping a map back to the raw text.

>>> n = normalise("統(tǒng)一戰(zhàn)線")
>>> n.text
'统一战线'
>>> n.raw_span(0, 2)
(0, 6)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import InputError
from ..settings import Limits
from .decode import decode_bytes
from .markup import strip_markup
from .mojibake import Damage, Repair, repair_mojibake
from .punct import tidy
from .ruby import strip_ruby
from .script import to_simplified
from .textmap import MappedText

__all__ = ["Normalised", "Repair", "Damage", "normalise", "MappedText"]


@dataclass(frozen=True)
class Normalised:
    """The normalised text of one article with its map to the raw (decoded) text."""

    text: str
    raw: str
    mapped: MappedText
    encoding: str
    repairs: tuple[Repair, ...] = ()
    damaged: tuple[Damage, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw ``[start, end)`` that the normalised ``[start, end)`` came from."""
        return self.mapped.raw_span(start, end)

    def raw_text(self, start: int, end: int) -> str:
        """The raw text behind normalised ``[start, end)`` (its written, maybe traditional, form)."""
        s, e = self.raw_span(start, end)
        return self.raw[s:e]

    def written_form(self, start: int, end: int) -> str:
        """The raw text behind ``[start, end)`` without ruby annotations: how it was written."""
        from .ruby import ANNOTATION

        return ANNOTATION.sub("", self.raw_text(start, end))

    def is_damaged(self, start: int, end: int) -> bool:
        """Whether normalised ``[start, end)`` overlaps a span that could not be repaired."""
        s, e = self.raw_span(start, end)
        return any(d.raw_start < e and s < d.raw_end for d in self.damaged)


def normalise(data: bytes | str, source: str = "<text>", limits: Limits | None = None) -> Normalised:
    """Normalise an article given as bytes (any supported encoding) or as text."""
    limits = limits or Limits()
    if isinstance(data, bytes):
        if len(data) > limits.max_file_bytes:
            raise InputError(source, f"is {len(data):,} bytes, over the limit of {limits.max_file_bytes:,} (UFGRAPH_MAX_FILE_BYTES)")
        raw, encoding = decode_bytes(data, source)
    else:
        raw, encoding = data, "str"
    if len(raw) > limits.max_article_chars:
        raise InputError(source, f"has {len(raw):,} characters, over the limit of {limits.max_article_chars:,} (UFGRAPH_MAX_ARTICLE_CHARS)")
    counts: dict[str, int] = {}
    t = MappedText.identity(raw)
    t = _counted(counts, "markup", t, strip_markup)
    t, repairs, damaged = repair_mojibake(t, raw)
    t = _counted(counts, "ruby", t, strip_ruby)
    t = _counted(counts, "script", t, to_simplified)
    t = _counted(counts, "punctuation", t, tidy)
    return Normalised(t.text, raw, t, encoding, tuple(repairs), tuple(damaged), counts)


def _counted(counts: dict[str, int], kind: str, t: MappedText, stage) -> MappedText:
    new = stage(t)
    if new is not t:
        counts[kind] = sum(1 for a, b in zip(new.text, t.text) if a != b) + abs(len(t.text) - len(new.text))
    return new
