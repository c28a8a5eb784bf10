"""Extraction: from a normalised, structured article to an :class:`ArticleRecord`.

>>> rec = extract("市委统战部召开座谈会\\n5月6日，市委统战部召开2024年民营经济座谈会。"
...               "市委常委、统战部部长王明出席会议并讲话。", "x.txt")
>>> [(p.name, p.roles) for p in rec.people]
[('王明', ['attended', 'spoke'])]
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..document import parse
from ..gazetteer import load
from ..io import read_source
from ..normalise import Normalised, normalise
from .awards import extract_awards
from .context import Context
from .dates import reference_day
from .jurisdiction import infer_place
from .meetings import extract_meeting
from .people import extract_people
from .records import ArticleRecord
from .tasks import extract_work_areas

__all__ = ["extract", "extract_file", "ArticleRecord"]


def extract(data: Normalised | bytes | str, source: str) -> ArticleRecord:
    """Extract every fact of one article given as bytes, text or an already normalised text."""
    norm = data if isinstance(data, Normalised) else normalise(data, source)
    raw_bytes = data if isinstance(data, bytes) else norm.raw.encode("utf-8")
    gaz = load()
    doc = parse(norm)
    place_name = infer_place(doc, gaz)
    ctx = Context(doc, gaz, gaz.place(place_name), reference_day(doc.meta.published, doc.meta.dateline_date))
    people, deployments = extract_people(ctx)
    rec = ArticleRecord(
        source=source,
        headline=doc.headline.text if doc.headline else None,
        jurisdiction=gaz.display(place_name),
        meeting=extract_meeting(ctx),
        people=people,
        awards=extract_awards(ctx),
        work_areas=extract_work_areas(ctx, deployments),
        outlet=doc.meta.outlet,
        published=doc.meta.published.isoformat() if doc.meta.published else None,
        content_hash=hashlib.sha256(raw_bytes).hexdigest(),
        encoding=norm.encoding,
        warnings=ctx.warnings,
        damaged=[{"raw_start": d.raw_start, "raw_end": d.raw_end, "text": d.text} for d in norm.damaged],
    )
    if place_name is None:
        rec.warnings.append("jurisdiction not found: relative bodies (市委) left without a place")
    return rec


def extract_file(path: Path | str) -> ArticleRecord:
    """Read, normalise and extract one file; ``source`` is the file name as given."""
    name, data = read_source(path)
    return extract(data, name)
