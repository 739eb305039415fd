# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""TASK-07 "Termin od…do" / "Za okres od…do" with hours (A29) and TASK-18 representatives."""

from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import OptimaTaskCase, utc


@tagged("post_install", "-at_install")
class TestRangeFilters(OptimaTaskCase):
    def apply(self, **vals):
        wizard = self.env["optima.crm.task.range.filter"].with_user(self.jan).create(vals)
        action = wizard.action_apply()
        return self.Task.with_user(self.jan).search(action["domain"])

    def test_task07_term_range_and_hours(self):
        spanning = self.task(
            kind="task",
            user_id=self.jan.id,
            date_from=utc(2025, 3, 10, 9),
            date_to=utc(2025, 3, 20, 17),
        )
        inside = self.task(
            kind="task",
            user_id=self.jan.id,
            date_from=utc(2025, 3, 14, 10),
            date_to=utc(2025, 3, 14, 11),
        )
        evening = self.task(
            kind="task",
            user_id=self.jan.id,
            date_from=utc(2025, 3, 14, 18),
            date_to=utc(2025, 3, 14, 19),
        )
        before = self.task(
            kind="task",
            user_id=self.jan.id,
            date_from=utc(2025, 3, 12, 23, 30),
            date_to=utc(2025, 3, 12, 23, 45),
        )
        contact = self.task(
            kind="contact", user_id=self.jan.id, start_datetime=utc(2025, 3, 14, 10)
        )
        self.assertEqual(before.date_to_day, date(2025, 3, 12), "local day, not the UTC one")
        days = {"day_from": date(2025, 3, 13), "day_to": date(2025, 3, 15)}
        self.assertEqual(self.apply(**days), spanning | inside | evening)
        self.assertEqual(self.apply(**days, hour_from=8.0, hour_to=12.0), inside)
        self.assertEqual(self.apply(**days, hour_from=8.0, hour_to=17.0), spanning | inside)
        self.assertNotIn(contact, self.apply(**days))
        # "Za okres od…do": contacts too, by the local start date and time.
        period = self.apply(mode="period", **days, hour_from=9.5, hour_to=10.5)
        self.assertIn(contact, period)
        with self.assertRaisesRegex(ValidationError, "Hour to cannot be earlier"):
            self.apply(**days, hour_from=12.0, hour_to=8.0)

    def test_task18_representatives_listed(self):
        task = self.task(kind="contact", user_id=self.jan.id)
        invoice_address = self.env["res.partner"].create(
            {"name": "ABC faktury", "parent_id": self.abc.id, "type": "invoice"}
        )
        self.assertEqual(task.with_user(self.jan).representative_ids, self.anna)
        self.assertNotIn(invoice_address, task.representative_ids)
        self.assertEqual(task.representative_ids.email, "anna@abc.pl")
