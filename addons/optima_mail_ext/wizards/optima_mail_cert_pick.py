# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, fields, models
from odoo.exceptions import UserError


class OptimaMailCertPick(models.TransientModel):
    """Pick a personal certificate, then "Czy zapamiętać wybór certyfikatu?" (MAIL-39)."""

    _name = "optima.mail.cert.pick"
    _description = "Choose a signing certificate (Optima: wybór certyfikatu podpisu)"

    message_id = fields.Many2one("optima.mail.message", required=True)
    certificate_id = fields.Many2one(
        "optima.mail.certificate",
        domain="[('scope', '=', 'personal'), ('user_id', '=', uid)]",
    )

    def _send(self, remember):
        self.ensure_one()
        if not self.certificate_id:
            return self.action_cancel()
        message = self.message_id
        if remember:
            certificate = self.certificate_id.sudo()
            certificate.copy(
                {
                    "scope": "account",
                    "account_id": message.account_id.id,
                    "user_id": False,
                    "content": certificate.content,
                    "password_stored": certificate.password_stored,
                }
            )
        message.sign_certificate_id = self.certificate_id
        return message.action_send()

    def action_remember(self):
        """TAK: signed, and the certificate is added to the account."""
        return self._send(remember=True)

    def action_once(self):
        """NIE: signed with it this time only."""
        return self._send(remember=False)

    def action_cancel(self):
        raise UserError(_("The message was not sent: no signing certificate was selected."))
