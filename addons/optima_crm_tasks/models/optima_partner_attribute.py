# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OptimaPartnerAttribute(models.Model):
    """Attribute value on a contractor's card (Optima: karta kontrahenta, Atrybuty)."""

    _name = "optima.partner.attribute"
    _inherit = ["optima.attribute.value.mixin"]
    _description = "Optima CRM contractor attribute value"
    _order = "partner_id, attribute_id"
    _check_company_auto = True

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade", index=True)
    attribute_id = fields.Many2one(check_company=True)
    company_id = fields.Many2one(related="partner_id.company_id", store=True)

    _partner_attribute_uniq = models.Constraint(
        "UNIQUE(partner_id, attribute_id)",
        "The contractor already has this attribute.",
    )
