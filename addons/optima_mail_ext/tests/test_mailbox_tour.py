# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Browser tour: reading and answering a message in the mailbox."""

from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestMailboxTour(HttpCase):
    def test_read_and_reply_in_the_browser(self):
        admin = self.env.ref("base.user_admin")
        server = self.env["ir.mail_server"].create(
            {
                "name": "Tour sink",
                "smtp_host": "127.0.0.1",
                "smtp_port": 1,
                "smtp_encryption": "none",
            }
        )
        account = self.env["optima.mail.account"].create(
            {
                "symbol": "TOUR",
                "email": "biuro@ogrodnik.test",
                "mail_server_id": server.id,
                "user_ids": [Command.set([admin.id])],
                "owner_id": admin.id,
            }
        )
        incoming = self.env["optima.mail.message"].create(
            {
                "account_id": account.id,
                "direction": "in",
                "state": "received",
                "subject": "Zapytanie z przeglądarki",
                "email_from": "jan.kowalski@abc.test",
                "email_to": "biuro@ogrodnik.test",
                "body": "<p>Proszę o ofertę.</p>",
            }
        )
        action = self.env.ref("optima_mail_ext.action_optima_mail_message")
        self.start_tour(f"/odoo/action-{action.id}", "optima_mailbox_reply", login="admin")
        reply = self.env["optima.mail.message"].search([("in_reply_to", "=", incoming.message_id)])
        self.assertEqual(len(reply), 1)
        self.assertEqual(reply.state, "outbox")
        self.assertEqual(reply.subject, "Re: Zapytanie z przeglądarki")
        self.assertIn("oferta w załączeniu", str(reply.body))
        self.assertTrue(incoming.with_user(admin).is_read)
