"""Meeting dates: ``2月26日`` with the year from the text, the meeting name, the dateline or the
publication date; ``昨天``/``今天``/``日前`` relative to the dateline (publication date)."""

from __future__ import annotations

import datetime as dt
import re

FULL = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
RELATIVE = {"前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "日前": 0, "近日": 0, "当天": 0, "当日": 0}
REL_RE = re.compile("|".join(RELATIVE))
YEAR_IN_NAME = re.compile(r"(\d{4})年(?!度)")


def resolve(text: str, published: dt.date | None, name: str | None = None) -> tuple[str | None, tuple[int, int] | None]:
    """The ISO date a meeting sentence gives, and the span of the date words in ``text``.

    The year, when not written, comes from the meeting name (``2024年全市…会议``), else from the
    publication date (the year whose date is on or before publication). ``日前``/``近日`` ("in recent
    days") give no date.
    """
    m = FULL.search(text)
    if m:
        year = int(m.group(1)) if m.group(1) else None
        month, day = int(m.group(2)), int(m.group(3))
        if year is None and name:
            ym = YEAR_IN_NAME.search(name)
            # a year in the name, unless it puts the day after publication (2024年…迎新座谈会 on 12月29日)
            if ym and (published is None or (int(ym.group(1)), month, day) <= (published.year, published.month, published.day)):
                year = int(ym.group(1))
        if year is None and published is not None:
            year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
        if year is None:
            return None, m.span()
        try:
            return dt.date(year, month, day).isoformat(), m.span()
        except ValueError:
            return None, m.span()
    r = REL_RE.search(text)
    if r and r.group(0) in ("日前", "近日"):
        return None, r.span()  # 'in recent days': no day can be told
    if r and published is not None:
        return (published + dt.timedelta(days=RELATIVE[r.group(0)])).isoformat(), r.span()
    return None, None


def reference_day(published: dt.date | None, dateline: tuple[int, int] | None) -> dt.date | None:
    """The day ``昨天``/``今天`` count from: the dateline's day (``新华社上海2月26日电``, its year from
    the publication date), else the publication date."""
    if dateline is None or published is None:
        return published
    month, day = dateline
    year = published.year if (month, day) <= (published.month, published.day) else published.year - 1
    try:
        return dt.date(year, month, day)
    except ValueError:
        return published
