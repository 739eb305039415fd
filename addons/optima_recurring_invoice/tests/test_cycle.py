# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Cycle arithmetic (RI-03, RI-04, RI-07, RI-08) and macros (RI-17), with properties."""

import calendar
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from odoo.tests import BaseCase, tagged

from ..tools import cycle, macros

dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31))


def chain(cycle_type, interval, start, month_day, weekday, first, count):
    result = [first]
    for _i in range(count):
        result.append(
            cycle.next_occurrence(cycle_type, interval, result[-1], month_day, weekday, start)
        )
    return result


@tagged("post_install", "-at_install")
class TestCycle(BaseCase):
    def test_monthly_day31_never_drifts(self):
        seq = chain("monthly", 1, None, 31, 0, date(2027, 1, 31), 3)
        self.assertEqual(
            seq, [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30)]
        )

    def test_quarterly_from_anchor(self):
        start = date(2027, 11, 30)
        first = cycle.first_occurrence("monthly", 3, date(2027, 11, 1), 30, 0, start)
        self.assertEqual(first, start)
        seq = chain("monthly", 3, start, 30, 0, first, 3)
        self.assertEqual(seq[1:], [date(2028, 2, 29), date(2028, 5, 30), date(2028, 8, 30)])

    def test_weekly(self):
        self.assertEqual(
            cycle.first_occurrence("weekly", 1, date(2025, 3, 5), weekday=0), date(2025, 3, 10)
        )
        self.assertEqual(
            cycle.next_occurrence("weekly", 2, date(2025, 3, 7), weekday=4, start=date(2025, 3, 7)),
            date(2025, 3, 21),
        )

    def test_document_dates(self):
        self.assertEqual(
            cycle.document_date("day", date(2018, 10, 1), month_day=10), date(2018, 10, 10)
        )
        self.assertEqual(
            cycle.document_date("day", date(2018, 11, 10), month_day=1), date(2018, 12, 1)
        )
        self.assertEqual(
            cycle.document_date("day", date(2025, 3, 10), month_day=10), date(2025, 3, 10)
        )
        self.assertEqual(
            cycle.document_date("day", date(2027, 2, 10), month_day=31), date(2027, 2, 28)
        )
        self.assertEqual(cycle.document_date("prev_month_end", date(2028, 3, 1)), date(2028, 2, 29))
        self.assertEqual(cycle.day_after(date(2025, 3, 15), 15), date(2025, 4, 15))
        self.assertEqual(cycle.day_after(date(2025, 3, 5), 15), date(2025, 3, 15))

    def test_macros(self):
        self.assertEqual(
            macros.expand("Abonament za @PMSL @ROK", date(2019, 1, 15)),
            "Abonament za grudzień 2018",
        )
        self.assertEqual(
            macros.expand(
                "@PM/@MC/@NM @PMSL|@MCSL|@NMSL @KWARTAL @PROK-@ROK-@NROK", date(2025, 5, 20)
            ),
            "04/05/06 kwiecień|maj|czerwiec II 2024-2025-2026",
        )
        self.assertEqual(macros.expand("za @NMSL @ROK", date(2025, 12, 3)), "za styczeń 2026")
        self.assertEqual(macros.expand("@FOO @MC", date(2025, 12, 3)), "@FOO 12")

    @settings(max_examples=300, deadline=None)
    @given(
        first=dates,
        interval=st.integers(1, 24),
        month_day=st.integers(1, 31),
        use_start=st.booleans(),
    )
    def test_property_monthly(self, first, interval, month_day, use_start):
        """Dates strictly increase, one occurrence per N months, day clamped to month end."""
        start = (
            cycle.eff(first.year, first.month, month_day) if use_start and interval > 1 else None
        )
        if interval > 1 and not start:
            start = cycle.eff(first.year, first.month, month_day)
        occurrence = cycle.first_occurrence("monthly", interval, first, month_day, 0, start)
        self.assertGreaterEqual(occurrence, first)
        seq = chain("monthly", interval, start, month_day, 0, occurrence, 12)
        for previous, current in pairwise(seq):
            self.assertGreater(current, previous)
            step = interval if start else 1
            self.assertEqual(cycle.month_index(current) - cycle.month_index(previous), step)
            last = calendar.monthrange(current.year, current.month)[1]
            self.assertEqual(current.day, min(month_day, last))

    @settings(max_examples=200, deadline=None)
    @given(first=dates, interval=st.integers(1, 10), weekday=st.integers(0, 6))
    def test_property_weekly(self, first, interval, weekday):
        start = first + timedelta(days=(weekday - first.weekday()) % 7)
        occurrence = cycle.first_occurrence("weekly", interval, first, 1, weekday, start)
        seq = chain("weekly", interval, start, 1, weekday, occurrence, 10)
        for previous, current in pairwise(seq):
            self.assertEqual((current - previous).days, 7 * (max(1, interval)))
            self.assertEqual(current.weekday(), weekday)

    @settings(max_examples=200, deadline=None)
    @given(period=dates, month_day=st.integers(1, 31), interval=st.integers(1, 12))
    def test_property_next_never_skips(self, period, month_day, interval):
        """No occurrence lies strictly between P and next(P)."""
        start = cycle.eff(period.year, period.month, month_day)
        nxt = cycle.next_occurrence("monthly", interval, start, month_day, 0, start)
        probe = start + timedelta(days=1)
        self.assertEqual(
            cycle.first_occurrence("monthly", interval, probe, month_day, 0, start), nxt
        )
