"""What every extractor shares: the structured document, the gazetteer and the article's place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..document import Document
from ..gazetteer import Gazetteer, Place


@dataclass
class Context:
    doc: Document
    gaz: Gazetteer
    place: Place
    published: dt.date | None = None  # the day relative dates count from (dateline, else publication)
    warnings: list[str] = field(default_factory=list)

    def evidence(self, start: int, end: int) -> dict:
        """Evidence object for normalised ``[start, end)``."""
        return self.doc.evidence(start, end)

    def damaged(self, start: int, end: int) -> bool:
        return bool(self.doc.norm.damaged) and self.doc.norm.is_damaged(start, end)


_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def cn_int(s: str) -> int | None:
    """A stated count as a number: ``6``, ``六``, ``十二``, ``二十``, ``二十三``."""
    if s.isdigit():
        return int(s)
    if len(s) == 1:
        return _CN.get(s)
    if len(s) == 2 and s[0] == "十":
        return 10 + _CN.get(s[1], 0)
    if len(s) == 2 and s[1] == "十":
        return _CN.get(s[0], 0) * 10
    if len(s) == 3 and s[1] == "十":
        return _CN.get(s[0], 0) * 10 + _CN.get(s[2], 0)
    return None
