# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class AccountMoveSend(models.AbstractModel):
    _inherit = "account.move.send"

    @api.model
    def _send_mails(self, moves_data):
        """Odoo's own "Send" by e-mail stamps "Data utworzenia maila" too (AMB-10),
        so the auto-sender never mails the same invoice a second time."""
        result = super()._send_mails(moves_data)
        moves = self.env["account.move"].browse(
            [
                move.id
                for move in moves_data
                if move.partner_id.email or moves_data[move].get("mail_partner_ids")
            ]
        )
        moves._optima_stamp_mail_created()
        hint = moves._optima_count_manual_send()
        if hint:
            # Shown by the Send wizard after it finished (AUTO-09); the cursor cache lives
            # exactly as long as this request's transaction.
            self.env.cr.cache.setdefault("optima_autosend_hint", (hint[0], hint[1].id))
        return result
