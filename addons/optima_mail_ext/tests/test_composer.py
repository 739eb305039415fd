# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The message composer: templates inserted into a draft (MAIL-23/27/29/31 rule 3/34) and
the template list per procedure (MAIL-30)."""

import base64

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import OptimaMailCase


@tagged("post_install", "-at_install")
class TestComposer(OptimaMailCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.anna.group_ids += cls.env.ref("account.group_account_invoice")
        cls.piotr.group_ids += cls.env.ref("account.group_account_invoice")
        cls.move_model = cls.env.ref("account.model_account_move")
        cls.sale_procedure = cls.env.ref("optima_mail_ext.procedure_sale_invoice")
        cls.attachment = cls.env["ir.attachment"].create(
            {"name": "regulamin.pdf", "raw": b"%PDF-1.4 regulamin" * 100}
        )
        cls.reminder = cls.env["mail.template"].create(
            {
                "name": "Przypomnienie",
                "model_id": cls.move_model.id,
                "subject": "Przypomnienie {eNumer}",
                "body_html": "<p>Termin {eTermin}.</p>",
                "email_to": "windykacja@abc.test",
                "email_cc": "{eAdrOpiekun}",
                "optima_email_bcc": "archiwum@ogrodnik.test",
                "attachment_ids": [Command.link(cls.attachment.id)],
                "optima_procedure_ids": [Command.link(cls.sale_procedure.id)],
            }
        )
        cls.plain = cls.env["mail.template"].create(
            {
                "name": "Zwykły",
                "model_id": cls.move_model.id,
                "subject": "Dokument {eNumer}",
                "body_html": "<p>W załączeniu.</p>",
                "optima_procedure_ids": [Command.link(cls.sale_procedure.id)],
            }
        )
        cls.elsewhere = cls.env["mail.template"].create(
            {
                "name": "Zadanie",
                "subject": "Zadanie",
                "optima_procedure_ids": [
                    Command.link(cls.env.ref("optima_mail_ext.procedure_crm_tasks").id)
                ],
            }
        )

    def _draft(self, move):
        return (
            self.env["optima.mail.service"]
            .with_user(self.anna)
            .send_email(record=move, mode="draft")
        )

    def test_default_template_loaded_and_offered_templates(self):
        move = self.invoice(self.abc, amount=102.11, invoice_date_due="2025-03-25")
        draft = self._draft(move)
        self.assertEqual(draft.template_id, self.template)
        self.assertEqual(draft.subject, f"Faktura {move.name}")
        self.assertEqual(draft.procedure_id, self.sale_procedure)
        self.assertIn(self.reminder, draft.available_template_ids)
        self.assertIn(self.template, draft.available_template_ids)
        self.assertNotIn(self.elsewhere, draft.available_template_ids)
        # A message from the mailbox offers the mailbox procedure's and global templates.
        mailbox = self.env["optima.mail.message"].create(
            {"account_id": self.biuro.id, "direction": "out"}
        )
        self.assertEqual(mailbox.procedure_id, self.env.ref("optima_mail_ext.procedure_mailbox"))
        self.assertNotIn(self.reminder, mailbox.available_template_ids)

    def test_rule3_switching_template_keeps_typed_fields(self):
        self.abc.user_id = self.piotr
        move = self.invoice(self.abc, amount=102.11, invoice_date_due="2025-03-25")
        move.invoice_user_id = self.piotr
        draft = self._draft(move)
        self.assertEqual(draft.email_to, "faktury@abc.test")
        form = Form(draft.with_user(self.anna))
        # The user types into DW; DO stays as filled in automatically.
        form.email_cc = "ksiegowa@abc.test"
        form.template_id = self.reminder
        self.assertEqual(form.subject, f"Przypomnienie {move.name}")
        self.assertIn("Termin 2025-03-25.", str(form.body))
        self.assertEqual(form.email_to, "windykacja@abc.test")  # rule 2: template DO replaces
        self.assertEqual(form.email_cc, "ksiegowa@abc.test")  # typed: kept
        self.assertEqual(form.email_bcc, "archiwum@ogrodnik.test")
        # Switching again: untyped fields follow the new template; with no template DO the
        # document's address comes back (rule 1), the template UDW disappears.
        form.template_id = self.plain
        self.assertEqual(form.subject, f"Dokument {move.name}")
        self.assertEqual(form.email_to, "faktury@abc.test")
        self.assertFalse(form.email_bcc)
        self.assertEqual(form.email_cc, "ksiegowa@abc.test")
        # Now the user types DO; another switch keeps it.
        form.email_to = "zarzad@abc.test"
        form.template_id = self.reminder
        self.assertEqual(form.email_to, "zarzad@abc.test")
        self.assertEqual(form.email_bcc, "archiwum@ogrodnik.test")
        draft = form.save()
        self.assertEqual(draft.email_to, "zarzad@abc.test")
        self.assertEqual(draft.template_id, self.reminder)

    def test_template_attachments_copied_and_sizes(self):
        move = self.invoice(self.abc)
        draft = self._draft(move)
        form = Form(draft.with_user(self.anna))
        form.template_id = self.reminder
        draft = form.save()
        names = draft.attachment_ids.mapped("name")
        self.assertIn("regulamin.pdf", names)
        copy = draft.attachment_ids.filtered(lambda a: a.name == "regulamin.pdf")
        self.assertEqual(copy.res_model, "optima.mail.message")
        self.assertEqual(copy.res_id, draft.id)
        self.assertNotEqual(copy, self.attachment)
        self.assertEqual(self.attachment.res_model, "mail.template")
        # 1 800 bytes → 2 KB (rounded up); 1.5 MB → "1.50 MB".
        self.assertEqual(copy.optima_size_display, "2 KB")
        big = self.env["ir.attachment"].create(
            {"name": "skan.pdf", "datas": base64.b64encode(b"x" * 1572864)}
        )
        self.assertEqual(big.optima_size_display, "1.50 MB")
        self.assertEqual(draft.attachment_tab, f"Attachments ({len(draft.attachment_ids)})")
        self.assertIn("regulamin.pdf – 2 KB", draft.attachment_sizes)

    def test_mail23_rename_attachment(self):
        """ "Zmień" renames the draft's copy only; the extension stays; drafts only."""
        draft = self._draft(self.invoice(self.abc))
        form = Form(draft.with_user(self.anna))
        form.template_id = self.reminder
        draft = form.save()
        copy = draft.attachment_ids.filtered(lambda a: a.name == "regulamin.pdf")
        draft.imap_uid = 7
        draft.imap_draft_edited = False
        action = draft.with_user(self.anna).action_open_attachment_rename()
        wizard = Form(
            self.env[action["res_model"]].with_user(self.anna).with_context(**action["context"])
        )
        wizard.attachment_id = copy
        self.assertEqual(wizard.name, "regulamin.pdf")
        wizard.name = "  Regulamin 2025 "
        wizard.save().action_confirm()
        self.assertEqual(copy.name, "Regulamin 2025.pdf")
        self.assertEqual(self.attachment.name, "regulamin.pdf")
        self.assertIn("Regulamin 2025.pdf – 2 KB", draft.attachment_sizes)
        # MAIL-14: the server's copy of the draft is replaced at the next sync.
        self.assertTrue(draft.imap_draft_edited)
        draft.with_user(self.anna)._rename_attachment(copy, "warunki.txt")
        self.assertEqual(copy.name, "warunki.txt")
        with self.assertRaisesRegex(UserError, "Enter the file name."):
            draft.with_user(self.anna)._rename_attachment(copy, "   ")
        with self.assertRaisesRegex(UserError, "not an attachment of this message"):
            draft.with_user(self.anna)._rename_attachment(self.attachment, "x.pdf")
        draft.state = "sent"
        with self.assertRaisesRegex(UserError, "only in a draft message"):
            draft.with_user(self.anna)._rename_attachment(copy, "inny.pdf")
        with self.assertRaisesRegex(UserError, "only in a draft message"):
            draft.with_user(self.anna).action_open_attachment_rename()
        self.assertEqual(copy.name, "warunki.txt")

    def test_mail34_template_sender_only_for_its_operators(self):
        other = self.env["optima.mail.account"].create(
            {
                "symbol": "FAKT",
                "email": "faktury@ogrodnik.test",
                "mail_server_id": self.smtp_server.id,
                "user_ids": [Command.set([self.anna.id])],
                "owner_id": self.anna.id,
            }
        )
        self.plain.optima_account_id = other
        move = self.invoice(self.abc)
        form = Form(self._draft(move).with_user(self.anna))
        form.template_id = self.plain
        self.assertEqual(form.account_id, other)
        self.assertEqual(form.email_from, "faktury@ogrodnik.test")
        # piotr is not an operator of FAKT: the template loads, OD stays BIURO.
        draft = (
            self.env["optima.mail.service"]
            .with_user(self.piotr)
            .send_email(record=move, mode="draft", template=self.template)
        )
        form = Form(draft.with_user(self.piotr))
        form.template_id = self.plain
        self.assertEqual(form.account_id, self.biuro)
        self.assertEqual(form.subject, f"Dokument {move.name}")

    def test_mailbox_message_without_document(self):
        """Rule 6: without a document the template macros have no source and expand empty."""
        form = Form(
            self.env["optima.mail.message"]
            .with_user(self.anna)
            .with_context(default_account_id=self.biuro.id, default_direction="out")
        )
        form.email_to = "ktos@abc.test"
        form.template_id = self.env["mail.template"].create(
            {"name": "Ogólny", "subject": "Oferta {eNumer}", "email_to": "{eAdrNabywca}"}
        )
        self.assertEqual(form.subject, "Oferta ")
        self.assertEqual(form.email_to, "ktos@abc.test")

    def test_print_and_save_as_template(self):
        move = self.invoice(self.abc, amount=102.11)
        draft = self._draft(move)
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "optima_mail_ext.report_optima_mail_message", draft.ids
            )[0]
        )
        self.assertIn(f"Faktura {move.name}", html)
        self.assertIn("faktury@abc.test", html)
        self.assertIn("102.11", html)
        action = draft.with_user(self.anna).action_save_as_template()
        template = self.env["mail.template"].browse(action["res_id"])
        self.assertEqual(template.subject, f"Faktura {move.name}")
        self.assertEqual(template.email_to, "faktury@abc.test")
        self.assertEqual(template.optima_procedure_ids, self.sale_procedure)
        self.assertEqual(template.model_id, self.move_model)

    def test_mail30_procedure_tree(self):
        action = self.invoice(self.abc).action_optima_mail_templates()
        self.assertEqual(
            action["context"]["searchpanel_default_optima_procedure_ids"], self.sale_procedure.ids
        )
        Template = self.env["mail.template"].with_context(**action["context"])
        panel = Template.search_panel_select_multi_range(
            "optima_procedure_ids", enable_counters=True, expand=True
        )
        counts = {v["id"]: v["__count"] for v in panel["values"]}
        self.assertEqual(counts[self.sale_procedure.id], 3)
        wizard = (
            self.env["optima.mail.procedure.connect"]
            .with_context(active_model="mail.template", active_ids=self.elsewhere.ids)
            .create({"procedure_id": self.sale_procedure.id, "is_default": True})
        )
        wizard.action_connect()
        self.assertIn(self.elsewhere, self.sale_procedure.template_ids)
        self.assertEqual(self.sale_procedure.default_template_id, self.elsewhere)
        wizard.action_disconnect()
        self.assertNotIn(self.elsewhere, self.sale_procedure.template_ids)
        self.assertFalse(self.sale_procedure.default_template_id)
        globals_ = self.env["mail.template"].search(
            [("optima_procedure_ids", "=", False), ("id", "in", (self.template | self.plain).ids)]
        )
        self.assertFalse(globals_)

    def test_mail30_partner_procedure_templates(self):
        partners = self.env.ref("optima_mail_ext.procedure_partners")
        offer = self.env["mail.template"].create(
            {
                "name": "Oferta dla kontrahentów",
                "subject": "Oferta",
                "optima_procedure_ids": [Command.link(partners.id)],
            }
        )
        wizard = self.env["optima.mail.serial.wizard"].create({"partner_ids": self.abc.ids})
        self.assertIn(offer, wizard.available_template_ids)
        self.assertNotIn(self.reminder, wizard.available_template_ids)
        action = self.env.ref("optima_mail_ext.action_optima_mail_templates_partners")
        self.assertEqual(action.binding_model_id.model, "res.partner")
        context = safe_eval(action.context)
        self.assertEqual(context["searchpanel_default_optima_procedure_ids"], partners.ids)

    def test_mail27_insert_own_signature(self):
        Signature = self.env["optima.mail.signature"]
        short = Signature.with_user(self.anna).create(
            {"name": "Krótki", "body": "<p>Anna Nowak, Ogrodnik</p>"}
        )
        Signature.with_user(self.piotr).create({"name": "Piotra", "body": "<p>Piotr</p>"})
        draft = self._draft(self.invoice(self.abc))
        form = Form(draft.with_user(self.anna))
        form.signature_id = short
        draft = form.save()
        self.assertTrue(str(draft.body).endswith("<p>Anna Nowak, Ogrodnik</p>"))
        self.assertIn("Dzień dobry", str(draft.body))
        # Only one's own signatures are offered.
        offered = Signature.with_user(self.anna).search([])
        self.assertEqual(offered, short)
