# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Sending pipeline and service API on a real SMTP sink: AC-16 … AC-19, AC-32, AC-33, AC-42."""

from datetime import timedelta
from email import message_from_bytes, policy

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import OptimaMailCase


@tagged("post_install", "-at_install")
class TestSending(OptimaMailCase):
    def _service(self, user=None):
        return self.env["optima.mail.service"].with_user(user or self.anna)

    def test_service_send_email_from_invoice(self):
        move = self.invoice(self.abc, amount=1230)
        message = self._service().send_email(record=move, operator=self.anna)
        self.assertEqual(message.state, "outbox")
        self.assertEqual(message.folder_id, self.biuro._folder("outbox"))
        self.assertTrue(move.optima_mail_created_at)
        self.outbox()
        self.assertEqual(len(self.sink.messages), 1)
        sent = self.sink.parsed()
        self.assertEqual(sent["Message-Id"], message.message_id)
        self.assertEqual(sent["To"], "faktury@abc.test")
        self.assertIn(f"Faktura {move.name}", sent["Subject"])
        self.assertEqual(message.state, "sent")
        self.assertEqual(message.folder_id, self.biuro._folder("sent"))
        self.assertTrue(message.sent_date)
        self.assertTrue(move.is_move_sent)
        self.assertEqual(message._linked_records("account.move"), move)
        self.assertIn(message.name, move.message_ids[0].body)
        self.assertEqual(move.optima_mail_count, 1)
        # A second outbox run never re-sends a delivered message.
        self.outbox()
        self.assertEqual(len(self.sink.messages), 1)

    def test_send_rights(self):
        with self.assertRaises(AccessError):
            self._service(self.ewa).sudo().send_email(
                account=self.biuro, operator=self.ewa, subject="x", email_to="a@b.test"
            )
        self.biuro.active = False
        with self.assertRaises(AccessError):
            self._service().send_email(
                account=self.biuro, operator=self.anna, subject="x", email_to="a@b.test"
            )

    def test_as17_permanent_rejection(self):
        self.sink.reject.add("zly@abc.test")
        message = self._service().send_email(
            account=self.biuro, subject="Oferta", body="<p>x</p>", email_to="zly@abc.test"
        )
        self.outbox()
        self.assertEqual(message.state, "outbox")
        self.assertTrue(message.error_permanent)
        self.assertIn("550", message.send_error)
        for _i in range(3):
            self.outbox()
        self.assertEqual(message.send_attempts, 1)
        self.assertEqual(self.sink.messages, [])
        message.action_edit_draft()
        self.assertEqual(message.folder_id, self.biuro._folder("drafts"))
        message.email_to = "biuro@abc.test"
        message.with_user(self.anna).action_send()
        self.outbox()
        self.assertEqual(len(self.sink.messages), 1)
        self.assertEqual(self.sink.messages[0]["rcpt_tos"], ["biuro@abc.test"])

    def test_as16_transient_failure_backoff(self):
        self.sink.temp_fail = True
        message = self._service().send_email(
            account=self.biuro, subject="Oferta", body="<p>x</p>", email_to="jan@abc.test"
        )
        start = fields.Datetime.now()
        with freeze_time(start):
            self.outbox()
        self.assertFalse(message.error_permanent)
        self.assertEqual(message.next_attempt, start + timedelta(minutes=5))
        with freeze_time(start + timedelta(minutes=5)):
            self.outbox()
        self.assertEqual(message.next_attempt, start + timedelta(minutes=15))
        self.sink.temp_fail = False
        with freeze_time(start + timedelta(minutes=6)):
            self.outbox()  # not due yet
        self.assertEqual(self.sink.messages, [])
        with freeze_time(start + timedelta(minutes=6)):
            self.env["optima.mail.message"]._process_outbox(force=True)  # "Wyślij/ Odbierz"
        self.assertEqual(len(self.sink.messages), 1)
        self.assertEqual(message.state, "sent")

    def test_as18_automat_addresses(self):
        contact = self.env["res.partner"].create(
            {
                "name": "Księgowość ABC",
                "parent_id": self.abc.id,
                "type": "invoice",
                "email": "ap@abc.test",
            }
        )
        template = self.env["mail.template"].create(
            {
                "name": "Faktura – kopie",
                "model_id": self.env.ref("account.model_account_move").id,
                "subject": "Faktura {eNumer}",
                "email_to": "ksiegowosc@abc.test",
                "email_cc": "kontrola@abc.test",
                "optima_email_bcc": "archiwum@ogrodnik.test",
            }
        )
        move = self.invoice(contact)
        self._service().send_email(record=move, template=template, automat=True)
        self.outbox()
        delivered = self.sink.messages[0]
        parsed = message_from_bytes(delivered["data"])
        self.assertEqual(parsed["To"], "faktury@abc.test, ap@abc.test")
        self.assertIsNone(parsed["Cc"])
        self.assertIsNone(parsed["Bcc"])
        self.assertIn("archiwum@ogrodnik.test", delivered["rcpt_tos"])
        self.assertNotIn(b"archiwum@ogrodnik.test", delivered["data"])

    def test_as19_manual_addresses_template(self):
        move = self.invoice(self.abc)
        plain = self.env["mail.template"].create(
            {"name": "Faktura sprzedaży", "model_id": self.env.ref("account.model_account_move").id}
        )
        accounting = self.env["mail.template"].create(
            {"name": "Do księgowości", "email_to": "ksiegowosc@abc.test"}
        )
        first = self._service().send_email(record=move, template=plain, mode="draft")
        self.assertEqual(first.email_to, "faktury@abc.test")
        second = self._service().send_email(record=move, template=accounting, mode="draft")
        self.assertEqual(second.email_to, "ksiegowosc@abc.test")
        typed = self._service().send_email(
            record=move, template=plain, email_to="jan.kowalski@abc.test", mode="draft"
        )
        self.assertEqual(typed.email_to, "jan.kowalski@abc.test")

    def test_as42_bad_address(self):
        message = self._service().send_email(
            account=self.biuro,
            subject="x",
            body="<p>x</p>",
            email_to="jan@@abc.test; faktury@abc.test",
            mode="draft",
        )
        with self.assertRaisesRegex(UserError, "Invalid e-mail address: jan@@abc.test"):
            message.with_user(self.anna).action_send()
        self.assertEqual(message.folder_id, self.biuro._folder("drafts"))
        empty = self._service().send_email(account=self.biuro, subject="x", mode="draft")
        with self.assertRaisesRegex(UserError, "at least one recipient"):
            empty.with_user(self.anna).action_send()
        self.outbox()
        self.assertEqual(self.sink.messages, [])

    def test_mail27_formatting_html_or_plain_text(self):
        """ "formatowanie": HTML goes as text + HTML alternatives, plain text as text only."""
        body = "<p><b>Dzień dobry</b>,</p><table><tr><td>FV/1</td></tr></table><p>Pozdrawiam</p>"
        html = self._service(self.piotr).send_email(
            account=self.biuro, subject="HTML", email_to="a@abc.test", body=body
        )
        self.outbox()
        sent = self.sink.parsed()
        self.assertEqual(html.body_format, "html")
        self.assertEqual(sent.get_content_type(), "multipart/alternative")
        self.assertIn("<b>Dzień dobry</b>", sent.get_body(("html",)).get_content())
        draft = self._service(self.piotr).send_email(
            account=self.biuro, subject="Tekst", email_to="a@abc.test", body=body, mode="draft"
        )
        form = Form(draft.with_user(self.piotr))
        form.body_format = "plain"
        self.assertNotIn("<b>", str(form.body))
        self.assertNotIn("<table", str(form.body))
        self.assertIn("Dzień dobry", str(form.body))
        form.save().with_user(self.piotr).action_send()
        self.outbox()
        self.assertEqual(len(self.sink.messages), 2)
        sent = self.sink.parsed()
        self.assertEqual(sent.get_content_type(), "text/plain")
        text = sent.get_content()
        self.assertIn("Dzień dobry", text)
        self.assertIn("Pozdrawiam", text)
        self.assertNotIn("<", text)

    def test_as33_thread_token_in_subject(self):
        self.env["ir.config_parameter"].sudo().set_param("optima_mail_ext.thread_prefix", "OPT!MA")
        message = self._service(self.piotr).send_email(
            account=self.biuro,
            operator=self.piotr,
            subject="Oferta",
            email_to="jan.kowalski@abc.test",
        )
        self.outbox()
        self.assertEqual(self.sink.parsed()["Subject"], f"Oferta [OPT!MA {message.thread_number}]")
        followup = self._service(self.piotr).send_email(
            account=self.biuro, operator=self.piotr, subject="Pytanie", email_to="x@abc.test"
        )
        self.assertEqual(followup.thread_number, message.thread_number + 1)

    def test_reply_forward_done_and_delete(self):
        incoming = self.env["optima.mail.message"].create(
            {
                "account_id": self.biuro.id,
                "direction": "in",
                "state": "received",
                "subject": "Zapytanie",
                "email_from": "jan.kowalski@abc.test",
                "email_to": "biuro@ogrodnik.test",
                "body": "<p>Prośba</p>",
                "thread_number": 7,
            }
        )
        reply = self.env["optima.mail.message"].browse(
            incoming.with_user(self.anna).action_reply()["res_id"]
        )
        self.assertEqual(reply.subject, "Re: Zapytanie")
        self.assertEqual(reply.email_to, "jan.kowalski@abc.test")
        self.assertEqual(reply.thread_number, 7)
        self.assertEqual(reply.in_reply_to, incoming.message_id)
        forward = self.env["optima.mail.message"].browse(
            incoming.with_user(self.anna).action_forward()["res_id"]
        )
        self.assertEqual(forward.subject, "Fwd: Zapytanie")
        wizard = (
            self.env["optima.mail.done.wizard"]
            .with_user(self.anna)
            .create({"message_ids": [(6, 0, incoming.ids)], "comment": "Sprawa zamknięta"})
        )
        self.assertEqual(wizard.unread_count, 3)  # incoming, reply and forward draft
        wizard.action_confirm()
        self.assertEqual(incoming.folder_type, "done")
        self.assertEqual(reply.folder_type, "done")
        self.assertIn("Sprawa zamknięta", incoming.history_ids.mapped("comment"))
        incoming.with_user(self.piotr).action_delete()
        self.assertEqual(incoming.folder_type, "deleted")
        with self.assertRaisesRegex(AccessError, "not allowed to delete messages permanently"):
            incoming.with_user(self.piotr).action_delete()
        self.assertTrue(incoming.exists())

    def test_as32_hand_over(self):
        incoming = self.env["optima.mail.message"].create(
            {
                "account_id": self.biuro.id,
                "direction": "in",
                "state": "received",
                "subject": "Sprawa",
                "user_id": self.anna.id,
            }
        )
        incoming.with_user(self.anna)._hand_over(self.piotr, "Proszę odpowiedzieć")
        self.assertEqual(incoming.user_id, self.piotr)
        self.assertIn("Proszę odpowiedzieć", incoming.history_ids.mapped("comment"))
        wizard = self.env["optima.mail.handover.wizard"].create(
            {"message_ids": [(6, 0, incoming.ids)], "user_id": self.anna.id}
        )
        self.assertNotIn(self.ewa, wizard.allowed_user_ids)
        with self.assertRaisesRegex(UserError, "not an operator"):
            incoming._hand_over(self.ewa)


