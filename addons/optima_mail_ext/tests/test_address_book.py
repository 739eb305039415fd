# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""MAIL-22: the address book ("Książka adresowa") of the message form."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OptimaMailCase


@tagged("post_install", "-at_install")
class TestAddressBook(OptimaMailCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.old = cls.env["res.partner"].create(
            {"name": "Stary Kontrahent", "is_company": True, "email": "stary@old.test"}
        )
        cls.old.action_archive()
        # Same address as ABC itself (case differs): a duplicate line.
        cls.accounts = cls.env["res.partner"].create(
            {"name": "Księgowość", "parent_id": cls.abc.id, "email": "FAKTURY@abc.test"}
        )

    def _draft(self, **vals):
        return self.env["optima.mail.message"].create(
            {"account_id": self.biuro.id, "direction": "out", "subject": "Oferta", **vals}
        )

    def _book(self, message, **vals):
        # What the form's "Address book" button opens, with the draft in its context.
        action = self.env.ref("optima_mail_ext.action_optima_mail_address_book")
        self.assertEqual(action.res_model, "optima.mail.address.book")
        return (
            self.env["optima.mail.address.book"]
            .with_user(self.anna)
            .with_context(default_message_id=message.id)
            .create(vals)
        )

    def test_mail22_kinds_archived_and_duplicates(self):
        book = self._book(self._draft())
        self.assertEqual(book.message_id.state, "draft")
        candidates = book.candidate_ids
        self.assertIn(self.abc, candidates)
        self.assertIn(self.jan, candidates)
        self.assertIn(self.anna.partner_id, candidates)
        self.assertNotIn(self.gamma, candidates, "no e-mail")
        self.assertNotIn(self.old, candidates, "archived")
        self.assertNotIn(self.accounts, candidates, "same address as ABC")
        book.kind = "contractor"
        self.assertIn(self.abc, book.candidate_ids)
        self.assertIn(self.beta, book.candidate_ids)
        self.assertFalse(book.candidate_ids & (self.jan | self.anna.partner_id))
        book.kind = "representative"
        self.assertIn(self.jan, book.candidate_ids)
        self.assertNotIn(self.abc, book.candidate_ids)
        book.kind = "all"
        book.show_duplicates = True
        self.assertIn(self.accounts, book.candidate_ids)
        self.assertIn(self.abc, book.candidate_ids)
        book.kind = "operator"
        self.assertIn(self.anna.partner_id, book.candidate_ids)
        self.assertIn(self.piotr.partner_id, book.candidate_ids)
        self.assertFalse(book.candidate_ids & (self.abc | self.jan))
        book.kind = "contractor"
        book.show_archived = True
        self.assertIn(self.old, book.candidate_ids)

    def test_mail22_add_to_cc_bcc(self):
        message = self._draft(email_to="biuro@beta.test")
        book = self._book(message)
        book.partner_ids = self.beta | self.abc | self.jan
        book.action_add_to()
        self.assertEqual(
            message.email_to, "biuro@beta.test; faktury@abc.test; jan.kowalski@abc.test"
        )
        book = self._book(message)
        book.partner_ids = self.jan
        book.action_add_cc()
        book = self._book(message)
        book.partner_ids = self.anna.partner_id | self.accounts
        book.action_add_bcc()
        self.assertEqual(message.email_cc, "jan.kowalski@abc.test")
        self.assertEqual(message.email_bcc, "anna@ogrodnik.test; FAKTURY@abc.test")
        # The partner's address is read live: nothing copied into the book.
        self.beta.email = "zarzad@beta.test"
        book = self._book(message)
        book.partner_ids = self.beta
        book.action_add_to()
        self.assertTrue(message.email_to.endswith("; zarzad@beta.test"))

    def test_mail22_only_drafts_and_a_selection(self):
        message = self._draft()
        book = self._book(message)
        with self.assertRaisesRegex(UserError, "Select at least one address"):
            book.action_add_to()
        message.state = "sent"
        book.partner_ids = self.abc
        with self.assertRaisesRegex(UserError, "only in a draft message"):
            book.action_add_cc()
        self.assertFalse(message.email_cc)

    def test_mail22_tabs_offices_banks_employees(self):
        office = self.env["res.partner"].create(
            {
                "name": "Urząd Skarbowy Kraków",
                "is_company": True,
                "optima_subject_type": "tax_office",
                "email": "us@krakow.test",
            }
        )
        clerk = self.env["res.partner"].create(
            {"name": "Kadry", "optima_subject_type": "employee", "email": "kadry@ogrodnik.test"}
        )
        bank = self.env["res.bank"].create({"name": "Bank Testowy", "email": "obsluga@bank.test"})
        self.env["res.bank"].create({"name": "Bank bez adresu"})
        message = self._draft()
        book = self._book(message, kind="tax_office")
        self.assertEqual(book.candidate_ids, office)
        book.kind = "operator"
        self.assertIn(clerk, book.candidate_ids)
        self.assertIn(self.anna.partner_id, book.candidate_ids)
        self.assertNotIn(office, book.candidate_ids)
        book.kind = "bank"
        self.assertIn(bank, book.bank_candidate_ids)
        self.assertEqual(len(book.bank_candidate_ids.filtered(lambda b: not b.email)), 0)
        book.bank_ids = bank
        book.partner_ids = office
        book.action_add_cc()
        self.assertEqual(message.email_cc, "us@krakow.test; obsluga@bank.test")

    def test_mail22_expand_contractor_and_set_entity(self):
        self.env["res.partner"].create(
            {"name": "Była przedstawicielka", "parent_id": self.abc.id, "email": "byla@abc.test"}
        ).action_archive()
        message = self._draft()
        book = self._book(message, kind="contractor", contractor_id=self.abc.id)
        self.assertEqual(book.candidate_ids, self.abc | self.jan)
        # Opened from Podmiot: one partner becomes the entity, an empty DO gets its address.
        book = self._book(message, target="partner", kind="contractor")
        book.partner_ids = self.abc | self.beta
        with self.assertRaisesRegex(UserError, "exactly one entity"):
            book.action_set_partner()
        book.partner_ids = self.beta
        book.action_set_partner()
        self.assertEqual(message.partner_id, self.beta)
        self.assertEqual(message.email_to, "biuro@beta.test")
        # Dodaj: a new partner of the current tab; Podgląd: the selected card.
        action = self._book(message, kind="tax_office").action_new_partner()
        self.assertEqual(action["res_model"], "res.partner")
        self.assertEqual(action["context"]["default_optima_subject_type"], "tax_office")
        self.assertTrue(action["context"]["default_is_company"])
        action = self._book(message, contractor_id=self.abc.id).action_new_partner()
        self.assertEqual(action["context"]["default_parent_id"], self.abc.id)
        book = self._book(message)
        book.partner_ids = self.jan
        self.assertEqual(book.action_preview()["res_id"], self.jan.id)
