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
    published: dt.date | None = None
    warnings: list[str] = field(default_factory=list)

    def evidence(self, start: int, end: int) -> dict:
        """Evidence object for normalised ``[start, end)``."""
        return self.doc.evidence(start, end)

    def damaged(self, start: int, end: int) -> bool:
        return bool(self.doc.norm.damaged) and self.doc.norm.is_damaged(start, end)
