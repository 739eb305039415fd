# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import macros


class SmsTemplate(models.Model):
    _inherit = "sms.template"

    optima_procedure_ids = fields.Many2many(
        "optima.mail.procedure",
        "optima_mail_procedure_sms_template_rel",
        "template_id",
        "procedure_id",
        string="Procedures",
        help="Optima: Podłączenia. Empty: the template is usable everywhere (SMS-04).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        templates = super().create(vals_list)
        templates._optima_check_macros()
        return templates

    def write(self, vals):
        result = super().write(vals)
        if "body" in vals:
            self._optima_check_macros()
        return result

    def _optima_check_macros(self):
        """The text macros of MAIL-32 and the addons' ones; GetSQL refused (MAIL-33)."""
        known = set(self.env["optima.mail.service"]._optima_text_macros())
        for template in self:
            if macros.has_forbidden(template.body):
                raise ValidationError(
                    _("The GetSQL function is not supported. Use the address macros.")
                )
            unknown = macros.unknown_macros(template.body, known)
            if unknown:
                raise ValidationError(_("Unknown macro: {%s}", unknown[0]))

    @api.model
    def _optima_for_record(self, record):
        """Templates offered when texting from ``record``: global ones and those of its
        procedure (SMS-04)."""
        domain = [("optima_procedure_ids", "=", False)]
        procedure = self.env["optima.mail.procedure"]._for_record(record.sudo()) if record else None
        if procedure:
            domain = ["|", ("optima_procedure_ids", "in", procedure.ids)] + domain
        return self.search(domain)
