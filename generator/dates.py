"""Calendar values for the timeline: TimeML values to intervals, and dates written for readers."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .model import DateSpan

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
SEASONS = {"WI": "winter", "SP": "spring", "SU": "summer", "FA": "fall", "AU": "fall"}
# Meteorological seasons (northern hemisphere): the usual reading of "last summer" in news.
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11)}

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|AU|WI)$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def span_from_timeml(value: str, mod: str | None = None) -> DateSpan | None:
    """The calendar interval of a TimeML DATE value, or None when it names no fixed interval.

    >>> span_from_timeml("2019-W26-WE").start
    datetime.date(2019, 6, 29)
    """
    value = value.strip()
    try:
        if m := _DAY.match(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return DateSpan(day, day, "day", value, mod)
        if m := _MONTH.match(value):
            year, month = int(m[1]), int(m[2])
            return _with_mod(DateSpan(dt.date(year, month, 1), _last_day(year, month), "month", value), mod)
        if m := _YEAR.match(value):
            year = int(m[1])
            return _with_mod(DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", value), mod)
        if m := _DECADE.match(value):
            first = int(m[1]) * 10
            if first < 1:
                return None
            return _with_mod(DateSpan(dt.date(first, 1, 1), dt.date(first + 9, 12, 31), "decade", value), mod)
        if m := _QUARTER.match(value):
            year, quarter = int(m[1]), int(m[2])
            first = 3 * quarter - 2
            return DateSpan(dt.date(year, first, 1), _last_day(year, first + 2), "quarter", value, mod)
        if m := _HALF.match(value):
            year, half = int(m[1]), int(m[2])
            return DateSpan(dt.date(year, 6 * half - 5, 1), _last_day(year, 6 * half), "half", value, mod)
        if m := _SEASON.match(value):
            year, season = int(m[1]), m[2]
            if season == "WI":  # winter of YEAR: December YEAR to February YEAR+1
                return DateSpan(dt.date(year, 12, 1), _last_day(year + 1, 2), "season", value, mod)
            first, last = _SEASON_MONTHS[season]
            return DateSpan(dt.date(year, first, 1), _last_day(year, last), "season", value, mod)
        if m := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            if m[3]:
                return DateSpan(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6),
                                "weekend", value, mod)
            return DateSpan(monday, monday + dt.timedelta(days=6), "week", value, mod)
    except (ValueError, OverflowError):
        return None
    return None


def _with_mod(span: DateSpan, mod: str | None) -> DateSpan:
    """Narrow a month/year/decade to its early, middle or late third for START/MID/END."""
    if mod not in ("START", "MID", "END"):
        return DateSpan(span.start, span.end, span.precision, span.value, mod)
    total = (span.end - span.start).days + 1
    third = total // 3
    if mod == "START":
        start, end = span.start, span.start + dt.timedelta(days=third - 1)
    elif mod == "MID":
        start, end = span.start + dt.timedelta(days=third), span.start + dt.timedelta(days=2 * third - 1)
    else:
        start, end = span.start + dt.timedelta(days=2 * third), span.end
    return DateSpan(start, end, span.precision, span.value, mod)


_MOD_WORDS = {"START": "early", "MID": "mid-", "END": "late"}


def format_span(span: DateSpan) -> str:
    """The date as a reader expects it at its precision: "June 29, 2019", "May 2019" ..."""
    start, end = span.start, span.end
    precision = span.precision
    if precision == "week" and (end - start).days != 6:
        precision = "day"  # part of a week ("later that week": from the day under discussion): its days
    if precision == "day":
        if start == end:
            return f"{MONTHS[start.month - 1]} {start.day}, {start.year}"
        if (start.year, start.month) == (end.year, end.month):
            return f"{MONTHS[start.month - 1]} {start.day}\u2013{end.day}, {start.year}"
        if start.year == end.year:
            return f"{MONTHS[start.month - 1]} {start.day} \u2013 {MONTHS[end.month - 1]} {end.day}, {start.year}"
        return f"{format_day(start)} \u2013 {format_day(end)}"
    if precision == "weekend":
        if start.month == end.month:
            return f"the weekend of {MONTHS[start.month - 1]} {start.day}\u2013{end.day}, {start.year}"
        return (f"the weekend of {MONTHS[start.month - 1]} {start.day} \u2013 "
                f"{MONTHS[end.month - 1]} {end.day}, {end.year}")
    if precision == "week":
        return f"the week of {format_day(start)}"
    prefix = _MOD_WORDS.get(span.mod or "", "")
    if prefix and precision in ("month", "year", "decade") and _reaches_past_its_part(span):
        # "earlier this year" written on Dec. 2: Jan. 1 to Dec. 2, far more than its early part
        prefix = "earlier in" if span.mod == "START" else "later in"
    if precision == "month" and (start.year, start.month) != (end.year, end.month) and not span.mod:
        # ("from March to May 2010", "late August or early September")
        if start.year == end.year:
            return f"{MONTHS[start.month - 1]} \u2013 {MONTHS[end.month - 1]} {end.year}"
        return f"{MONTHS[start.month - 1]} {start.year} \u2013 {MONTHS[end.month - 1]} {end.year}"
    if precision == "month":
        month = dt.date.fromisoformat(span.value + "-01") if _MONTH.match(span.value) else start
        text = f"{MONTHS[month.month - 1]} {month.year}"
        return _prefixed(prefix, text)
    if precision == "quarter":
        return f"Q{(start.month - 1) // 3 + 1} {start.year}"
    if precision == "half":
        return f"{'first' if start.month <= 6 else 'second'} half of {start.year}"
    if precision == "season":
        season = SEASONS.get(span.value[-2:], "season")
        if start.year != end.year:  # winter straddles the new year
            return f"{season} {start.year}\u2013{end.year % 100:02d}"
        return f"{season} {start.year}"
    if precision == "year" and end.year > start.year and not span.mod:  # ("from 2006 to 2008", "2019/20")
        return f"{start.year}\u2013{end.year}"
    if precision == "year":
        year = int(span.value[:4]) if _YEAR.match(span.value) else start.year
        return _prefixed(prefix, str(year))
    if precision == "decade":
        decade = int(span.value) * 10 if _DECADE.match(span.value) else start.year // 10 * 10
        return _prefixed(prefix, f"the {decade}s")
    return format_day(start)


def _reaches_past_its_part(span: DateSpan) -> bool:
    """A START/END span that runs past the middle of its month, year or decade: one bounded
    by the publication date ("earlier this year" on Dec. 2), not "early"/"late" in it."""
    start, end = span.start, span.end
    if span.mod not in ("START", "END"):
        return False
    if span.precision == "month":
        return end.day > 15 if span.mod == "START" else start.day < 15
    first = start.year if span.mod == "START" else end.year
    if span.precision == "decade":
        first -= first % 10
    whole = (dt.date(first, 1, 1), dt.date(first + (9 if span.precision == "decade" else 0), 12, 31))
    middle = whole[0] + (whole[1] - whole[0]) / 2
    return end > middle if span.mod == "START" else start < middle


def _prefixed(prefix: str, text: str) -> str:
    if not prefix:
        return text
    if prefix.endswith("-"):
        return prefix + text.removeprefix("the ")
    if text.startswith("the ") and not prefix.endswith(" in"):
        return f"the {prefix} {text[4:]}"  # "the late 1980s"
    return f"{prefix} {text}"


def format_day(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def machine_date(span: DateSpan) -> str:
    """The date as an HTML <time datetime> value at its precision: 2019-06-29, 2019-W26 (a week
    or a weekend), 2019-06 (a month; the first month of a quarter, season or half), 2019 (a
    year; the first year of a decade)."""
    start, precision = span.start, span.precision
    if precision == "day":
        return start.isoformat()
    if precision in ("week", "weekend"):
        year, week, _ = start.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if precision in ("month", "quarter", "season", "half"):
        return f"{start.year:04d}-{start.month:02d}"
    return f"{start.year:04d}"
