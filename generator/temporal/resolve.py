"""Normalization: calendar arithmetic and TIMEX3 value/interval computation.

A resolved calendar value is a ``Cal``: a granularity plus the fields that
identify one unit of that granularity.  ``Cal`` knows its TimeML value string,
its inclusive date interval and how to step by whole units, which is all the
rule handlers in ``finder`` need.

Conventions (documented choices, not facts):
  * weeks are ISO weeks; "weekend" is Saturday+Sunday of an ISO week;
  * seasons are meteorological (SP = Mar-May, SU = Jun-Aug, FA = Sep-Nov,
    WI = Dec-Feb, labelled with the year of its December); "this summer" is
    the one of the reference year, "last summer" the one of the year before
    (so on 2019-07-01 "last summer" is 2018-SU, and on 1989-10-26 "last
    spring" is 1988-SP, as TimeBank annotates), "next summer" the first that
    starts after the reference date;
  * "early" / "mid" / "late" cut an interval in thirds (a month: 1-10, 11-20,
    21-end);
  * decades have value ``199`` for the 1990s (TimeML's "3-digit decade").
"""
from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache

date = _dt.date

SEASON_CODES = ("SP", "SU", "FA", "WI")
_SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
PRECISIONS = {"day", "weekend", "week", "month", "quarter", "season", "half", "year", "decade"}


