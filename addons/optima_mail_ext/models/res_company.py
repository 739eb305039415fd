# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.sms_provider import SmsApiSmsApiPl

REPEAT_CHOICES = [
    ("0", "Do not repeat"),
    ("30", "30 min"),
    ("60", "1 hour"),
    ("120", "2 hours"),
    ("240", "4 hours"),
]


class ResCompany(models.Model):
    _inherit = "res.company"

    # --- SMS gateway (SMS-01)
    optima_sms_provider = fields.Selection(
        [("iap", "Odoo IAP"), ("smsapi", "SMSAPI.pl")],
        string="SMS provider",
        default="iap",
        required=True,
        help="Optima: Dostawca SMS. Odoo IAP is Odoo's standard; SMSAPI.pl sends through "
        "the Polish SMSAPI gateway.",
    )
    optima_sms_url = fields.Char(string="SMS gateway URL", default="https://api.smsapi.pl")
    optima_sms_token = fields.Char(string="SMS API token", groups="base.group_system")
    optima_sms_sender = fields.Char(string="SMS sender name", help="At most 11 letters or digits.")
    optima_sms_timeout = fields.Integer(string="SMS timeout (s)", default=10)
    optima_sms_test_mode = fields.Boolean(
        string="SMS test mode", help="The gateway validates the messages but delivers none."
    )

    # --- Invoice auto-sender (AUTO-01)
    optima_autosend_enabled = fields.Boolean(
        string="Automatically send invoices by e-mail",
        help="Optima: Automatyczne wysyłanie faktur pocztą e-mail.",
    )
    optima_autosend_user_id = fields.Many2one(
        "res.users", string="Auto-sender operator", help="Optima: Operator."
    )
    optima_autosend_account_id = fields.Many2one(
        "optima.mail.account", string="Auto-sender e-mail account", help="Optima: Konto e-mail."
    )
    optima_autosend_template_id = fields.Many2one(
        "mail.template", string="Auto-sender e-mail template", help="Optima: Szablon e-mail."
    )
    optima_autosend_mode = fields.Selection(
        [("send", "Send immediately"), ("draft", "Leave in Drafts")],
        string="E-mail sending",
        default="send",
        required=True,
        help="Optima: Realizacja wysyłki e-mail.",
    )
    optima_autosend_scope = fields.Selection(
        [("posted", "Posted only"), ("all", "All (also drafts)")],
        string="Send documents",
        default="posted",
        required=True,
        help="Optima: Wysyłaj dokumenty. Drafts are mailed as pro-forma without a number.",
    )
    optima_autosend_date_basis = fields.Selection(
        [("issue", "Issue date"), ("sale", "Sale date")],
        string="Send by date",
        default="issue",
        required=True,
        help="Optima: Wysyłaj wg daty (wystawienia / sprzedaży).",
    )
    optima_autosend_date_from = fields.Date(string="From date", help="Optima: Od daty.")
    optima_autosend_report_id = fields.Many2one(
        "ir.actions.report",
        string="Invoice print in company currency",
        domain=[("model", "=", "account.move")],
        help="Optima: Wydruk faktury w walucie PLN. Empty: do not attach a printout.",
    )
    optima_autosend_report_foreign_id = fields.Many2one(
        "ir.actions.report",
        string="Invoice print in foreign currency",
        domain=[("model", "=", "account.move")],
        help="Optima: Wydruk faktury w walucie obcej. Empty: do not attach a printout.",
    )
    optima_autosend_start = fields.Float(
        string="Start sending at", default=8.0, help="Optima: Uruchom wysyłkę o godzinie."
    )
    optima_autosend_repeat = fields.Selection(
        REPEAT_CHOICES,
        string="Repeat every",
        default="0",
        required=True,
        help="Optima: Powtarzaj wysyłkę co.",
    )
    optima_autosend_end = fields.Float(string="Until", help="Optima: Do godziny (inclusive).")

    @api.constrains(
        "optima_autosend_start",
        "optima_autosend_end",
        "optima_autosend_repeat",
        "optima_autosend_enabled",
        "optima_autosend_user_id",
        "optima_autosend_account_id",
        "optima_autosend_template_id",
    )
    def _check_optima_autosend(self):
        for company in self:
            if company.optima_autosend_repeat != "0" and (
                company.optima_autosend_end <= company.optima_autosend_start
            ):
                raise ValidationError(
                    _("The hour “Until” must be later than the hour the sending starts.")
                )
            if (
                not 0 <= company.optima_autosend_start < 24
                or not 0 <= company.optima_autosend_end < 24
            ):
                raise ValidationError(_("Hours are between 00:00 and 23:59."))
            if company.optima_autosend_enabled and not (
                company.optima_autosend_user_id
                and company.optima_autosend_account_id
                and company.optima_autosend_template_id
            ):
                raise ValidationError(_("Fill in: Operator, E-mail account, E-mail template."))
            account = company.optima_autosend_account_id
            if (
                account
                and company.optima_autosend_user_id
                and not account._is_operator(company.optima_autosend_user_id)
            ):
                raise ValidationError(
                    _("The auto-sender operator must be a user or the owner of its e-mail account.")
                )

    @api.constrains("optima_sms_sender")
    def _check_optima_sms_sender(self):
        for company in self.filtered("optima_sms_sender"):
            sender = company.optima_sms_sender
            if len(sender) > 11 or not sender.isalnum():
                raise ValidationError(_("The SMS sender name has at most 11 letters or digits."))

    def write(self, vals):
        # Switching the automat on starts it from today ("Od daty").
        if vals.get("optima_autosend_enabled") and "optima_autosend_date_from" not in vals:
            for company in self.filtered(lambda c: not c.optima_autosend_enabled):
                super(ResCompany, company).write(
                    {"optima_autosend_date_from": fields.Date.context_today(self)}
                )
        return super().write(vals)

    def action_optima_autosend_open(self):
        """ "Automat wysyłki faktur" settings of the current company (AUTO-01)."""
        company = self[:1] or self.env.company
        return {
            "type": "ir.actions.act_window",
            "name": _("Invoice auto-sender"),
            "res_model": "res.company",
            "res_id": company.id,
            "view_mode": "form",
            "views": [(self.env.ref("optima_mail_ext.res_company_autosend_form").id, "form")],
            "target": "current",
        }

    def action_optima_autosend_logs(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "optima_mail_ext.action_optima_invoice_autosend_run"
        )
        action["domain"] = [("company_id", "=", self[:1].id or self.env.company.id)]
        return action

    def action_optima_autosend_run_now(self):
        return self.env["optima.invoice.autosend.run"].action_run_now(self[:1])

    def _get_sms_api_class(self):
        if self.optima_sms_provider == "smsapi":
            return SmsApiSmsApiPl
        return super()._get_sms_api_class()

    def action_optima_sms_test(self):
        self.ensure_one()
        api = SmsApiSmsApiPl(self.env)
        api._set_company(self)
        api._client().ping()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "success", "message": _("The SMS gateway answered.")},
        }
