# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OptimaRecurringRunLine(models.Model):
    _name = "optima.recurring.run.line"
    _description = "Recurring invoice run log line"
    _order = "run_id, id"

    run_id = fields.Many2one("optima.recurring.run", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="run_id.company_id", store=True)
    template_id = fields.Many2one(
        "optima.recurring.template", index="btree_not_null", ondelete="set null"
    )
    partner_id = fields.Many2one("res.partner", ondelete="set null")
    move_id = fields.Many2one("account.move", ondelete="set null", string="Invoice")
    level = fields.Selection(
        [("info", "Information"), ("warning", "Warning"), ("error", "Error")],
        required=True,
        default="info",
    )
    message = fields.Char()
    skipped = fields.Boolean(help="The subject got no invoice in this run.")
