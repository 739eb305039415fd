# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    optima_ri_show_today = fields.Boolean(
        string="Recurring invoices for today",
        default=True,
        help="Optima: Informacje bieżące – Faktury cykliczne na dziś.",
    )
    optima_ri_proposals_seen_at = fields.Datetime(
        string="Recurring invoice proposals seen at",
        help="When the user last opened the proposal list (the notice shows newer ones).",
    )
