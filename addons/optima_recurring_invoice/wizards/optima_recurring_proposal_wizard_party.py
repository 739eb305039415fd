# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class OptimaRecurringProposalWizardParty(models.TransientModel):
    _name = "optima.recurring.proposal.wizard.party"
    _description = "Subject of a template being created from a proposal"

    wizard_id = fields.Many2one(
        "optima.recurring.proposal.wizard", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one("res.partner", string="Buyer", required=True)
    partner_ref = fields.Char(related="partner_id.ref", string="Buyer code")
    recipient_id = fields.Many2one("res.partner")
    recipient_ref = fields.Char(related="recipient_id.ref", string="Recipient code")
    date_from = fields.Date(string="Valid from")
    date_to = fields.Date(string="Valid to")

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        """The template rows' own checks [P3]/[P3b], so that Podgląd refuses what Finish
        would refuse."""
        party = self.env["optima.recurring.template.party"]
        for row in self:
            party._check_period({"date_to": row.date_to})
            party.new({"date_from": row.date_from, "date_to": row.date_to})._check_period_order()
