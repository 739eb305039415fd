# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""AUTO-02 schedule as a pure function: DST days, inclusive end, no cross-day catch-up."""

from datetime import datetime

from odoo.tests import BaseCase, tagged

from ..tools.schedule import day_slots, due_slots


def utc(*args):
    return datetime(*args)


@tagged("post_install", "-at_install")
class TestSchedule(BaseCase):
    def test_slots_inclusive_end(self):
        self.assertEqual(day_slots(8, 120, 16), [(8, 0), (10, 0), (12, 0), (14, 0), (16, 0)])
        self.assertEqual(day_slots(7, 30, 8), [(7, 0), (7, 30), (8, 0)])
        self.assertEqual(day_slots(9.5, 0, 0), [(9, 30)])

    def test_skipped_hour_runs_at_first_valid_instant(self):
        # 2025-03-30 in Warsaw: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
        args = ("Europe/Warsaw", 2.5, 30, 3.0)
        self.assertEqual(due_slots(*args, utc(2025, 3, 30, 0, 59), set()), [])
        due = due_slots(*args, utc(2025, 3, 30, 1, 0), set())
        self.assertEqual(due, ["2025-03-30 02:30", "2025-03-30 03:00"])  # one run, merged

    def test_repeated_hour_runs_once(self):
        # 2025-10-26 in Warsaw: 02:00-03:00 happens twice; the slot key is the wall time.
        args = ("Europe/Warsaw", 2.5, 0, 0)
        first = due_slots(*args, utc(2025, 10, 26, 0, 30), set())
        self.assertEqual(first, ["2025-10-26 02:30"])
        self.assertEqual(due_slots(*args, utc(2025, 10, 26, 1, 30), set(first)), [])

    def test_no_catch_up_across_days(self):
        args = ("Europe/Warsaw", 8, 120, 16)
        # 07:00 local on 03-13 after a silent evening: yesterday's slots are gone.
        self.assertEqual(due_slots(*args, utc(2025, 3, 13, 6, 0), set()), [])
