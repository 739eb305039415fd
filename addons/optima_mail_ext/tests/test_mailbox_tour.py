# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Browser tour: reading and answering a message in the mailbox."""

from odoo import Command
from odoo.tests import HttpCase, tagged


def tour_account(case, symbol="TOUR"):
    """The admin's mail account for a tour; its SMTP server is a closed port, so
    nothing a tour sends leaves the machine."""
    admin = case.env.ref("base.user_admin")
    server = case.env["ir.mail_server"].create(
        {"name": "Tour sink", "smtp_host": "127.0.0.1", "smtp_port": 1, "smtp_encryption": "none"}
    )
    return case.env["optima.mail.account"].create(
        {
            "symbol": symbol,
            "email": "biuro@ogrodnik.test",
            "mail_server_id": server.id,
            "user_ids": [Command.set([admin.id])],
            "owner_id": admin.id,
        }
    )


def run_composer_tour(case):
    """Switch the template of a draft made from an invoice (MAIL-31 rule 3)."""
    admin = case.env.ref("base.user_admin")
    tour_account(case)
    partner = case.env["res.partner"].create(
        {"name": "ABC", "is_company": True, "email": "faktury@abc.test"}
    )
    procedure = case.env.ref("optima_mail_ext.procedure_sale_invoice")
    case.env["mail.template"].create(
        {
            "name": "Przypomnienie",
            "model_id": case.env.ref("account.model_account_move").id,
            "subject": "Przypomnienie o płatności",
            "email_to": "windykacja@abc.test",
            "optima_procedure_ids": [Command.link(procedure.id)],
        }
    )
    move = case.env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "invoice_date": "2025-03-11",
            "invoice_line_ids": [Command.create({"name": "Usługa", "price_unit": 100.0})],
        }
    )
    move.action_post()
    draft = case.env["optima.mail.service"].send_email(record=move, mode="draft", operator=admin)
    action = case.env.ref("optima_mail_ext.action_optima_mail_message")
    case.start_tour(f"/odoo/action-{action.id}/{draft.id}", "optima_mail_composer", login="admin")
    case.assertEqual(draft.subject, "Przypomnienie o płatności")
    case.assertEqual(draft.email_to, "windykacja@abc.test")
    case.assertEqual(draft.email_cc, "ksiegowa@abc.test")


def run_contractor_filter_tour(case, tour="optima_mail_partner_filter"):
    """ "Kontrahent" under the list, then New writes to that entity (MAIL-17)."""
    account = tour_account(case)
    abc, beta = case.env["res.partner"].create(
        [
            {"name": "Tour ABC", "is_company": True, "email": "abc@tour.test"},
            {"name": "Tour Beta", "is_company": True, "email": "beta@tour.test"},
        ]
    )
    case.env["optima.mail.message"].create(
        [
            {
                "account_id": account.id,
                "direction": "in",
                "state": "received",
                "subject": subject,
                "email_from": partner.email,
                "partner_id": partner.id,
            }
            for subject, partner in (("Pytanie od ABC", abc), ("Pytanie od Beta", beta))
        ]
    )
    action = case.env.ref("optima_mail_ext.action_optima_mail_message")
    case.start_tour(f"/odoo/action-{action.id}", tour, login="admin")
    draft = case.env["optima.mail.message"].search([("subject", "=", "Oferta dla ABC")])
    case.assertEqual(draft.partner_id, abc)
    case.assertEqual(draft.email_to, "abc@tour.test")
    case.assertEqual(draft.account_id, account)
    case.assertEqual(draft.folder_id.folder_type, "drafts")


@tagged("post_install", "-at_install")
class TestMailboxTour(HttpCase):
    def test_read_and_reply_in_the_browser(self):
        admin = self.env.ref("base.user_admin")
        account = tour_account(self)
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

    def test_composer_template_switch_in_the_browser(self):
        run_composer_tour(self)

    def test_contractor_filter_in_the_browser(self):
        run_contractor_filter_tour(self)

    def test_list_icons_and_account_node_in_the_browser(self):
        admin = self.env.ref("base.user_admin")
        account = tour_account(self, "ICONS")
        base = {"account_id": account.id, "direction": "in", "state": "received"}
        valid, _invalid, plain = self.env["optima.mail.message"].create(
            [
                dict(base, subject="Podpis poprawny", is_signed=True, signature_state="valid"),
                dict(base, subject="Podpis zmieniony", is_signed=True, signature_state="invalid"),
                dict(base, subject="Bez podpisu"),
            ]
        )
        valid._attach([("umowa.pdf", b"%PDF-1.4")])
        action = self.env.ref("optima_mail_ext.action_optima_mail_message")
        self.start_tour(f"/odoo/action-{action.id}", "optima_mail_icons", login="admin")
        self.assertTrue(plain.with_user(admin).is_read)

    def test_address_book_from_entity_in_the_browser(self):
        account = tour_account(self, "BOOK")
        beta = self.env["res.partner"].create(
            {"name": "Tour Beta", "is_company": True, "email": "beta@tour.test"}
        )
        draft = self.env["optima.mail.message"].create(
            {"account_id": account.id, "direction": "out", "subject": "Oferta"}
        )
        action = self.env.ref("optima_mail_ext.action_optima_mail_message")
        self.start_tour(
            f"/odoo/action-{action.id}/{draft.id}", "optima_mail_address_book", login="admin"
        )
        self.assertEqual(draft.partner_id, beta)
        self.assertEqual(draft.email_to, "beta@tour.test")


@tagged("post_install", "-at_install")
class TestMailboxMobileTour(HttpCase):
    """The composer on a phone-sized screen."""

    browser_size = "375x667"
    touch_enabled = True

    def test_composer_on_a_phone(self):
        run_composer_tour(self)

    def test_contractor_filter_on_a_phone(self):
        run_contractor_filter_tour(self, "optima_mail_partner_filter_phone")

    def test_autosend_prompt_settings_and_log_on_a_phone(self):
        """AUTO-09 on a phone: the prompt after a manual send, the settings and the log."""
        admin = self.env.ref("base.user_admin")
        company = self.env.company
        company.optima_autosend_enabled = False
        admin.optima_manual_invoice_sends = 4
        admin.optima_autosend_hint_done = False
        account = tour_account(self)
        company.write(
            {
                "optima_autosend_user_id": admin.id,
                "optima_autosend_account_id": account.id,
                "optima_autosend_template_id": self.env.ref(
                    "optima_mail_ext.mail_template_invoice_customer"
                ).id,
            }
        )
        partner = self.env["res.partner"].create(
            {"name": "ABC", "is_company": True, "email": "faktury@abc.test"}
        )
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": "2025-03-11",
                "invoice_line_ids": [Command.create({"name": "Usługa", "price_unit": 100.0})],
            }
        )
        move.action_post()
        self.env["optima.invoice.autosend.run"].create(
            {
                "company_id": company.id,
                "slot_keys": "08:00",
                "created_count": 2,
                "error_count": 1,
                "line_ids": [
                    Command.create(
                        {"move_id": move.id, "result": "no_address", "text": "No e-mail address"}
                    )
                ],
            }
        )
        draft = self.env["optima.mail.service"].send_email(
            record=move, mode="draft", operator=admin
        )
        action = self.env.ref("optima_mail_ext.action_optima_mail_message")
        self.start_tour(
            f"/odoo/action-{action.id}/{draft.id}", "optima_autosend_phone", login="admin"
        )
        self.assertTrue(admin.optima_autosend_hint_done)
        self.assertEqual(admin.optima_manual_invoice_sends, 5)
        self.assertNotEqual(draft.state, "draft")
