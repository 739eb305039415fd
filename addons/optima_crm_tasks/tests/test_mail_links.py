# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""TASK-21 e-mail and SMS rows of the "Zadania i kontakty CRM" table."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OptimaTaskCase


@tagged("post_install", "-at_install")
class TestMailLinks(OptimaTaskCase):
    def test_task21_posted_mails_link_automatically(self):
        task = self.task(kind="task", user_id=self.jan.id, subject="Oferta")
        sent = task.message_post(
            body="Oferta w załączniku",
            subject="Oferta",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.anna.ids,
        )
        task.message_post(body="Notatka", subtype_xmlid="mail.mt_note", partner_ids=self.anna.ids)
        incoming = task.message_post(
            body="Dziękujemy", subject="Re: Oferta", message_type="email", author_id=self.anna.id
        )
        sms = task._message_sms("Spotkanie jutro", sms_numbers=["+48600100200"], put_in_queue=True)
        rows = task.message_link_ids
        self.assertEqual(rows.message_id, sent | incoming | sms, "the internal note is no e-mail")
        self.assertEqual(set(rows.mapped("kind_code")), {"E"})
        by_message = {row.message_id: row for row in rows}
        self.assertTrue(by_message[sms].is_sms)
        self.assertFalse(by_message[sent].is_sms)
        self.assertEqual(by_message[sent].partner_name, "ABC Sp. z o.o., Anna Zięba")
        self.assertEqual(by_message[incoming].partner_name, "ABC Sp. z o.o., Anna Zięba")
        self.assertEqual(by_message[incoming].subject, "Re: Oferta")
        self.assertEqual(by_message[sms].partner_name, "ABC Sp. z o.o.")

    def test_task21_add_existing_and_remove_link_only(self):
        task = self.task(kind="task", user_id=self.jan.id)
        from_abc = self.abc.message_post(
            body="Zapytanie", subject="Zapytanie", message_type="email", author_id=self.anna.id
        )
        from_xyz = self.xyz.message_post(
            body="Inne", subject="Inne", message_type="email", author_id=self.xyz.id
        )
        action = task.with_user(self.jan).action_add_messages()
        wizard = (
            self.env["optima.crm.task.message.link.wizard"]
            .with_user(self.jan)
            .with_context(**action["context"])
            .create({})
        )
        offered = (
            self.env["mail.message"]
            .with_user(self.jan)
            .search(task._mail_link_domain(task.partner_id))
        )
        self.assertIn(from_abc, offered)
        self.assertNotIn(from_xyz, offered)
        wizard.message_ids = from_abc | from_xyz
        wizard.action_link()
        self.assertEqual(task.message_link_ids.message_id, from_abc, "only the contractor's")
        # Ewa (G0) does not see Jan's task, nor its rows.
        self.assertFalse(self.env["optima.crm.task.message.link"].with_user(self.ewa).search([]))
        task.message_link_ids.with_user(self.jan).unlink()
        self.assertTrue(from_abc.exists(), "Usuń removes the link only")
        self.assertFalse(task.message_link_ids)
        wizard.action_link()
        task.action_close()
        with self.assertRaisesRegex(UserError, "closed"):
            task.message_link_ids.with_user(self.jan).unlink()
        with self.assertRaisesRegex(UserError, "closed"):
            task.with_user(self.jan).action_add_messages()
