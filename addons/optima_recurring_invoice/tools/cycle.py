# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Date arithmetic of the recurring-invoice cycle (RI-03, RI-04, RI-07, RI-08).

Pure functions on ``datetime.date`` so that they can be tested (and property-tested)
without a database. Monthly occurrences are always counted from an anchor month and
clamped with ``eff``; they are never chained from an already clamped date, so day 31
gives 31.01 -> 28.02 -> 31.03 and never drifts to 28.
"""

import calendar
from datetime import date, timedelta


def month_index(day):
    """Months since year 0: makes 'k months after' a plain addition."""
    return day.year * 12 + day.month - 1


def eff_index(index, month_day):
    """eff(y, m, D) for the month number ``index`` (see month_index)."""
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(month_day, calendar.monthrange(year, month)[1]))


def eff(year, month, month_day):
    """The date of month ``month`` with day min(D, last day of the month)."""
    return date(year, month, min(month_day, calendar.monthrange(year, month)[1]))


def last_day_of_previous_month(day):
    return day.replace(day=1) - timedelta(days=1)


def is_occurrence_start(cycle_type, start, month_day=1, weekday=0):
    """RI-03 start-date rule: A must itself be an occurrence day."""
    if cycle_type == "monthly":
        return start.day == min(month_day, calendar.monthrange(start.year, start.month)[1])
    return start.weekday() == weekday


def first_occurrence(cycle_type, interval, on_or_after, month_day=1, weekday=0, start=None):
    """The first occurrence >= ``on_or_after``.

    N = 1 ignores the start date; N > 1 counts k >= 0 steps from the start date A.
    """
    if cycle_type == "monthly":
        if interval == 1 or not start:
            candidate = eff(on_or_after.year, on_or_after.month, month_day)
            if candidate < on_or_after:
                candidate = eff_index(month_index(on_or_after) + 1, month_day)
            return candidate
        base = month_index(start)
        steps = max(0, -(-(month_index(on_or_after) - base) // interval))
        candidate = eff_index(base + steps * interval, month_day)
        while candidate < on_or_after:
            steps += 1
            candidate = eff_index(base + steps * interval, month_day)
        return candidate
    if interval == 1 or not start:
        return on_or_after + timedelta(days=(weekday - on_or_after.weekday()) % 7)
    period = 7 * interval
    if on_or_after <= start:
        return start
    steps = -(-(on_or_after - start).days // period)
    return start + timedelta(days=steps * period)


def next_occurrence(cycle_type, interval, period, month_day=1, weekday=0, start=None):
    """The first occurrence strictly after the generated period P (RI-04): one step,
    even when the result is still in the past (catch-up, nothing skipped)."""
    return first_occurrence(
        cycle_type, interval, period + timedelta(days=1), month_day, weekday, start
    )


def day_on_or_after(day, month_day):
    """RI-07 'ustawiona na D': eff(G's month, D) if >= G, else eff(next month, D)."""
    candidate = eff(day.year, day.month, month_day)
    if candidate >= day:
        return candidate
    return eff_index(month_index(day) + 1, month_day)


def day_after(day, month_day):
    """RI-08 'Ustal termin płatności na D dzień miesiąca': strictly after ``day``."""
    candidate = eff(day.year, day.month, month_day)
    if candidate > day:
        return candidate
    return eff_index(month_index(day) + 1, month_day)


def document_date(mode, generation_date, fixed_date=None, month_day=1):
    """RI-07: issue or sale date of an invoice generated on ``generation_date``."""
    if mode == "fixed":
        return fixed_date
    if mode == "day":
        return day_on_or_after(generation_date, month_day)
    if mode == "prev_month_end":
        return last_day_of_previous_month(generation_date)
    return generation_date
