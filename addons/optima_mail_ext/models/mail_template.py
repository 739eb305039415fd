# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import macros

# Content of a predefined template: Optima forbids changing it (AUTO-11).
PREDEFINED_FIELDS = {
    "subject",
    "body_html",
    "email_to",
    "email_cc",
    "optima_email_bcc",
    "name",
    "model_id",
    "attachment_ids",
}


class MailTemplate(models.Model):
    _inherit = "mail.template"

    optima_email_bcc = fields.Char(
        string="Bcc",
        help="Optima: UDW. Blind copies, addresses separated by ';'; address macros allowed. "
        "The only template address automats use.",
    )
    optima_predefined = fields.Boolean(
        string="Predefined",
        readonly=True,
        copy=False,
        help="Optima: szablon predefiniowany. Cannot be changed; duplicate it to adapt.",
    )
    optima_procedure_ids = fields.Many2many(
        "optima.mail.procedure",
        "optima_mail_procedure_template_rel",
        "template_id",
        "procedure_id",
        string="Procedures",
        help="Optima: Podłączenia. Empty: the template is usable everywhere.",
    )
    optima_account_id = fields.Many2one(
        "optima.mail.account",
        string="Sender account",
        help="Optima: Przypisz nadawcę do szablonu. Replaces the sender only for operators "
        "of that account; automats ignore it.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        templates = super().create(vals_list)
        templates._optima_check_macros()
        return templates

    def write(self, vals):
        if (
            PREDEFINED_FIELDS & set(vals)
            and not self.env.context.get("install_mode")
            and any(t.optima_predefined for t in self)
        ):
            raise UserError(
                _("A predefined template cannot be changed. Copy it and modify the copy.")
            )
        result = super().write(vals)
        if {"subject", "body_html", "email_to", "email_cc", "optima_email_bcc"} & set(vals):
            self._optima_check_macros()
        return result

    def unlink(self):
        if not self.env.context.get("install_mode") and any(t.optima_predefined for t in self):
            raise UserError(
                _("A predefined template cannot be changed. Copy it and modify the copy.")
            )
        in_use = (
            self.env["res.company"].sudo().search([("optima_autosend_template_id", "in", self.ids)])
        )
        if in_use:
            raise UserError(
                _("The template is used by the invoice auto-sender and cannot be deleted.")
            )
        return super().unlink()

    def copy_data(self, default=None):
        # "Duplikuj" makes an editable user template of a predefined one.
        return super().copy_data(default=dict(default or {}, optima_predefined=False))

    def _optima_check_macros(self):
        """Refuse GetSQL and unknown macros on save (MAIL-32/33)."""
        service = self.env["optima.mail.service"]
        text_codes = set(service._optima_text_macros())
        address_codes = set(macros.ADDRESS_MACROS)
        for template in self:
            texts = {"subject": template.subject, "body_html": template.body_html}
            addresses = {
                "email_to": template.email_to,
                "email_cc": template.email_cc,
                "optima_email_bcc": template.optima_email_bcc,
            }
            for text in list(texts.values()) + list(addresses.values()):
                if macros.has_forbidden(text):
                    raise ValidationError(
                        _("The GetSQL function is not supported. Use the address macros.")
                    )
            for text in texts.values():
                unknown = macros.unknown_macros(text, text_codes)
                if unknown:
                    raise ValidationError(_("Unknown macro: {%s}", unknown[0]))
            for text in addresses.values():
                unknown = macros.unknown_macros(text, address_codes | text_codes)
                if unknown:
                    raise ValidationError(_("Unknown macro: {%s}", unknown[0]))

    def action_optima_duplicate(self):
        """Optima <CTRL+INS>: an editable copy of the template."""
        self.ensure_one()
        copy = self.copy({"name": _("%s (copy)", self.name)})
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.template",
            "res_id": copy.id,
            "view_mode": "form",
        }
