# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    optima_allow_name_edit = fields.Boolean(
        string="Allow editing the name on invoices",
        help="Optima: Pozwól na edycję nazwy na fakturze. Recurring invoice templates may "
        "then rename the line, with macros such as @MCSL @ROK for services.",
    )
