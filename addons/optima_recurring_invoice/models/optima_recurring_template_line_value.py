# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OptimaRecurringTemplateLineValue(models.Model):
    _name = "optima.recurring.template.line.value"
    _description = "Individual quantity or price (Optima: Ilości/Ceny indywidualne)"
    _order = "line_id, party_sequence, party_id"

    line_id = fields.Many2one(
        "optima.recurring.template.line", required=True, index=True, ondelete="cascade"
    )
    party_id = fields.Many2one(
        "optima.recurring.template.party", required=True, index=True, ondelete="cascade"
    )
    party_sequence = fields.Integer(related="party_id.sequence", store=True)
    party_kind = fields.Selection(related="party_id.kind")
    code = fields.Char(related="party_id.code")
    display_label = fields.Char(related="party_id.display_label", string="Name")
    quantity = fields.Float(digits="Product Unit", help="Optima: ilość indywidualna.")
    price_unit = fields.Float(digits=(16, 4), string="Price", help="Optima: cena indywidualna.")
    currency_id = fields.Many2one(related="line_id.template_id.currency_id")

    _line_party_uniq = models.UniqueIndex("(line_id, party_id)")

    @api.constrains("quantity", "price_unit")
    def _check_values(self):
        for value in self:
            if value.quantity < 0 or value.price_unit < 0:
                raise ValidationError(self.env._("Individual values cannot be negative."))
