"""Domain knowledge of the genre, read from ``data/gazetteer/*.tsv`` (see each file's header).

The code here only loads the tables and answers questions over them: which titles exist, what a
written body (``市委统战部``, ``民进市委``, ``上海市工商联工业品服务商会``) is called in full in a
given place, which surnames may start a name, which verbs give which role.

>>> g = load()
>>> place = g.place("上海市")
>>> g.resolve_org("市委统战部", place).canonical
'中共上海市委统一战线工作部'
>>> g.resolve_org("民进市委", place).canonical
'中国民主促进会上海市委员会'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .resources import data_path

LEVELS = ("province", "city", "district", "county")
_REL = {"省": "province", "市": "city", "区": "district", "县": "county", "州": "city", "自治区": "province"}
HAN = r"\u4e00-\u9fff"
# a district the table does not know (道里区): taken to lie in the article's city
_DISTRICT = rf"(?!自治区)[{HAN}]{{2,3}}区"
# a street, town or township below a district or county (拓东街道, 阿旺镇, 溁湾镇街道)
# a county the table does not know (兴国县): its bodies are named without parents (中共兴国县委)
_COUNTY = rf"(?![各全本该每此市省区州])[{HAN}]{{1,3}}县"
_KEEP_WRITTEN = ("会", "公司", "集团", "事务所", "寺", "堂", "观", "宫", "社")
_SUBDISTRICT = rf"[{HAN}]{{1,5}}?(?:街道|镇|乡)"


def _rows(name: str) -> list[list[str]]:
    """Rows of a gazetteer TSV file, comments and blank lines skipped."""
    out: list[list[str]] = []
    for line in data_path("gazetteer", name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append(line.rstrip("\n").split("\t"))
    return out


def _col(row: list[str], i: int) -> str:
    return row[i].strip() if len(row) > i else ""


def alternation(words) -> str:
    """A regex alternation of ``words``, longest first (so the longest match wins)."""
    return _alternation(tuple(words))


@lru_cache(maxsize=256)
def _alternation(words: tuple[str, ...]) -> str:  # cached: extractors ask for theirs per article
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)) if w)


@dataclass(frozen=True)
class Jurisdiction:
    name: str  # as in the table: 杨浦区
    short: str
    level: str  # province | municipality | city | district | county
    parent: str  # name of the enclosing jurisdiction or ""
    full: str  # the name bodies carry: 上海市杨浦区 (districts repeat across cities), 安吉县
    display: str = ""  # the article's place as reported: 上海市杨浦区, 浙江省湖州市安吉县


@dataclass(frozen=True)
class Place:
    """An article's place: the jurisdiction at each level (a municipality fills province and city)."""

    levels: dict = field(default_factory=dict)  # level -> full name
    name: str | None = None  # the most specific full name

    def at(self, level: str) -> str | None:
        return self.levels.get(level)


@dataclass(frozen=True)
class Title:
    title: str
    kind: str  # post | rank
    implied_level: str | None  # 市 for 副市长
    implied_stem: str | None  # 政府 for 副市长


@dataclass(frozen=True)
class Org:
    """A body as written and resolved."""

    as_written: str
    canonical: str
    parent: str | None
    jurisdiction: str | None  # full name of the place the body belongs to, when known
    kind: str  # party | government | people | association | cppcc | congress | democratic_party | specific | other