@dataclass(frozen=True, slots=True)
class Cal:
    gran: str   # day|weekend|week|month|quarter|season|half|year|decade|century
    y: int      # year (ISO year for week/weekend; first year for decade/century)
    n: int = 0  # month, ISO week, quarter, half, season index (0..3)
    d: int = 0  # day of month

    # ---- TimeML value -------------------------------------------------
    @property
    def value(self) -> str:
        g, y = self.gran, self.y
        if g == "day":
            return f"{y:04d}-{self.n:02d}-{self.d:02d}"
        if g == "month":
            return f"{y:04d}-{self.n:02d}"
        if g == "week":
            return f"{y:04d}-W{self.n:02d}"
        if g == "weekend":
            return f"{y:04d}-W{self.n:02d}-WE"
        if g == "quarter":
            return f"{y:04d}-Q{self.n}"
        if g == "half":
            return f"{y:04d}-H{self.n}"
        if g == "season":
            return f"{y:04d}-{SEASON_CODES[self.n]}"
        if g == "year":
            return f"{y:04d}"
        if g == "decade":
            return f"{y // 10:03d}"
        return f"{y // 100:02d}"   # century

    # ---- inclusive calendar interval ------------------------------------
    @property
    def interval(self) -> tuple[date, date]:
        return _interval(self)

    def first_day(self) -> date:
        return _interval(self)[0]

    # ---- arithmetic -----------------------------------------------------
    def add(self, k: int) -> "Cal":
        """Step k units of this value's own granularity."""
        g = self.gran
        if k == 0:
            return self
        if g == "day":
            return day_cal(self.first_day() + _dt.timedelta(days=k))
        if g in ("week", "weekend"):
            return at(self.first_day() + _dt.timedelta(weeks=k), g)
        if g == "month":
            i = self.y * 12 + self.n - 1 + k
            return Cal("month", i // 12, i % 12 + 1)
        if g == "quarter":
            i = self.y * 4 + self.n - 1 + k
            return Cal("quarter", i // 4, i % 4 + 1)
        if g == "half":
            i = self.y * 2 + self.n - 1 + k
            return Cal("half", i // 2, i % 2 + 1)
        if g == "season":
            i = self.y * 4 + self.n + k
            return Cal("season", i // 4, i % 4)
        if g == "year":
            return Cal("year", self.y + k)
        if g == "decade":
            return Cal("decade", self.y + 10 * k)
        return Cal("century", self.y + 100 * k)


def day_cal(d: date) -> Cal:
    return Cal("day", d.year, d.month, d.day)


def at(d: date, gran: str) -> Cal:
    """The unit of granularity ``gran`` that contains day ``d``."""
    if gran == "day":
        return day_cal(d)
    if gran in ("week", "weekend"):
        iy, iw, _ = d.isocalendar()
        return Cal(gran, iy, iw)
    if gran == "month":
        return Cal("month", d.year, d.month)
    if gran == "quarter":
        return Cal("quarter", d.year, (d.month - 1) // 3 + 1)
    if gran == "half":
        return Cal("half", d.year, 1 if d.month <= 6 else 2)
    if gran == "season":
        if d.month == 12:
            return Cal("season", d.year, 3)
        if d.month <= 2:
            return Cal("season", d.year - 1, 3)
        return Cal("season", d.year, (d.month - 3) // 3)
    if gran == "year":
        return Cal("year", d.year)
    if gran == "decade":
        return Cal("decade", d.year - d.year % 10)
    return Cal("century", d.year - d.year % 100)


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


@lru_cache(maxsize=4096)
def _interval(c: Cal) -> tuple[date, date]:
    g, y = c.gran, c.y
    if g == "day":
        d = date(y, c.n, c.d)
        return d, d
    if g in ("week", "weekend"):
        mon = date.fromisocalendar(y, c.n, 1)
        if g == "weekend":
            return mon + _dt.timedelta(days=5), mon + _dt.timedelta(days=6)
        return mon, mon + _dt.timedelta(days=6)
    if g == "month":
        return date(y, c.n, 1), _month_end(y, c.n)
    if g == "quarter":
        m = 3 * (c.n - 1) + 1
        return date(y, m, 1), _month_end(y, m + 2)
    if g == "half":
        m = 6 * (c.n - 1) + 1
        return date(y, m, 1), _month_end(y, m + 5)
    if g == "season":
        m = _SEASON_START_MONTH[SEASON_CODES[c.n]]
        first = date(y, m, 1)
        em, ey = m + 2, y
        if em > 12:
            em, ey = em - 12, y + 1
        return first, _month_end(ey, em)
    if g == "year":
        return date(y, 1, 1), date(y, 12, 31)
    if g == "decade":
        return date(y, 1, 1), date(y + 9, 12, 31)
    return date(max(y, 1), 1, 1), date(y + 99, 12, 31)


def mod_interval(c: Cal, mod: str | None, ref: date | None = None) -> tuple[date, date]:
    """Interval of ``c`` narrowed by a TimeML mod.  START/MID/END take a third
    (a month: days 1-10 / 11-20 / 21-end).  ``ref`` (the DCT) narrows the
    "earlier this year" / "later this year" cases, marked by mod
    START/END plus ``ref`` inside the interval."""
    a, b = c.interval
    if mod not in ("START", "MID", "END"):
        return a, b
    if c.gran == "month":
        if mod == "START":
            return a, a.replace(day=10)
        if mod == "MID":
            return a.replace(day=11), a.replace(day=20)
        return a.replace(day=21), b
    span = (b - a).days + 1
    third = max(span // 3, 1)
    if mod == "START":
        return a, min(b, a + _dt.timedelta(days=third - 1))
    if mod == "MID":
        s = min(b, a + _dt.timedelta(days=third))
        return s, max(s, min(b, a + _dt.timedelta(days=2 * third - 1)))
    return max(a, b - _dt.timedelta(days=third - 1)), b


def easter(y: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(y, month, day)


def holiday_date(name: str, y: int) -> date | None:
    n = " ".join(name.lower().split())
    if n.startswith("christmas"):
        return date(y, 12, 24) if n.endswith("eve") else date(y, 12, 25)
    if n.startswith("new year"):
        return date(y, 12, 31) if n.endswith("eve") else date(y, 1, 1)
    if n.startswith("thanksgiving"):
        first = date(y, 11, 1)
        return first + _dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if n.startswith("independence") or n.endswith("of july"):
        return date(y, 7, 4)
    if n.startswith("easter"):
        return easter(y)
    if n.startswith("halloween"):
        return date(y, 10, 31)
    if n.startswith("valentine"):
        return date(y, 2, 14)
    if n.startswith("election"):
        # US Election Day: the Tuesday after the first Monday of November
        first = date(y, 11, 1)
        return first + _dt.timedelta(days=(0 - first.weekday()) % 7 + 1)
    return None


# ---- duration values ----------------------------------------------------
_DUR_UNIT = {"S": ("T", "S"), "M": ("", "M"), "H": ("T", "H"), "D": ("", "D"), "W": ("", "W"),
             "Y": ("", "Y"), "Q": ("", "Q"), "WE": ("", "WE")}


def duration_value(n: float | None, unit: str) -> str:
    """TimeML duration for n units (unit: second/minute/.../century)."""
    u = unit.lower().rstrip("s") if unit.lower() not in ("centuries",) else "century"
    if u == "centurie":
        u = "century"
    if n is None:
        code = {"second": "TXS", "minute": "TXM", "hour": "TXH", "day": "XD", "night": "XD",
                "week": "XW", "weekend": "XWE", "fortnight": "XW", "month": "XM", "quarter": "XQ",
                "year": "XY", "decade": "XDE", "century": "XCE"}.get(u, "XY")
        return "P" + code
    # scale awkward units into plain ones
    if u == "fortnight":
        u, n = "week", n * 2
    elif u == "decade":
        u, n = "year", n * 10
    elif u == "century":
        u, n = "year", n * 100
    if n != int(n):
        # fractions: descend to the next smaller unit ("5 1/2 hours" -> PT5H30M)
        whole, frac = int(n), n - int(n)
        sub = {"year": ("month", 12), "month": ("day", 30), "week": ("day", 7), "day": ("hour", 24),
               "hour": ("minute", 60), "minute": ("second", 60), "quarter": ("month", 3)}.get(u)
        if sub:
            if whole == 0:
                return duration_value(round(frac * sub[1]), sub[0])
            a = duration_value(whole, u)
            b = duration_value(round(frac * sub[1]), sub[0])
            if "T" in b and "T" in a:
                return a + b.split("T", 1)[1]
            if "T" in b:
                return a + b[1:]
            return a + b[1:]
        n = round(n)
    n = int(n)
    letter = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
              "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y"}.get(u, "Y")
    if letter.startswith("T"):
        return f"PT{n}{letter[1:]}"
    return f"P{n}{letter}"
