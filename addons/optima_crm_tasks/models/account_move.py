# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    optima_task_ids = fields.Many2many(
        "optima.crm.task",
        string="CRM contacts and tasks",
        compute="_compute_optima_task_ids",
        inverse="_inverse_optima_task_ids",
        help="Optima: Zadania i kontakty CRM associated with this document.",
    )

    @api.depends_context("uid")
    def _compute_optima_task_ids(self):
        links = self.env["optima.crm.task.link"].sudo()._links_of(self)
        for move in self:
            linked = links.get(move.id, self.env["optima.crm.task.link"]).task_id
            # Only what the user may read, as Optima hides other operators' tasks.
            move.optima_task_ids = linked.with_env(self.env)._filtered_access("read")

    def _inverse_optima_task_ids(self):
        """ "Dodaj istniejący" / "Usuń" on the invoice side (TASK-19).

        Links made from the document are allowed on closed tasks and on other operators'
        tasks the user can read (A28); the task itself is not changed.
        """
        Link = self.env["optima.crm.task.link"].sudo()
        for move in self:
            current = Link._links_of(move).get(move.id, Link).task_id
            current = current.with_env(self.env)._filtered_access("read")
            added = move.optima_task_ids - current
            added.check_access("read")
            foreign = added.partner_id.commercial_partner_id - move.commercial_partner_id
            if foreign:
                raise UserError(
                    self.env._("Only contacts/tasks of the document's contractor can be added.")
                )
            Link.create(
                [{"task_id": task.id, "res_model": self._name, "res_id": move.id} for task in added]
            )
            removed = current - move.optima_task_ids
            if removed:
                Link.search(
                    [
                        ("task_id", "in", removed.ids),
                        ("res_model", "=", self._name),
                        ("res_id", "=", move.id),
                    ]
                ).with_context(optima_link_from_document=True).unlink()

    def action_optima_new_task(self):
        """ "Nowe zadanie/kontakt" from the invoice: linked back to it on save."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "optima.crm.task",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_partner_id": self.partner_id.id,
                "default_document_link_ids": [
                    (0, 0, {"res_model": "account.move", "res_id": self.id})
                ],
            },
        }
