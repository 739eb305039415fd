# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import os

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.smime import SmimeError, certificate_info, load_certificate


class OptimaMailCertificate(models.Model):
    """S/MIME certificate of an account, of an operator, or a trusted CA (MAIL-38, AMB-24)."""

    _name = "optima.mail.certificate"
    _description = "Signature certificate (Optima: Certyfikat podpisu)"
    _order = "id"

    name = fields.Char(compute="_compute_name", store=True)
    scope = fields.Selection(
        [("account", "Account"), ("personal", "Personal"), ("ca", "Trusted CA")],
        required=True,
        default="account",
    )
    account_id = fields.Many2one("optima.mail.account", ondelete="cascade", index=True)
    user_id = fields.Many2one("res.users", string="Operator", ondelete="cascade")
    content = fields.Binary(string="Certificate file", required=True, attachment=False)
    # Write-only for operators: the stored password is readable by system administrators only.
    password = fields.Char(compute="_compute_password", inverse="_inverse_password")
    password_stored = fields.Char(groups="base.group_system", copy=True)
    subject = fields.Char(readonly=True)
    email = fields.Char(readonly=True)
    issuer = fields.Char(readonly=True)
    serial = fields.Char(readonly=True)
    date_start = fields.Datetime(string="Valid from", readonly=True)
    date_end = fields.Datetime(string="Valid to", readonly=True)

    @api.depends("subject", "email")
    def _compute_name(self):
        for certificate in self:
            certificate.name = f"{certificate.subject or ''} <{certificate.email or ''}>"

    def _compute_password(self):
        self.password = False

    def _inverse_password(self):
        for certificate in self:
            certificate.sudo().password_stored = certificate.password or False

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._load()
        return records

    def write(self, vals):
        result = super().write(vals)
        if {"content", "password"} & set(vals):
            self._load()
        return result

    def _load_pair(self):
        self.ensure_one()
        raw = base64.b64decode(self.sudo().content)
        try:
            return load_certificate(raw, self.sudo().password_stored)
        except (SmimeError, ValueError) as exc:
            raise ValidationError(_("The certificate cannot be read: %s", exc)) from exc

    def _load(self):  # pylint: disable=missing-return
        """Refuse with the reason: no private key, expired, other e-mail (MAIL-38)."""
        now = fields.Datetime.now()
        for certificate in self:
            cert, key = certificate._load_pair()
            info = certificate_info(cert)
            if certificate.scope != "ca":
                if key is None:
                    raise ValidationError(_("The certificate has no private key."))
                if info["not_after"] < now:
                    raise ValidationError(_("The certificate has expired."))
                account = certificate.account_id
                if account and info["email"] != (account.email or "").lower():
                    raise ValidationError(
                        _(
                            "The certificate is issued for %(cert)s, not for the account "
                            "address %(account)s.",
                            cert=info["email"],
                            account=account.email,
                        )
                    )
            super(OptimaMailCertificate, certificate).write(
                {
                    "subject": info["subject"],
                    "email": info["email"],
                    "issuer": info["issuer"],
                    "serial": info["serial"],
                    "date_start": info["not_before"],
                    "date_end": info["not_after"],
                }
            )

    @api.model
    def _trusted_pems(self):
        from cryptography.hazmat.primitives import serialization

        pems = []
        for ca in self.sudo().search([("scope", "=", "ca")]):
            cert, _key = ca._load_pair()
            pems.append(cert.public_bytes(serialization.Encoding.PEM))
        system = "/etc/ssl/certs/ca-certificates.crt"
        if os.path.exists(system):
            with open(system, "rb") as handle:
                pems.append(handle.read())
        return pems
