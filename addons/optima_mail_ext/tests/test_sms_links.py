# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""SMS-07: existing SMS linked to CRM contacts/tasks through "Dodaj istniejący e-mail/SMS"."""

from odoo.tests import tagged

from .common import OptimaMailCase, SmsGatewayMixin


@tagged("post_install", "-at_install")
class TestSmsLinks(SmsGatewayMixin, OptimaMailCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start_gateway()
        cls.beta.optima_sms_phone = "602 345 678"

    def _send(self, partner, body, record=None):
        service = self.env["optima.mail.service"].with_user(self.anna)
        sms = service.send_sms(partner=partner, record=record, body=body)
        sms.action_send_now()
        return sms

    def _task(self, partner):
        return (
            self.env["optima.crm.task"]
            .with_user(self.anna)
            .create({"partner_id": partner.id, "user_id": self.anna.id, "name": "Telefon"})
        )

    def test_sms07_add_existing_sms_of_the_same_entity(self):
        to_abc = self._send(self.abc, "Zapraszamy na prezentację")
        to_beta = self._send(self.beta, "Faktura gotowa")
        self.assertEqual(to_abc.state, "sent")
        note = to_abc.mail_message_ids
        self.assertEqual(len(note), 1)
        self.assertEqual(note.message_type, "sms")
        self.assertEqual(note.partner_ids, self.abc)
        self.assertIn("Zapraszamy na prezentację", note.body)
        task = self._task(self.jan)  # a representative: SMS of the whole Podmiot ABC
        offered = (
            self.env["mail.message"]
            .with_user(self.anna)
            .search(task._mail_link_domain(task.partner_id))
        )
        self.assertIn(note, offered)
        self.assertNotIn(to_beta.mail_message_ids, offered, "another entity's SMS")
        action = task.action_add_messages()
        wizard = (
            self.env["optima.crm.task.message.link.wizard"]
            .with_user(self.anna)
            .with_context(**action["context"])
            .create({})
        )
        wizard.message_ids = note | to_beta.mail_message_ids
        wizard.action_link()
        link = task.message_link_ids
        self.assertEqual(link.message_id, note, "only the SMS of the same Podmiot")
        self.assertTrue(link.is_sms)
        self.assertEqual(link.partner_name, self.abc.display_name)
        # Removing the link keeps the SMS and its chatter entry.
        link.with_user(self.anna).unlink()
        self.assertFalse(task.message_link_ids)
        self.assertTrue(to_abc.exists())
        self.assertEqual(to_abc.mail_message_ids, note)
        self.assertTrue(note.exists())

    def test_sms07_sms_sent_from_a_task_is_linked(self):
        task = self._task(self.abc)
        sms = self._send(self.abc, "Potwierdzam spotkanie", record=task)
        self.assertEqual(len(sms.mail_message_ids), 2, "partner's and task's chatter")
        self.assertEqual(
            task.message_link_ids.message_id,
            sms.mail_message_ids.filtered(lambda m: m.model == "optima.crm.task"),
        )
        self.assertTrue(task.message_link_ids.is_sms)
