# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OptimaRecurringProposalSeries(models.Model):
    _name = "optima.recurring.proposal.series"
    _description = "Series of a recurring invoice proposal (one buyer and recipient)"
    _order = "proposal_id, ref_day, id"

    proposal_id = fields.Many2one(
        "optima.recurring.proposal", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="proposal_id.company_id", store=True)
    partner_id = fields.Many2one("res.partner", string="Buyer", required=True)
    recipient_id = fields.Many2one("res.partner")
    ref_day = fields.Integer(string="Day of month")
    move_ids = fields.Many2many("account.move", string="Documents")
