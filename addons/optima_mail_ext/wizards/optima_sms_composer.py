# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.optima_sms_message import sms_parts


class OptimaSmsComposer(models.TransientModel):
    """ "Wyślij SMS" from a partner or any record with a partner (SMS-05)."""

    _name = "optima.sms.composer"
    _description = "Send SMS (Optima: Wysyłanie wiadomości SMS)"

    res_model = fields.Char()
    res_id = fields.Integer()
    partner_id = fields.Many2one("res.partner", string="Entity")
    number_choice = fields.Selection(
        [("sms", "SMS phone"), ("gsm", "Mobile phone"), ("phone", "Phone"), ("typed", "Typed")],
        string="Number to use",
        default="sms",
        required=True,
    )
    number = fields.Char(compute="_compute_number", store=True, readonly=False)
    template_id = fields.Many2one("sms.template")
    body = fields.Text(string="Text", compute="_compute_body", store=True, readonly=False)
    parts = fields.Integer(compute="_compute_parts")
    char_count = fields.Integer(compute="_compute_parts", string="Characters")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        model = self.env.context.get("active_model")
        record_id = self.env.context.get("active_id")
        if model and record_id:
            record = self.env[model].browse(record_id)
            values.setdefault("res_model", model)
            values.setdefault("res_id", record_id)
            partner = self.env["optima.mail.service"]._record_partner(record)
            if partner and "partner_id" in fields_list:
                values.setdefault("partner_id", partner.id)
        return values

    @api.depends("partner_id", "number_choice")
    def _compute_number(self):
        for composer in self:
            partner = composer.partner_id
            if composer.number_choice == "typed":
                continue
            composer.number = {
                "sms": partner.optima_sms_phone,
                "gsm": partner.optima_gsm_phone,
                "phone": partner.phone,
            }[composer.number_choice] or False

    @api.depends("template_id")
    def _compute_body(self):
        for composer in self:
            if composer.template_id:
                composer.body = composer.template_id.body

    @api.depends("body")
    def _compute_parts(self):
        for composer in self:
            composer.char_count = len(composer.body or "")
            composer.parts = sms_parts(composer.body)

    def action_send(self):
        self.ensure_one()
        if not self.body or not self.body.strip():
            raise UserError(_("The SMS text cannot be empty."))
        record = self.env[self.res_model].browse(self.res_id) if self.res_model else None
        sms = self.env["optima.mail.service"].send_sms(
            record=record,
            body=self.body,
            partner=self.partner_id,
            number=self.number or "",
        )
        sms.action_send_now()
        return {
            "type": "ir.actions.act_window",
            "res_model": "optima.sms.message",
            "res_id": sms.id,
            "view_mode": "form",
            "target": "current",
        }
