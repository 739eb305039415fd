# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""TASK-25 … TASK-30 on the task: generation, regeneration, extraction, close, copy."""

from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import OptimaTaskCase, utc


@tagged("post_install", "-at_install")
class TestCyclicTasks(OptimaTaskCase):
    def series(self, **vals):
        base = {
            "kind": "task",
            "is_cyclic": True,
            "user_id": self.jan.id,
            "date_from": utc(2025, 1, 1, 9),
            "date_to": utc(2025, 1, 1, 10),
            "cycle_start_time": 9.0,
            "cycle_duration": 1.0,
            "cycle_mode": "weekly",
            "cycle_interval": 1,
            "cycle_start_date": date(2025, 1, 1),
            "cycle_end_mode": "count",
            "cycle_count": 1,
        }
        base.update(vals)
        return self.task(**base)

    def local_days(self, task, states=("pending", "done", "extracted")):
        return [s.date_from for s in task.occurrence_ids.sorted("date_from") if s.state in states]

    def test_as28_weekly_every_two_weeks(self):
        task = self.series(cycle_interval=2, cycle_monday=True, cycle_wednesday=True, cycle_count=5)
        self.assertEqual(
            self.local_days(task),
            [
                utc(2025, 1, 1, 9),
                utc(2025, 1, 13, 9),
                utc(2025, 1, 15, 9),
                utc(2025, 1, 27, 9),
                utc(2025, 1, 29, 9),
            ],
        )
        self.assertEqual((task.date_from, task.date_to), (utc(2025, 1, 1, 9), utc(2025, 1, 29, 10)))

    def test_as29_monthly_day_31_clamped(self):
        task = self.series(
            cycle_mode="monthly",
            cycle_monthly_kind="day",
            cycle_month_day=31,
            cycle_start_date=date(2024, 1, 31),
            cycle_count=5,
            date_from=utc(2024, 1, 31, 9),
            date_to=utc(2024, 1, 31, 10),
        )
        self.assertEqual(
            [d.date() for d in self.local_days(task)],
            [
                date(2024, 1, 31),
                date(2024, 2, 29),
                date(2024, 3, 31),
                date(2024, 4, 30),
                date(2024, 5, 31),
            ],
        )

    def test_as32_dst_wall_clock(self):
        task = self.series(
            cycle_monday=True,
            cycle_count=2,
            cycle_start_date=date(2025, 3, 24),
            date_from=utc(2025, 3, 24, 9),
            date_to=utc(2025, 3, 24, 10),
        )
        self.assertEqual(
            [(s.date_from, s.date_to) for s in task.occurrence_ids.sorted("date_from")],
            [
                (datetime(2025, 3, 24, 8), datetime(2025, 3, 24, 9)),
                (datetime(2025, 3, 31, 7), datetime(2025, 3, 31, 8)),
            ],
        )
        with self.assertRaisesRegex(ValidationError, "shorter than 24 hours"):
            task.cycle_duration = 24.0

    def test_as33_pattern_validation_keeps_nothing(self):
        with self.assertRaisesRegex(ValidationError, "cannot exceed 999"):
            self.series(cycle_mode="daily", cycle_interval=1000)
        with self.assertRaisesRegex(ValidationError, "at least one day of the week"):
            self.series()
        with self.assertRaisesRegex(ValidationError, "cannot be earlier than its start"):
            self.series(
                cycle_mode="daily",
                cycle_end_mode="date",
                cycle_start_date=date(2025, 1, 10),
                cycle_end_date=date(2025, 1, 9),
            )
        with self.assertRaisesRegex(ValidationError, "generates no occurrence"):
            self.series(
                cycle_monday=True,
                cycle_end_mode="date",
                cycle_start_date=date(2025, 1, 10),
                cycle_end_date=date(2025, 1, 10),
            )

    def test_as33_end_equals_start_asks_first(self):
        values = {
            "kind": "task",
            "is_cyclic": True,
            "user_id": self.jan.id,
            "date_from": "2025-01-10 08:00:00",
            "date_to": "2025-01-10 09:00:00",
            "cycle_mode": "daily",
            "cycle_interval": 1,
            "cycle_end_mode": "date",
            "cycle_start_date": "2025-01-10",
            "cycle_end_date": "2025-01-10",
            "cycle_start_time": 9.0,
            "cycle_duration": 1.0,
        }
        [question] = [w for w in self.Task.get_save_warnings(False, values) if "same as" in w]
        self.assertIn("only one occurrence", question)
        task = self.series(
            cycle_mode="daily",
            cycle_end_mode="date",
            cycle_start_date=date(2025, 1, 10),
            cycle_end_date=date(2025, 1, 10),
            date_from=utc(2025, 1, 10, 9),
            date_to=utc(2025, 1, 10, 10),
        )
        self.assertEqual(len(task.occurrence_ids), 1, "Tak saves one occurrence")
        monday_only = {**values, "cycle_mode": "weekly", "cycle_monday": True}
        self.assertFalse(
            [w for w in self.Task.get_save_warnings(False, monday_only) if "same as" in w],
            "no occurrence: the save's error comes first, not the question",
        )

    def test_as34_statuses_and_list_dates(self):
        task = self.series(
            cycle_wednesday=True,
            cycle_count=5,
            cycle_start_date=date(2025, 1, 29),
            date_from=utc(2025, 1, 29, 9),
            date_to=utc(2025, 1, 29, 10),
        )
        slots = task.occurrence_ids.sorted("date_from")
        slots[0].is_done = True
        slots[4].action_extract()
        with patch("odoo.fields.Date.context_today", return_value=date(2025, 2, 12)):
            slots.invalidate_recordset(["status_text"])
            texts = slots.mapped("status_text")
        self.assertEqual(
            texts[:4],
            [
                "done (term completed)",
                "[overdue] to do",
                "[current] to do",
                "to do",
            ],
        )
        self.assertTrue(texts[4].startswith("extracted to task: CRM/"))
        self.assertEqual(task.list_date_from, utc(2025, 2, 5, 9))
        with patch.object(type(self.Task), "_today", lambda self: date(2025, 2, 12)):
            found = self.Task.search([("id", "=", task.id), ("is_overdue", "=", True)])
            found &= self.Task.search([("id", "=", task.id), ("is_today", "=", True)])
        self.assertEqual(found, task)

    def test_as35_extraction(self):
        task = self.series(
            cycle_wednesday=True,
            cycle_count=3,
            percent_done=50,
            participant_ids=[(0, 0, {"user_id": self.krzysztof.id})],
        )
        first = task.occurrence_ids.sorted("date_from")[0]
        action = task.action_extract_current_occurrence()
        extracted = self.Task.browse(action["res_id"])
        self.assertEqual((extracted.date_from, extracted.date_to), (first.date_from, first.date_to))
        self.assertEqual(extracted.percent_done, 50)
        self.assertEqual(
            set(extracted.participant_ids.user_id.ids), {self.jan.id, self.krzysztof.id}
        )
        self.assertFalse(extracted.is_cyclic)
        self.assertEqual(first.state, "extracted")
        self.assertEqual(first.status_text, f"extracted to task: {extracted.name}")
        task.subject = "Changed on the series"
        self.assertNotEqual(extracted.subject, "Changed on the series")

    def test_as36_regeneration_keeps_history(self):
        task = self.series(
            cycle_monday=True,
            cycle_end_mode="date",
            cycle_start_date=date(2025, 3, 3),
            cycle_end_date=date(2025, 3, 31),
            date_from=utc(2025, 3, 3, 9),
            date_to=utc(2025, 3, 3, 10),
        )
        self.assertEqual(len(task.occurrence_ids), 5)
        slots = task.occurrence_ids.sorted("date_from")
        slots[1].is_done = True  # 10.03
        slots[2].unlink()  # 17.03
        task.cycle_thursday = True
        days = [d.date() for d in self.local_days(task)]
        self.assertEqual(
            days,
            [
                date(2025, 3, 3),
                date(2025, 3, 6),
                date(2025, 3, 10),
                date(2025, 3, 13),
                date(2025, 3, 17),
                date(2025, 3, 20),
                date(2025, 3, 24),
                date(2025, 3, 27),
                date(2025, 3, 31),
            ],
        )
        done = task.occurrence_ids.filtered(lambda s: s.state == "done")
        self.assertEqual(done.date_from, utc(2025, 3, 10, 9))

    def test_as37_close_and_convert(self):
        task = self.series(cycle_wednesday=True, cycle_count=4)
        self.assertIn("cyclic task", task._confirmation_message("close"))
        with self.assertRaisesRegex(UserError, "cyclic task"):
            task.action_close()
        self.assertEqual(task.state, "in_progress")
        task.with_context(optima_confirmed=True).action_close()
        self.assertEqual(set(task.occurrence_ids.mapped("state")), {"done"})

        other = self.series(cycle_wednesday=True, cycle_count=3)
        extracted = self.Task.browse(other.action_extract_current_occurrence()["res_id"])
        other.is_cyclic = False
        self.assertEqual(len(other.occurrence_ids), 1, "a plain task's single slot")
        self.assertTrue(other.occurrence_ids.is_single)
        self.assertTrue(extracted.exists())

    @freeze_time("2025-03-20 10:42:00")
    def test_as38_copy_series(self):
        task = self.series(cycle_wednesday=True, cycle_count=3, percent_done=75)
        copy = task.copy()
        self.assertEqual(copy.percent_done, 0)
        self.assertTrue(copy.is_cyclic)
        self.assertTrue(copy.cycle_wednesday)
        self.assertEqual(copy.cycle_start_date, date(2025, 3, 20))
        self.assertAlmostEqual(copy.cycle_start_time, 11 + 42 / 60)
        self.assertEqual(copy.participant_ids.user_id, task.participant_ids.user_id)

    def test_as18_linked_cannot_be_cyclic(self):
        main = self.task(kind="task")
        with self.assertRaisesRegex(ValidationError, "linked task cannot be a cyclic task"):
            self.series(parent_id=main.id, cycle_wednesday=True)

    def test_task31_cyclic_occurrence_in_terminarz_cannot_move(self):
        task = self.series(cycle_wednesday=True, cycle_count=2)
        with self.assertRaisesRegex(UserError, "Cyclic tasks cannot be moved"):
            task.occurrence_ids[0].write(
                {"date_from": utc(2025, 1, 2, 9), "date_to": utc(2025, 1, 2, 10)}
            )