@tagged("post_install", "-at_install")
class TestSerialMail(OptimaMailCase):
    def _wizard(self, **vals):
        return (
            self.env["optima.mail.serial.wizard"]
            .with_user(self.anna)
            .create(
                {
                    "partner_ids": [(6, 0, (self.abc | self.beta).ids)],
                    "account_id": self.biuro.id,
                    "subject": "Dzień dobry {eTytul} {eNazwa}",
                    "body": "<p>{ePodmiotNazwa}</p>",
                    **vals,
                }
            )
        )

    def test_serial_one_per_recipient(self):
        self.env["res.partner"].create(
            {
                "name": "Bez zgody",
                "parent_id": self.abc.id,
                "email": "faktury@abc.test",
                "optima_serial_mailing": True,
            }
        )
        self._wizard(variant="all", mode="each").action_send()
        self.outbox()
        by_rcpt = {m["rcpt_tos"][0]: m for m in self.sink.messages}
        self.assertEqual(
            sorted(by_rcpt), ["biuro@beta.test", "faktury@abc.test", "jan.kowalski@abc.test"]
        )
        jan = message_from_bytes(by_rcpt["jan.kowalski@abc.test"]["data"], policy=policy.default)
        self.assertIn("Dzień dobry Pan Jan Kowalski", jan["Subject"])

    def test_serial_one_to_all(self):
        wizard = self._wizard(variant="representatives", mode="all")
        self.assertTrue(wizard.warning)
        wizard.action_send()
        self.outbox()
        self.assertEqual(len(self.sink.messages), 1)
        self.assertEqual(self.sink.messages[0]["rcpt_tos"], ["jan.kowalski@abc.test"])
        self.assertEqual(self.sink.parsed()["Subject"].split("[")[0].strip(), "Dzień dobry")


