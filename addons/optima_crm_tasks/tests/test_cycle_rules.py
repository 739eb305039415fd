# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""TASK-25 … TASK-27 cycle rules (AS-28 … AS-33), without a database.

Run with ``python3 -m pytest addons/optima_crm_tasks/tests/test_cycle_rules.py -p no:odoo``.
"""

import calendar
import itertools
import os
import tempfile
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

# Hypothesis caches data in ./.hypothesis by default, i.e. in the repository root;
# the suite keeps its caches out of the working tree (make test disables pytest's cache too).
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(tempfile.gettempdir(), "optima-hypothesis")
)

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ..tools import cycle

CyclePattern = cycle.CyclePattern
CycleError = cycle.CycleError
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def d(text):
    """'31.01.2024' -> date, so expectations read like the spec."""
    day, month, year = map(int, text.split("."))
    return date(year, month, day)


def days(*texts):
    return [d(text) for text in texts]


def error_code(pattern):
    with pytest.raises(CycleError) as info:
        cycle.occurrence_dates(pattern)
    return info.value.code


# ---------------------------------------------------------------- AS-28 … AS-31


def test_as28_weekly_every_two_weeks_from_the_start_week():
    pattern = CyclePattern(
        d("01.01.2025"), "weekly", interval=2, weekdays=frozenset({MON, WED}), count=5
    )
    dates = cycle.occurrence_dates(pattern)
    assert dates == days("01.01.2025", "13.01.2025", "15.01.2025", "27.01.2025", "29.01.2025")
    assert d("30.12.2024") not in dates


def test_as28_default_pattern_from_termin_od():
    pattern = cycle.default_pattern_for(datetime(2025, 1, 1, 9, 0))
    assert pattern.mode == "weekly"
    assert pattern.weekdays == frozenset({WED})
    assert pattern.start_date == d("01.01.2025")
    assert (pattern.month_day, pattern.month, pattern.nth_weekday) == (1, 1, WED)


def test_as29_monthly_day_31_in_a_leap_year():
    pattern = CyclePattern(d("31.01.2024"), "monthly", month_day=31, count=5)
    assert cycle.occurrence_dates(pattern) == days(
        "31.01.2024", "29.02.2024", "31.03.2024", "30.04.2024", "31.05.2024"
    )


def test_as29_monthly_day_31_every_two_months():
    pattern = CyclePattern(d("31.01.2025"), "monthly", interval=2, month_day=31, count=6)
    assert cycle.occurrence_dates(pattern) == days(
        "31.01.2025", "31.03.2025", "31.05.2025", "31.07.2025", "30.09.2025", "30.11.2025"
    )


def test_as30_monthly_last_friday():
    pattern = CyclePattern(
        d("31.01.2025"), "monthly", monthly_kind="weekday", nth=-1, nth_weekday=FRI, count=3
    )
    assert cycle.occurrence_dates(pattern) == days("31.01.2025", "28.02.2025", "28.03.2025")


def test_as30_default_monthly_weekday_from_a_fifth_friday_is_last_friday():
    pattern = cycle.default_pattern_for(datetime(2025, 1, 31, 9, 0), mode="monthly")
    assert (pattern.nth, pattern.nth_weekday) == (-1, FRI)
    assert cycle.nth_of_month(d("24.01.2025")) == 4
    assert cycle.nth_of_month(d("28.02.2025")) == 4
    assert cycle.nth_of_month(d("01.01.2025")) == 1
    weekday_pattern = replace(pattern, monthly_kind="weekday", end_mode="count", count=3)
    assert cycle.occurrence_dates(weekday_pattern)[0] == d("31.01.2025")


def test_as30_yearly_29_february_falls_on_28_february():
    pattern = CyclePattern(d("29.02.2024"), "yearly", month_day=29, month=2, count=3)
    assert cycle.occurrence_dates(pattern) == days("29.02.2024", "28.02.2025", "28.02.2026")


def test_yearly_nth_weekday_of_month():
    # Fourth Thursday of November, every 2 years.
    pattern = CyclePattern(
        d("01.01.2025"),
        "yearly",
        interval=2,
        monthly_kind="weekday",
        nth=4,
        nth_weekday=THU,
        month=11,
        count=3,
    )
    assert cycle.occurrence_dates(pattern) == days("27.11.2025", "25.11.2027", "22.11.2029")


def test_as31_working_days_keep_public_holidays():
    pattern = CyclePattern(d("07.11.2025"), "daily", daily_workdays=True, count=4)
    assert cycle.occurrence_dates(pattern) == days(
        "07.11.2025", "10.11.2025", "11.11.2025", "12.11.2025"
    )


def test_working_days_ignore_the_hidden_interval():
    pattern = CyclePattern(d("08.11.2025"), "daily", daily_workdays=True, interval=0, count=1)
    assert cycle.occurrence_dates(pattern) == [d("10.11.2025")]


def test_daily_every_n_days_from_the_start():
    pattern = CyclePattern(d("30.12.2024"), "daily", interval=3, count=4)
    assert cycle.occurrence_dates(pattern) == days(
        "30.12.2024", "02.01.2025", "05.01.2025", "08.01.2025"
    )


def test_start_date_counts_only_when_it_matches():
    pattern = CyclePattern(d("01.01.2025"), "weekly", weekdays=frozenset({MON}), count=2)
    assert cycle.occurrence_dates(pattern) == days("06.01.2025", "13.01.2025")
    monthly = CyclePattern(d("20.01.2025"), "monthly", interval=2, month_day=5, count=2)
    # The month grid is anchored on January, so February is skipped.
    assert cycle.occurrence_dates(monthly) == days("05.03.2025", "05.05.2025")


# ---------------------------------------------------------------- AS-32 times


def test_as32_weekly_slots_keep_local_time_across_dst():
    pattern = CyclePattern(d("24.03.2025"), "weekly", weekdays=frozenset({MON}), count=2)
    slots = cycle.occurrence_slots(pattern, 9.0, 1.0, "Europe/Warsaw")
    assert slots == [
        (datetime(2025, 3, 24, 8, 0), datetime(2025, 3, 24, 9, 0)),
        (datetime(2025, 3, 31, 7, 0), datetime(2025, 3, 31, 8, 0)),
    ]


def test_as32_overnight_slot_ends_next_day():
    duration = cycle.duration_from_times(22.0, 2.0)
    assert duration == 4.0
    assert cycle.end_from_duration(22.0, duration) == 2.0
    pattern = CyclePattern(d("10.02.2025"), "daily", end_mode="date", end_date=d("10.02.2025"))
    [(start, end)] = cycle.occurrence_slots(pattern, 22.0, duration, "Europe/Warsaw")
    # 22:00 CET and 02:00 CET the next day.
    assert (start, end) == (datetime(2025, 2, 10, 21, 0), datetime(2025, 2, 11, 1, 0))


def test_as32_duration_edits():
    assert cycle.end_from_duration(22.0, 1.5) == 23.5
    assert cycle.duration_from_times(9.5, 10.75) == 1.25
    assert cycle.duration_from_times(11.7, 11.7) == 0.0
    assert cycle.duration_from_times(22.0, 24.0) == 2.0
    with pytest.raises(ValueError):
        cycle.duration_from_times(-1.0, 2.0)
    for bad in (24.0, 30.0):
        with pytest.raises(CycleError) as info:
            cycle.end_from_duration(22.0, bad)
        assert info.value.code == "duration"
        assert str(info.value) == "The duration must be shorter than 24 hours."
    with pytest.raises(CycleError):
        cycle.validate_duration(24.0)
    cycle.validate_duration(23 + 59 / 60)
    pattern = CyclePattern(d("10.02.2025"), "daily")
    with pytest.raises(CycleError) as info:
        cycle.occurrence_slots(pattern, 9.0, 24.0, "Europe/Warsaw")
    assert info.value.code == "duration"


def test_slot_in_the_skipped_and_repeated_hour():
    spring = CyclePattern(d("30.03.2025"), "daily")
    # 02:30 does not exist on 30.03.2025 and reads as 03:30 CEST.
    assert cycle.occurrence_slots(spring, 2.5, 1.0, "Europe/Warsaw") == [
        (datetime(2025, 3, 30, 1, 30), datetime(2025, 3, 30, 1, 30))
    ]
    autumn = CyclePattern(d("26.10.2025"), "daily")
    # 02:30 happens twice on 26.10.2025; the second (CET) one is used.
    assert cycle.occurrence_slots(autumn, 2.5, 0.5, "Europe/Warsaw") == [
        (datetime(2025, 10, 26, 1, 30), datetime(2025, 10, 26, 2, 0))
    ]


def test_slots_after_2037_still_follow_dst():
    summer = CyclePattern(d("02.07.2040"), "daily")
    assert cycle.occurrence_slots(summer, 9.0, 1.0, "Europe/Warsaw") == [
        (datetime(2040, 7, 2, 7, 0), datetime(2040, 7, 2, 8, 0))
    ]


# ---------------------------------------------------------------- AS-33 validation


def test_as33_interval_limits():
    base = CyclePattern(d("10.01.2025"), "daily", count=3)
    assert error_code(replace(base, interval=1000)) == "interval_max"
    assert error_code(replace(base, interval=0)) == "interval_zero"
    assert error_code(replace(base, interval=None)) == "interval_zero"
    assert len(cycle.occurrence_dates(replace(base, interval=999))) == 3


def test_count_limits():
    base = CyclePattern(d("10.01.2025"), "daily")
    assert error_code(replace(base, count=0)) == "interval_zero"
    assert error_code(replace(base, count=1000)) == "interval_max"
    assert len(cycle.occurrence_dates(replace(base, count=999))) == 999


def test_as33_weekly_without_weekday():
    pattern = CyclePattern(d("10.01.2025"), "weekly", count=3)
    assert error_code(pattern) == "no_weekday"
    with pytest.raises(CycleError) as info:
        cycle.validate(pattern)
    assert info.value.message == "In weekly mode select at least one day of the week."


def test_as33_end_before_start():
    pattern = CyclePattern(d("10.01.2025"), "daily", end_mode="date", end_date=d("09.01.2025"))
    assert error_code(pattern) == "end_before_start"


def test_as33_end_equals_start_daily_gives_one_occurrence():
    pattern = CyclePattern(d("10.01.2025"), "daily", end_mode="date", end_date=d("10.01.2025"))
    cycle.validate(pattern)
    assert cycle.occurrence_dates(pattern) == [d("10.01.2025")]
    assert cycle.is_single_day_range(pattern)


def test_as33_end_equals_start_without_match_is_no_occurrence():
    pattern = CyclePattern(
        d("10.01.2025"),
        "weekly",
        weekdays=frozenset({MON}),
        end_mode="date",
        end_date=d("10.01.2025"),
    )
    # The caller checks is_single_day_range only after validate passes.
    assert cycle.is_single_day_range(pattern)
    assert error_code(pattern) == "no_occurrence"


def test_single_day_range_only_in_date_mode():
    pattern = CyclePattern(d("10.01.2025"), "daily", end_date=d("10.01.2025"))
    assert not cycle.is_single_day_range(pattern)
    assert not cycle.is_single_day_range(
        replace(pattern, end_mode="date", end_date=d("11.01.2025"))
    )


def test_end_date_is_inclusive():
    pattern = CyclePattern(
        d("03.03.2025"),
        "weekly",
        weekdays=frozenset({MON}),
        end_mode="date",
        end_date=d("31.03.2025"),
    )
    assert cycle.occurrence_dates(pattern) == days(
        "03.03.2025", "10.03.2025", "17.03.2025", "24.03.2025", "31.03.2025"
    )
    # AS-36's new pattern, Monday and Thursday.
    both = replace(pattern, weekdays=frozenset({MON, THU}))
    assert len(cycle.occurrence_dates(both)) == 9


def test_more_than_999_in_date_mode():
    start = d("01.01.2025")
    daily = CyclePattern(start, "daily", end_mode="date", end_date=start + timedelta(days=998))
    assert len(cycle.occurrence_dates(daily)) == 999
    assert error_code(replace(daily, end_date=start + timedelta(days=999))) == "too_many"
    far = replace(daily, end_date=date.max)
    assert error_code(far) == "too_many"
    weekly = CyclePattern(
        start, "weekly", weekdays=frozenset(range(7)), end_mode="date", end_date=date.max
    )
    assert error_code(weekly) == "too_many"


def test_sparse_pattern_up_to_the_last_year_is_fast_and_bounded():
    pattern = CyclePattern(
        d("01.01.2025"),
        "yearly",
        interval=999,
        month_day=31,
        month=12,
        end_mode="date",
        end_date=date.max,
    )
    assert len(cycle.occurrence_dates(pattern)) == 8


def test_beyond_year_9999_is_a_user_error():
    pattern = CyclePattern(d("01.01.2025"), "yearly", interval=999, count=999)
    assert error_code(pattern) == "date_overflow"
    weekly = CyclePattern(d("01.01.2025"), "weekly", interval=999, weekdays={MON}, count=999)
    assert error_code(weekly) == "date_overflow"
    last_day = CyclePattern(date.max, "daily", end_mode="date", end_date=date.max)
    with pytest.raises(CycleError) as info:
        cycle.occurrence_slots(last_day, 23.0, 2.0, "Europe/Warsaw")
    assert info.value.code == "date_overflow"


def test_every_code_has_a_message():
    for code, text in cycle.MESSAGES.items():
        assert str(CycleError(code)) == text
    assert set(cycle.MESSAGES) >= {
        "interval_zero",
        "interval_max",
        "no_weekday",
        "end_before_start",
        "no_occurrence",
        "too_many",
        "duration",
    }


def test_impossible_selections_are_programming_errors():
    base = CyclePattern(d("10.01.2025"), "monthly")
    with pytest.raises(ValueError):
        cycle.occurrence_dates(replace(base, mode="hourly"))
    with pytest.raises(ValueError):
        cycle.occurrence_dates(replace(base, month_day=32))
    with pytest.raises(ValueError):
        cycle.occurrence_dates(replace(base, monthly_kind="weekday", nth=5))
    with pytest.raises(ValueError):
        cycle.occurrence_dates(replace(base, end_mode="date"))


def test_weekdays_accept_any_iterable():
    pattern = CyclePattern(d("06.01.2025"), "weekly", weekdays=[FRI, MON], count=2)
    assert pattern.weekdays == frozenset({MON, FRI})
    assert cycle.occurrence_dates(pattern) == days("06.01.2025", "10.01.2025")


# ---------------------------------------------------------------- properties


def _month_length(day):
    return calendar.monthrange(day.year, day.month)[1]


def _monday(day):
    return day - timedelta(days=day.weekday())


def _matches(pattern, day):
    """Independent day-by-day definition of the pattern, for cross-checking."""
    start = pattern.start_date
    if day < start:
        return False
    if pattern.mode == "daily":
        if pattern.daily_workdays:
            return day.weekday() < 5
        return (day - start).days % pattern.interval == 0
    if pattern.mode == "weekly":
        weeks = (_monday(day) - _monday(start)).days // 7
        return day.weekday() in pattern.weekdays and weeks % pattern.interval == 0
    if pattern.mode == "monthly":
        months = (day.year - start.year) * 12 + day.month - start.month
        in_step = months % pattern.interval == 0
    else:
        years = day.year - start.year
        in_step = years % pattern.interval == 0 and day.month == pattern.month
    if pattern.monthly_kind == "day":
        return in_step and day.day == min(pattern.month_day, _month_length(day))
    if pattern.nth == -1:
        is_nth = day.day + 7 > _month_length(day)
    else:
        is_nth = (day.day - 1) // 7 + 1 == pattern.nth
    return in_step and day.weekday() == pattern.nth_weekday and is_nth


# Caps keep count-mode series inside year 9999 from a start before 2101.
_STEP_CAP = {"daily": 999 * 999, "weekly": 300_000, "monthly": 60_000, "yearly": 5_000}


@st.composite
def patterns(draw, end_mode):
    mode = draw(st.sampled_from(cycle.MODES))
    interval = draw(st.integers(1, 999))
    start = draw(st.dates(date(1900, 1, 1), date(2100, 12, 31)))
    kind = draw(st.sampled_from(cycle.MONTHLY_KINDS))
    fields = {
        "start_date": start,
        "mode": mode,
        "interval": interval,
        "daily_workdays": mode == "daily" and draw(st.booleans()),
        "weekdays": draw(st.frozensets(st.integers(0, 6), min_size=1)),
        "monthly_kind": kind,
        "month_day": draw(st.integers(1, 31)),
        "nth": draw(st.sampled_from(cycle.NTH_VALUES)),
        "nth_weekday": draw(st.integers(0, 6)),
        "month": draw(st.integers(1, 12)),
        "end_mode": end_mode,
    }
    if end_mode == "count":
        fields["count"] = draw(st.integers(1, min(999, _STEP_CAP[mode] // interval)))
    else:
        fields["end_date"] = start + timedelta(days=draw(st.integers(0, 1500)))
    return CyclePattern(**fields)


def _check_common(pattern, dates):
    assert dates, "an empty list must be a no_occurrence error"
    assert all(a < b for a, b in itertools.pairwise(dates))
    assert dates[0] >= pattern.start_date
    assert all(_matches(pattern, day) for day in dates)
    if pattern.mode == "weekly":
        assert all(day.weekday() in pattern.weekdays for day in dates)
    if pattern.mode in ("monthly", "yearly") and pattern.monthly_kind == "day":
        assert all(day.day == min(pattern.month_day, _month_length(day)) for day in dates)


def _brute_force(pattern, last):
    day, found = pattern.start_date, []
    while day <= last:
        if _matches(pattern, day):
            found.append(day)
        day += timedelta(days=1)
    return found


# database=None: no .hypothesis directory is left in the repository.
_SETTINGS = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@_SETTINGS
@given(patterns("count"))
def test_property_count_mode(pattern):
    dates = cycle.occurrence_dates(pattern)
    assert len(dates) == pattern.count
    _check_common(pattern, dates)
    if (dates[-1] - pattern.start_date).days <= 4000:
        assert dates == _brute_force(pattern, dates[-1])


@_SETTINGS
@given(patterns("date"))
def test_property_date_mode(pattern):
    expected = _brute_force(pattern, pattern.end_date)
    if not expected:
        assert error_code(pattern) == "no_occurrence"
        return
    if len(expected) > 999:
        assert error_code(pattern) == "too_many"
        return
    dates = cycle.occurrence_dates(pattern)
    assert dates == expected
    assert dates[-1] <= pattern.end_date
    _check_common(pattern, dates)


@settings(max_examples=100, deadline=None, database=None)
@given(
    patterns("count"),
    st.integers(0, 24 * 60 - 1),
    st.integers(0, 24 * 60 - 1),
    st.sampled_from(["Europe/Warsaw", "America/New_York", "Australia/Sydney", "UTC"]),
)
def test_property_slots(pattern, start_minutes, duration_minutes, tz_name):
    pattern = replace(pattern, count=min(pattern.count, 20))
    slots = cycle.occurrence_slots(pattern, start_minutes / 60, duration_minutes / 60, tz_name)
    assert len(slots) == len(cycle.occurrence_dates(pattern))
    for date_from, date_to in slots:
        assert date_from.tzinfo is None and date_to.tzinfo is None
        # The wall-clock length differs from the stored one by at most a DST shift.
        assert timedelta(0) <= date_to - date_from <= timedelta(minutes=duration_minutes + 60)
    assert all(a[0] < b[0] for a, b in itertools.pairwise(slots))
