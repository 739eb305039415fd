# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .optima_mail_service import DEFAULT_PREFIX


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # MAIL-04 (database-wide)
    optima_mail_threading = fields.Boolean(
        string="Mail threads", config_parameter="optima_mail_ext.threading", default=True
    )
    optima_mail_thread_prefix = fields.Char(
        string="Thread number prefix",
        config_parameter="optima_mail_ext.thread_prefix",
        default=DEFAULT_PREFIX,
        help="Optima: Przedrostek dodawany do numeru wątku (at most 20 characters, no [ ]).",
    )
    # SMS-01
    optima_sms_provider = fields.Selection(related="company_id.optima_sms_provider", readonly=False)
    optima_sms_url = fields.Char(related="company_id.optima_sms_url", readonly=False)
    optima_sms_token = fields.Char(related="company_id.optima_sms_token", readonly=False)
    optima_sms_sender = fields.Char(related="company_id.optima_sms_sender", readonly=False)
    optima_sms_timeout = fields.Integer(related="company_id.optima_sms_timeout", readonly=False)
    optima_sms_test_mode = fields.Boolean(related="company_id.optima_sms_test_mode", readonly=False)

    @api.constrains("optima_mail_thread_prefix")
    def _check_optima_mail_thread_prefix(self):
        for settings in self:
            prefix = settings.optima_mail_thread_prefix or ""
            if len(prefix) > 20:
                raise ValidationError(_("The prefix may have at most 20 characters."))
            if "[" in prefix or "]" in prefix:
                raise ValidationError(_("The prefix must not contain [ or ]."))
