# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OptimaCrmAttributeValue(models.Model):
    """One allowed value of a list attribute (Optima: "Lista wartości")."""

    _name = "optima.crm.attribute.value"
    _description = "Optima CRM attribute list value"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    attribute_id = fields.Many2one(
        "optima.crm.attribute", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(required=True, translate=True)

    _attribute_name_uniq = models.Constraint(
        "UNIQUE(attribute_id, name)",
        "This value already exists in the attribute's list.",
    )
