# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""MAIL-02: old POP3 messages moved onto a new IMAP account are uploaded to its server."""

import email
import email.policy

from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_mailbox import MailboxCase, raw_mail


@tagged("post_install", "-at_install")
class TestAccountMigration(MailboxCase):
    def server_messages(self, folder):
        conn = self.dovecot.imap("biuro")
        conn.select(folder, readonly=True)
        _typ, data = conn.uid("SEARCH", None, "ALL")
        result = []
        for uid in (data[0] or b"").split():
            _typ, parts = conn.uid("FETCH", uid, "(FLAGS BODY.PEEK[])")
            result.append((parts[0][0], parts[0][1]))
        conn.logout()
        return result

    def test_old_pop3_messages_moved_to_new_imap_account(self):
        originals = [
            raw_mail("Stara oferta", X_Optima_Test="nagłówek"),
            raw_mail("Stare zamówienie"),
        ]
        self.seed("anna", "INBOX", *originals)
        self.sync(self.anna_box)
        old = self.anna_box._folder("inbox").message_ids
        self.assertEqual(len(old), 2)
        # The protocol of the old account is locked; the manual's way: a new IMAP account.
        with self.assertRaisesRegex(UserError, "protocol cannot be changed"):
            self.anna_box.protocol = "imap"
        self.anna_box.active = False
        self.seed("biuro", "Archiwum")
        self.sync(self.biuro)
        archiwum = self.folder(self.biuro, "Archiwum")
        old.with_user(self.anna)._move_to(archiwum)
        self.assertTrue(all(old.mapped("imap_upload_pending")))
        self.sync(self.biuro)
        uploaded = self.server_messages("Archiwum")
        self.assertEqual(len(uploaded), 2)
        # Original bytes and headers; the local read state is not transferred.
        self.assertEqual(
            sorted(raw.replace(b"\r\n", b"\n") for _f, raw in uploaded), sorted(originals)
        )
        self.assertTrue(all(b"\\Seen" not in flags for flags, _raw in uploaded))
        parsed = email.message_from_bytes(uploaded[0][1], policy=email.policy.default)
        self.assertIn(parsed["Message-ID"], old.mapped("message_id"))
        # The same records, now on BIURO with their server UIDs; nothing fetched twice.
        self.assertEqual(archiwum.message_ids, old)
        self.assertEqual(set(old.mapped("account_id")), {self.biuro})
        self.assertTrue(all(old.mapped("imap_uid")))
        self.assertFalse(any(old.mapped("imap_upload_pending")))
        self.assertIn("BIURO", old[0].history_ids.filtered(lambda h: h.action == "moved").comment)
        self.sync(self.biuro)
        self.assertEqual(len(self.server_messages("Archiwum")), 2)
        self.assertEqual(len(archiwum.message_ids), 2)

    def moved_into_local_notes(self, subject):
        """A message fetched by Anna's POP3 box, moved into biuro's local folder Notatki,
        then biuro synchronised."""
        self.seed("anna", "INBOX", raw_mail(subject))
        self.sync(self.anna_box)
        message = self.anna_box._folder("inbox").message_ids
        notes = self.env["optima.mail.folder"].create(
            {"account_id": self.biuro.id, "name": "Notatki"}
        )
        message._move_to(notes)
        self.sync(self.biuro)
        return message, notes

    def test_moved_into_a_local_folder_stays_local(self):
        message, notes = self.moved_into_local_notes("Lokalna")
        self.assertNotIn(b"Notatki", b"".join(self.dovecot.imap("biuro").list()[1]))
        self.assertEqual(notes.message_ids, message)
        self.assertFalse(message.imap_upload_pending)

    def test_subscribing_a_local_folder_uploads_its_messages(self):
        message, notes = self.moved_into_local_notes("Do notatek")
        self.assertFalse(self.server_messages_exist("Notatki"))
        notes.subscribed = True
        self.sync(self.biuro)
        self.assertEqual(notes.imap_name, "Notatki")
        self.assertEqual(len(self.server_messages("Notatki")), 1)
        self.assertTrue(message.imap_uid)
        self.assertEqual(notes.message_ids, message)

    def server_messages_exist(self, folder):
        conn = self.dovecot.imap("biuro")
        typ, _data = conn.select(folder, readonly=True)
        conn.logout()
        return typ == "OK"
