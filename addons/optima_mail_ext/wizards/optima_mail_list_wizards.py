# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from email.utils import parseaddr

from odoo import api, fields, models
from odoo.exceptions import UserError


class OptimaMailPartnerFilter(models.TransientModel):
    """ "Kontrahent" under the mailbox list (MAIL-17): mails of one Podmiot; while the
    filter is on, "Dodaj" starts a mail to it (Podmiot and its e-mail in DO)."""

    _name = "optima.mail.partner.filter"
    _description = "Mailbox filter by entity (Optima: Kontrahent)"

    subject_type = fields.Selection(
        selection=lambda self: (
            self.env["res.partner"]._fields["optima_subject_type"]._description_selection(self.env)
        ),
        required=True,
        default="contractor",
        help="Optima: Kontrahent, Pracownik, Bank, Wspólnik, Urząd.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Entity",
        required=True,
        domain="[('optima_subject_type', '=', subject_type), ('parent_id', '=', False)]",
    )

    def action_apply(self):
        self.ensure_one()
        return self.env["optima.mail.message"]._action_mailbox_for_partner(self.partner_id)


class OptimaMailAssignPartners(models.TransientModel):
    """ "Przypisz podmiot" (MAIL-18): messages of a date range without Podmiot get the one
    Kontrahent their From or To address belongs to."""

    _name = "optima.mail.assign.partners"
    _description = "Assign entities to messages (Optima: Przypisz podmiot)"

    date_from = fields.Date(
        string="From", required=True, default=lambda self: fields.Date.today().replace(day=1)
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.today)

    @api.constrains("date_from", "date_to")
    def _check_range(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise UserError(self.env._("The end of the range is before its start."))

    def action_confirm(self):
        self.ensure_one()
        assigned = self.env["optima.mail.message"]._assign_partners(
            fields.Datetime.to_datetime(self.date_from),
            fields.Datetime.to_datetime(self.date_to).replace(hour=23, minute=59, second=59),
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if assigned else "info",
                "message": self.env._("Entity assigned to %s message(s).", len(assigned)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }


class OptimaMailSendParams(models.TransientModel):
    """ "Parametry Wyślij" (MAIL-18): what the list's "Wyślij" does for this operator."""

    _name = "optima.mail.send.params"
    _description = "Send button parameters (Optima: Parametry Wyślij)"

    send_action = fields.Selection(
        selection=lambda self: (
            self.env["res.users"]
            ._fields["optima_mail_send_action"]
            ._description_selection(self.env)
        ),
        required=True,
        default=lambda self: self.env.user.optima_mail_send_action or "reply",
    )

    def action_confirm(self):
        self.env.user.sudo().optima_mail_send_action = self.send_action
        return {"type": "ir.actions.act_window_close"}


class OptimaMailAddRepresentative(models.TransientModel):
    """ "Dodaj przedstawiciela" on a received mail (MAIL-21): a contact person of the chosen
    Kontrahent (pre-filled with Podmiot) with the sender's address."""

    _name = "optima.mail.add.representative"
    _description = "Add representative from a mail (Optima: Dodaj przedstawiciela)"

    message_id = fields.Many2one("optima.mail.message", required=True, ondelete="cascade")
    parent_id = fields.Many2one(
        "res.partner",
        string="Contractor",
        required=True,
        domain="[('is_company', '=', True)]",
    )
    name = fields.Char(required=True)
    email = fields.Char(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        message = self.env["optima.mail.message"].browse(values.get("message_id"))
        if message:
            name, address = parseaddr(message.email_from or "")
            values.setdefault("parent_id", message.partner_id.commercial_partner_id.id or False)
            values.setdefault("email", address)
            values.setdefault("name", name or address.partition("@")[0])
        return values

    def action_confirm(self):
        self.ensure_one()
        contact = self.env["res.partner"].create(
            {
                "name": self.name,
                "email": self.email,
                "parent_id": self.parent_id.id,
                "type": "contact",
            }
        )
        if not self.message_id.partner_id:
            self.message_id.partner_id = self.parent_id
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": contact.id,
            "view_mode": "form",
        }
