# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""MAIL-06/10/11: folder rename and move replayed on Dovecot, the sync lock, local folders."""

from odoo import sql_db
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..models.optima_mail_account import SYNC_LOCK
from .test_mailbox import MailboxCase, raw_mail


@tagged("post_install", "-at_install")
class TestFoldersSync(MailboxCase):
    def server_folders(self, user="biuro"):
        conn = self.dovecot.imap(user)
        _typ, boxes = conn.list()
        conn.logout()
        return {line.decode().rsplit(' "." ', 1)[-1].strip('"') for line in boxes}

    def test_rename_and_move_replayed_on_server(self):
        self.seed("biuro", "Faktury", raw_mail("F1"))
        self.seed("biuro", "Faktury.2025", raw_mail("F2"))
        self.seed("biuro", "Archiwum")
        self.sync(self.biuro)
        faktury = self.folder(self.biuro, "Faktury")
        child = self.folder(self.biuro, "2025")
        archiwum = self.folder(self.biuro, "Archiwum")
        faktury.with_user(self.anna).name = "Rachunki łąka"
        self.assertTrue(faktury.imap_rename_pending)
        self.sync(self.biuro)
        boxes = self.server_folders()
        self.assertIn("Rachunki &AUIBBQ-ka", boxes)
        self.assertIn("Rachunki &AUIBBQ-ka.2025", boxes)
        self.assertNotIn("Faktury", boxes)
        self.assertEqual(faktury.imap_name, "Rachunki łąka")
        self.assertEqual(child.imap_name, "Rachunki łąka.2025")
        self.assertFalse(faktury.imap_rename_pending)
        # Same messages, none fetched twice; new mail in the renamed folder still arrives.
        self.seed("biuro", '"Rachunki &AUIBBQ-ka"', raw_mail("F3"))
        self.sync(self.biuro)
        self.assertEqual(sorted(faktury.message_ids.mapped("subject")), ["F1", "F3"])
        self.assertEqual(child.message_ids.mapped("subject"), ["F2"])
        # Move under Archiwum: the whole branch moves on the server.
        faktury.parent_id = archiwum
        self.sync(self.biuro)
        boxes = self.server_folders()
        self.assertIn("Archiwum.Rachunki &AUIBBQ-ka", boxes)
        self.assertIn("Archiwum.Rachunki &AUIBBQ-ka.2025", boxes)
        self.assertNotIn("Rachunki &AUIBBQ-ka", boxes)
        self.assertEqual(child.imap_name, "Archiwum.Rachunki łąka.2025")
        self.assertEqual(len(self.server_flags("biuro", '"Archiwum.Rachunki &AUIBBQ-ka"')), 2)
        self.assertEqual(len(faktury.message_ids), 2)

    def test_local_folders_marked_and_same_status_moves(self):
        self.seed("biuro", "Archiwum")
        self.sync(self.biuro)
        archiwum = self.folder(self.biuro, "Archiwum")
        local = self.env["optima.mail.folder"].create(
            {"account_id": self.biuro.id, "name": "Notatki"}
        )
        self.assertTrue(local.is_local)
        self.assertFalse(archiwum.is_local)
        self.assertFalse(self.biuro._folder("inbox").is_local)
        self.assertTrue(self.biuro._folder("outbox").is_local)
        # POP3: all folders are local, none is marked.
        self.assertFalse(any(self.anna_box.folder_ids.mapped("is_local")))
        with self.assertRaisesRegex(ValidationError, "same kind: local to local"):
            local.parent_id = archiwum
        with self.assertRaisesRegex(ValidationError, "same kind: local to local"):
            archiwum.parent_id = local
        self.sync(self.biuro)
        self.assertNotIn("Notatki", self.server_folders())

    def test_folder_deleted_on_server_becomes_local(self):
        self.seed("biuro", "Projekty", raw_mail("P1"))
        self.sync(self.biuro)
        projekty = self.folder(self.biuro, "Projekty")
        conn = self.dovecot.imap("biuro")
        conn.delete("Projekty")
        conn.logout()
        self.sync(self.biuro)
        self.assertFalse(self.biuro.last_error)
        self.assertTrue(projekty.is_local)
        self.assertFalse(projekty.subscribed)
        self.assertEqual(projekty.message_ids.mapped("subject"), ["P1"])

    def test_folder_renamed_on_server_shows_up_unsubscribed(self):
        """MAIL-11: the old folder becomes local with its messages, the new one is unsubscribed;
        a folder merely created on the server keeps the server's subscription."""
        self.seed("biuro", "Projekty", raw_mail("P1"))
        self.sync(self.biuro)
        projekty = self.folder(self.biuro, "Projekty")
        self.assertTrue(projekty.uidvalidity)
        conn = self.dovecot.imap("biuro")
        self.assertEqual(conn.rename("Projekty", '"Projekty 2025"')[0], "OK")
        # Mail clients subscribe the new name when they rename.
        self.assertEqual(conn.subscribe('"Projekty 2025"')[0], "OK")
        conn.logout()
        self.seed("biuro", "Nowy", raw_mail("N1"))
        self.sync(self.biuro)
        self.assertFalse(self.biuro.last_error)
        self.assertTrue(projekty.is_local)
        self.assertEqual(projekty.message_ids.mapped("subject"), ["P1"])
        renamed = self.folder(self.biuro, "Projekty 2025")
        self.assertEqual(renamed.imap_name, "Projekty 2025")
        self.assertFalse(renamed.subscribed)
        self.assertFalse(renamed.message_ids)
        nowy = self.folder(self.biuro, "Nowy")
        self.assertTrue(nowy.subscribed)
        self.assertEqual(nowy.message_ids.mapped("subject"), ["N1"])

    def test_one_synchronisation_per_account(self):
        self.seed("biuro", "INBOX", raw_mail("Czeka"))
        self.seed("biuro", "Archiwum")
        self.sync(self.biuro)
        archiwum = self.folder(self.biuro, "Archiwum")
        self.seed("biuro", "INBOX", raw_mail("Nowa"))
        # Another worker's synchronisation of BIURO holds the lock in its own session.
        other = sql_db.db_connect(self.env.cr.dbname).cursor()
        try:
            other.execute("SELECT pg_advisory_lock(%s, %s)", (SYNC_LOCK, self.biuro.id))
            self.assertFalse(self.env["optima.mail.sync"].synchronise(self.biuro))
            with self.assertRaisesRegex(UserError, "BIURO is being synchronised"):
                self.sync(self.biuro)
            with self.assertRaisesRegex(UserError, "BIURO is being synchronised"):
                archiwum.with_user(self.anna).name = "Stare"
            with self.assertRaisesRegex(UserError, "BIURO is being synchronised"):
                archiwum.unlink()
            self.assertEqual(len(self.biuro._folder("inbox").message_ids), 1)
            # The other account synchronises meanwhile.
            self.assertTrue(self.env["optima.mail.sync"].synchronise(self.anna_box))
        finally:
            other.execute("SELECT pg_advisory_unlock(%s, %s)", (SYNC_LOCK, self.biuro.id))
            other.close()
        self.sync(self.biuro)
        self.assertEqual(len(self.biuro._folder("inbox").message_ids), 2)
        archiwum.name = "Stare"
        self.assertEqual(archiwum.name, "Stare")

    def test_rename_refused_by_server_restores_local_name(self):
        self.seed("biuro", "Faktury", raw_mail("F1"))
        self.sync(self.biuro)
        faktury = self.folder(self.biuro, "Faktury")
        # Another client creates "Zajęte" meanwhile; the rename to it is refused (exists).
        self.seed("biuro", '"Zaj&ARk-te"')
        faktury.name = "Zajęte"
        self.sync(self.biuro)
        self.assertEqual(faktury.name, "Faktury")
        self.assertEqual(faktury.imap_name, "Faktury")
        self.assertFalse(faktury.imap_rename_pending)
        report = self.biuro._folder("inbox").message_ids.filtered(
            lambda m: m.origin == "sync_error"
        )
        self.assertEqual(report.subject, "Synchronisation error of account BIURO")
        self.assertIn("RENAME", report.note)
        self.assertIn("Faktury", self.server_folders())
        self.assertEqual(faktury.message_ids.mapped("subject"), ["F1"])
        # The server's own "Zajęte" appears at the next synchronisation.
        self.sync(self.biuro)
        self.assertEqual(self.folder(self.biuro, "Zajęte").imap_name, "Zajęte")

    def test_local_folder_adopted_by_same_named_server_folder(self):
        local = self.env["optima.mail.folder"].create(
            {"account_id": self.biuro.id, "name": "Projekty"}
        )
        self.seed("biuro", "Projekty", raw_mail("P1"))
        self.sync(self.biuro)
        self.assertEqual(self.folder(self.biuro, "Projekty"), local)
        self.assertEqual(local.imap_name, "Projekty")
        self.assertFalse(local.is_local)
        self.assertEqual(local.message_ids.mapped("subject"), ["P1"])

    def server_move(self, source, target, subject):
        """Another client moves a message (COPY + \\Deleted + EXPUNGE)."""
        conn = self.dovecot.imap("biuro")
        conn.select(source)
        _typ, data = conn.search(None, "SUBJECT", f'"{subject}"')
        number = data[0].split()[0]
        conn.copy(number, target)
        conn.store(number, "+FLAGS.SILENT", "(\\Deleted)")
        conn.expunge()
        conn.logout()

    def test_moved_on_the_server_is_followed(self):
        self.seed("biuro", "INBOX", raw_mail("Wedrowna"))
        self.seed("biuro", "Faktury")
        self.sync(self.biuro)
        message = self.biuro._folder("inbox").message_ids
        faktury = self.folder(self.biuro, "Faktury")
        self.server_move("INBOX", "Faktury", "Wedrowna")
        self.sync(self.biuro)
        self.assertEqual(message.folder_id, faktury)
        self.assertEqual(faktury.message_ids, message)
        self.assertIn("moved on the server", message.history_ids[-1].comment)

    def test_moved_on_the_server_and_here_ends_in_the_servers_folder(self):
        self.seed("biuro", "INBOX", raw_mail("Sporna"))
        self.seed("biuro", "Faktury")
        self.seed("biuro", "Archiwum")
        self.sync(self.biuro)
        message = self.biuro._folder("inbox").message_ids
        faktury = self.folder(self.biuro, "Faktury")
        archiwum = self.folder(self.biuro, "Archiwum")
        message.with_user(self.anna)._move_to(archiwum)
        self.server_move("INBOX", "Faktury", "Sporna")
        self.sync(self.biuro)
        self.assertEqual(message.folder_id, faktury)
        self.assertFalse(archiwum.message_ids)
        self.assertEqual(len(self.server_flags("biuro", "Archiwum")), 0)
        self.assertEqual(len(self.server_flags("biuro", "Faktury")), 1)
        info = self.biuro._folder("inbox").message_ids.filtered(lambda m: m.origin == "sync_info")
        self.assertEqual(info.user_id, self.anna)
        self.assertEqual(info.subject, f"Move of message {message.name} undone")
        self.assertIn("your move to BIURO: Archiwum was undone", info.body)

    def test_move_into_a_folder_deleted_on_the_server_is_undone(self):
        self.seed("biuro", "INBOX", raw_mail("Do projektu"))
        self.seed("biuro", "Projekty")
        self.sync(self.biuro)
        inbox = self.biuro._folder("inbox")
        message = inbox.message_ids
        projekty = self.folder(self.biuro, "Projekty")
        message.with_user(self.anna)._move_to(projekty)
        conn = self.dovecot.imap("biuro")
        conn.delete("Projekty")
        conn.logout()
        self.sync(self.biuro)
        self.assertEqual(message.folder_id, inbox)
        self.assertFalse(message.imap_move_pending)
        self.assertTrue(projekty.is_local)
        self.assertEqual(len(self.server_flags("biuro", "INBOX")), 1)
        info = inbox.message_ids.filtered(lambda m: m.origin == "sync_info")
        self.assertEqual(info.user_id, self.anna)
        self.assertIn("your move to BIURO: Projekty was undone", info.body)
