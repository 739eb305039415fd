# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""TASK-19 associated documents, acceptance scenario AS-40."""

from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import tagged

from .common import OptimaTaskCase


@tagged("post_install", "-at_install")
class TestDocumentLinks(OptimaTaskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product = cls.env["product.product"].create({"name": "Usługa", "list_price": 100.0})

        def invoice(partner, post):
            move = cls.env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "invoice_line_ids": [Command.create({"product_id": product.id, "quantity": 1})],
                }
            )
            if post:
                move.action_post()
            return move

        cls.posted = invoice(cls.abc, True)
        cls.draft = invoice(cls.abc, False)
        cls.other = invoice(cls.xyz, True)

    def test_as40_documents_both_ways(self):
        task = self.task(kind="task", subject="Wdrożenie")
        wizard = (
            self.env["optima.crm.task.link.wizard"]
            .with_context(**task.action_add_invoices()["context"])
            .create({})
        )
        offered = self.env["account.move"].search(
            [
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("commercial_partner_id", "=", wizard.commercial_partner_id.id),
            ]
        )
        self.assertIn(self.posted, offered)
        self.assertIn(self.draft, offered)
        self.assertNotIn(self.other, offered)
        wizard.move_ids = self.posted | self.draft | self.other
        wizard.action_link()
        linked = task.document_link_ids
        self.assertEqual(
            set(linked.mapped("res_id")),
            {self.posted.id, self.draft.id},
            "another contractor's invoice is never linked",
        )
        self.assertEqual(self.posted.optima_task_ids, task)
        self.assertEqual(self.posted.optima_task_ids.kind_code, "Z")
        with self.assertRaisesRegex(UserError, "cannot be removed from a posted invoice"):
            linked.filtered(lambda l: l.res_id == self.posted.id).with_context(
                optima_link_from_document=True
            ).unlink()
        linked.filtered(lambda l: l.res_id == self.draft.id).unlink()
        self.assertTrue(self.draft.exists(), "removing a link keeps the invoice")
        self.assertFalse(self.draft.optima_task_ids)

    def test_task19_new_task_from_the_invoice_links_back(self):
        action = self.posted.action_optima_new_task()
        task = self.Task.with_context(**action["context"]).create({"kind": "contact"})
        self.assertEqual(task.partner_id, self.abc)
        self.assertEqual(task.document_link_ids.res_id, self.posted.id)
        self.posted.invalidate_recordset(["optima_task_ids"])
        self.assertEqual(self.posted.optima_task_ids, task)

    def test_task19_other_operators_tasks_hidden_on_the_invoice(self):
        task = self.task(kind="task", user_id=self.krzysztof.id)
        self.env["optima.crm.task.link"].create(
            {"task_id": task.id, "res_model": "account.move", "res_id": self.posted.id}
        )
        self.jan.group_ids += self.env.ref("account.group_account_invoice")
        self.assertFalse(self.posted.with_user(self.jan).optima_task_ids)
        self.assertEqual(self.posted.optima_task_ids, task)

    def test_task19_add_existing_from_the_invoice_side(self):
        self.jan.group_ids += self.env.ref("account.group_account_invoice")
        open_task = self.task(kind="task", user_id=self.jan.id, subject="Wdrożenie")
        closed = self.task(kind="contact", user_id=self.jan.id)
        closed.action_close()
        foreign = self.task(kind="task", user_id=self.jan.id, partner_id=self.xyz.id)
        move = self.posted.with_user(self.jan)
        move.write({"optima_task_ids": [Command.link(open_task.id), Command.link(closed.id)]})
        self.assertEqual(open_task.document_link_ids.res_id, self.posted.id)
        self.assertEqual(
            closed.document_link_ids.res_id,
            self.posted.id,
            "a closed task can still be linked from the document side",
        )
        with (
            self.assertRaisesRegex(UserError, "Only contacts/tasks of the document's contractor"),
            self.env.cr.savepoint(),
        ):
            move.write({"optima_task_ids": [Command.link(foreign.id)]})
        with (
            self.assertRaisesRegex(UserError, "cannot be removed from a posted invoice"),
            self.env.cr.savepoint(),
        ):
            move.write({"optima_task_ids": [Command.unlink(open_task.id)]})
        draft = self.draft.with_user(self.jan)
        draft.write({"optima_task_ids": [Command.link(open_task.id)]})
        draft.write({"optima_task_ids": [Command.unlink(open_task.id)]})
        self.assertEqual(open_task.document_link_ids.res_id, self.posted.id)
        self.assertTrue(self.draft.exists())

    def test_task20_task_links_both_ways(self):
        first = self.task(kind="task", user_id=self.jan.id)
        other = self.task(kind="contact", user_id=self.jan.id, partner_id=self.xyz.id)
        first.with_user(self.jan).related_task_ids = [Command.link(other.id)]
        self.assertEqual(first.document_link_ids.res_model, "optima.crm.task")
        other.invalidate_recordset(["related_task_ids"])
        self.assertEqual(other.related_task_ids, first, "shown on both tasks")
        self.assertEqual(first.related_task_ids, other)
        # Removed on the other side: the one link goes for both.
        other.with_user(self.jan).related_task_ids = [Command.unlink(first.id)]
        first.invalidate_recordset(["related_task_ids", "document_link_ids"])
        self.assertFalse(first.related_task_ids)
        self.assertFalse(first.document_link_ids)
        first.action_close()
        with self.assertRaisesRegex(UserError, "closed"):
            first.with_user(self.jan).related_task_ids = [Command.link(other.id)]
