"""Unit tests for generator.temporal (DCT-relative expectations)."""
from __future__ import annotations

import json
import time
from datetime import date, datetime

import pytest

from generator.temporal import Timex, annotate
from generator.temporal.export import to_json, to_text, to_timeml

DCT = date(2019, 7, 1)   # a Monday


def one(text: str, dct=DCT) -> Timex:
    found = annotate(text, dct)
    assert len(found) == 1, found
    return found[0]


def find(text: str, phrase: str, dct=DCT) -> Timex:
    for t in annotate(text, dct):
        if t.text == phrase:
            return t
    raise AssertionError(f"{phrase!r} not found in {annotate(text, dct)}")


# ---- absolute dates ------------------------------------------------------
@pytest.mark.parametrize("text,value", [
    ("June 29, 2019", "2019-06-29"),
    ("29 June 2019", "2019-06-29"),
    ("6/29/2019", "2019-06-29"),
    ("2019-06-29", "2019-06-29"),
    ("Dec. 1, 1998", "1998-12-01"),
    ("Sept. 30", "2019-09-30"),
    ("Friday, June 28", "2019-06-28"),
])
def test_absolute_dates(text, value):
    t = one(text)
    assert (t.text, t.type, t.value, t.precision) == (text, "DATE", value, "day")
    d = date.fromisoformat(value)
    assert t.interval == (d, d)


def test_day_range():
    t = one("June 28-29")
    assert t.value == "2019-06-28"
    assert t.interval == (date(2019, 6, 28), date(2019, 6, 29))
    assert t.precision == "day"


def test_month_year_decade():
    t = one("It happened in May 2019.")
    assert (t.text, t.value, t.precision) == ("May 2019", "2019-05", "month")
    t = one("It happened in May.")
    assert (t.text, t.value) == ("May", "2019-05")
    t = one("sales in 2018 rose")
    assert (t.text, t.value, t.interval) == ("2018", "2018", (date(2018, 1, 1), date(2018, 12, 31)))
    t = one("during the 1990s")
    assert t.value == "199" and t.precision == "decade"
    assert t.interval == (date(1990, 1, 1), date(1999, 12, 31))
    assert one("in fiscal 2019").value == "2019"
    assert one("back in the '80s").value == "198"


def test_last_december():
    t = one("They met last December.")
    assert (t.text, t.value, t.precision) == ("last December", "2018-12", "month")


# ---- weekdays and times --------------------------------------------------
def test_weekday_tense():
    assert find("The company said Friday it would close.", "Friday").value == "2019-06-28"
    assert find("The board will meet Friday to decide.", "Friday").value == "2019-07-05"
    assert find("The vote is scheduled for Tuesday.", "Tuesday").value == "2019-07-02"
    assert find("They met on Tuesday.", "Tuesday").value == "2019-06-25"


def test_times():
    t = one("Sunday night")
    assert (t.type, t.value, t.interval, t.precision) == ("TIME", "2019-06-30TNI", (date(2019, 6, 30),) * 2, "day")
    t = one("The speech starts at 8 p.m. ET.")
    assert t.text == "8 p.m. ET" and t.type == "TIME" and t.value == "2019-07-01T20:00"
    t = one("this morning")
    assert t.value == "2019-07-01TMO" and t.type == "TIME"


# ---- relative --------------------------------------------------------------
@pytest.mark.parametrize("text,value,precision", [
    ("yesterday", "2019-06-30", "day"),
    ("today", "2019-07-01", "day"),
    ("tomorrow", "2019-07-02", "day"),
    ("last week", "2019-W26", "week"),
    ("next month", "2019-08", "month"),
    ("this year", "2019", "year"),
    ("a year earlier", "2018", "year"),
])
def test_relative(text, value, precision):
    t = one(text)
    assert (t.text, t.value, t.precision) == (text, value, precision)


def test_this_past_weekend():
    t = one("Fans gathered this past weekend.")
    assert (t.text, t.value) == ("this past weekend", "2019-W26-WE")
    assert t.interval == (date(2019, 6, 29), date(2019, 6, 30))
    assert t.precision == "weekend"


def test_months_ago():
    t = one("an impasse two months ago")
    assert (t.text, t.value, t.precision) == ("two months ago", "2019-05", "month")
    assert t.interval == (date(2019, 5, 1), date(2019, 5, 31))


def test_earlier_this_year():
    t = one("earlier this year")
    assert t.value == "2019" and t.mod == "START"
    assert t.interval[0] == date(2019, 1, 1) and t.interval[1] <= DCT


