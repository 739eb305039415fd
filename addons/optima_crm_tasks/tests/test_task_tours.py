# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import os
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import utc


@tagged("post_install", "-at_install")
class TestTaskTours(HttpCase):
    def test_as12_overlap_dialog_in_the_browser(self):
        admin = self.env.ref("base.user_admin")
        admin.tz = "Europe/Warsaw"
        partner = self.env["res.partner"].create({"name": "Overlap Partner", "is_company": True})
        existing = self.env["optima.crm.task"].create(
            {
                "partner_id": partner.id,
                "kind": "task",
                "user_id": admin.id,
                "tz": "Europe/Warsaw",
                "date_from": utc(2025, 3, 14, 10),
                "date_to": utc(2025, 3, 14, 11),
            }
        )
        existing.sudo().name = "OVERLAP-EXISTING"
        before = self.env["optima.crm.task"].search_count([("partner_id", "=", partner.id)])
        action = self.env.ref("optima_crm_tasks.action_optima_crm_task")
        # The web client shows dates in the browser's zone: a Polish user's browser.
        with patch.dict(os.environ, {"TZ": "Europe/Warsaw"}):
            self.start_tour(f"/odoo/action-{action.id}", "optima_crm_task_overlap", login="admin")
        created = self.env["optima.crm.task"].search(
            [("partner_id", "=", partner.id), ("id", "!=", existing.id)]
        )
        self.assertEqual(before, 1)
        self.assertEqual(len(created), 1, "No kept the form unsaved; Yes saved exactly once")
        self.assertEqual(created.subject, "Overlapping meeting")
        self.assertEqual(created.date_from, utc(2025, 3, 14, 10, 30))

    def test_task23_reminder_list_and_dismiss(self):
        admin = self.env.ref("base.user_admin")
        partner = self.env["res.partner"].create({"name": "Reminder Partner", "is_company": True})
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(minutes=30)
        task = self.env["optima.crm.task"].create(
            {
                "partner_id": partner.id,
                "kind": "task",
                "user_id": admin.id,
                "subject": "Reminder tour task",
                "reminder": True,
                "reminder_lead": "1h",
                "date_from": start,
                "date_to": start + timedelta(hours=1),
            }
        )
        self.start_tour("/odoo", "optima_crm_reminders", login="admin")
        self.assertTrue(task.occurrence_ids.reminder_dismissed)
        self.assertEqual(task.state, "in_progress", "dismissing never touches the task")

    def test_task31_terminarz_popover_extracts_an_occurrence(self):
        admin = self.env.ref("base.user_admin")
        partner = self.env["res.partner"].create({"name": "Cyclic Partner", "is_company": True})
        today = fields.Date.context_today(self.env["optima.crm.task"].with_user(admin))
        start = fields.Datetime.now().replace(hour=9, minute=0, second=0, microsecond=0)
        series = self.env["optima.crm.task"].create(
            {
                "partner_id": partner.id,
                "kind": "task",
                "user_id": admin.id,
                "subject": "Cyclic tour",
                "tz": "UTC",
                "is_cyclic": True,
                "date_from": start,
                "date_to": start + timedelta(hours=1),
                "cycle_start_time": 9.0,
                "cycle_duration": 1.0,
                "cycle_mode": "daily",
                "cycle_interval": 1,
                "cycle_start_date": today,
                "cycle_end_mode": "count",
                "cycle_count": 1,
            }
        )
        action = self.env.ref("optima_crm_tasks.action_optima_terminarz")
        with patch.dict(os.environ, {"TZ": "UTC"}):
            self.start_tour(
                f"/odoo/action-{action.id}", "optima_crm_terminarz_extract", login="admin"
            )
        slot = series.occurrence_ids
        self.assertEqual(slot.state, "extracted")
        self.assertEqual(slot.extracted_task_id.subject, "Cyclic tour")
        self.assertFalse(slot.extracted_task_id.is_cyclic)

    def test_as15_form_shows_the_participants_tab(self):
        admin = self.env.ref("base.user_admin")
        admin.write({"phone": "+48 600 000 001", "email": "admin@firma.pl"})
        krzysztof = self.env["res.users"].create(
            {
                "name": "Krzysztof Tour",
                "login": "krzysztof_tour",
                "email": "krzysztof@firma.pl",
                "group_ids": [(4, self.env.ref("optima_crm_tasks.group_optima_crm_user").id)],
            }
        )
        server = self.env["ir.mail_server"].create(
            {"name": "Tour", "smtp_host": "127.0.0.1", "smtp_port": 2525}
        )
        admin.company_id.write(
            {
                "optima_auto_reminders_enabled": True,
                "optima_auto_reminder_mail_server_id": server.id,
            }
        )
        partner = self.env["res.partner"].create({"name": "Tour Partner", "is_company": True})
        task = self.env["optima.crm.task"].create(
            {
                "partner_id": partner.id,
                "kind": "task",
                "user_id": admin.id,
                "auto_operator": True,
                "auto_operator_channel": "email",
                "participant_ids": [(0, 0, {"user_id": krzysztof.id})],
            }
        )
        action = self.env.ref("optima_crm_tasks.action_optima_crm_task")
        self.start_tour(
            f"/odoo/action-{action.id}/{task.id}", "optima_crm_participant_contact", login="admin"
        )
        self.assertEqual(task.auto_operator_channel, "email", "nothing was saved")
