# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Mailbox list and form actions: Kontrahent filter (MAIL-17), Przypisz podmiot and
Parametry Wyślij (MAIL-18), Podmiot from DO (MAIL-20), Dodaj przedstawiciela (MAIL-21)."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import OptimaMailCase, utc


@tagged("post_install", "-at_install")
class TestMailboxActions(OptimaMailCase):
    def _incoming(self, sender, date, subject="Zapytanie", to="biuro@ogrodnik.test"):
        return self.env["optima.mail.message"].create(
            {
                "account_id": self.biuro.id,
                "direction": "in",
                "state": "received",
                "subject": subject,
                "email_from": sender,
                "email_to": to,
                "date": date,
            }
        )

    def test_mail17_contractor_filter_prefills_new_mail(self):
        mine = self._incoming("faktury@abc.test", utc(2025, 3, 10, 9, 0))
        mine.partner_id = self.abc
        self._incoming("biuro@beta.test", utc(2025, 3, 10, 9, 0)).partner_id = self.beta
        Message = self.env["optima.mail.message"].with_user(self.anna)
        wizard = Form(self.env["optima.mail.partner.filter"].with_user(self.anna))
        self.assertEqual(wizard.subject_type, "contractor")
        wizard.partner_id = self.abc
        action = wizard.save().action_apply()
        self.assertEqual(Message.search(action["domain"]), mine)
        self.assertIn("F.H. ABC sp. z o.o.", action["name"])
        # "Dodaj" while the filter is on: Podmiot and its e-mail in DO, from anna's account.
        form = Form(Message.with_context(**action["context"]))
        self.assertEqual(form.partner_id, self.abc)
        self.assertEqual(form.email_to, "faktury@abc.test")
        self.assertEqual(form.account_id, self.biuro)
        form.subject = "Oferta"
        draft = form.save()
        self.assertEqual(draft.folder_id.folder_type, "drafts")
        self.assertEqual(draft.direction, "out")

    def test_mail20_partner_from_to_address(self):
        form = Form(self.env["optima.mail.message"].with_user(self.anna))
        form.email_to = "nieznany@xyz.test"
        self.assertFalse(form.partner_id)
        # Jan is ABC's representative: the Podmiot is his Kontrahent.
        form.email_to = "nieznany@xyz.test; jan.kowalski@abc.test"
        self.assertEqual(form.partner_id, self.abc)

    def test_mail18_assign_entity_for_a_date_range(self):
        in_range = self._incoming("jan.kowalski@abc.test", utc(2025, 3, 10, 9, 0))
        before = self._incoming("faktury@abc.test", utc(2025, 2, 27, 9, 0))
        last_day = self._incoming("biuro@beta.test", utc(2025, 3, 31, 22, 0))
        self.env["res.partner"].create(
            {"name": "Beta duplikat", "is_company": True, "email": "biuro@beta.test"}
        )
        unknown = self._incoming("kto@nieznany.test", utc(2025, 3, 12, 9, 0))
        wizard = self.env["optima.mail.assign.partners"].create(
            {"date_from": "2025-03-01", "date_to": "2025-03-31"}
        )
        result = wizard.action_confirm()
        self.assertEqual(result["params"]["message"], "Entity assigned to 1 message(s).")
        self.assertEqual(in_range.partner_id, self.abc)
        self.assertFalse(before.partner_id)  # outside the range
        self.assertFalse(last_day.partner_id)  # two Kontrahenci share the address (AMB-18)
        self.assertFalse(unknown.partner_id)
        with self.assertRaisesRegex(UserError, "before its start"):
            self.env["optima.mail.assign.partners"].create(
                {"date_from": "2025-03-31", "date_to": "2025-03-01"}
            )

    def test_mail18_send_parameters(self):
        incoming = self._incoming("jan.kowalski@abc.test", utc(2025, 3, 10, 9, 0), "Oferta")
        Message = self.env["optima.mail.message"].with_user(self.anna)
        self.assertEqual(self.anna.optima_mail_send_action, "reply")
        reply = Message.browse(Message.browse(incoming.id).action_send_default()["res_id"])
        self.assertEqual(reply.subject, "Re: Oferta")
        self.assertEqual(reply.email_to, "jan.kowalski@abc.test")
        params = self.env["optima.mail.send.params"].with_user(self.anna).create({})
        params.send_action = "forward"
        params.action_confirm()
        self.assertEqual(self.anna.optima_mail_send_action, "forward")
        forward = Message.browse(Message.browse(incoming.id).action_send_default()["res_id"])
        self.assertEqual(forward.subject, "Fwd: Oferta")
        self.assertFalse(forward.email_to)
        # piotr keeps his own parameter.
        self.assertEqual(self.piotr.optima_mail_send_action, "reply")
        with self.assertRaisesRegex(UserError, "Select one message"):
            (incoming | reply).with_user(self.anna).action_send_default()

    def test_mail21_add_representative(self):
        incoming = self._incoming(
            "Maria Zielińska <maria.zielinska@abc.test>", utc(2025, 3, 10, 9, 0)
        )
        incoming.partner_id = self.abc
        action = incoming.with_user(self.anna).action_open_add_representative()
        wizard = Form(
            self.env[action["res_model"]].with_user(self.anna).with_context(**action["context"])
        )
        self.assertEqual(wizard.parent_id, self.abc)
        self.assertEqual(wizard.name, "Maria Zielińska")
        self.assertEqual(wizard.email, "maria.zielinska@abc.test")
        result = wizard.save().action_confirm()
        contact = self.env["res.partner"].browse(result["res_id"])
        self.assertEqual(contact.parent_id, self.abc)
        self.assertEqual(contact.type, "contact")
        self.assertEqual(contact.email, "maria.zielinska@abc.test")
        self.assertIn(contact, self.abc.child_ids)
        # Without Podmiot the chosen Kontrahent becomes it.
        other = self._incoming("nowy@beta.test", utc(2025, 3, 11, 9, 0))
        wizard = self.env["optima.mail.add.representative"].create(
            {
                "message_id": other.id,
                "parent_id": self.beta.id,
                "name": "Nowy",
                "email": "nowy@beta.test",
            }
        )
        wizard.action_confirm()
        self.assertEqual(other.partner_id, self.beta)

    def test_mail07_account_nodes_in_the_folder_tree(self):
        self._incoming("faktury@abc.test", utc(2025, 3, 10, 9, 0))
        Message = self.env["optima.mail.message"].with_user(self.anna)
        result = Message.search_panel_select_range("folder_id", expand=True, hierarchize=True)
        parent = result["parent_field"]
        values = {v["id"]: v for v in result["values"]}
        node = values[-self.biuro.id]
        self.assertEqual(node["display_name"], "BIURO")
        self.assertFalse(node[parent])
        inbox = self.biuro._folder("inbox")
        self.assertEqual(values[inbox.id][parent], -self.biuro.id)
        # Sub-folders keep their folder parent.
        child = self.env["optima.mail.folder"].create(
            {"name": "Faktury", "account_id": self.biuro.id, "parent_id": inbox.id}
        )
        values = {
            v["id"]: v
            for v in Message.search_panel_select_range("folder_id", expand=True)["values"]
        }
        self.assertEqual(values[child.id][parent], inbox.id)
        # Folder search by name (search bar): the folder and its sub-folders.
        moved = self._incoming("biuro@beta.test", utc(2025, 3, 11, 9, 0))
        moved.folder_id = child
        self.assertEqual(Message.search([("folder_id", "child_of", "Faktury")]), moved)
        self.assertIn(moved, Message.search([("folder_id", "child_of", inbox.id)]))
        # Choosing the account node lists nothing (it is not a folder).
        self.assertFalse(Message.search([("folder_id", "child_of", -self.biuro.id)]))
        self.assertTrue(Message.search([("folder_id", "child_of", inbox.id)]))

    def test_mail07_all_accounts_view_labels_own_folders(self):
        """[Wszystkie]: Inbox merged across accounts, each own folder named with its account."""
        sklep = self.env["optima.mail.account"].create(
            {
                "symbol": "SKLEP",
                "email": "sklep@ogrodnik.test",
                "mail_server_id": self.smtp_server.id,
                "user_ids": [Command.set([self.anna.id])],
                "owner_id": self.anna.id,
            }
        )
        Folder = self.env["optima.mail.folder"]
        biuro_clients = Folder.create({"name": "Klienci", "account_id": self.biuro.id})
        sklep_clients = Folder.create({"name": "Klienci", "account_id": sklep.id})
        first = self._incoming("faktury@abc.test", utc(2025, 3, 10, 9, 0))
        second = self._incoming("biuro@beta.test", utc(2025, 3, 10, 10, 0))
        second.account_id = sklep
        second.folder_id = sklep._folder("inbox")
        self._incoming("faktury@abc.test", utc(2025, 3, 10, 11, 0)).folder_id = biuro_clients
        moved = self._incoming("biuro@beta.test", utc(2025, 3, 10, 12, 0))
        moved.write({"account_id": sklep.id, "folder_id": sklep_clients.id})
        Message = self.env["optima.mail.message"].with_user(self.anna)
        values = Message.search_panel_select_range("all_folder_key", enable_counters=True)["values"]
        labels = {v["display_name"]: v for v in values}
        self.assertEqual(labels["Inbox"]["__count"], 2)
        self.assertEqual(labels["Klienci (BIURO)"]["__count"], 1)
        self.assertEqual(labels["Klienci (SKLEP)"]["__count"], 1)
        self.assertNotIn("Own folder", labels)
        self.assertEqual(
            Message.search([("all_folder_key", "=", labels["Inbox"]["id"])]), first | second
        )
        self.assertEqual(
            Message.search([("all_folder_key", "=", labels["Klienci (SKLEP)"]["id"])]), moved
        )
        # A rename shows at once: the label is read from the folder.
        sklep_clients.name = "Stali klienci"
        values = Message.search_panel_select_range("all_folder_key")["values"]
        self.assertIn("Stali klienci (SKLEP)", [v["display_name"] for v in values])

    def test_mail26_link_documents_by_reference(self):
        self.anna.group_ids += self.env.ref("account.group_account_invoice")
        message = self._incoming("faktury@abc.test", utc(2025, 3, 10, 9, 0))
        move = self.invoice(self.abc)
        task = self.env["optima.crm.task"].create(
            {
                "partner_id": self.abc.id,
                "subject": "Oddzwonić",
                "kind": "task",
                "user_id": self.anna.id,
                "date_from": utc(2025, 3, 12, 10, 0),
                "date_to": utc(2025, 3, 12, 11, 0),
            }
        )
        choices = dict(self.env["optima.mail.message.link"]._selection_record_ref())
        self.assertIn("account.move", choices)
        self.assertIn("optima.crm.task", choices)
        form = Form(message.with_user(self.anna))
        with form.link_ids.new() as line:
            line.record_ref = move
        with form.link_ids.new() as line:
            line.record_ref = task
        form.save()
        self.assertEqual(
            {(lnk.res_model, lnk.res_id) for lnk in message.link_ids},
            {("account.move", move.id), ("optima.crm.task", task.id)},
        )
        self.assertEqual(move.optima_mail_count, 1)
        self.assertEqual(message.link_ids[0].record_ref, move)
        # Removing a link leaves the document.
        form = Form(message.with_user(self.anna))
        form.link_ids.remove(index=0)
        form.save()
        self.assertEqual(message.link_ids.res_model, "optima.crm.task")
        self.assertTrue(move.exists())
        self.env.invalidate_all()
        self.assertEqual(move.optima_mail_count, 0)
