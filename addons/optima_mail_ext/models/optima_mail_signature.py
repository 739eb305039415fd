# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class OptimaMailSignature(models.Model):
    """An operator's e-mail signature; several per operator, at most one default (MAIL-36)."""

    _name = "optima.mail.signature"
    _description = "E-mail signature (Optima: Podpis)"
    _order = "is_default desc, name, id"

    name = fields.Char(required=True)
    is_default = fields.Boolean(string="Default", help="Optima: Domyślny.")
    body = fields.Html(string="Signature", sanitize=True)
    user_id = fields.Many2one(
        "res.users",
        string="Operator",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        ondelete="cascade",
    )

    @api.model_create_multi
    def create(self, vals_list):
        signatures = super().create(vals_list)
        signatures.filtered("is_default")._clear_other_defaults()
        return signatures

    def write(self, vals):
        result = super().write(vals)
        if vals.get("is_default"):
            self._clear_other_defaults()
        return result

    def _clear_other_defaults(self):
        # Ticking "Domyślny" un-ticks the operator's previous default (AMB-19).
        for signature in self:
            others = self.search(
                [
                    ("user_id", "=", signature.user_id.id),
                    ("is_default", "=", True),
                    ("id", "!=", signature.id),
                ]
            )
            if others:
                others.write({"is_default": False})

    @api.model
    def _default_for(self, user=None):
        user = user or self.env.user
        return self.search([("user_id", "=", user.id), ("is_default", "=", True)], limit=1)
