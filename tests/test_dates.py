import datetime as dt

import pytest

from generator.dates import format_span, machine_date, span_from_timeml
from generator.model import DateSpan


@pytest.mark.parametrize("value, mod, start, end, precision, shown", [
    ("2019-06-29", None, "2019-06-29", "2019-06-29", "day", "June 29, 2019"),
    ("2019-W26-WE", None, "2019-06-29", "2019-06-30", "weekend", "the weekend of June 29\u201330, 2019"),
    ("2019-W27", None, "2019-07-01", "2019-07-07", "week", "the week of July 1, 2019"),
    ("2019-05", None, "2019-05-01", "2019-05-31", "month", "May 2019"),
    ("2019-06", "START", "2019-06-01", "2019-06-10", "month", "early June 2019"),
    ("2019-02", "END", "2019-02-19", "2019-02-28", "month", "late February 2019"),
    ("2019-Q2", None, "2019-04-01", "2019-06-30", "quarter", "Q2 2019"),
    ("2019-SU", None, "2019-06-01", "2019-08-31", "season", "summer 2019"),
    ("2019-WI", None, "2019-12-01", "2020-02-29", "season", "winter 2019\u201320"),
    ("2019-H1", None, "2019-01-01", "2019-06-30", "half", "first half of 2019"),
    ("2019", None, "2019-01-01", "2019-12-31", "year", "2019"),
    ("201", None, "2010-01-01", "2019-12-31", "decade", "the 2010s"),
    ("198", "END", "1986-08-31", "1989-12-31", "decade", "the late 1980s"),
    ("198", "MID", "1983-05-02", "1986-08-30", "decade", "mid-1980s"),
])
def test_timeml_values_become_intervals_written_at_their_precision(value, mod, start, end, precision, shown):
    span = span_from_timeml(value, mod)
    assert (span.start.isoformat(), span.end.isoformat(), span.precision) == (start, end, precision)
    assert format_span(span) == shown


@pytest.mark.parametrize("value", ["PRESENT_REF", "P2M", "2019-02-30", "XXXX-WXX-1", "2019-W60", "nonsense"])
def test_values_without_a_fixed_interval(value):
    assert span_from_timeml(value) is None


@pytest.mark.parametrize("start, end, precision, value, mod, shown", [
    # "earlier this year" / "later this month": bounded by the publication day, not early or late
    ("2018-01-01", "2018-12-02", "year", "2018", "START", "earlier in 2018"),
    ("2018-12-02", "2018-12-31", "year", "2018", "END", "late 2018"),
    ("2018-05-14", "2018-12-31", "year", "2018", "END", "later in 2018"),
    ("2019-05-01", "2019-05-24", "month", "2019-05", "START", "earlier in May 2019"),
    ("2019-05-01", "2019-05-02", "month", "2019-05", "START", "early May 2019"),
    ("1980-01-01", "1986-12-31", "decade", "198", "START", "earlier in the 1980s"),
])
def test_a_part_up_to_the_publication_day_is_no_early_or_late_part(start, end, precision, value, mod, shown):
    span = DateSpan(dt.date.fromisoformat(start), dt.date.fromisoformat(end), precision, value, mod)
    assert format_span(span) == shown


def test_day_range_within_a_month():
    span = DateSpan(dt.date(2019, 6, 28), dt.date(2019, 6, 29), "day", "2019-06-28")
    assert format_span(span) == "June 28\u201329, 2019"


def test_part_of_a_week_is_written_as_its_days():
    # "later that week", said of a Wednesday: Wednesday to Sunday, not "the week of" a Wednesday
    span = DateSpan(dt.date(2024, 2, 21), dt.date(2024, 2, 25), "week", "2024-W08", "END")
    assert format_span(span) == "February 21\u201325, 2024"


def test_span_refuses_to_end_before_it_starts():
    with pytest.raises(ValueError):
        DateSpan(dt.date(2019, 6, 29), dt.date(2019, 6, 28), "day", "2019-06-29")


def test_month_sorts_before_its_days():
    month = span_from_timeml("2019-05")
    day = span_from_timeml("2019-05-01")
    assert sorted([day, month], key=lambda s: s.sort_key) == [month, day]


@pytest.mark.parametrize("value, machine", [
    ("2019-06-29", "2019-06-29"), ("2019-W26-WE", "2019-W26"), ("2019-W27", "2019-W27"), ("2019-05", "2019-05"),
    ("2019-Q2", "2019-04"), ("2019-H1", "2019-01"), ("2019", "2019"), ("198", "1980"),
])
def test_a_span_in_a_time_element_is_written_at_its_precision(value, machine):
    # valid HTML <time datetime> values: a date, a week, a month or a year string
    assert machine_date(span_from_timeml(value)) == machine


@pytest.mark.parametrize("start, end, precision, value, shown", [
    ("2006-01-01", "2008-04-30", "year", "2006", "2006\u20132008"),  # "from 2006 to early 2008"
    ("2019-01-01", "2020-12-31", "year", "2019", "2019\u20132020"),  # "the 2019/20 season"
    ("2010-03-01", "2010-05-31", "month", "2010-03", "March \u2013 May 2010"),
    ("2009-04-01", "2010-03-31", "month", "2009-04", "April 2009 \u2013 March 2010"),
])
def test_a_range_of_months_or_years_is_written_whole(start, end, precision, value, shown):
    span = DateSpan(dt.date.fromisoformat(start), dt.date.fromisoformat(end), precision, value)
    assert format_span(span) == shown
