# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class OptimaCrmTaskLinkWizard(models.TransientModel):
    """ "Dodaj": pick the contractor's invoices to associate with a task (TASK-19)."""

    _name = "optima.crm.task.link.wizard"
    _description = "Associate invoices with a contact/task"

    task_id = fields.Many2one("optima.crm.task", required=True)
    partner_id = fields.Many2one(related="task_id.partner_id")
    move_ids = fields.Many2many(
        "account.move",
        string="Invoices",
        domain="[('move_type', 'in', ('out_invoice', 'out_refund')),"
        " ('commercial_partner_id', '=', commercial_partner_id)]",
    )
    commercial_partner_id = fields.Many2one("res.partner", compute="_compute_commercial_partner_id")

    @api.depends("task_id.partner_id")
    def _compute_commercial_partner_id(self):
        for wizard in self:
            wizard.commercial_partner_id = wizard.task_id.partner_id.commercial_partner_id

    def action_link(self):
        self.ensure_one()
        already = set(
            self.task_id.document_link_ids.filtered(
                lambda link: link.res_model == "account.move"
            ).mapped("res_id")
        )
        # Only the contractor's invoices, whatever the client sent.
        moves = self.move_ids.filtered(
            lambda move: (
                move.commercial_partner_id == self.commercial_partner_id and move.id not in already
            )
        )
        self.env["optima.crm.task.link"].create(
            [
                {"task_id": self.task_id.id, "res_model": "account.move", "res_id": move.id}
                for move in moves
            ]
        )
        return {"type": "ir.actions.act_window_close"}
