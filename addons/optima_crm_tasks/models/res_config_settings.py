# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    optima_transfer_partner_attributes = fields.Boolean(
        related="company_id.optima_transfer_partner_attributes", readonly=False
    )
