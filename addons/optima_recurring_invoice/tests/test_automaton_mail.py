# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""RI-22 e-mail by the automaton through optima_mail_ext (AS-55)."""

from freezegun import freeze_time

from odoo import Command
from odoo.tests import tagged

from .common import D, RecurringCase


@tagged("post_install", "-at_install")
class TestAutomatonMail(RecurringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        server = cls.env["ir.mail_server"].create(
            {"name": "Loopback", "smtp_host": "127.0.0.1", "smtp_port": 10025}
        )
        cls.account = cls.env["optima.mail.account"].create(
            {
                "symbol": "FAKTURY",
                "email": "faktury@firma.pl",
                "protocol": "imap",
                "incoming_host": "127.0.0.1",
                "mail_server_id": server.id,
                "user_ids": [Command.set(cls.user.ids)],
                "owner_id": cls.user.id,
            }
        )
        cls.mail_template = cls.env.ref("account.email_template_edi_invoice").copy(
            {"email_from": "biuro@firma.pl"}
        )
        cls.company.write(
            {
                "optima_ri_auto_enabled": True,
                "optima_ri_auto_user_id": cls.user.id,
                "optima_ri_auto_account_id": cls.account.id,
            }
        )

    def run_automaton(self):
        template = self.template(
            [self.a, self.b],
            code="T1",
            auto_generate=True,
            send_email=True,
            save_mode="posted",
            mail_template_id=self.mail_template.id,
            next_date=D(2025, 3, 10),
        )
        with freeze_time("2025-03-10 09:00:00"):
            self.env["optima.recurring.generator"]._cron_automaton()
        run = self.env["optima.recurring.run"].search([("origin", "=", "auto")], limit=1)
        return template, run, self.moves(template)

    def test_as55_automaton_email(self):
        template, run, (move_a, move_b) = self.run_automaton()
        self.assertEqual(template.mail_cc, self.mail_template.email_cc)
        self.assertEqual(move_a.state, "posted")
        self.assertTrue(move_a.is_move_sent)
        message = self.env["optima.mail.message"].search([("email_to", "ilike", "a@a.pl")])
        self.assertEqual(len(message), 1)
        self.assertIn("faktury@firma.pl", message.email_from)
        self.assertFalse(move_b.is_move_sent)
        self.assertIn(
            f"Invoice {move_b.name}: the contractor has no e-mail address – the message was "
            "not sent.",
            self.messages(run),
        )

    def test_as55_drafts_mode(self):
        """Robocze: nothing is sent; the message waits in the automaton account's Drafts
        folder (as in Optima) and the operator gets a To-Do [P29]."""
        self.company.optima_ri_auto_send_mode = "drafts"
        _template, _run, moves = self.run_automaton()
        message = self.env["optima.mail.message"].search([("email_to", "ilike", "a@a.pl")])
        self.assertEqual(len(message), 1)
        self.assertEqual(
            (message.account_id, message.folder_type, message.state),
            (self.account, "drafts", "draft"),
        )
        self.assertIn("faktury@firma.pl", message.email_from)
        self.assertFalse(self.env["mail.mail"].search([("email_to", "ilike", "a@a.pl")]))
        self.assertFalse(any(moves.mapped("is_move_sent")))
        activity = moves[0].activity_ids
        self.assertEqual(activity.user_id, self.user)
        self.assertEqual(
            activity.summary, f"Send invoice {moves[0].name} to the contractor by e-mail."
        )

    def test_draft_invoices_are_mailed_as_proforma(self):
        template = self.template(
            [self.a],
            code="T2",
            auto_generate=True,
            send_email=True,
            mail_template_id=self.mail_template.id,
            next_date=D(2025, 3, 10),
        )
        with freeze_time("2025-03-10 09:00:00"):
            self.env["optima.recurring.generator"]._cron_automaton()
        move = self.moves(template)
        self.assertEqual(move.state, "draft")
        self.assertTrue(move.is_move_sent)
        message = self.env["optima.mail.message"].search([("email_to", "ilike", "a@a.pl")])
        self.assertEqual(len(message), 1)
        self.assertTrue(message.attachment_ids)