def test_anchored():
    ts = annotate("The talks began on March 3, 2015. Two days later they collapsed.", DCT)
    assert ts[1].text == "Two days later" and ts[1].value == "2015-03-05"
    ts = annotate("The plant closed on March 3, 2015. The day before, workers protested.", DCT)
    assert ts[1].text == "The day before" and ts[1].value == "2015-03-02"
    ts = annotate("Sales fell in March 2015. The following month they rose.", DCT)
    assert ts[1].value == "2015-04"


# ---- parts and modifiers -----------------------------------------------------
def test_parts():
    t = one("early June")
    assert t.mod == "START" and t.interval == (date(2019, 6, 1), date(2019, 6, 10))
    t = one("mid-June")
    assert t.mod == "MID" and t.interval == (date(2019, 6, 11), date(2019, 6, 20))
    t = one("late June")
    assert t.mod == "END" and t.interval == (date(2019, 6, 21), date(2019, 6, 30))
    t = one("mid-2018")
    assert t.value == "2018" and t.mod == "MID"
    t = one("late last year")
    assert t.value == "2018" and t.mod == "END"
    t = one("the first half of 2019")
    assert (t.value, t.precision, t.interval) == ("2019-H1", "half", (date(2019, 1, 1), date(2019, 6, 30)))
    assert one("in the second quarter").value == "2019-Q2"
    assert one("Q3 results").value == "2019-Q3"
    t = one("last summer")
    assert (t.value, t.precision) == ("2018-SU", "season")   # summer 2019 is under way on 2019-07-01
    assert one("this summer").value == "2019-SU"


# ---- references, durations, sets ----------------------------------------------
@pytest.mark.parametrize("text,value", [
    ("now", "PRESENT_REF"), ("currently", "PRESENT_REF"), ("recently", "PAST_REF"),
    ("in the past", "PAST_REF"), ("in the future", "FUTURE_REF"),
])
def test_refs(text, value):
    t = one(text)
    assert t.value == value and t.type == "DATE" and t.interval is None and t.precision is None


@pytest.mark.parametrize("text,typ,value", [
    ("two months", "DURATION", "P2M"), ("three years", "DURATION", "P3Y"), ("5 1/2 hours", "DURATION", "PT5H30M"),
    ("every week", "SET", "P1W"), ("weekly", "SET", "P1W"), ("each year", "SET", "P1Y"),
    ("every Monday", "SET", "XXXX-WXX-1"),
])
def test_durations_sets(text, typ, value):
    t = one(text)
    assert (t.type, t.value, t.interval) == (typ, value, None)


# ---- false positives ------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "the minister may resign", "May I ask?", "in the second round", "thousands march on the capital",
    "a march through town", "stocks were up 12%", "it sold 2000 copies", "call 555-1234",
    "the team won 3-1", "a rate of 12.5 points", "1,500 troops", "it cost $2019", "prices fall sharply",
    "a second opinion",
])
def test_false_positives(text):
    assert annotate(text, DCT) == ()


# ---- export ------------------------------------------------------------------------
def test_exports():
    text = "On June 29, 2019 & later, R&D <grew>."
    ts = annotate(text, datetime(2019, 7, 1, 12, 0))
    xml = to_timeml(text, DCT, ts)
    assert xml.startswith('<?xml version="1.0"?>\n<TimeML>\n<DCT><TIMEX3 tid="t0" type="DATE" value="2019-07-01"')
    assert '<TIMEX3 tid="t1" type="DATE" value="2019-06-29">June 29, 2019</TIMEX3>' in xml
    assert "&amp; later, R&amp;D &lt;grew&gt;." in xml
    doc = json.loads(to_json(text, DCT, ts))
    assert doc["dct"] == "2019-07-01"
    assert doc["timexes"][0]["interval"] == ["2019-06-29", "2019-06-29"]
    assert set(doc["timexes"][0]) == {"start", "end", "text", "type", "value", "mod", "interval", "precision"}
    assert "2019-06-29..2019-06-29" in to_text(text, DCT, ts)


def test_datetime_dct_and_types():
    assert annotate("yesterday", datetime(2019, 7, 1, 23, 59))[0].value == "2019-06-30"
    with pytest.raises(TypeError):
        annotate("yesterday", "2019-07-01")


# ---- linear-time regexes ---------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "1" * 10**6, "May " * 200000, "the " * 300000, ", , ," * 150000, "12:" * 300000, "- 1" * 300000,
    "June 29, " * 100000, "two " * 250000, "early " * 150000, "a.m. " * 200000, " " * 10**6,
    "1/1/" * 250000, "the past " * 100000,
], ids=lambda s: repr(s[:12]))
def test_adversarial_speed(text):
    t0 = time.perf_counter()
    annotate(text[:10**6], DCT)
    assert time.perf_counter() - t0 < 3.0
