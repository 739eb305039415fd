# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Mailbox synchronisation against a private Dovecot (IMAP + POP3): AC-27 … AC-33, AC-44, AC-45."""

import re
from email.message import EmailMessage
from email.utils import make_msgid
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import OptimaMailCase
from .servers import Dovecot


def raw_mail(
    subject, sender="klient@firma.test", to="biuro@ogrodnik.test", body="Treść", **headers
):
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = to
    message["Message-ID"] = headers.pop("message_id", None) or make_msgid(domain="firma.test")
    for key, value in headers.items():
        message[key.replace("_", "-")] = value
    message.set_content(body)
    return message.as_bytes()


class MailboxCase(OptimaMailCase):
    """Fixture F with a private Dovecot: BIURO on IMAP, ANNA on POP3."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dovecot = Dovecot({"biuro": "biuro-pw", "anna": "anna-pw"}).start()
        cls.addClassCleanup(cls.dovecot.stop)
        cls.biuro.write({"incoming_port": cls.dovecot.imap_port, "incoming_password": "biuro-pw"})
        cls.anna_box = cls.env["optima.mail.account"].create(
            {
                "symbol": "ANNA",
                "email": "anna@ogrodnik.test",
                "protocol": "pop3",
                "incoming_host": "127.0.0.1",
                "incoming_port": cls.dovecot.pop3_port,
                "incoming_ssl": False,
                "incoming_user": "anna",
                "incoming_password": "anna-pw",
                "mail_server_id": cls.smtp_server.id,
                "user_ids": [Command.set([cls.anna.id])],
                "owner_id": cls.anna.id,
            }
        )

    def setUp(self):
        super().setUp()
        # Each test starts with empty server mailboxes.
        for user in ("biuro", "anna"):
            conn = self.dovecot.imap(user)
            _typ, boxes = conn.list()
            names = sorted((line.decode().split(' "." ')[-1] for line in boxes), reverse=True)
            for name in names:
                typ, data = conn.select(name)
                if typ == "OK" and int(data[0]):
                    conn.store("1:*", "+FLAGS.SILENT", "(\\Deleted)")
                    conn.expunge()
                conn.close() if typ == "OK" else None
                if name.strip('"') not in ("INBOX", "Drafts", "Sent", "Trash"):
                    conn.delete(name)
            conn.logout()

    def seed(self, user, folder, *raws):
        conn = self.dovecot.imap(user)
        if folder != "INBOX":
            conn.create(folder)
            conn.subscribe(folder)
        for raw in raws:
            conn.append(folder, None, None, raw)
        conn.logout()

    def server_flags(self, user, folder):
        conn = self.dovecot.imap(user)
        _typ, count = conn.select(folder, readonly=True)
        data = conn.fetch("1:*", "(FLAGS)")[1] if int(count[0]) else []
        conn.logout()
        return [line for line in data if line]

    def folder(self, account, name):
        return account.folder_ids.filtered(lambda f: f.name == name)

    def sync(self, account, user=None):
        account.with_user(user or self.anna).action_sync()


@tagged("post_install", "-at_install")
class TestMailbox(MailboxCase):
    def test_as27_imap_folders(self):
        self.seed("biuro", "INBOX", *(raw_mail(s) for s in ("Zapytanie ofertowe", "B", "C")))
        self.seed("biuro", "Faktury", raw_mail("F1"), raw_mail("F2"))
        self.seed("biuro", "Faktury.2025", raw_mail("F3"))
        self.sync(self.biuro)
        inbox = self.biuro._folder("inbox")
        faktury = self.folder(self.biuro, "Faktury")
        child = self.folder(self.biuro, "2025")
        self.assertEqual(len(inbox.message_ids), 3)
        self.assertEqual(len(faktury.message_ids), 2)
        self.assertEqual(child.parent_id, faktury)
        self.assertEqual(len(child.message_ids), 1)
        for folder in ("INBOX", "Faktury", "Faktury.2025"):
            self.assertFalse(any(b"\\Seen" in line for line in self.server_flags("biuro", folder)))
        self.sync(self.biuro)
        self.assertEqual(
            len(self.env["optima.mail.message"].search([("account_id", "=", self.biuro.id)])), 6
        )
        self.assertTrue(self.biuro.protocol_locked)

    def test_as28_read_state_per_operator(self):
        self.seed("biuro", "INBOX", *(raw_mail(s) for s in ("Zapytanie ofertowe", "B", "C")))
        self.sync(self.biuro)
        inbox = self.biuro._folder("inbox")
        message = inbox.message_ids.filtered(lambda m: m.subject == "Zapytanie ofertowe")
        message.with_user(self.anna).with_context(optima_mark_read=True).web_read({"subject": {}})
        self.assertEqual(inbox.with_user(self.anna).unread_count, 2)
        self.assertEqual(inbox.with_user(self.piotr).unread_count, 3)
        read_line = message.history_ids.filtered(lambda h: h.action == "read")
        self.assertEqual(read_line.user_id, self.anna)
        self.assertFalse(any(b"\\Seen" in line for line in self.server_flags("biuro", "INBOX")))
        message.with_user(self.anna).action_mark_unread()
        inbox.invalidate_recordset(["unread_count"])
        self.assertEqual(inbox.with_user(self.anna).unread_count, 3)
        self.assertEqual(
            self.env["optima.mail.message"]
            .with_user(self.piotr)
            .search_count([("is_read", "=", False), ("folder_id", "=", inbox.id)]),
            3,
        )

    def test_as29_pop3_keep_and_delete(self):
        self.seed(
            "anna",
            "INBOX",
            raw_mail("P1", to="anna@ogrodnik.test"),
            raw_mail("P2", to="anna@ogrodnik.test"),
        )
        self.sync(self.anna_box)
        self.sync(self.anna_box)
        inbox = self.anna_box._folder("inbox")
        self.assertEqual(len(inbox.message_ids), 2)
        self.assertEqual(len(self.server_flags("anna", "INBOX")), 2)
        self.anna_box.pop_delete_on_purge = True
        self.anna.group_ids = [Command.link(self.env.ref("optima_mail_ext.group_mail_purge").id)]
        victim = inbox.message_ids[0].with_user(self.anna)
        victim.action_delete()
        self.assertEqual(victim.folder_type, "deleted")
        victim.action_delete()
        self.assertFalse(victim.exists())
        self.sync(self.anna_box)
        self.assertEqual(len(self.server_flags("anna", "INBOX")), 1)
        self.assertEqual(len(inbox.message_ids), 1)

    def test_as30_permanent_delete_right(self):
        self.seed("biuro", "INBOX", raw_mail("Do usunięcia"))
        self.sync(self.biuro)
        message = self.biuro._folder("inbox").message_ids.with_user(self.piotr)
        message.action_delete()
        with self.assertRaisesRegex(AccessError, "not allowed to delete messages permanently"):
            message.action_delete()
        self.assertTrue(message.exists())

    def test_as31_done_thread_on_server(self):
        first_id = make_msgid(domain="abc.test")
        self.seed(
            "biuro",
            "INBOX",
            raw_mail("Sprawa [OPT!MA 12]", sender="jan.kowalski@abc.test", message_id=first_id),
            raw_mail(
                "Re: Sprawa [OPT!MA 12]", sender="jan.kowalski@abc.test", In_Reply_To=first_id
            ),
        )
        self.sync(self.biuro)
        messages = self.biuro._folder("inbox").message_ids
        self.assertEqual(len(set(messages.mapped("thread_number"))), 1)
        messages[:1].with_user(self.anna).action_done(comment="Sprawa zamknięta")
        self.assertEqual(set(messages.mapped("folder_type")), {"done"})
        self.sync(self.biuro)
        conn = self.dovecot.imap("biuro")
        typ, data = conn.select('"Za&AUI-atwione"', readonly=True)
        conn.logout()
        self.assertEqual((typ, data[0]), ("OK", b"2"))
        self.assertEqual(len(self.server_flags("biuro", "INBOX")), 0)
        for message in messages:
            self.assertIn("Sprawa zamknięta", message.history_ids.mapped("comment"))
        # Still two local messages after re-fetching the server folder.
        self.assertEqual(
            self.env["optima.mail.message"].search_count([("account_id", "=", self.biuro.id)]), 2
        )

    def test_as33_reply_joins_thread(self):
        self.env["ir.config_parameter"].sudo().set_param("optima_mail_ext.thread_prefix", "OPT!MA")
        self.sync(self.biuro)  # folders known: the sent copy goes to the server's Sent
        offer = (
            self.env["optima.mail.service"]
            .with_user(self.piotr)
            .send_email(
                account=self.biuro,
                operator=self.piotr,
                subject="Oferta",
                email_to="jan.kowalski@abc.test",
            )
        )
        self.outbox()
        token = f"[OPT!MA {offer.thread_number}]"
        self.seed(
            "biuro",
            "INBOX",
            raw_mail(f"Re: Oferta {token}", sender="jan.kowalski@abc.test"),
            raw_mail("Pytanie", sender="nowy@klient.test"),
        )
        self.sync(self.biuro)
        inbox = self.biuro._folder("inbox").message_ids
        reply = inbox.filtered(lambda m: m.subject.startswith("Re:"))
        question = inbox.filtered(lambda m: m.subject == "Pytanie")
        self.assertEqual(reply.thread_number, offer.thread_number)
        self.assertEqual(reply.partner_id, self.abc)
        self.assertEqual(reply.user_id, self.piotr)
        self.assertNotEqual(question.thread_number, offer.thread_number)
        self.assertEqual(question.user_id, self.anna)
        self.assertFalse(question.partner_id)
        self.assertIn(reply.subject, self.abc.message_ids[0].body)
        # The sent copy is on the server's Sent folder, and is not fetched twice.
        self.assertEqual(len(self.server_flags("biuro", "Sent")), 1)
        self.assertEqual(offer.folder_type, "sent")
        self.assertEqual(
            self.env["optima.mail.message"].search_count([("message_id", "=", offer.message_id)]),
            1,
        )

    def test_as44_fetch_failure(self):
        self.biuro.incoming_password = "zmienione"  # the server's password changed
        self.sync(self.biuro)
        self.assertTrue(self.biuro.last_error)
        self.assertTrue(self.biuro.last_error_date)
        report = self.biuro._folder("inbox").message_ids
        self.assertEqual(report.subject, "Synchronisation error of account BIURO")
        self.assertEqual(report.user_id, self.anna)
        self.sync(self.biuro)
        self.assertEqual(len(self.biuro._folder("inbox").message_ids), 1)  # once a day
        self.seed("biuro", "INBOX", raw_mail("M1"), raw_mail("M2"))
        self.biuro.incoming_password = "biuro-pw"
        self.sync(self.biuro)
        self.sync(self.biuro)
        self.assertFalse(self.biuro.last_error)
        self.assertEqual(len(self.biuro._folder("inbox").message_ids), 3)

    def test_as45_malformed_incoming(self):
        broken = (
            b"From: zly@klient.test\r\nTo: anna@ogrodnik.test\r\nSubject: Zepsuta\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed\r\n\r\n"
            b"--nieznana\r\nContent-Type: text/plain\r\n\r\ntresc\r\n"
        )
        self.seed("anna", "INBOX", broken)
        self.sync(self.anna_box)
        message = self.anna_box._folder("inbox").message_ids
        self.assertEqual(len(message), 1)
        self.assertTrue(message.parse_error)
        self.assertTrue(message.raw_attachment_id)
        self.assertTrue(any(a.name.endswith(".eml") for a in message.attachment_ids))
        self.assertEqual(len(self.server_flags("anna", "INBOX")), 1)

    def test_sync_resumes_after_crash(self):
        self.seed("biuro", "INBOX", *(raw_mail(f"R{i}") for i in range(4)))
        Message = type(self.env["optima.mail.message"])
        original = Message._ingest
        calls = []

        def crash_on_third(self_, *args, **kwargs):
            calls.append(1)
            if len(calls) == 3:
                raise OSError("connection lost")
            return original(self_, *args, **kwargs)

        with patch.object(Message, "_ingest", crash_on_third):
            self.sync(self.biuro)
        inbox = self.biuro._folder("inbox")
        self.assertEqual(len(inbox.message_ids), 3)  # two fetched and the error report
        self.assertTrue(self.biuro.last_error)
        self.sync(self.biuro)
        self.assertEqual(
            sorted(
                inbox.message_ids.filtered(lambda m: re.match(r"R\d", m.subject)).mapped("subject")
            ),
            ["R0", "R1", "R2", "R3"],
        )
        # UIDVALIDITY change: full re-scan, de-duplicated by Message-ID.
        inbox.uidvalidity = "1"
        self.sync(self.biuro)
        self.assertEqual(len(inbox.message_ids.filtered(lambda m: m.subject.startswith("R"))), 4)

    def test_as13_drafts_on_the_server(self):
        company = self.env.company
        company.write(
            {
                "optima_autosend_enabled": True,
                "optima_autosend_user_id": self.anna.id,
                "optima_autosend_account_id": self.biuro.id,
                "optima_autosend_template_id": self.template.id,
                "optima_autosend_mode": "draft",
                "optima_autosend_date_from": "2025-03-01",
                "optima_autosend_report_id": False,
            }
        )
        moves = self.invoice(self.abc) | self.invoice(self.abc)
        self.sync(self.biuro)
        run = self.env["optima.invoice.autosend.run"]._run(company)
        self.assertEqual(run.draft_count, 2)
        self.sync(self.biuro)
        flags = self.server_flags("biuro", "Drafts")
        self.assertEqual(len(flags), 2)
        self.assertTrue(all(b"\\Draft" in line for line in flags))
        drafts = self.biuro._folder("drafts").message_ids
        self.assertEqual(len(drafts), 2)
        self.assertTrue(all(drafts.mapped("imap_uid")))
        self.assertEqual(self.sink.messages, [])
        drafts.with_user(self.anna).action_send()
        self.outbox()
        self.assertEqual(len(self.sink.messages), 2)
        self.assertEqual(set(drafts.mapped("folder_type")), {"sent"})
        self.assertEqual(len(self.server_flags("biuro", "Sent")), 2)
        self.assertEqual(len(self.server_flags("biuro", "Drafts")), 0)
        self.assertTrue(all(moves.mapped("optima_mail_created_at")))

    def test_own_folder_created_on_server_and_message_moved(self):
        self.seed("biuro", "INBOX", raw_mail("Do archiwum"))
        self.sync(self.biuro)
        folder = self.env["optima.mail.folder"].create(
            {"account_id": self.biuro.id, "name": "Archiwum łąka", "subscribed": True}
        )
        message = self.biuro._folder("inbox").message_ids
        message._move_to(folder)
        self.sync(self.biuro)
        self.assertEqual(folder.imap_name, "Archiwum łąka")
        conn = self.dovecot.imap("biuro")
        _typ, boxes = conn.list()
        conn.logout()
        self.assertTrue(any(b"Archiwum &AUIBBQ-ka" in line for line in boxes))
        self.assertEqual(len(self.server_flags("biuro", '"Archiwum &AUIBBQ-ka"')), 1)
        self.assertEqual(len(self.server_flags("biuro", "INBOX")), 0)
        self.assertEqual(message.folder_id, folder)

    def test_imap_permanent_delete_expunges(self):
        self.seed("biuro", "INBOX", raw_mail("Usuń mnie"), raw_mail("Zostaw"))
        self.sync(self.biuro)
        self.anna.group_ids = [Command.link(self.env.ref("optima_mail_ext.group_mail_purge").id)]
        victim = (
            self.biuro._folder("inbox")
            .message_ids.filtered(lambda m: m.subject == "Usuń mnie")
            .with_user(self.anna)
        )
        victim.action_delete()  # to Deleted Items, replayed to the server Trash
        self.sync(self.biuro)
        self.assertEqual(len(self.server_flags("biuro", "Trash")), 1)
        victim.action_delete()  # permanent
        self.sync(self.biuro)
        self.assertEqual(len(self.server_flags("biuro", "Trash")), 0)
        self.assertEqual(len(self.server_flags("biuro", "INBOX")), 1)

    def test_fetch_is_batched(self):
        """IMAP sync cost: the queries of a fetch do not grow by several per message."""
        self.sync(self.biuro)
        raws = [
            raw_mail(
                f"Seria {i}",
                sender=f"Klient {i} <klient{i}@firma.test>",
                to="Biuro <biuro@ogrodnik.test>, anna@ogrodnik.test",
                Cc="kopia@firma.test",
                Date="Tue, 11 Mar 2025 09:15:00 +0100",
            )
            for i in range(60)
        ]
        self.seed("biuro", "INBOX", *raws)
        self.env.flush_all()
        before = self.cr.sql_log_count
        self.sync(self.biuro)
        self.env.flush_all()
        queries = self.cr.sql_log_count - before
        inbox = self.biuro._folder("inbox").message_ids
        self.assertEqual(len(inbox), 60)
        # 73 measured (6.6 a message, about 400, before numbers and parsing were batched).
        self.assertLess(queries, 120, f"{queries} queries for 60 messages")
        first = inbox.filtered(lambda m: m.subject == "Seria 7")
        self.assertEqual(first.email_from, '"Klient 7" <klient7@firma.test>')
        self.assertEqual(first.email_to, '"Biuro" <biuro@ogrodnik.test>,anna@ogrodnik.test')
        self.assertEqual(first.email_cc, "kopia@firma.test")
        self.assertEqual(str(first.date), "2025-03-11 08:15:00")
        self.assertEqual(len(set(inbox.mapped("name"))), 60)
        self.assertEqual(len(set(inbox.mapped("thread_number"))), 60)
