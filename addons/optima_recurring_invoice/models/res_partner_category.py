# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResPartnerCategory(models.Model):
    _inherit = "res.partner.category"

    optima_code = fields.Char(
        string="Group code",
        help="Optima: kod grupy kontrahentów. Identifies the group in the recurring "
        "invoice spreadsheets; the name is used when it is empty.",
    )

    _optima_code_uniq = models.UniqueIndex(
        "(optima_code) WHERE optima_code IS NOT NULL", "The group code must be unique."
    )
