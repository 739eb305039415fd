# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""SMS templates per procedure (SMS-04), the composer from tasks (SMS-05) and the task
reminder number (SMS-06)."""

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import OptimaMailCase, SmsGatewayMixin, utc


@tagged("post_install", "-at_install")
class TestSmsComposer(SmsGatewayMixin, OptimaMailCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start_gateway()
        cls.anna.group_ids += cls.env.ref("account.group_account_invoice")
        cls.move_model = cls.env["ir.model"]._get_id("account.move")
        cls.task_model = cls.env["ir.model"]._get_id("optima.crm.task")
        cls.invoice_sms = cls.env["sms.template"].create(
            {
                "name": "Przypomnienie o płatności",
                "model_id": cls.move_model,
                "body": "Przypominamy o terminie płatności {eNumer}: {eDoZaplaty} do {eTermin}.",
                "optima_procedure_ids": [
                    Command.link(cls.env.ref("optima_mail_ext.procedure_sale_invoice").id)
                ],
            }
        )
        cls.task_sms = cls.env["sms.template"].create(
            {
                "name": "Spotkanie",
                "model_id": cls.task_model,
                "body": "Zapraszamy na spotkanie {eTerminOd}. Dziękujemy",
                "optima_procedure_ids": [
                    Command.link(cls.env.ref("optima_mail_ext.procedure_crm_tasks").id)
                ],
            }
        )
        cls.global_sms = cls.env["sms.template"].create(
            {"name": "Ogólny", "model_id": cls.move_model, "body": "Prosimy o kontakt."}
        )

    def setUp(self):
        super().setUp()
        self.gateway.requests.clear()
        self.gateway.delivered.clear()
        self.gateway.script.clear()

    def _task(self, **vals):
        return self.env["optima.crm.task"].create(
            {
                "partner_id": self.abc.id,
                "tz": "Europe/Warsaw",
                "subject": "Spotkanie",
                "kind": "task",
                "date_from": utc(2025, 3, 12, 10, 0),
                "date_to": utc(2025, 3, 12, 11, 30),
                **vals,
            }
        )

    def test_sms04_macros_checked_on_save(self):
        with self.assertRaisesRegex(ValidationError, r"Unknown macro: \{eNumerek\}"):
            self.env["sms.template"].create(
                {"name": "Zły", "model_id": self.move_model, "body": "Faktura {eNumerek}"}
            )
        with self.assertRaisesRegex(ValidationError, "GetSQL function is not supported"):
            self.global_sms.body = "{GetSQL('SELECT 1','f')}"

    def test_sms04_templates_per_procedure_rendered_in_the_composer(self):
        move = self.invoice(self.abc, amount=102.11, invoice_date_due="2025-03-25")
        form = Form(
            self.env["optima.sms.composer"]
            .with_user(self.anna)
            .with_context(active_model="account.move", active_id=move.id)
        )
        offered = form.available_template_ids
        self.assertIn(self.invoice_sms, offered)
        self.assertIn(self.global_sms, offered)
        self.assertNotIn(self.task_sms, offered)
        form.template_id = self.invoice_sms
        text = f"Przypominamy o terminie płatności {move.name}: 102.11 do 2025-03-25."
        self.assertEqual(form.body, text)
        # Polish letters: UCS-2, 70 characters per single SMS.
        self.assertEqual(form.char_count, len(text))
        self.assertEqual(form.parts, 1 if len(text) <= 70 else -(-len(text) // 67))
        form.save().action_send()
        self.assertEqual(self.gateway.requests[0]["message"], text)

    def test_sms05_from_a_task_to_its_contact_person(self):
        self.jan.write({"optima_sms_phone": False, "optima_gsm_phone": "602 111 222"})
        task = self._task(contact_person_id=self.jan.id, user_id=self.anna.id)
        form = Form(
            self.env["optima.sms.composer"]
            .with_user(self.anna)
            .with_context(active_model="optima.crm.task", active_id=task.id)
        )
        self.assertEqual(form.partner_id, self.jan)
        self.assertFalse(form.number)  # no Telefon SMS
        form.number_choice = "gsm"
        self.assertEqual(form.number, "602 111 222")
        self.assertEqual(form.call_url, "tel:602111222")
        self.assertIn(self.task_sms, form.available_template_ids)
        self.assertNotIn(self.invoice_sms, form.available_template_ids)
        form.template_id = self.task_sms
        self.assertEqual(form.body, "Zapraszamy na spotkanie 2025-03-12 10:00. Dziękujemy")
        action = form.save().action_send()
        sms = self.env["optima.sms.message"].browse(action["res_id"])
        self.assertEqual(sms.state, "sent")
        self.assertEqual(sms.partner_id, self.jan)
        self.assertEqual(self.gateway.requests[0]["to"], "48602111222")
        action = self.env.ref("optima_mail_ext.action_optima_sms_composer_task")
        self.assertEqual(action.binding_model_id.model, "optima.crm.task")

    def test_sms06_task_reminder_number(self):
        self.jan.write({"optima_sms_phone": "603 000 111", "phone": "12 345 67 89"})
        task = self._task(contact_person_id=self.jan.id)
        self.assertEqual(task.auto_client_phone, "603 000 111")
        # The contact person has only a landline: it is his alternative.
        self.jan.optima_sms_phone = False
        self.assertEqual(task.auto_client_phone, "12 345 67 89")
        # Without a contact person: the contractor's Telefon SMS.
        task.contact_person_id = False
        self.assertEqual(task.auto_client_phone, "601 234 567")

    def test_sms06_operator_reminder_number(self):
        self.piotr.partner_id.write({"optima_gsm_phone": "604 555 666", "phone": False})
        task = self._task(
            user_id=self.anna.id,
            participant_ids=[Command.create({"user_id": self.piotr.id})],
        )
        line = task.participant_ids.filtered(lambda p: p.user_id == self.piotr)
        self.assertEqual(line.phone, "604 555 666")
        self.piotr.partner_id.optima_sms_phone = "605 000 000"
        line2 = self.env["optima.crm.task.participant"].create(
            {"task_id": self._task(user_id=self.anna.id).id, "user_id": self.piotr.id}
        )
        self.assertEqual(line2.phone, "605 000 000")
