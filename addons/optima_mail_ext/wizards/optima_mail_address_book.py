# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize

from ..tools import macros

KIND_DOMAINS = {
    "contractor": [("parent_id", "=", False), ("is_company", "=", True)],
    "representative": [("parent_id", "!=", False), ("type", "=", "contact")],
    # Pracownicy: operators (internal users) and partners typed Pracownik. With Odoo's hr the
    # employees' work addresses are their work contacts, which these already are.
    "operator": ["|", ("user_ids.share", "=", False), ("optima_subject_type", "=", "employee")],
    "tax_office": [("optima_subject_type", "=", "tax_office")],
    "bank": [("optima_subject_type", "=", "bank")],
}
# Defaults of "Dodaj" (a new partner) per tab.
KIND_NEW_PARTNER = {
    "contractor": {"is_company": True, "optima_subject_type": "contractor"},
    "tax_office": {"is_company": True, "optima_subject_type": "tax_office"},
    "bank": {"is_company": True, "optima_subject_type": "bank"},
    "operator": {"optima_subject_type": "employee"},
}


class OptimaMailAddressBook(models.TransientModel):
    """Książka adresowa (MAIL-22): pick partners with an e-mail into DO/DW/UDW.

    Reads res.partner directly (nothing copied), so a corrected address is used at once.
    """

    _name = "optima.mail.address.book"
    _description = "Address book (Optima: Książka adresowa)"

    message_id = fields.Many2one("optima.mail.message", required=True, ondelete="cascade")
    kind = fields.Selection(
        [
            ("all", "All"),
            ("contractor", "Contractors"),
            ("representative", "Representatives"),
            ("operator", "Employees"),
            ("tax_office", "Public offices"),
            ("bank", "Banks"),
        ],
        required=True,
        default="all",
        help="Optima: Kontrahenci, Przedstawiciele, Pracownicy, Urzędy, Banki.",
    )
    target = fields.Selection(
        [("recipients", "Recipients"), ("partner", "Entity")],
        default="recipients",
        required=True,
        help="Opened from DO/DW/UDW (recipients) or from Podmiot (entity).",
    )
    contractor_id = fields.Many2one(
        "res.partner",
        string="Expand contractor",
        domain="[('is_company', '=', True)]",
        help="Show this contractor with its active representatives.",
    )
    bank_candidate_ids = fields.Many2many("res.bank", compute="_compute_candidate_ids")
    bank_ids = fields.Many2many(
        "res.bank",
        string="Banks",
        domain="[('id', 'in', bank_candidate_ids)]",
        help="Banks (Optima: Banki) with an e-mail address.",
    )
    show_archived = fields.Boolean(
        string="Archived", help="Optima: Nieaktywni / Archiwalni – archived partners too."
    )
    show_duplicates = fields.Boolean(
        help="Optima: Pokaż duplikaty. Otherwise one partner per distinct address."
    )
    candidate_ids = fields.Many2many(
        "res.partner",
        "optima_mail_address_book_candidate_rel",
        compute="_compute_candidate_ids",
        context={"active_test": False},
    )
    partner_ids = fields.Many2many(
        "res.partner",
        "optima_mail_address_book_partner_rel",
        string="Recipients",
        domain="[('id', 'in', candidate_ids)]",
        context={"active_test": False},
        help="Optima: Adresaci wiadomości.",
    )

    @api.depends("kind", "show_archived", "show_duplicates", "contractor_id")
    def _compute_candidate_ids(self):
        Partner = self.env["res.partner"].with_context(active_test=False)
        banks = self.env["res.bank"].search([("email", "!=", False), ("email", "!=", "")])
        for wizard in self:
            wizard.bank_candidate_ids = banks if wizard.kind in ("bank", "all") else False
            domain = [("email", "!=", False), ("email", "!=", "")]
            if wizard.contractor_id:
                # Expanded contractor: itself and its active representatives.
                domain += [
                    "|",
                    ("id", "=", wizard.contractor_id.id),
                    "&",
                    ("parent_id", "=", wizard.contractor_id.id),
                    ("type", "=", "contact"),
                ]
            else:
                domain += KIND_DOMAINS.get(wizard.kind, [])
            if not wizard.show_archived or wizard.contractor_id:
                domain.append(("active", "=", True))
            # Companies first, so one line per address keeps the entity, not a copy.
            partners = Partner.search(domain, order="is_company desc, name, id")
            if not wizard.show_duplicates:
                seen = set()
                unique = Partner
                for partner in partners:
                    key = email_normalize(partner.email) or partner.email.strip().lower()
                    if key not in seen:
                        seen.add(key)
                        unique |= partner
                partners = unique
            wizard.candidate_ids = partners

    def _add(self, field):
        self.ensure_one()
        message = self.message_id
        if message.state != "draft":
            raise UserError(self.env._("Recipients can be changed only in a draft message."))
        if not self.partner_ids and not self.bank_ids:
            raise UserError(self.env._("Select at least one address."))
        addresses = macros.split_addresses(message[field])
        known = {email_normalize(a) or a.lower() for a in addresses}
        for email in self.partner_ids.mapped("email") + self.bank_ids.mapped("email"):
            key = email_normalize(email) or email.strip().lower()
            if key not in known:
                known.add(key)
                addresses.append(email.strip())
        message[field] = "; ".join(addresses)
        return {"type": "ir.actions.act_window_close"}

    def action_add_to(self):
        return self._add("email_to")

    def action_add_cc(self):
        return self._add("email_cc")

    def action_add_bcc(self):
        return self._add("email_bcc")

    def action_set_partner(self):
        """Opened from Podmiot: the chosen partner becomes the message's entity; an empty DO
        gets its address (MAIL-20/22)."""
        self.ensure_one()
        if len(self.partner_ids) != 1:
            raise UserError(self.env._("Select exactly one entity."))
        message = self.message_id
        vals = {"partner_id": self.partner_ids.id}
        if message.state == "draft" and not message.email_to:
            vals["email_to"] = self.partner_ids.email
        message.write(vals)
        return {"type": "ir.actions.act_window_close"}

    def action_new_partner(self):
        """ "Dodaj": a new partner of the current tab."""
        self.ensure_one()
        defaults = KIND_NEW_PARTNER.get(self.kind, {})
        if self.contractor_id:
            defaults = {"parent_id": self.contractor_id.id, "type": "contact"}
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "view_mode": "form",
            "target": "new",
            "name": self.env._("New address"),
            "context": {"default_" + key: value for key, value in defaults.items()},
        }

    def action_preview(self):
        """ "Podgląd": the selected partner's card."""
        self.ensure_one()
        if len(self.partner_ids) != 1:
            raise UserError(self.env._("Select exactly one entity."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.partner_ids.id,
            "view_mode": "form",
            "target": "new",
        }
