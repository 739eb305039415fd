# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.reminder_leads import REMINDER_LEAD_SELECTION
from .optima_crm_task_auto_reminder import no_account_message


class ResCompany(models.Model):
    _inherit = "res.company"

    optima_transfer_partner_attributes = fields.Boolean(
        string="Transfer contractor attributes to contacts/tasks",
        help="Optima: Przenoś atrybuty kontrahenta na kontakty/zadania.",
    )
    optima_task_default_numbering_id = fields.Many2one(
        "ir.sequence",
        string="Default numbering of contacts/tasks",
        domain="[('code', '=', 'optima.crm.task')]",
        help="Optima: domyślny schemat numeracji dokumentu Kontakty.",
    )
    optima_task_progress_mode = fields.Selection(
        [("percent", "Completion percentage"), ("stage", "Completion stages")],
        string="Completion",
        default="percent",
        required=True,
        help="Optima: Wykonanie – procent realizacji albo etapy realizacji.",
    )
    optima_task_percent_step = fields.Integer(
        string="Percentage step",
        default=25,
        help="Optima: Wykonanie co (…)%. Allowed values are its multiples, and 100.",
    )

    # Automat przypomnień (TASK-24)
    optima_auto_reminders_enabled = fields.Boolean(
        string="Automatic reminders for tasks",
        help="Optima: Automatyczne przypomnienia dla zadań (Automat przypomnień).",
    )
    optima_auto_reminder_mail_server_id = fields.Many2one(
        "ir.mail_server",
        string="Reminder e-mail account",
        help="Optima: konto e-mail Automatu przypomnień. Every automatic reminder e-mail "
        "leaves through this server, whatever the template says.",
    )
    optima_auto_reminder_email_from = fields.Char(
        string="Reminder sender address",
        help="From address of the automatic reminder e-mails (Optima: adres nadawcy).",
    )
    optima_auto_client_default = fields.Boolean(
        string="Default settings for clients",
        help="Optima: Ustawienia domyślne dla klientów – new tasks generate client reminders.",
    )
    optima_auto_client_channel = fields.Selection(
        [("sms", "SMS"), ("email", "E-mail")],
        string="Client reminder form",
        default="email",
        help="Optima: forma przypomnienia dla klientów.",
    )
    optima_auto_client_mail_template_id = fields.Many2one(
        "mail.template",
        string="Client e-mail template",
        domain="[('model', '=', 'optima.crm.task')]",
    )
    optima_auto_client_sms_template_id = fields.Many2one(
        "sms.template",
        string="Client SMS template",
        domain="[('model', '=', 'optima.crm.task')]",
    )
    optima_auto_client_lead = fields.Selection(
        REMINDER_LEAD_SELECTION, string="Client reminder lead", default="1d"
    )
    optima_auto_operator_default = fields.Boolean(
        string="Default settings for operators",
        help="Optima: Ustawienia domyślne dla operatorów – new tasks generate participant "
        "reminders.",
    )
    optima_auto_operator_channel = fields.Selection(
        [("sms", "SMS"), ("email", "E-mail")],
        string="Operator reminder form",
        default="email",
        help="Optima: forma przypomnienia dla operatorów.",
    )
    optima_auto_operator_mail_template_id = fields.Many2one(
        "mail.template",
        string="Operator e-mail template",
        domain="[('model', '=', 'optima.crm.task')]",
    )
    optima_auto_operator_sms_template_id = fields.Many2one(
        "sms.template",
        string="Operator SMS template",
        domain="[('model', '=', 'optima.crm.task')]",
    )
    optima_auto_operator_lead = fields.Selection(
        REMINDER_LEAD_SELECTION, string="Operator reminder lead", default="1h"
    )

    @api.constrains(
        "optima_auto_reminder_mail_server_id",
        "optima_auto_client_default",
        "optima_auto_client_channel",
        "optima_auto_operator_default",
        "optima_auto_operator_channel",
    )
    def _check_optima_auto_reminder_account(self):
        for company in self:
            email_default = (
                company.optima_auto_client_default and company.optima_auto_client_channel == "email"
            ) or (
                company.optima_auto_operator_default
                and company.optima_auto_operator_channel == "email"
            )
            if email_default and not company.optima_auto_reminder_mail_server_id:
                raise ValidationError(no_account_message(company.env))
