# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Invoice auto-sender with a real SMTP sink: AC-01 … AC-16, AC-20, AC-25, AC-26, KSeF gate."""

import base64
from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OptimaMailCase, utc


@tagged("post_install", "-at_install")
class TestAutosend(OptimaMailCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {
                "optima_autosend_enabled": True,
                "optima_autosend_user_id": cls.anna.id,
                "optima_autosend_account_id": cls.biuro.id,
                "optima_autosend_template_id": cls.template.id,
                "optima_autosend_mode": "send",
                "optima_autosend_scope": "posted",
                "optima_autosend_date_basis": "issue",
                "optima_autosend_date_from": "2025-03-01",
                "optima_autosend_report_id": cls.env.ref("account.account_invoices").id,
                "optima_autosend_report_foreign_id": cls.env.ref("account.account_invoices").id,
                "optima_autosend_start": 8.0,
                "optima_autosend_repeat": "120",
                "optima_autosend_end": 16.0,
            }
        )
        cls.Run = cls.env["optima.invoice.autosend.run"]

    def cron_at(self, *when):
        with freeze_time(utc(*when)):
            self.Run._cron_autosend()
            self.outbox()

    def runs(self):
        return self.Run.search([("company_id", "=", self.company.id)], order="id")

    def messages_of(self, move):
        links = self.env["optima.mail.message.link"].search(
            [("res_model", "=", "account.move"), ("res_id", "=", move.id)]
        )
        return links.message_id

    # ------------------------------------------------------------ schedule
    def test_as01_slots_end_inclusive(self):
        run_times = []
        moment = datetime(2025, 3, 12, 7, 0)
        while moment <= datetime(2025, 3, 12, 20, 0):
            before = len(self.runs())
            with freeze_time(utc(*moment.timetuple()[:5])):
                self.Run._cron_autosend()
            if len(self.runs()) > before:
                run_times.append(moment.strftime("%H:%M"))
            moment += timedelta(minutes=5)
        self.assertEqual(run_times, ["08:00", "10:00", "12:00", "14:00", "16:00"])
        self.assertEqual(len(self.runs()), 5)

    def test_as02_thirty_minutes(self):
        self.company.write(
            {
                "optima_autosend_start": 7.0,
                "optima_autosend_repeat": "30",
                "optima_autosend_end": 8.0,
            }
        )
        ran = []
        for hour, minute in [(7, 0), (7, 10), (7, 30), (7, 55), (8, 0), (8, 30)]:
            before = len(self.runs())
            self.cron_at(2025, 3, 12, hour, minute)
            if len(self.runs()) > before:
                ran.append(f"{hour:02d}:{minute:02d}")
        self.assertEqual(ran, ["07:00", "07:30", "08:00"])

    def test_as03_missed_slots_collapse(self):
        self.cron_at(2025, 3, 12, 8, 0)
        self.cron_at(2025, 3, 12, 9, 55)
        self.cron_at(2025, 3, 12, 12, 20)
        self.assertEqual(len(self.runs()), 2)
        self.assertEqual(self.runs()[-1].slot_keys, "2025-03-12 10:00, 2025-03-12 12:00")
        self.cron_at(2025, 3, 12, 13, 55)
        self.assertEqual(len(self.runs()), 2)
        self.cron_at(2025, 3, 12, 14, 0)
        self.assertEqual(len(self.runs()), 3)

    def test_as04_no_catch_up_across_days(self):
        self.cron_at(2025, 3, 12, 14, 0)
        move = self.invoice(self.abc, invoice_date="2025-03-12")
        self.cron_at(2025, 3, 13, 7, 0)
        self.assertEqual(len(self.runs()), 1)
        self.assertFalse(move.optima_mail_created_at)
        self.cron_at(2025, 3, 13, 8, 0)
        self.assertEqual(len(self.runs()), 2)
        self.assertTrue(move.optima_mail_created_at)
        self.assertEqual(len(self.sink.messages), 1)

    def test_as05_bad_schedule(self):
        with (
            self.assertRaisesRegex(ValidationError, "must be later than the hour"),
            self.cr.savepoint(),
        ):
            self.company.write(
                {
                    "optima_autosend_start": 15.0,
                    "optima_autosend_repeat": "60",
                    "optima_autosend_end": 9.0,
                }
            )
        self.company.invalidate_recordset()
        self.assertEqual(self.company.optima_autosend_start, 8.0)
        with self.assertRaisesRegex(ValidationError, "Fill in"):
            self.company.optima_autosend_template_id = False

    # ------------------------------------------------------------ qualification
    def test_as06_approved_only(self):
        posted = self.invoice(self.abc, amount=1230)
        draft = self.invoice(self.abc, post=False)
        self.cron_at(2025, 3, 12, 10, 0)
        self.assertEqual(len(self.sink.messages), 1)
        delivered = self.sink.parsed()
        self.assertEqual(delivered["To"], "faktury@abc.test")
        files = [p.get_filename() for p in delivered.walk() if p.get_filename()]
        self.assertEqual(files, [posted._get_invoice_report_filename()])
        self.assertEqual(posted.optima_mail_created_at, utc(2025, 3, 12, 10, 0))
        self.assertFalse(draft.optima_mail_created_at)
        run = self.runs()[-1]
        self.assertEqual((run.created_count, run.outbox_count), (1, 1))

    def test_as07_all_including_drafts(self):
        self.company.optima_autosend_scope = "all"
        draft = self.invoice(self.abc, post=False)
        self.cron_at(2025, 3, 12, 10, 0)
        self.assertEqual(len(self.sink.messages), 1)
        files = [p.get_filename() for p in self.sink.parsed().walk() if p.get_filename()]
        self.assertTrue(files[0].endswith("_proforma.pdf"))
        self.assertTrue(draft.optima_mail_created_at)
        draft.action_post()
        self.cron_at(2025, 3, 12, 12, 0)
        self.assertEqual(len(self.sink.messages), 1)

    def test_as08_date_basis(self):
        x = self.invoice(self.abc, invoice_date="2025-02-28", taxable_supply_date="2025-03-02")
        y = self.invoice(self.abc, invoice_date="2025-03-03")
        self.cron_at(2025, 3, 12, 10, 0)
        self.assertFalse(x.optima_mail_created_at)
        self.assertTrue(y.optima_mail_created_at)
        self.company.optima_autosend_date_basis = "sale"
        self.cron_at(2025, 3, 12, 12, 0)
        self.assertTrue(x.optima_mail_created_at)
        self.assertEqual(len(self.sink.messages), 2)
        self.assertEqual(len(self.messages_of(y)), 1)

    def test_as09_consent(self):
        abc_invoice = self.invoice(self.abc, invoice_date="2025-03-12")
        beta_invoice = self.invoice(self.beta, invoice_date="2025-03-12")
        self.cron_at(2025, 3, 12, 14, 0)
        self.assertTrue(abc_invoice.optima_mail_created_at)
        self.assertFalse(beta_invoice.optima_mail_created_at)
        self.assertEqual(self.runs()[-1].created_count, 1)

    def test_as10_already_created(self):
        move = self.invoice(self.abc, invoice_date="2025-03-10")
        with freeze_time(utc(2025, 3, 10, 9, 14)):
            self.env["optima.mail.service"].with_user(self.anna).send_email(
                record=move, mode="draft"
            )
        self.assertEqual(move.optima_mail_created_at, utc(2025, 3, 10, 9, 14))
        self.cron_at(2025, 3, 10, 10, 0)
        self.cron_at(2025, 3, 11, 8, 0)
        self.assertEqual(len(self.messages_of(move)), 1)
        self.assertEqual(self.sink.messages, [])

    def test_as11_excluded_types(self):
        refund = self.invoice(self.abc, move_type="out_refund", invoice_date="2025-03-12")
        receipt = self.invoice(self.abc, move_type="out_receipt", invoice_date="2025-03-12")
        final = self.invoice(self.abc, invoice_date="2025-03-12")
        cancelled = self.invoice(self.abc, invoice_date="2025-03-12")
        cancelled.button_cancel()
        self.cron_at(2025, 3, 12, 16, 0)
        self.assertTrue(final.optima_mail_created_at)
        self.assertFalse(refund.optima_mail_created_at)
        self.assertFalse(receipt.optima_mail_created_at)
        self.assertFalse(cancelled.optima_mail_created_at)
        self.assertEqual(len(self.sink.messages), 1)

    def test_as12_currency_attachments(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        self.company.optima_autosend_report_foreign_id = False
        in_eur = self.invoice(self.abc, currency_id=eur.id)
        in_pln = self.invoice(self.abc)
        self.cron_at(2025, 3, 12, 10, 0)
        eur_mail = self.messages_of(in_eur)
        pln_mail = self.messages_of(in_pln)
        self.assertEqual(len(eur_mail.attachment_ids), 0)
        self.assertIn("Dzień dobry", str(eur_mail.body))
        self.assertEqual(len(pln_mail.attachment_ids), 1)

    def test_as13_leave_in_drafts(self):
        self.company.optima_autosend_mode = "draft"
        first = self.invoice(self.abc)
        second = self.invoice(self.abc)
        self.cron_at(2025, 3, 12, 10, 0)
        drafts = self.messages_of(first) | self.messages_of(second)
        self.assertEqual(set(drafts.mapped("folder_type")), {"drafts"})
        self.assertEqual(self.sink.messages, [])
        self.assertTrue(first.optima_mail_created_at and second.optima_mail_created_at)
        self.assertEqual(self.runs()[-1].draft_count, 2)
        drafts.with_user(self.anna).action_send()  # "Wyślij zaznaczone"
        self.outbox()
        self.assertEqual(len(self.sink.messages), 2)
        self.assertEqual(set(drafts.mapped("folder_type")), {"sent"})

    # ------------------------------------------------------------ exactly once
    def test_as14_concurrent_runs(self):
        moves = [self.invoice(self.abc) for _i in range(3)]
        with freeze_time(utc(2025, 3, 12, 10, 0)):
            self.Run._cron_autosend()
            self.Run.action_run_now(self.company)
            self.Run._cron_autosend()
            self.outbox()
        for move in moves:
            self.assertEqual(len(self.messages_of(move)), 1)
        self.assertEqual(len(self.sink.messages), 3)
        # The database itself refuses a second "created" line for an invoice.
        run = self.runs()[-1]
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.env["optima.invoice.autosend.line"].create(
                {"run_id": run.id, "move_id": moves[0].id, "result": "created"}
            )
        # …and a slot is claimed once: a second worker finds nothing due.
        with freeze_time(utc(2025, 3, 12, 10, 1)):
            self.assertEqual(self.Run._claim_due_slots(self.company), [])

    def test_cleared_mail_date_mailed_again_once(self):
        """AUTO-06: after "Wyczyść datę utworzenia maila" the automat mails it again, once."""
        move = self.invoice(self.abc)
        self.cron_at(2025, 3, 12, 8, 0)
        first = move.optima_mail_created_at
        self.assertTrue(first)
        with self.assertRaises(AccessError):
            move.with_user(self.anna).action_optima_clear_mail_date()
        move.action_optima_clear_mail_date()
        self.assertFalse(move.optima_mail_created_at)
        self.cron_at(2025, 3, 12, 10, 0)
        self.cron_at(2025, 3, 12, 12, 0)
        self.assertEqual(len(self.messages_of(move)), 2)
        self.assertEqual(len(self.sink.messages), 2)
        lines = self.env["optima.invoice.autosend.line"].search(
            [("move_id", "=", move.id), ("result", "=", "created")]
        )
        self.assertEqual(lines.mapped("superseded"), [True, False])

    def test_as15_crash_midway(self):
        moves = [self.invoice(self.abc) for _i in range(5)]
        service = type(self.env["optima.mail.service"])
        original = service._commit_point
        calls = []

        def crash_after_third(self_, processed=0):
            original(self_, processed)
            if processed:
                calls.append(processed)
                if len(calls) == 3:
                    raise RuntimeError("worker killed")

        # Odoo's assertRaises rolls back to a savepoint; the crash must keep what was
        # "committed" before it, as a killed worker does.
        crashed = False
        with patch.object(service, "_commit_point", crash_after_third):
            try:
                self.cron_at(2025, 3, 12, 10, 0)
            except RuntimeError:
                crashed = True
        self.assertTrue(crashed)
        self.assertEqual(len([m for m in moves if m.optima_mail_created_at]), 3)
        self.cron_at(2025, 3, 12, 12, 0)
        self.assertEqual(len(self.runs()[-1].line_ids.filtered(lambda r: r.result == "created")), 2)
        self.outbox()
        ids = {self.sink.parsed(i)["Message-Id"] for i in range(len(self.sink.messages))}
        self.assertEqual(len(self.sink.messages), 5)
        self.assertEqual(len(ids), 5)

    def test_as16_smtp_down(self):
        moves = [self.invoice(self.abc) for _i in range(4)]
        self.sink.stop()
        self.addCleanup(lambda: self.sink.controller or self.sink.start())
        self.cron_at(2025, 3, 12, 10, 0)
        messages = self.env["optima.mail.message"].browse()
        for move in moves:
            messages |= self.messages_of(move)
            self.assertTrue(move.optima_mail_created_at)
        self.assertEqual(set(messages.mapped("folder_type")), {"outbox"})
        self.assertTrue(all("Connection" in (m.send_error or "") for m in messages))
        for minute in (5, 15, 35):
            self.cron_at(2025, 3, 12, 10, minute)
        self.assertEqual(set(messages.mapped("send_attempts")), {4})
        self.sink.start()
        with freeze_time(utc(2025, 3, 12, 10, 41)):
            self.env["optima.mail.message"]._process_outbox(force=True)
        self.assertEqual(len(self.sink.messages), 4)
        self.assertEqual(set(messages.mapped("folder_type")), {"sent"})
        self.cron_at(2025, 3, 12, 12, 0)
        self.assertEqual(self.runs()[-1].created_count, 0)

    def test_as20_no_address(self):
        move = self.invoice(self.gamma, invoice_date="2025-03-12")
        self.cron_at(2025, 3, 12, 10, 0)
        self.assertFalse(move.optima_mail_created_at)
        line = self.runs()[-1].line_ids
        self.assertEqual(line.text, f"Invoice {move.name}: no buyer e-mail address.")
        self.gamma.email = "biuro@gamma.test"
        self.cron_at(2025, 3, 12, 12, 0)
        self.assertTrue(move.optima_mail_created_at)
        self.assertEqual(self.sink.messages[0]["rcpt_tos"], ["biuro@gamma.test"])

    def test_configuration_error_creates_nothing(self):
        move = self.invoice(self.abc)
        self.biuro.active = False
        self.cron_at(2025, 3, 12, 10, 0)
        self.assertFalse(move.optima_mail_created_at)
        self.assertEqual(self.runs()[-1].line_ids.result, "error")
        self.assertTrue(
            self.env["mail.activity"].search_count(
                [("user_id", "=", self.anna.id), ("summary", "ilike", "configuration error")]
            )
        )

    # ------------------------------------------------------------ hints
    def _manual_send(self, move, user):
        message = (
            self.env["optima.mail.service"].with_user(user).send_email(record=move, mode="draft")
        )
        return message.with_user(user).action_send()

    def test_as25_third_manual_send(self):
        moves = [self.invoice(self.beta) for _i in range(4)]
        self.assertIs(self._manual_send(moves[0], self.anna), True)
        self.assertIs(self._manual_send(moves[1], self.anna), True)
        action = self._manual_send(moves[2], self.anna)
        hint = self.env["optima.autosend.hint"].browse(action["res_id"])
        self.assertEqual(hint.kind, "consent")
        self.assertIn("Invoices can be sent to partners automatically", hint.text)
        hint.with_user(self.anna).action_yes()
        self.assertTrue(self.beta.optima_invoice_mail_consent)
        moves[3].optima_mail_created_at = False
        self.cron_at(2025, 3, 12, 14, 0)
        self.assertTrue(moves[3].optima_mail_created_at)

    def test_as26_fifth_manual_send(self):
        self.company.optima_autosend_enabled = False
        admin = self.env.ref("base.user_admin")
        self.biuro.user_ids = [(4, admin.id)]
        results = [self._manual_send(self.invoice(self.abc), admin) for _i in range(5)]
        self.assertEqual(results[:4], [True] * 4)
        hint = self.env["optima.autosend.hint"].browse(results[4]["res_id"])
        self.assertEqual(hint.kind, "configure")
        action = hint.with_user(admin).action_yes()
        self.assertEqual(action["res_model"], "res.company")
        self.assertIs(self._manual_send(self.invoice(self.abc), admin), True)
        piotr_results = [self._manual_send(self.invoice(self.abc), self.piotr) for _i in range(5)]
        self.assertEqual(piotr_results, [True] * 5)

    # ------------------------------------------------------------ KSeF
    def test_ksef_gate(self):
        if "l10n_pl_edi_status" not in self.env["account.move"]._fields:
            self.skipTest("l10n_pl_edi is not installed")
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "KSeF test")])
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(1)
            .not_valid_before(datetime(2024, 1, 1))
            .not_valid_after(datetime(2030, 1, 1))
            .sign(key, hashes.SHA256())
        )
        pem = cert.public_bytes(serialization.Encoding.PEM)
        self.company.l10n_pl_edi_certificate = self.env["certificate.certificate"].create(
            {"name": "KSeF", "content": base64.b64encode(pem)}
        )
        self.assertTrue(self.company.l10n_pl_edi_register)
        move = self.invoice(self.abc)
        self.cron_at(2025, 3, 12, 10, 0)
        self.assertFalse(move.optima_mail_created_at)
        line = self.runs()[-1].line_ids
        self.assertEqual(line.result, "waiting")
        self.assertIn("waits for KSeF acceptance", line.text)
        move.l10n_pl_edi_status = "accepted"
        self.cron_at(2025, 3, 12, 12, 0)
        self.assertTrue(move.optima_mail_created_at)

    def test_hint_after_odoo_standard_send(self):
        """AUTO-09 through Odoo's own Send wizard: the third send to BETA asks for consent."""
        moves = [self.invoice(self.beta) for _i in range(3)]
        results = []
        for move in moves:
            wizard = (
                self.env["account.move.send.wizard"]
                .with_user(self.env.ref("base.user_admin"))
                .with_context(active_model="account.move", active_ids=move.ids)
                .create({"move_id": move.id})
            )
            wizard.sending_methods = ["email"]
            results.append(wizard.action_send_and_print(allow_fallback_pdf=True))
        self.assertEqual([r.get("res_model") for r in results[:2]], [None, None])
        self.assertEqual(results[2]["res_model"], "optima.autosend.hint")
        self.assertTrue(all(m.optima_mail_created_at for m in moves))