@dataclass
class Gazetteer:
    titles: dict[str, Title]
    bodies: dict[str, tuple[str, str, str]]  # stem -> (canonical, parent, kind)
    parties: dict[str, str]  # abbreviation (and other abbreviations) -> full name
    roles: dict[str, str]  # verb -> role
    collectives: list[str]
    work_areas: dict[str, list[str]]  # canonical -> aliases
    outlets: dict[str, str]
    jurisdictions: dict[str, Jurisdiction]  # by name, by full name and by short
    surnames: set[str]
    compound_surnames: set[str]
    grammar: dict[str, list[str]]
    specific: dict[str, tuple[str, str]]  # alias or canonical -> (canonical, parent)
    title_re: re.Pattern = field(init=False)
    place_re: re.Pattern = field(init=False)
    _body_re: re.Pattern = field(init=False)
    _local_re: re.Pattern = field(init=False)
    _party_re: re.Pattern = field(init=False)
    _stem_tail_re: re.Pattern = field(init=False)
    _collective_re: re.Pattern = field(init=False)

    def __post_init__(self) -> None:
        self.title_re = re.compile(f"(?:{alternation(self.titles)})")
        self.place_re = re.compile(f"(?:{alternation(self.jurisdictions)})")
        known = alternation(self.jurisdictions)
        jpre = f"(?P<j>(?:{known})+|自治区|[省市区县州])"
        self._body_re = re.compile(
            f"(?P<j>(?:{known})+(?:{_DISTRICT})?|自治区|{_DISTRICT}|{_COUNTY}|[省市区县州])?(?P<sub>{_SUBDISTRICT})?"
            f"(?P<stem>{alternation(self.bodies)})")
        self._local_re = re.compile(f"(?P<j>(?:{known})+(?:{_DISTRICT})?|{_DISTRICT}|{_COUNTY})(?P<sub>{_SUBDISTRICT})?")
        self._collective_re = re.compile(f"(?:{alternation(self.collectives)})")
        self._stem_tail_re = re.compile(f"(?:{alternation(self.bodies)})$")
        self._party_re = re.compile(f"(?P<party>{alternation(self.parties)})(?:{jpre})?(?P<stem>中央委员会|中央|委员会|委会|委)")

    # ---------------------------------------------------------------- places
    def jurisdiction(self, name: str) -> Jurisdiction | None:
        return self.jurisdictions.get(name)

    def unknown_county(self, name: str | None) -> tuple[str, str] | None:
        """``(parent, county)`` for a county the table lacks, written alone (``兴国县``) or after
        its known city (``赣州市兴国县``); None for anything else."""
        m = re.fullmatch(f"(.*?)({_COUNTY})", name or "")
        if not m or (name or "") in self.jurisdictions or self.place_re.fullmatch(m.group(2)):
            return None
        if m.group(1) and m.group(1) not in self.jurisdictions:
            return None
        return m.group(1), m.group(2)

    def display(self, name: str | None) -> str | None:
        """How the article's place is reported (``浙江省湖州市安吉县``)."""
        j = self.jurisdictions.get(name or "")
        if j is None and (uc := self.unknown_county(name)) is not None and uc[0]:
            p = self.jurisdictions[uc[0]]
            up = self.jurisdictions.get(p.parent) if p.parent else None
            return (up.name if up is not None and p.level == "city" else "") + p.name + uc[1]
        return j.display if j else name

    def place(self, name: str | None) -> Place:
        """The :class:`Place` of a jurisdiction name (full, table name or short; or a county the
        table lacks, see :meth:`unknown_county`)."""
        levels: dict[str, str] = {}
        j = self.jurisdictions.get(name or "")
        uc = self.unknown_county(name) if j is None else None
        if uc is not None:
            levels = dict(self.place(uc[0]).levels) if uc[0] else {}
            levels["county"] = uc[1]
            return Place(levels, uc[1])
        most = j.full if j else None
        if j is not None and j.level == "county" and j.name.endswith("市"):
            levels["city"] = j.full  # a county-level city: its 市委 is its own
        while j is not None:
            if j.level == "municipality":
                levels.setdefault("province", j.full)
                levels.setdefault("city", j.full)
            else:
                levels.setdefault(j.level, j.full)
            j = self.jurisdictions.get(j.parent) if j.parent else None
        return Place(levels, most)

    def _j_full(self, written: str | None, place: Place, inherit: str | None) -> str | None:
        """Full name of a written jurisdiction prefix (``上海市杨浦区``, ``市``) or the inherited one."""
        if not written:
            return inherit or place.name
        if written in _REL:  # 区委 in a city article names some district: left unresolved (None)
            return place.at(_REL[written])
        j = self.jurisdictions.get(written)
        if j is not None and j.level in ("district", "county") and j.full in place.levels.values():
            return j.full  # the article's own district, written short: 海淀区 -> 北京市海淀区
        city = place.at("city")
        if city and written.endswith("区") and not written.startswith(city):
            # a district of the article's city carries the city (鼓楼区工商联 in a 南京 article);
            # a district the table does not know is taken to be one of the article's city's
            inner = self.jurisdictions.get(city + written)
            if inner is not None and inner.level == "district":
                return inner.full
            if j is None and re.fullmatch(_DISTRICT, written) and not self.place_re.match(written):
                return city + written
        return written  # written out: kept as written (广东总商会, another city's district)

    # ---------------------------------------------------------------- bodies
    def resolve_org(self, written: str, place: Place, inherit: str | None = None) -> Org | None:
        """Resolve a written body to its canonical name, or None if it is not a body.

        ``inherit`` is the jurisdiction of the body named just before in the same post chain; a
        stem written without a jurisdiction (``统战部`` after ``市委常委``) takes it.
        """
        text = written.strip()
        if not text:
            return None
        base = re.sub(r"（[^（）]*）$", "", text)  # 市民政局（市社会组织管理局）: alias dropped
        if base in self.specific:
            canon, parent = self.specific[base]
            return Org(written, canon, parent or None, place.name, "specific")
        m = self._party_re.fullmatch(base)
        if m:
            full = self.parties[m.group("party")]
            if m.group("stem").startswith("中央"):
                return Org(written, f"{full}中央委员会", full, None, "democratic_party")
            j = self._j_full(m.group("j"), place, None)
            return Org(written, f"{full}{j or m.group('j') or ''}委员会", full, j or m.group("j"), "democratic_party")
        m = self._body_re.fullmatch(base)
        if m:
            j = self._j_full(m.group("j"), place, inherit)
            canon, parent, kind = self.bodies[m.group("stem")]
            fill = j or m.group("j") or ""  # an unknown place stays as written: 中共区委
            if m.group("sub"):  # a street or town: below the written district, else the article's place
                fill = (fill if m.group("j") else (place.name or "")) + m.group("sub")
            return Org(written, canon.replace("{J}", fill), parent.replace("{J}", fill) or None, fill or None, kind)
        if self.is_free_org(base):
            canon = base
            tail = self._stem_tail_re.search(base)
            if tail and tail.start() >= 2:
                template = self.bodies[tail.group(0)][0]
                if template.startswith("{J}"):  # 四川大学侨联 -> 四川大学归国华侨联合会
                    return Org(written, template.replace("{J}", base[: tail.start()]), None, None, "other")
            if base[0] in _REL and not self.place_re.match(base[1:]):
                j = self._j_full(base[0], place, None)
                if j:
                    canon = j + base[1:]
            else:
                loc = self._local_re.match(base)
                # 东川区阿旺镇卫生院: a public body of a district carries its city; chambers of commerce,
                # associations, companies, firms and places of worship keep their written name
                if loc and loc.end() < len(base) and not base.endswith(_KEEP_WRITTEN):
                    j = self._j_full(loc.group("j"), place, None)
                    if j and j != loc.group("j"):
                        canon = j + base[len(loc.group("j")):]
            return Org(written, canon, None, None, "other")
        return None

    def is_free_org(self, text: str) -> bool:
        """Whether ``text`` can be the name of a body the tables do not know (ends like one)."""
        if len(text) < 3 or len(text) > 30 or re.search(r"[\d，。；、：“”《》]", text):
            return False
        return any(text.endswith(s) for s in self.grammar.get("org_suffix", ()))

    # ---------------------------------------------------------------- people
    def is_surname_start(self, text: str) -> int:
        """Length of the surname ``text`` starts with (2 for compound surnames), or 0."""
        if text[:2] in self.compound_surnames:
            return 2
        return 1 if text[:1] in self.surnames else 0

    def is_collective(self, text: str) -> bool:
        """Whether ``text`` (a candidate name) is a collective mention such as 相关负责同志."""
        return self._collective_re.match(text) is not None

    def work_area_key(self, text: str) -> str | None:
        """The canonical work area that ``text`` names (by canonical name or an alias)."""
        t = re.sub(r"[，、。；\s]", "", text)
        for canon, aliases in self.work_areas.items():
            for a in [canon, *aliases]:
                if re.sub(r"[，、。；\s]", "", a) == t:
                    return canon
        return None


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """Load every table once."""
    titles = {}
    for r in _rows("titles.tsv"):
        implied = _col(r, 2)
        lvl, _, stem = implied.partition(":")
        titles[r[0]] = Title(r[0], _col(r, 1) or "post", lvl or None, stem or None)
    bodies = {r[0]: (_col(r, 1), _col(r, 2), _col(r, 3)) for r in _rows("bodies.tsv")}
    parties: dict[str, str] = {}
    for r in _rows("parties.tsv"):
        parties[r[0]] = r[1]
        for other in filter(None, _col(r, 2).split(",")):
            parties[other] = r[1]
    roles = {r[0]: r[1] for r in _rows("roles.tsv")}
    collectives = [r[0] for r in _rows("collectives.tsv")]
    work_areas = {r[0]: [a for a in _col(r, 1).split(",") if a] for r in _rows("work_areas.tsv")}
    outlets = {r[0]: _col(r, 1) for r in _rows("outlets.tsv")}
    rows = _rows("jurisdictions.tsv")
    # parents (provinces, cities) have unique names; districts and counties may repeat (鼓楼区)
    table = {r[0]: r for r in rows if _col(r, 2) in ("province", "municipality", "city")}

    def full(r: list[str]) -> str:
        """Districts carry their city (鼓楼区 exists in several cities); the rest their own name."""
        parent = _col(r, 3)
        return (full(table[parent]) if parent in table and _col(r, 2) == "district" else "") + r[0]

    def display(r: list[str]) -> str:
        """The whole chain for districts and counties (浙江省湖州市安吉县); cities stand alone."""
        parent = _col(r, 3)
        if parent in table and _col(r, 2) in ("district", "county"):
            up = display(table[parent])
            if _col(table[parent], 2) == "city" and _col(table[parent], 3) in table:
                up = _col(table[parent], 3) + up
            return up + r[0]
        return r[0]

    jurisdictions: dict[str, Jurisdiction] = {}
    for r in rows:  # the first row of a repeated name is its default reading
        j = Jurisdiction(r[0], _col(r, 1), _col(r, 2), _col(r, 3), full(r), display(r))
        jurisdictions.setdefault(j.full, j)
        jurisdictions.setdefault(r[0], j)
    for r in rows:  # shorts last: a full name always wins
        if _col(r, 1):
            jurisdictions.setdefault(_col(r, 1), jurisdictions[r[0]])
    surnames = {r[0] for r in _rows("surnames.tsv")}
    grammar: dict[str, list[str]] = {}
    for r in _rows("grammar.tsv"):
        grammar.setdefault(r[0], []).append(r[1])
    specific: dict[str, tuple[str, str]] = {}
    for path in sorted(data_path("gazetteer").glob("*_bodies.tsv")):
        for r in _rows(path.name):
            specific[r[0]] = (r[0], _col(r, 2))
            for a in filter(None, _col(r, 1).split(",")):
                specific[a] = (r[0], _col(r, 2))
    return Gazetteer(
        titles=titles, bodies=bodies, parties=parties, roles=roles, collectives=collectives,
        work_areas=work_areas, outlets=outlets, jurisdictions=jurisdictions,
        surnames={s for s in surnames if len(s) == 1}, compound_surnames={s for s in surnames if len(s) == 2},
        grammar=grammar, specific=specific,
    )
