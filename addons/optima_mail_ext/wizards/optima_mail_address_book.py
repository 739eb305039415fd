# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize

from ..tools import macros

KIND_DOMAINS = {
    "contractor": [("parent_id", "=", False), ("is_company", "=", True)],
    "representative": [("parent_id", "!=", False), ("type", "=", "contact")],
    "operator": [("user_ids.share", "=", False)],
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
            ("operator", "Operators"),
        ],
        required=True,
        default="all",
        help="Optima: Kontrahenci, Przedstawiciele, Pracownicy.",
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

    @api.depends("kind", "show_archived", "show_duplicates")
    def _compute_candidate_ids(self):
        Partner = self.env["res.partner"].with_context(active_test=False)
        for wizard in self:
            domain = [("email", "!=", False), ("email", "!=", "")]
            domain += KIND_DOMAINS.get(wizard.kind, [])
            if not wizard.show_archived:
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
        if not self.partner_ids:
            raise UserError(self.env._("Select at least one address."))
        addresses = macros.split_addresses(message[field])
        known = {email_normalize(a) or a.lower() for a in addresses}
        for partner in self.partner_ids:
            key = email_normalize(partner.email) or partner.email.strip().lower()
            if key not in known:
                known.add(key)
                addresses.append(partner.email.strip())
        message[field] = "; ".join(addresses)
        return {"type": "ir.actions.act_window_close"}

    def action_add_to(self):
        return self._add("email_to")

    def action_add_cc(self):
        return self._add("email_cc")

    def action_add_bcc(self):
        return self._add("email_bcc")
