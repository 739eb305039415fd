# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""MAIL-11/14: drafts edited in another client, here, or in both, against Dovecot."""

import email
import email.policy

from odoo.tests import tagged

from .test_mailbox import MailboxCase, raw_mail


@tagged("post_install", "-at_install")
class TestDraftsSync(MailboxCase):
    def new_draft(self, subject):
        draft = self.env["optima.mail.service"].send_email(
            account=self.biuro,
            operator=self.anna,
            email_to="jan.kowalski@abc.test",
            subject=subject,
            body="<p>Treść</p>",
            mode="draft",
            record=self.invoice(self.abc),
        )
        self.sync(self.biuro)
        self.assertTrue(draft.imap_uid)
        return draft

    def server_drafts(self):
        """{uid: subject} of the server's Drafts folder."""
        conn = self.dovecot.imap("biuro")
        conn.select("Drafts")
        _typ, data = conn.uid("SEARCH", None, "ALL")
        result = {}
        for uid in (data[0] or b"").split():
            _typ, parts = conn.uid("FETCH", uid, "(BODY.PEEK[])")
            parsed = email.message_from_bytes(parts[0][1], policy=email.policy.default)
            # Without the thread token Odoo appends to outgoing subjects.
            result[int(uid)] = str(parsed["Subject"]).split(" [OPT!MA")[0]
        conn.logout()
        return result

    def edit_in_other_client(self, draft, subject):
        """What Thunderbird does: save the new version, remove the old one."""
        conn = self.dovecot.imap("biuro")
        conn.append(
            "Drafts",
            "(\\Draft)",
            None,
            raw_mail(subject, sender="biuro@ogrodnik.test", message_id=draft.message_id),
        )
        conn.select("Drafts")
        conn.uid("STORE", str(draft.imap_uid), "+FLAGS.SILENT", "(\\Deleted)")
        conn.expunge()
        conn.logout()

    def local_drafts(self):
        return self.biuro._folder("drafts").message_ids

    def test_draft_edited_in_another_client_replaces_local(self):
        draft = self.new_draft("Oferta")
        self.assertTrue(draft.link_ids)
        self.edit_in_other_client(draft, "Oferta v2")
        self.sync(self.biuro)
        self.assertFalse(draft.exists())
        replacement = self.local_drafts()
        self.assertEqual(replacement.mapped("subject"), ["Oferta v2"])
        self.assertEqual(replacement.state, "draft")
        self.assertFalse(replacement.link_ids)  # links of the old draft are lost (manual)
        self.assertEqual(list(self.server_drafts().values()), ["Oferta v2"])

    def test_draft_edited_in_both_clients_gives_two_drafts(self):
        draft = self.new_draft("Oferta")
        draft.with_user(self.anna).subject = "Oferta lokalna"
        self.edit_in_other_client(draft, "Oferta zdalna")
        self.sync(self.biuro)
        self.assertEqual(
            sorted(self.local_drafts().mapped("subject")), ["Oferta lokalna", "Oferta zdalna"]
        )
        self.assertEqual(sorted(self.server_drafts().values()), ["Oferta lokalna", "Oferta zdalna"])
        self.assertTrue(all(self.local_drafts().mapped("imap_uid")))
        # A further synchronisation changes nothing.
        self.sync(self.biuro)
        self.assertEqual(len(self.local_drafts()), 2)
        self.assertEqual(len(self.server_drafts()), 2)

    def test_draft_edited_here_replaces_server_copy(self):
        draft = self.new_draft("Oferta")
        draft.with_user(self.anna).subject = "Oferta poprawiona"
        self.assertTrue(draft.imap_draft_edited)
        self.sync(self.biuro)
        self.assertEqual(list(self.server_drafts().values()), ["Oferta poprawiona"])
        self.assertEqual(self.local_drafts(), draft)
        self.assertTrue(draft.imap_uid)
        self.assertFalse(draft.imap_draft_edited)
        self.assertTrue(draft.link_ids)
