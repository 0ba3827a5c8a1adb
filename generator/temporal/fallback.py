"""Normalize one stand-alone date string, with dateparser as a last resort.

``annotate`` never calls this: it is for callers holding a single date-like
string (front matter, a feed's ``pubDate``, a user-typed date) that may be in
a format the tagger's rules do not cover ("29.06.2019", "Sat, 29 Jun 2019
20:00:00 +0000", "le 29 juin 2019").  dateparser is imported lazily, on the
first string the rules cannot handle, so it costs nothing otherwise.
"""
from __future__ import annotations

import datetime as _dt
from functools import lru_cache

from . import annotate


def parse_date(s: str, dct: _dt.date | _dt.datetime) -> _dt.date | None:
    """The calendar day a date string denotes, or None.

    First the tagger: if one DATE/TIME expression with day precision covers
    the (stripped) string, its day is returned.  Otherwise dateparser parses
    it, relative to ``dct`` (required: the result never depends on the clock)."""
    base = dct.date() if isinstance(dct, _dt.datetime) else dct
    return _parse(s.strip(), base)


@lru_cache(maxsize=4096)
def _parse(s: str, base: _dt.date) -> _dt.date | None:
    if not s:
        return None
    found = annotate(s, base)
    if len(found) == 1 and found[0].precision == "day" and len(found[0].text) >= len(s) - 2:
        return found[0].interval[0]
    import dateparser  # lazy: heavy import, only for strings the rules cannot read

    got = dateparser.parse(s, settings={"RELATIVE_BASE": _dt.datetime.combine(base, _dt.time(12)),
                                        "PREFER_DATES_FROM": "past"})
    return got.date() if got else None
