# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, fields, models
from odoo.exceptions import AccessError


class AccountMove(models.Model):
    _inherit = "account.move"

    optima_mail_created_at = fields.Datetime(
        string="E-mail created on",
        readonly=True,
        copy=False,
        index=True,
        help="Optima: Data utworzenia maila. Set when the first e-mail of the invoice is "
        "created in the mailbox or by Odoo's Send; the auto-sender skips stamped invoices.",
    )
    optima_mail_count = fields.Integer(compute="_compute_optima_mail_count", string="E-mails")

    def _compute_optima_mail_count(self):
        counts = dict(
            self.env["optima.mail.message.link"]
            .sudo()
            ._read_group(
                [("res_model", "=", "account.move"), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for move in self:
            move.optima_mail_count = counts.get(move.id, 0)

    def _optima_autosend_excluded(self):
        """AMB-06: one overridable predicate; here down-payment invoices."""
        self.ensure_one()
        return bool(self._is_downpayment()) if hasattr(self, "_is_downpayment") else False

    def _optima_autosend_wait_reason(self):
        """KSeF gate: where the company sends invoices to KSeF (l10n_pl_edi), only
        invoices KSeF has accepted are mailed. Without l10n_pl_edi: never waits."""
        self.ensure_one()
        if "l10n_pl_edi_status" not in self._fields or self.state != "posted":
            return False
        if not self.company_id.sudo().l10n_pl_edi_register:
            return False
        status = self.l10n_pl_edi_status
        if status == "accepted":
            return False
        labels = dict(self._fields["l10n_pl_edi_status"]._description_selection(self.env))
        return _(
            "Invoice %(name)s waits for KSeF acceptance (KSeF status: %(status)s).",
            name=self.name,
            status=labels.get(status) or _("not sent"),
        )

    def _optima_stamp_mail_created(self):
        todo = self.filtered(lambda m: not m.optima_mail_created_at)
        if todo:
            todo.sudo().write({"optima_mail_created_at": fields.Datetime.now()})

    def action_optima_clear_mail_date(self):
        """ "Wyczyść datę utworzenia maila" (administrators): the auto-sender mails it again."""
        if not self.env.user.has_group("optima_crm_tasks.group_optima_crm_manager"):
            raise AccessError(_("Only CRM administrators may clear the e-mail creation date."))
        self.sudo().write({"optima_mail_created_at": False})
        self.env["optima.invoice.autosend.line"].sudo().search(
            [("move_id", "in", self.ids), ("result", "=", "created"), ("superseded", "=", False)]
        ).write({"superseded": True})
        return True

    def action_optima_mail_compose(self):
        """Mailbox "Wyślij e-mail" from the invoice: a draft with the resolved addresses."""
        self.ensure_one()
        message = self.env["optima.mail.service"].send_email(record=self, mode="draft")
        return message._action_open_form()

    def action_optima_mail_templates(self):
        """ "Konfiguracja szablonów e-mail…" under "Wyślij" (MAIL-30)."""
        procedure = self.env["optima.mail.procedure"]._for_record(self[:1]) if self else None
        return (procedure or self.env["optima.mail.procedure"]).action_open_templates()

    def action_optima_view_mails(self):
        self.ensure_one()
        links = (
            self.env["optima.mail.message.link"]
            .sudo()
            .search([("res_model", "=", self._name), ("res_id", "=", self.id)])
        )
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "optima_mail_ext.action_optima_mail_message"
        )
        action["domain"] = [("id", "in", links.message_id.ids)]
        action["context"] = {}
        return action

    def _optima_count_manual_send(self, user=None):
        """AUTO-09 counters; return the hint to show, if any (per buyer 3rd, per user 5th)."""
        user = user or self.env.user
        hint = None
        for move in self.filtered(lambda m: m.move_type == "out_invoice"):
            company = move.company_id
            buyer = move.commercial_partner_id.with_company(company).sudo()
            if company.optima_autosend_enabled:
                if buyer.optima_invoice_mail_consent or buyer.optima_consent_hint_done:
                    continue
                buyer.optima_manual_invoice_sends += 1
                if buyer.optima_manual_invoice_sends >= 3 and user.has_group(
                    "base.group_partner_manager"
                ):
                    hint = hint or ("consent", buyer)
            else:
                user_sudo = user.sudo()
                if user_sudo.optima_autosend_hint_done:
                    continue
                user_sudo.optima_manual_invoice_sends += 1
                if user_sudo.optima_manual_invoice_sends >= 5 and user.has_group(
                    "base.group_system"
                ):
                    hint = hint or ("configure", buyer)
        return hint
