"""The article's place: from the headline, the body (上海统一战线, 杨浦区委), the outlet.

The most specific jurisdiction named in the headline wins; else the one named most often in the
body (a district counts for its city too); else the outlet's. A district found this way nests in
its city (``上海市杨浦区``), so that ``市委`` in the text is the city's party committee.
"""

from __future__ import annotations

from collections import Counter

from ..document import Document
from ..gazetteer import Gazetteer

_SPECIFIC = {"county": 4, "district": 3, "city": 2, "municipality": 1, "province": 0}


def infer_place(doc: Document, gaz: Gazetteer) -> str | None:
    """Full name of the article's jurisdiction (``上海市``, ``上海市杨浦区``, ``浙江省``) or None."""
    def mentions(text: str) -> list[str]:
        return [gaz.jurisdictions[m.group(0)].full for m in gaz.place_re.finditer(text)]

    def most_specific(names: list[str]) -> str | None:
        if not names:
            return None
        counts = Counter(names)
        # nested: a district mention supports its city
        return max(counts, key=lambda n: (_SPECIFIC.get(gaz.jurisdictions[n].level, 0), counts[n]))

    if doc.headline:
        found = mentions(doc.headline.text)
        if found:
            return most_specific(found)
    body = [n for b in doc.blocks for n in mentions(b.text)]
    if body:
        counts = Counter(body)
        top = max(counts.values())
        # the most specific among the frequently named (within half of the top count)
        cands = [n for n, c in counts.items() if c * 2 >= top]
        best = most_specific(cands)
        if best:
            return best
    outlet = doc.meta.outlet or ""
    for name, j in gaz.outlets.items():
        if name and name in outlet and j:
            return gaz.jurisdictions[j].full if j in gaz.jurisdictions else j
    return None
