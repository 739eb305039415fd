# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    optima_transfer_partner_attributes = fields.Boolean(
        string="Transfer contractor attributes to contacts/tasks",
        help="Optima: Przenoś atrybuty kontrahenta na kontakty/zadania.",
    )
