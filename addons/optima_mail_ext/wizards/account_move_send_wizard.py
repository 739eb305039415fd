# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class AccountMoveSendWizard(models.TransientModel):
    _inherit = "account.move.send.wizard"

    def action_send_and_print(self, allow_fallback_pdf=False):
        """Odoo's own Send shows the auto-sender hints too (AUTO-09, AMB-10)."""
        result = super().action_send_and_print(allow_fallback_pdf=allow_fallback_pdf)
        hint = self.env.cr.cache.pop("optima_autosend_hint", None)
        if hint and result.get("type") == "ir.actions.act_window_close":
            kind, partner_id = hint
            return self.env["optima.autosend.hint"]._open(
                (kind, self.env["res.partner"].browse(partner_id))
            )
        return result
