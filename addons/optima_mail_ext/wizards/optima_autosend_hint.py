# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models


class OptimaAutosendHint(models.TransientModel):
    """The auto-sender hints after manual invoice e-mails (AUTO-09)."""

    _name = "optima.autosend.hint"
    _description = "Invoice auto-sender hint (Optima: Powiadomienia automatycznej wysyłki faktur)"

    kind = fields.Selection([("consent", "Consent"), ("configure", "Configure")], required=True)
    partner_id = fields.Many2one("res.partner")
    text = fields.Text(compute="_compute_text")

    @api.depends("kind")
    def _compute_text(self):
        for hint in self:
            if hint.kind == "consent":
                hint.text = _(
                    "Invoices can be sent to partners automatically. Do you want to tick the "
                    "parameter “Consent to automatic electronic sending of invoices” on this "
                    "partner's card?"
                )
            else:
                hint.text = _(
                    "Did you know invoices can be sent automatically? Sending invoices at chosen "
                    "times can be set in the configuration. Do you want to configure the invoice "
                    "auto-sender now?"
                )

    @api.model
    def _open(self, hint):
        kind, partner = hint
        wizard = self.create({"kind": kind, "partner_id": partner.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Invoice auto-sender"),
        }

    def action_yes(self):
        self.ensure_one()
        if self.kind == "consent":
            return self.partner_id.action_optima_consent_yes()
        self.env.user.sudo().optima_autosend_hint_done = True
        return self.env.company.action_optima_autosend_open()

    def action_no(self):
        self.ensure_one()
        if self.kind == "consent":
            return self.partner_id.action_optima_consent_no()
        self.env.user.sudo().optima_autosend_hint_done = True
        return {"type": "ir.actions.act_window_close"}