@tagged("post_install", "-at_install")
class TestMailboxActions(OptimaMailCase):
    def _incoming(self, **vals):
        return self.env["optima.mail.message"].create(
            {
                "account_id": self.biuro.id,
                "direction": "in",
                "state": "received",
                "subject": "Faktura zakupu",
                "email_from": "jan.kowalski@abc.test",
                **vals,
            }
        )

    def test_vendor_bill_from_attachment(self):
        message = self._incoming()
        message._attach([("faktura.pdf", b"%PDF-1.4 test")])
        journal = self.env["account.journal"].search(
            [("type", "=", "purchase"), ("company_id", "=", self.env.company.id)], limit=1
        )
        bills = message._create_vendor_bill(journal)
        self.assertEqual(bills.move_type, "in_invoice")
        self.assertEqual(bills.state, "draft")
        self.assertEqual(message._linked_records("account.move"), bills)
        self.assertIn(message.name, bills.message_ids.mapped("body")[0])

    def test_assign_partner_and_counts(self):
        message = self._incoming()
        shared = self._incoming(email_from="wspolny@firma.test")
        for name in ("Firma A", "Firma B"):
            self.env["res.partner"].create(
                {"name": name, "is_company": True, "email": "wspolny@firma.test"}
            )
        assigned = self.env["optima.mail.message"]._assign_partners("2000-01-01", "2100-01-01")
        self.assertEqual(message.partner_id, self.abc)
        self.assertIn(message, assigned)
        self.assertFalse(shared.partner_id)  # two Kontrahenci share the address
        self.assertEqual(self.abc.optima_mail_count, 1)
        message.email_from = "nowy@abc.test"
        message.action_update_partner_email()
        self.assertEqual(self.abc.email, "nowy@abc.test")

    def test_protocol_lock_and_folder_rules(self):
        self.biuro.has_fetched = True
        with self.assertRaisesRegex(UserError, "protocol cannot be changed"):
            self.biuro.protocol = "pop3"
        Folder = self.env["optima.mail.folder"]
        folder = Folder.create({"account_id": self.biuro.id, "name": "Oferty"})
        with self.assertRaisesRegex(ValidationError, "already exists on this level"):
            Folder.create({"account_id": self.biuro.id, "name": "Oferty"})
        with self.assertRaisesRegex(ValidationError, "must not contain"):
            Folder.create({"account_id": self.biuro.id, "name": "Oferty.2025"})
        with self.assertRaisesRegex(UserError, "System folders cannot be renamed"):
            self.biuro._folder("inbox").name = "Poczta"
        message = self._incoming()
        message._move_to(folder)
        with self.assertRaisesRegex(UserError, "is not empty"):
            folder.unlink()

    def test_standard_send_stamps_invoice(self):
        """AMB-10: Odoo's own Send by e-mail stamps the invoice, the auto-sender skips it."""
        move = self.invoice(self.abc)
        self.env["account.move.send"]._generate_and_send_invoices(
            move, sending_methods={"email"}, allow_fallback_pdf=True
        )
        self.assertTrue(move.optima_mail_created_at)

    def test_text_search(self):
        offer = self._incoming(subject="Oferta handlowa na wiosnę")
        other = self._incoming(subject="Handlowa oferta inna", body="<p>coś</p>")
        Message = self.env["optima.mail.message"]
        found = Message.search([("search_text", "ilike", "„oferta handlowa”")])
        self.assertIn(offer, found)
        self.assertNotIn(other, found)
        both = Message.search([("search_text", "ilike", "oferta handlowa")])
        self.assertTrue((offer | other) <= both)
        by_address = Message.search([("search_text", "ilike", "kowalski")])
        self.assertTrue((offer | other) <= by_address)
        with self.assertRaisesRegex(UserError, "at least three characters"):
            Message.search([("search_text", "ilike", "of")])

    def test_save_attachments_in_existing_document(self):
        move = self.invoice(self.abc)
        first = self._incoming(thread_number=41)
        first._link_records(move)
        second = self._incoming(thread_number=41, subject="Re: Faktura zakupu")
        second._attach([("potwierdzenie.pdf", b"%PDF-1.4 x")])
        wizard = self.env["optima.mail.attach.wizard"].with_context(active_id=second.id).create({})
        self.assertEqual(wizard.record_ref, move)  # pre-filled from the thread
        wizard.action_confirm()
        copies = self.env["ir.attachment"].search(
            [
                ("res_model", "=", "account.move"),
                ("res_id", "=", move.id),
                ("name", "=", "potwierdzenie.pdf"),
            ]
        )
        self.assertEqual(len(copies), 1)
        self.assertEqual(second._linked_records("account.move"), move)
