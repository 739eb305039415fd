# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize

from ..tools import macros


class OptimaMailSerialWizard(models.TransientModel):
    """ "Seryjny E-mail bez wydruku" for the selected partners (MAIL-37)."""

    _name = "optima.mail.serial.wizard"
    _description = "Serial e-mail (Optima: Seryjny E-mail bez wydruku)"

    partner_ids = fields.Many2many("res.partner", string="Partners")
    variant = fields.Selection(
        [
            ("all", "All"),
            ("representatives", "Representatives"),
            ("contractors", "Contractors"),
        ],
        default="all",
        required=True,
    )
    mode = fields.Selection(
        [("each", "One e-mail per recipient"), ("all", "One e-mail to all recipients")],
        default="each",
        required=True,
    )
    account_id = fields.Many2one(
        "optima.mail.account",
        string="From",
        default=lambda self: self.env["optima.mail.account"]._sending_accounts()[:1],
    )
    template_id = fields.Many2one("mail.template", domain="[('id', 'in', available_template_ids)]")
    available_template_ids = fields.Many2many(
        "mail.template", compute="_compute_available_template_ids"
    )
    subject = fields.Char()
    body = fields.Html()
    warning = fields.Char(compute="_compute_warning")

    @api.depends("partner_ids")
    def _compute_available_template_ids(self):
        # The partner list/form procedure's templates and the global ones (MAIL-37).
        procedure = self.env.ref("optima_mail_ext.procedure_partners")
        templates = procedure._available_templates()
        for wizard in self:
            wizard.available_template_ids = templates

    @api.depends("mode")
    def _compute_warning(self):
        for wizard in self:
            wizard.warning = (
                _("In one e-mail to all recipients the macros are not substituted.")
                if wizard.mode == "all"
                else False
            )

    def _recipients(self):
        """[(address, partner)] de-duplicated case-insensitively."""
        result, seen = [], set()
        for company in self.partner_ids.commercial_partner_id:
            candidates = []
            if self.variant in ("all", "contractors") and company.email:
                candidates.append((company.email, company))
            if self.variant in ("all", "representatives"):
                candidates += [
                    (rep.email, rep)
                    for rep in company.child_ids
                    if rep.active and rep.email and rep.optima_serial_mailing
                ]
            for address, partner in candidates:
                key = email_normalize(address)
                if key and key not in seen:
                    seen.add(key)
                    result.append((address, partner))
        return result

    def action_send(self):
        self.ensure_one()
        recipients = self._recipients()
        if not recipients:
            raise UserError(_("None of the selected partners has an e-mail address."))
        service = self.env["optima.mail.service"]
        messages = self.env["optima.mail.message"]
        if self.mode == "each":
            for address, partner in recipients:
                messages |= self._send_one(service, partner, [address])
        else:
            messages = self._send_one(
                service, self.env["res.partner"], [], bcc=[a for a, _p in recipients]
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": "optima.mail.message",
            "view_mode": "list,form",
            "domain": [("id", "in", messages.ids)],
            "name": _("Serial e-mail"),
        }

    def _send_one(self, service, partner, to, bcc=None):
        subject, body = self.subject or "", self.body or ""
        if self.template_id:
            subject = subject or self.template_id.subject or ""
            body = body or str(self.template_id.body_html or "")
        record = partner.commercial_partner_id if partner else None
        if record:
            values = service._optima_macro_values(record, recipient=partner)
        else:
            # One message to all: the macros have nobody to describe (AMB-15).
            values = dict.fromkeys(service._optima_text_macros(), "")
        return service.send_email(
            record=record,
            account=self.account_id,
            subject=macros.expand(subject, values)[0],
            body=macros.expand(body, values, html=True)[0],
            email_to=to,
            email_cc=[],
            email_bcc=bcc or [],
        )
