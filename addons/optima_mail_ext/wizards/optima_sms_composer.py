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
    template_id = fields.Many2one("sms.template", domain="[('id', 'in', available_template_ids)]")
    available_template_ids = fields.Many2many(
        "sms.template", compute="_compute_available_template_ids"
    )
    call_url = fields.Char(
        string="Call", compute="_compute_call_url", help="Optima: Zadzwoń (a tel: link)."
    )
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
            partner = (
                record._optima_sms_partner()
                if hasattr(record, "_optima_sms_partner")
                else self.env["optima.mail.service"]._record_partner(record)
            )
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

    def _record(self):
        self.ensure_one()
        if not self.res_model or not self.res_id:
            return None
        return self.env[self.res_model].browse(self.res_id).exists() or None

    @api.depends("res_model", "res_id")
    def _compute_available_template_ids(self):
        for composer in self:
            composer.available_template_ids = self.env["sms.template"]._optima_for_record(
                composer._record()
            )

    @api.depends("number")
    def _compute_call_url(self):
        for composer in self:
            number = "".join(ch for ch in composer.number or "" if ch.isdigit() or ch == "+")
            composer.call_url = f"tel:{number}" if number else False

    @api.depends("template_id", "partner_id")
    def _compute_body(self):
        """The template's text with its macros expanded for the record, so the characters
        and parts shown are those sent (SMS-04)."""
        service = self.env["optima.mail.service"]
        for composer in self:
            template = composer.template_id
            if not template:
                continue
            record = composer._record()
            if record:
                composer.body = service.render_template(
                    template, record, recipient=composer.partner_id or None
                )["body"]
            else:
                composer.body = template.body

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
