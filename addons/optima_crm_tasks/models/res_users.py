# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    optima_acronym = fields.Char(
        string="Acronym",
        compute="_compute_optima_acronym",
        store=True,
        readonly=False,
        help="Optima: Akronim operatora. Shown in participant lists and in the "
        "availability column; defaults to the upper-cased login before '@'.",
    )

    @api.depends("login")
    def _compute_optima_acronym(self):
        for user in self:
            if not user.optima_acronym and user.login:
                user.optima_acronym = user.login.split("@", 1)[0].upper()

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["optima_acronym"]
