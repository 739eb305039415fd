# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""TASK-22/23 reminders: AS-07 … AS-10 and the exactly-once toast cron (C1)."""

import json
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import OptimaTaskCase, utc


@tagged("post_install", "-at_install")
class TestReminders(OptimaTaskCase):
    def _items(self, user):
        return self.env["optima.crm.task.occurrence"].with_user(user).get_reminder_items()

    def _reminder_task(self, subject, start, end, lead, **vals):
        return self.task(
            kind="task",
            user_id=self.jan.id,
            subject=subject,
            reminder=True,
            reminder_lead=lead,
            date_from=start,
            date_to=end,
            **vals,
        )

    def test_as07_reminder_list_status_by_start_date(self):
        t1 = self._reminder_task("T1", utc(2025, 6, 10, 9), utc(2025, 6, 10, 10), "1h")
        t2 = self._reminder_task("T2", utc(2025, 6, 9, 14), utc(2025, 6, 12, 16), "15m")
        t3 = self._reminder_task("T3", utc(2025, 6, 12, 9), utc(2025, 6, 12, 10), "1d")
        with freeze_time(utc(2025, 6, 10, 8)):
            items = {item["title"]: item for item in self._items(self.jan)}
        self.assertEqual(set(items), {"T1", "T2"})
        self.assertEqual(items["T1"]["status"], "current")
        self.assertEqual(items["T2"]["status"], "overdue")
        self.assertEqual(items["T1"]["date_from"], "10.06.2025 09:00")
        self.assertEqual(t3.occurrence_ids.reminder_at, utc(2025, 6, 11, 9))
        with freeze_time(utc(2025, 6, 11, 9)):
            self.assertIn("T3", {item["title"] for item in self._items(self.jan)})
        self.assertTrue(t1 and t2)

    def test_as08_only_the_owner_dismiss_and_rearm(self):
        t1 = self._reminder_task(
            "T1",
            utc(2025, 6, 10, 9),
            utc(2025, 6, 10, 10),
            "1h",
            participant_ids=[(0, 0, {"user_id": self.krzysztof.id})],
        )
        with freeze_time(utc(2025, 6, 10, 8)):
            self.assertFalse(self._items(self.krzysztof))
            [item] = self._items(self.jan)
            self.env["optima.crm.task.occurrence"].browse(item["id"]).with_user(
                self.jan
            ).action_dismiss_reminder()
            self.assertFalse(self._items(self.jan))
        self.assertEqual(t1.state, "in_progress")
        t1.write({"date_from": utc(2025, 6, 11, 9), "date_to": utc(2025, 6, 11, 10)})
        with freeze_time(utc(2025, 6, 11, 7, 59)):
            self.assertFalse(self._items(self.jan))
        with freeze_time(utc(2025, 6, 11, 8)):
            self.assertEqual([i["title"] for i in self._items(self.jan)], ["T1"])

    def test_as09_lead_across_dst(self):
        day_lead = self._reminder_task(
            "D", datetime(2025, 3, 30, 7), datetime(2025, 3, 30, 8), "1d"
        )
        self.assertEqual(day_lead.occurrence_ids.reminder_at, datetime(2025, 3, 29, 8))
        hour_lead = self._reminder_task(
            "H", datetime(2025, 3, 30, 1, 30), datetime(2025, 3, 30, 2), "2h"
        )
        self.assertEqual(hour_lead.occurrence_ids.reminder_at, datetime(2025, 3, 29, 23, 30))

    def test_as10_invalid_lead_refused(self):
        task = self._reminder_task("X", utc(2025, 6, 10, 9), utc(2025, 6, 10, 10), "1h")
        with self.assertRaisesRegex(ValidationError, "20h is not a valid reminder lead time"):
            task.write({"reminder_lead": "20h"})
        self.assertEqual(task.reminder_lead, "1h")
        field = self.Task._fields["reminder_lead"]
        self.assertEqual(len(field.get_values(self.env)), 26)

    def test_c1_toast_exactly_once(self):
        self._reminder_task("T1", utc(2025, 6, 10, 9), utc(2025, 6, 10, 10), "1h")
        Occurrence = self.env["optima.crm.task.occurrence"]
        bus = self.env["bus.bus"].sudo()
        before = bus.search_count([])
        with freeze_time(utc(2025, 6, 10, 8)):
            self.assertEqual(Occurrence._notify_due_reminders(), 1)
            self.assertEqual(Occurrence._notify_due_reminders(), 0, "a rerun sends nothing")
        self.env.cr.precommit.run()
        messages = bus.search([], order="id").filtered(lambda m: m.id > 0)[before:]
        toasts = [m for m in messages if "optima_crm_reminder" in m.message]
        self.assertEqual(len(toasts), 1)
        payload = json.loads(toasts[0].message)["payload"]
        self.assertEqual(payload["items"][0]["title"], "T1")

    def test_c1_skips_rows_locked_by_another_worker(self):
        task = self._reminder_task("T1", utc(2025, 6, 10, 9), utc(2025, 6, 10, 10), "1h")
        slot = task.occurrence_ids
        self.env.flush_all()
        with self.registry.cursor() as other_cr:
            # The other worker sees none of this test's uncommitted rows: nothing to lock.
            other_cr.execute("SELECT 1")
        with freeze_time(utc(2025, 6, 10, 8)):
            self.env.cr.execute(
                "SELECT id FROM optima_crm_task_occurrence WHERE id = %s FOR UPDATE", (slot.id,)
            )
            self.assertEqual(self.env["optima.crm.task.occurrence"]._notify_due_reminders(), 1)
        self.assertTrue(slot.reminder_notified_at)
