# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""TASK-06 Print (task form and list printouts) and Send (composer with the printout)."""

from odoo.tests import tagged

from .common import OptimaTaskCase, utc


@tagged("post_install", "-at_install")
class TestReports(OptimaTaskCase):
    def test_task06_print_form_and_list(self):
        task = self.task(
            kind="task",
            user_id=self.jan.id,
            subject="Wdrożenie",
            date_from=utc(2025, 3, 20, 10),
            date_to=utc(2025, 3, 20, 11),
        )
        contact = self.task(kind="contact", user_id=self.jan.id, subject="Telefon")
        Report = self.env["ir.actions.report"].with_user(self.jan)
        html = Report._render_qweb_html("optima_crm_tasks.action_report_optima_crm_task", task.ids)[
            0
        ].decode()
        self.assertIn(task.name, html)
        self.assertIn("Wdrożenie", html)
        self.assertIn("20.03.2025 10:00", html)
        listing = Report._render_qweb_html(
            "optima_crm_tasks.action_report_optima_crm_task_list", (task | contact).ids
        )[0].decode()
        self.assertIn(task.name, listing)
        self.assertIn(contact.name, listing)
        self.assertIn("Telefon", listing)

    def test_task06_send_with_the_printout(self):
        task = self.task(kind="task", user_id=self.jan.id, subject="Wdrożenie")
        action = task.with_user(self.jan).action_send_by_email()
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.jan)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(composer.partner_ids, self.abc, "sent to the contractor")
        self.assertIn(task.name, composer.subject)
        self.assertEqual(len(composer.attachment_ids), 1, "the task printout is attached")
        composer._action_send_mail()
        message = task.message_ids.filtered(lambda m: m.attachment_ids)[:1]
        self.assertTrue(message)
        # TASK-21: what the task sent shows in its e-mail rows.
        self.assertIn(message, task.message_link_ids.message_id)
