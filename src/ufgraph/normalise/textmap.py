"""A text paired with a map from each of its characters back to the raw text.

Every normalisation stage rewrites a :class:`MappedText` into a new one; the maps compose, so the
final text still knows, for each character, which span of the raw (decoded) text it came from.
``starts[i]``/``ends[i]`` are the raw span of character ``i``; both are non-decreasing and lie
inside ``[0, raw_length]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable


@dataclass(frozen=True)
class MappedText:
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    raw_length: int

    @classmethod
    def identity(cls, text: str) -> "MappedText":
        n = len(text)
        return cls(text, tuple(range(n)), tuple(range(1, n + 1)), n)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw ``[start, end)`` that normalised ``[start, end)`` came from."""
        n = len(self.text)
        start = max(0, min(start, n))
        end = max(start, min(end, n))
        if end == start:
            pos = self.starts[start] if start < n else self.raw_length
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def rewrite(self, pieces: Iterable[tuple[str, int, int]]) -> "MappedText":
        """Build a new text from ``(new_text, src_start, src_end)`` pieces over this text.

        Pieces come in order without overlap; gaps between them are deletions. A piece whose
        text has the length of its source maps character by character; otherwise each of its
        characters maps to the whole source span.
        """
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for new, s, e in pieces:
            if not new:
                continue
            out.append(new)
            if len(new) == e - s:
                starts.extend(self.starts[s:e])
                ends.extend(self.ends[s:e])
            else:
                lo, hi = self.raw_span(s, e)
                starts.extend([lo] * len(new))
                ends.extend([hi] * len(new))
        return MappedText("".join(out), tuple(starts), tuple(ends), self.raw_length)

    def sub(self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> "MappedText":
        """``re.sub`` that keeps the map. ``repl`` returns the replacement text."""
        pieces: list[tuple[str, int, int]] = []
        pos = 0
        for m in pattern.finditer(self.text):
            new = repl(m)
            if new == m.group(0):
                continue
            if m.start() > pos:
                pieces.append((self.text[pos : m.start()], pos, m.start()))
            pieces.append((new, m.start(), m.end()))
            pos = m.end()
        if not pieces:
            return self
        if pos < len(self.text):
            pieces.append((self.text[pos:], pos, len(self.text)))
        return self.rewrite(pieces)

    def replace_chars(self, new_text: str) -> "MappedText":
        """Replace the text by one of the same length (character-for-character), map unchanged."""
        if len(new_text) != len(self.text):
            raise ValueError("replace_chars() needs a text of the same length")
        return MappedText(new_text, self.starts, self.ends, self.raw_length)
