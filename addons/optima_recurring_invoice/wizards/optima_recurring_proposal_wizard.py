# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Proposal -> template wizard (RI-29, «Dodawanie nowych wzorców faktur cyklicznych»)."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round

NAME_PREFIX = "Faktura cykliczna: "


class OptimaRecurringProposalWizard(models.TransientModel):
    _name = "optima.recurring.proposal.wizard"
    _description = "New recurring invoice template from a proposal"

    proposal_id = fields.Many2one("optima.recurring.proposal", required=True, readonly=True)
    company_id = fields.Many2one(related="proposal_id.company_id")
    step = fields.Selection([("1", "Step 1"), ("2", "Step 2"), ("3", "Step 3")], default="1")
    code = fields.Char(required=True)
    name = fields.Char(required=True)
    party_ids = fields.One2many("optima.recurring.proposal.wizard.party", "wizard_id")
    line_ids = fields.One2many("optima.recurring.proposal.wizard.line", "wizard_id")
    month_day = fields.Integer(string="Day of month", default=1)
    next_date = fields.Date(string="Next generation date")
    currency_id = fields.Many2one("res.currency")
    price_basis = fields.Selection([("net", "Net"), ("gross", "Gross")], default="net")
    document_kind = fields.Selection(related="proposal_id.document_kind")
    journal_id = fields.Many2one(
        "account.journal",
        string="Numbering scheme",
        domain="[('type', '=', 'sale'), ('optima_is_proforma', '=', document_kind == 'fpf')]",
    )
    auto_enabled = fields.Boolean(related="company_id.optima_ri_auto_enabled")
    auto_generate = fields.Boolean(string="Generate automatically")
    description = fields.Html()

    @api.model
    def _action_open(self, proposal):
        wizard = self.create(self._default_vals(proposal))
        return wizard._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Add a recurring invoice"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.model
    def _free_code(self, kind):
        prefix = "FPF/CYKL/" if kind == "fpf" else "FA/CYKL/"
        templates = self.env["optima.recurring.template"].with_context(active_test=False)
        used = set(templates.search([("code", "=like", prefix + "%")]).mapped("code"))
        number = 1
        while f"{prefix}{number}" in used:
            number += 1
        return f"{prefix}{number}"

    @api.model
    def _default_vals(self, proposal):
        moves = proposal.move_ids.sorted(lambda m: (m.invoice_date, m.id))
        latest = moves[-1:]
        core = proposal.product_ids
        widest = max(
            moves,
            key=lambda m: (
                len(m.invoice_line_ids.filtered(lambda l: l.display_type == "product")),
                m.invoice_date,
                m.id,
            ),
        )
        lines, seen = [], set()
        for line in widest.invoice_line_ids.filtered(lambda l: l.display_type == "product"):
            if line.product_id in core and line.product_id.id not in seen:
                seen.add(line.product_id.id)
                quantity = line.product_uom_id._compute_quantity(
                    line.quantity, line.product_id.uom_id
                )
                lines.append(
                    (
                        0,
                        0,
                        {
                            "product_id": line.product_id.id,
                            "quantity": quantity,
                            "price_unit": line.product_id.lst_price,
                        },
                    )
                )
        product_lines = latest.invoice_line_ids.filtered(lambda l: l.display_type == "product")
        gross = bool(product_lines) and all(
            line.tax_ids and all(tax.price_include for tax in line.tax_ids)
            for line in product_lines
        )
        journal = self.env["account.journal"].search(
            [
                ("type", "=", "sale"),
                ("company_id", "=", proposal.company_id.id),
                ("optima_is_proforma", "=", proposal.document_kind == "fpf"),
            ],
            order="sequence, id",
            limit=1,
        )
        return {
            "proposal_id": proposal.id,
            "code": self._free_code(proposal.document_kind),
            "name": (NAME_PREFIX + ", ".join(core.mapped("name")))[:50],
            "party_ids": [
                (
                    0,
                    0,
                    {
                        "partner_id": series.partner_id.id,
                        "recipient_id": series.recipient_id.id,
                    },
                )
                for series in proposal.series_ids
            ],
            "line_ids": lines,
            "month_day": latest.invoice_date.day,
            "next_date": fields.Date.context_today(self),
            "currency_id": latest.currency_id.id,
            "price_basis": "gross" if gross else "net",
            "journal_id": journal.id,
        }

    def action_add_subjects(self):
        """RI-29 Dodaj: several subjects at once with one contract period."""
        self.ensure_one()
        return self.env["optima.recurring.party.add.wizard"]._action_open_for_proposal(self)

    def action_next(self):
        self.step = str(min(3, int(self.step) + 1))
        return self._reopen()

    def action_back(self):
        self.step = str(max(1, int(self.step) - 1))
        return self._reopen()

    def action_finish(self):
        """Create the template, convert the proposal and suppress its series."""
        self.ensure_one()
        if not self.party_ids or not self.line_ids:
            raise UserError(self.env._("Add at least one subject and one invoice line."))
        template = self.env["optima.recurring.template"].create(self._template_vals())
        self.proposal_id._suppress("converted")
        self.proposal_id.state = "converted"
        return {
            "type": "ir.actions.act_window",
            "res_model": template._name,
            "res_id": template.id,
            "view_mode": "form",
            "target": "current",
        }

    def _template_vals(self):
        company = self.proposal_id.company_id
        rate = 1.0
        if self.currency_id and self.currency_id != company.currency_id:
            rate = (
                self.env["optima.recurring.template"]
                .new({"currency_id": self.currency_id.id, "company_id": company.id})
                ._optima_ri_table_rate(fields.Date.context_today(self))[0]
            )
            if not rate:
                raise UserError(self.env._("No current rate of the currency."))
        digits = max(2, self.env["decimal.precision"].precision_get("Product Price"))
        return {
            "code": self.code,
            "name": self.name,
            "company_id": company.id,
            "document_kind": self.proposal_id.document_kind,
            "journal_id": self.journal_id.id,
            "cycle_type": "monthly",
            "interval": 1,
            "month_day": self.month_day,
            "next_date": self.next_date,
            "currency_id": (self.currency_id or company.currency_id).id,
            "price_basis": self.price_basis,
            "auto_generate": self.auto_generate and self.auto_enabled,
            "description": self.description,
            "party_ids": [
                (
                    0,
                    0,
                    {
                        "kind": "subject",
                        "partner_id": party.partner_id.id,
                        "recipient_id": party.recipient_id.id
                        if party.recipient_id != party.partner_id
                        else False,
                        "date_from": party.date_from,
                        "date_to": party.date_to,
                    },
                )
                for party in self.party_ids
            ],
            "line_ids": [
                (
                    0,
                    0,
                    {
                        "product_id": line.product_id.id,
                        "quantity": line.quantity,
                        "price_unit": float_round(line.price_unit / rate, precision_digits=digits),
                    },
                )
                for line in self.line_ids
            ],
        }
