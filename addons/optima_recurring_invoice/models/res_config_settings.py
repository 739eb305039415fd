# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    optima_ri_block_other_date = fields.Boolean(
        related="company_id.optima_ri_block_other_date", readonly=False
    )
    optima_ri_keep_zero_price_lines = fields.Boolean(
        related="company_id.optima_ri_keep_zero_price_lines", readonly=False
    )
    optima_ri_name_from_product = fields.Boolean(
        related="company_id.optima_ri_name_from_product", readonly=False
    )
    optima_ri_show_rate_dialog = fields.Boolean(
        related="company_id.optima_ri_show_rate_dialog", readonly=False
    )
    optima_ri_auto_enabled = fields.Boolean(
        related="company_id.optima_ri_auto_enabled", readonly=False
    )
    optima_ri_auto_user_id = fields.Many2one(
        related="company_id.optima_ri_auto_user_id", readonly=False
    )
    optima_ri_auto_hour = fields.Float(related="company_id.optima_ri_auto_hour", readonly=False)
    optima_ri_auto_account_id = fields.Many2one(
        related="company_id.optima_ri_auto_account_id", readonly=False
    )
    optima_ri_auto_send_mode = fields.Selection(
        related="company_id.optima_ri_auto_send_mode", readonly=False
    )
    optima_undefined_partner_id = fields.Many2one(
        related="company_id.optima_undefined_partner_id", readonly=False
    )
    optima_ri_cash_payment_method_line_id = fields.Many2one(
        related="company_id.optima_ri_cash_payment_method_line_id", readonly=False
    )
