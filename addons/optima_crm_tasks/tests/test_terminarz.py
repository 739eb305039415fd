# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""TASK-31 Terminarz, acceptance scenario AS-39."""

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import OptimaTaskCase, utc


@tagged("post_install", "-at_install")
class TestTerminarz(OptimaTaskCase):
    def _calendar_slots(self, tasks):
        action = self.env.ref("optima_crm_tasks.action_optima_terminarz")
        domain = safe_eval(action.domain) + [("task_id", "in", tasks.ids)]
        return self.env["optima.crm.task.occurrence"].search(domain)

    def test_as39_what_the_terminarz_shows(self):
        slot = {"date_from": utc(2025, 3, 14, 10), "date_to": utc(2025, 3, 14, 11)}
        regular = self.task(kind="task", user_id=self.jan.id, **slot)
        closed = self.task(kind="task", user_id=self.jan.id, **slot)
        closed.action_close()
        linked = self.task(kind="task", user_id=self.jan.id, parent_id=regular.id, **slot)
        cancelled = self.task(kind="task", user_id=self.jan.id, **slot)
        cancelled.action_close()
        cancelled.action_cancel()
        contact = self.task(user_id=self.jan.id)
        shown = self._calendar_slots(regular | closed | linked | cancelled | contact)
        self.assertEqual(shown.task_id, regular | closed | linked)
        colours = {s.task_id: s.calendar_color for s in shown}
        self.assertEqual(colours[regular], 2, "orange")
        self.assertEqual(colours[closed], 0, "grey")
        self.assertEqual(colours[linked], 10, "green")
        self.assertEqual(shown.filtered(lambda s: s.task_id == regular).attendee_user_ids, self.jan)
        # TASK-31: each event shows the number, the subject and the contractor's code.
        regular.subject = "Wdrożenie"
        self.env.invalidate_all()
        titles = dict(zip(shown.task_id, shown.mapped("display_name"), strict=True))
        self.assertEqual(titles[regular], f"{regular.name} Wdrożenie [ABC]")
        self.assertEqual(titles[closed], f"{closed.name} [ABC]")

    def test_as39_dragging_a_regular_task_moves_it(self):
        task = self.task(
            kind="task",
            user_id=self.jan.id,
            date_from=utc(2025, 3, 14, 10),
            date_to=utc(2025, 3, 14, 11),
        )
        task.occurrence_ids.with_user(self.jan).write(
            {"date_from": utc(2025, 3, 15, 12), "date_to": utc(2025, 3, 15, 13)}
        )
        self.assertEqual(
            (task.date_from, task.date_to), (utc(2025, 3, 15, 12), utc(2025, 3, 15, 13))
        )
        self.assertEqual(task.occurrence_ids.date_from, utc(2025, 3, 15, 12))

    def test_as39_cyclic_occurrence_cannot_move(self):
        task = self.task(
            kind="task",
            user_id=self.jan.id,
            date_from=utc(2025, 3, 14, 10),
            date_to=utc(2025, 3, 14, 11),
        )
        occurrence = self.env["optima.crm.task.occurrence"].create(
            {
                "task_id": task.id,
                "date_from": utc(2025, 3, 17, 10),
                "date_to": utc(2025, 3, 17, 11),
            }
        )
        with self.assertRaisesRegex(UserError, "Cyclic tasks cannot be moved in the Terminarz"):
            occurrence.write({"date_from": utc(2025, 3, 18, 10), "date_to": utc(2025, 3, 18, 11)})
        self.assertEqual(occurrence.date_from, utc(2025, 3, 17, 10))

    def test_as39_moving_a_closed_task_is_refused(self):
        task = self.task(kind="task", date_from=utc(2025, 3, 14, 10), date_to=utc(2025, 3, 14, 11))
        task.action_close()
        with self.assertRaisesRegex(UserError, "closed"):
            task.occurrence_ids.write(
                {"date_from": utc(2025, 3, 15, 10), "date_to": utc(2025, 3, 15, 11)}
            )

    def test_task31_filter_remembered_per_user(self):
        Filter = self.env["optima.crm.calendar.filter"]
        Filter.with_user(self.jan).create({"operator_id": self.ewa.id, "checked": True})
        Filter.with_user(self.ewa).create({"operator_id": self.jan.id, "checked": False})
        mine = Filter.with_user(self.jan).search([])
        self.assertEqual(mine.operator_id, self.ewa)
        self.assertTrue(mine.checked)
