# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    optima_transfer_partner_attributes = fields.Boolean(
        related="company_id.optima_transfer_partner_attributes", readonly=False
    )
    optima_task_default_numbering_id = fields.Many2one(
        related="company_id.optima_task_default_numbering_id", readonly=False
    )
    optima_task_progress_mode = fields.Selection(
        related="company_id.optima_task_progress_mode", readonly=False
    )
    optima_task_percent_step = fields.Integer(
        related="company_id.optima_task_percent_step", readonly=False
    )

    optima_auto_reminders_enabled = fields.Boolean(
        related="company_id.optima_auto_reminders_enabled", readonly=False
    )
    optima_auto_reminder_mail_server_id = fields.Many2one(
        related="company_id.optima_auto_reminder_mail_server_id", readonly=False
    )
    optima_auto_reminder_email_from = fields.Char(
        related="company_id.optima_auto_reminder_email_from", readonly=False
    )
    optima_auto_client_default = fields.Boolean(
        related="company_id.optima_auto_client_default", readonly=False
    )
    optima_auto_client_channel = fields.Selection(
        related="company_id.optima_auto_client_channel", readonly=False
    )
    optima_auto_client_mail_template_id = fields.Many2one(
        related="company_id.optima_auto_client_mail_template_id", readonly=False
    )
    optima_auto_client_sms_template_id = fields.Many2one(
        related="company_id.optima_auto_client_sms_template_id", readonly=False
    )
    optima_auto_client_lead = fields.Selection(
        related="company_id.optima_auto_client_lead", readonly=False
    )
    optima_auto_operator_default = fields.Boolean(
        related="company_id.optima_auto_operator_default", readonly=False
    )
    optima_auto_operator_channel = fields.Selection(
        related="company_id.optima_auto_operator_channel", readonly=False
    )
    optima_auto_operator_mail_template_id = fields.Many2one(
        related="company_id.optima_auto_operator_mail_template_id", readonly=False
    )
    optima_auto_operator_sms_template_id = fields.Many2one(
        related="company_id.optima_auto_operator_sms_template_id", readonly=False
    )
    optima_auto_operator_lead = fields.Selection(
        related="company_id.optima_auto_operator_lead", readonly=False
    )

    @api.constrains("optima_task_percent_step")
    def _check_optima_task_percent_step(self):
        for settings in self:
            if not 1 <= settings.optima_task_percent_step <= 100:
                raise ValidationError(_("The percentage step must be between 1 and 100."))
