# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OptimaRecurringProposalSuppression(models.Model):
    _name = "optima.recurring.proposal.suppression"
    _description = "Dismissed or converted recurring invoice series (never proposed again)"

    company_id = fields.Many2one("res.company", required=True, index=True)
    document_kind = fields.Selection(
        [("fs", "Sales invoice"), ("fpf", "Pro forma invoice")], required=True
    )
    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade")
    recipient_id = fields.Many2one("res.partner", ondelete="cascade")
    product_key = fields.Char(required=True, help="Sorted product ids of the series' core.")
    ref_day = fields.Integer()
    reason = fields.Selection([("dismissed", "Dismissed"), ("converted", "Converted")])
