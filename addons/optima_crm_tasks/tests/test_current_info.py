# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""TASK-32 Informacje bieżące."""

from datetime import date
from unittest.mock import patch

from odoo.tests import tagged

from .common import OptimaTaskCase, utc

TODAY = date(2025, 6, 10)


@tagged("post_install", "-at_install")
class TestCurrentInfo(OptimaTaskCase):
    def _panels(self, user):
        with patch.object(type(self.Task), "_today", lambda self: TODAY):
            panels = self.env["optima.crm.current.info"].with_user(user).get_panels()
        return {panel["key"]: panel for panel in panels}

    def test_as07_started_yesterday_is_today_not_overdue(self):
        t2 = self.task(
            kind="task",
            user_id=self.jan.id,
            subject="T2",
            date_from=utc(2025, 6, 9, 14),
            date_to=utc(2025, 6, 12, 16),
        )
        panels = self._panels(self.jan)
        today_ids = [row["id"] for row in panels["today_mine"]["rows"]]
        overdue_ids = [row["id"] for row in panels["overdue_mine"]["rows"]]
        self.assertIn(t2.id, today_ids)
        self.assertNotIn(t2.id, overdue_ids)
        row = next(row for row in panels["today_mine"]["rows"] if row["id"] == t2.id)
        self.assertEqual(
            (row["date_from"], row["date_to"]), ("09.06.2025 14:00", "12.06.2025 16:00")
        )
        self.assertEqual(row["operator"], "Jan Nowak")

    def test_a20_operator_tiles_count_participants_too(self):
        task = self.task(
            kind="task",
            user_id=self.ewa.id,
            participant_ids=[(0, 0, {"user_id": self.jan.id})],
            date_from=utc(2025, 6, 10, 9),
            date_to=utc(2025, 6, 10, 10),
        )
        self.assertIn(task.id, [r["id"] for r in self._panels(self.jan)["today_mine"]["rows"]])

    def test_a20_all_operator_tiles_ignore_locks_and_default_off_without_g1(self):
        other = self.task(
            kind="task",
            user_id=self.krzysztof.id,
            date_from=utc(2025, 6, 10, 9),
            date_to=utc(2025, 6, 10, 10),
        )
        self.assertNotIn("today_all", self._panels(self.jan), "off by default without G1")
        self.jan.optima_info_today_all = True
        panel = self._panels(self.jan)["today_all"]
        self.assertIn(other.id, [row["id"] for row in panel["rows"]])
        self.assertFalse(self.Task.with_user(self.jan).search([("id", "=", other.id)]))
        self.krzysztof.group_ids += self.env.ref("optima_crm_tasks.group_task_read_others")
        self.assertTrue(self.krzysztof.optima_info_overdue_all, "on by default with G1")

    def test_user_chooses_tiles(self):
        self.jan.optima_info_tomorrow_mine = False
        self.assertNotIn("tomorrow_mine", self._panels(self.jan))
        self.assertIn("today_mine", self._panels(self.jan))

    def test_query_count_does_not_grow_with_data(self):
        self.jan.optima_info_today_all = True

        def create(n):
            self.Task.create(
                [
                    {
                        "partner_id": self.abc.id,
                        "kind": "task",
                        "user_id": self.jan.id,
                        "date_from": utc(2025, 6, 10, 9),
                        "date_to": utc(2025, 6, 10, 10),
                    }
                    for _i in range(n)
                ]
            )

        create(2)
        self._panels(self.jan)  # warm the caches (rules, groups) once
        queries = []
        for batch in (0, 40):
            create(batch)
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._panels(self.jan)
            queries.append(self.env.cr.sql_log_count - before)
        self.assertEqual(queries[0], queries[1])
