"""The article's place: from the headline, the body (上海统一战线, 杨浦区委), the outlet.

The most specific jurisdiction named in the headline wins; else the one named most often in the
body (a district counts for its city too); else the outlet's. A district found this way nests in
its city (``上海市杨浦区``), so that ``市委`` in the text is the city's party committee.
"""

from __future__ import annotations

import re
from collections import Counter

from ..document import Document
from ..gazetteer import Gazetteer

_SPECIFIC = {"county": 4, "district": 3, "city": 2, "municipality": 1, "province": 0}


_SCOPE = re.compile(r"全(省|市|区|县)|(省|市|区|县)(?:委|政府|政协|人大|工商联|侨联|长)")
_LEVEL = {"省": "province", "市": "city", "区": "district", "县": "county"}


def _scope_level(doc: Document) -> str | None:
    """The level the article speaks at (全省/省委 → province), from the headline and first paragraph."""
    paras = [b.text for b in doc.blocks if b.kind == "paragraph"][:1]
    text = " ".join(([doc.headline.text] if doc.headline else []) + paras)
    counts = Counter(_LEVEL[m.group(1) or m.group(2)] for m in _SCOPE.finditer(text))
    return counts.most_common(1)[0][0] if counts else None


def infer_place(doc: Document, gaz: Gazetteer) -> str | None:
    """Full name of the article's jurisdiction (``上海市``, ``上海市杨浦区``, ``浙江省``) or None.

    A place named in the text is lifted to the level the article speaks at: ``全省侨务工作会议在
    杭州召开`` is an article of 浙江省, not of 杭州市."""
    found = _infer_named(doc, gaz)
    level = _scope_level(doc)
    if level == "county":
        county = _unknown_county(doc, gaz, found)
        if county is not None:
            return county
    found = _visited(doc, gaz, found)
    if found is None or level is None:
        return found
    j = gaz.jurisdictions.get(found)
    if j is None:
        return found
    rank = {"province": 0, "municipality": 0, "city": 1, "district": 2, "county": 2}
    want = {"province": 0, "city": 1, "district": 2, "county": 2}[level]
    def level_rank(j) -> int:  # a county-level city (昆山市) speaks of itself as 市
        return 1 if j.level == "county" and j.name.endswith("市") and want == 1 else rank.get(j.level, 0)

    while level_rank(j) > want and j.parent in gaz.jurisdictions:
        up = gaz.jurisdictions[j.parent]
        if j.level in ("district", "county") and level == "city" and up.level in ("city", "municipality"):
            j = up
            break
        j = up
    return j.full


def _visited(doc: Document, gaz: Gazetteer, found: str | None) -> str | None:
    """A county or district the body names is only visited when the article's own outlet is its
    city's and the text calls the county's bodies by name (江阴市委常委…陪同) beside a bare 市委 or
    区委 (市委常委、统战部部长…带队到江阴市调研): then the place is the outlet's city."""
    j = gaz.jurisdictions.get(found or "")
    if j is None or j.level not in ("county", "district") or not j.parent:
        return found
    if doc.headline is not None and j.name in doc.headline.text:
        return found
    outlet = doc.meta.outlet or ""
    city = next((gaz.jurisdictions[o].full for name, o in gaz.outlets.items()
                 if name and name in outlet and o in gaz.jurisdictions), None) or _outlet_prefix(gaz, outlet)
    parent = gaz.jurisdictions.get(j.parent)
    if parent is None or city != parent.full:
        return found
    body = "".join(b.text for b in doc.blocks)
    rel = j.name[-1]  # 市 of 江阴市, 区 of 杨浦区, 县 of 安吉县
    named = (j.name + "委") in body
    bare = re.search(rf"(?<![{HAN_CHARS}])(?:{rel}|市)委(?:常委|书记|副书记|统战部)", body.replace(j.name + "委", ""))
    return parent.full if named and bare else found


HAN_CHARS = "\u4e00-\u9fff"
_COUNTY_NAMED = re.compile(r"(?<![各全本该每此])(?![市省区州])([\u4e00-\u9fff]{2,3}县)(?=委|召开|举办|举行|人民政府|政府|政协|人大|工商联|侨联|融媒体|新闻|第|\d|“|$)")


def _unknown_county(doc: Document, gaz: Gazetteer, found: str | None) -> str | None:
    """A county the table lacks that an article speaking at county level names in its headline,
    first paragraph or outlet (``兴国县召开…``, ``来源：兴国县融媒体中心``), under a city named
    in the text when there is one: ``赣州市兴国县``."""
    j = gaz.jurisdictions.get(found or "")
    if j is not None and j.level in ("district", "county"):
        return None
    paras = [b.text for b in doc.blocks if b.kind == "paragraph"][:1]
    for text in ([doc.headline.text] if doc.headline else []) + paras + [doc.meta.outlet or ""]:
        for m in _COUNTY_NAMED.finditer(text):
            name = m.group(1)
            if name in gaz.jurisdictions:
                continue
            for k in range(len(name) - 2, -1, -1):  # 赣州市兴国县 written whole: the tail is the county
                if name[:k] in gaz.jurisdictions:
                    name = name[k:]
                    break
            parent = found if j is not None and j.level == "city" else ""
            if gaz.unknown_county(parent + name) is not None:
                return parent + name
    return None


def _infer_named(doc: Document, gaz: Gazetteer) -> str | None:
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
    return _outlet_prefix(gaz, outlet)


def _outlet_prefix(gaz: Gazetteer, outlet: str) -> str | None:
    """An outlet the table lacks that opens with a place: 西安日报, 兴化新闻网 (a county-level city
    written without its 市), 象山县融媒体中心."""
    m = gaz.place_re.match(outlet)
    if m:
        return gaz.jurisdictions[m.group(0)].full
    for name, j in gaz.jurisdictions.items():
        if j.level == "county" and name == j.name and name.endswith("市") and len(name) >= 3 \
                and outlet.startswith(name[:-1]) and re.match(r"(?:日报|晚报|新闻|融媒|发布|电视|广播|网)", outlet[len(name) - 1:]):
            return j.full
    return None
