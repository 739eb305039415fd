# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class OptimaRecurringProposalWizardLine(models.TransientModel):
    _name = "optima.recurring.proposal.wizard.line"
    _description = "Line of a template being created from a proposal"

    wizard_id = fields.Many2one(
        "optima.recurring.proposal.wizard", required=True, ondelete="cascade"
    )
    product_id = fields.Many2one(
        "product.product", required=True, domain="[('sale_ok', '=', True), ('type', '!=', 'combo')]"
    )
    quantity = fields.Float(digits="Product Unit", default=1.0)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    price_unit = fields.Float(digits=(16, 4), string="Price")

    @api.onchange("product_id")
    def _onchange_product_id(self):
        self.price_unit = self.product_id.lst_price
