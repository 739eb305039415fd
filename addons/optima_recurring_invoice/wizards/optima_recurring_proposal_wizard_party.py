# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OptimaRecurringProposalWizardParty(models.TransientModel):
    _name = "optima.recurring.proposal.wizard.party"
    _description = "Subject of a template being created from a proposal"

    wizard_id = fields.Many2one(
        "optima.recurring.proposal.wizard", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one("res.partner", string="Buyer", required=True)
    recipient_id = fields.Many2one("res.partner")
    date_from = fields.Date(string="Valid from")
    date_to = fields.Date(string="Valid to")
