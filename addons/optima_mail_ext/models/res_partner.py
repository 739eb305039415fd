# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    optima_sms_phone = fields.Char(
        string="SMS phone", help="Optima: Telefon SMS. Number SMS messages go to first."
    )
    optima_gsm_phone = fields.Char(string="Mobile phone", help="Optima: Telefon GSM.")
    optima_title = fields.Char(
        string="Title", help="Optima: Tytuł, e.g. 'Pan'. Used by the {eTytul} macro."
    )
    optima_serial_mailing = fields.Boolean(
        string="Serial mailing",
        help="Optima: mailing seryjny. The representative receives serial e-mails.",
    )
    optima_invoice_mail_consent = fields.Boolean(
        string="Consent to automatic electronic sending of invoices",
        company_dependent=True,
        help="Optima: Zgoda na automatyczną wysyłkę faktur drogą elektroniczną. Held by the "
        "company partner; the invoice auto-sender mails only invoices of partners with it.",
    )
    optima_manual_invoice_sends = fields.Integer(
        string="Manual invoice e-mails without consent",
        company_dependent=True,
        copy=False,
        help="Counter for the consent hint shown at the third manual send (AUTO-09).",
    )
    optima_consent_hint_done = fields.Boolean(company_dependent=True, copy=False)

    optima_mail_count = fields.Integer(compute="_compute_optima_mail_count", string="E-mails")

    def _compute_optima_mail_count(self):
        counts = dict(
            self.env["optima.mail.message"]
            .sudo()
            ._read_group([("partner_id", "in", self.ids)], ["partner_id"], ["__count"])
        )
        for partner in self:
            partner.optima_mail_count = counts.get(partner, 0)

    def action_optima_view_mails(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "optima_mail_ext.action_optima_mail_message"
        )
        action["domain"] = [("partner_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.commercial_partner_id.id}
        return action

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + ["optima_invoice_mail_consent"]

    def _optima_sms_number(self):
        """Telefon SMS, else Telefon GSM, else Telefon (SMS-06)."""
        self.ensure_one()
        return self.optima_sms_phone or self.optima_gsm_phone or self.phone or ""

    def action_optima_set_consent(self):
        """ "Zaznacz parametr Zgoda…" for the selected partners (AUTO-08)."""
        self.commercial_partner_id.write({"optima_invoice_mail_consent": True})
        return True

    def action_optima_clear_consent(self):
        self.commercial_partner_id.write({"optima_invoice_mail_consent": False})
        return True

    def action_optima_consent_yes(self):
        """Answer "Tak" to the consent hint: tick the consent on the buyer's card."""
        self.commercial_partner_id.write(
            {"optima_invoice_mail_consent": True, "optima_consent_hint_done": True}
        )
        return {"type": "ir.actions.act_window_close"}

    def action_optima_consent_no(self):
        self.commercial_partner_id.write({"optima_consent_hint_done": True})
        return {"type": "ir.actions.act_window_close"}
