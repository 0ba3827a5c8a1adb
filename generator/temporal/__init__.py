"""Temporal-expression tagging for English news prose.

``annotate(text, dct)`` finds temporal expressions and normalizes them to
TimeML TIMEX3 values relative to the document creation time (DCT).

Pipeline: ``lexicon`` (word tables + one master regex) -> ``finder`` (scan,
filter false positives, resolve each hit against DCT / anchors, using the
calendar arithmetic in ``resolve``).  ``export`` serializes the result
(inline TimeML, JSON, a text table).  dateparser is never used by
``annotate``; ``fallback.parse_date`` uses it, lazily, for odd stand-alone
date strings the rules cannot read.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Timex", "annotate"]


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    text: str
    type: str            # DATE | TIME | DURATION | SET
    value: str
    mod: str | None
    interval: tuple[_dt.date, _dt.date] | None
    precision: str | None


def _as_date(dct: _dt.date | _dt.datetime) -> _dt.date:
    if isinstance(dct, _dt.datetime):
        return dct.date()
    if isinstance(dct, _dt.date):
        return dct
    raise TypeError(f"dct must be a date or datetime, not {type(dct).__name__}")


def annotate(text: str, dct: _dt.date | _dt.datetime) -> tuple[Timex, ...]:
    """All temporal expressions in text, in order of start offset, non-overlapping."""
    if not isinstance(text, str):
        raise TypeError("text must be str")
    return _annotate(text, _as_date(dct))


@lru_cache(maxsize=32)
def _annotate(text: str, dct: _dt.date) -> tuple[Timex, ...]:
    from .finder import find
    from .resolve import PRECISIONS

    out: list[Timex] = []
    last_end = -1
    for h in find(text, dct):
        if h.start < last_end or h.end <= h.start:
            continue
        iv, prec = None, None
        if h.type in ("DATE", "TIME") and h.cal is not None and h.interval is not None:
            gran = "day" if h.type == "TIME" else h.cal.gran
            if gran in PRECISIONS:
                a, b = h.interval
                iv, prec = ((a, b) if a <= b else (b, a)), gran
                if h.cal.gran == "day" and a != b:
                    prec = "day"
        out.append(Timex(h.start, h.end, text[h.start:h.end], h.type, h.value, h.mod, iv, prec))
        last_end = h.end
    return tuple(out)
