# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import proposals as engine


class OptimaRecurringProposal(models.Model):
    _name = "optima.recurring.proposal"
    _description = "Recurring invoice proposal (Optima: propozycja faktury cyklicznej)"
    _order = "detected_at desc, id desc"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    document_kind = fields.Selection(
        [("fs", "Sales invoice"), ("fpf", "Pro forma invoice")],
        string="Document type",
        required=True,
    )
    currency_id = fields.Many2one("res.currency")
    product_ids = fields.Many2many("product.product", string="Invoice lines")
    series_ids = fields.One2many("optima.recurring.proposal.series", "proposal_id")
    # Derived from the series: storing it too would write every document link twice.
    move_ids = fields.Many2many("account.move", string="Documents", compute="_compute_move_ids")
    detected_at = fields.Datetime(index=True)
    state = fields.Selection(
        [("open", "Open"), ("converted", "Converted"), ("dismissed", "Dismissed")],
        default="open",
        required=True,
        index=True,
    )
    signature = fields.Char(index=True)
    partner_label = fields.Char(compute="_compute_labels", string="Contractor")
    products_label = fields.Char(compute="_compute_labels", string="Products")
    move_count = fields.Integer(compute="_compute_labels", string="Documents count")

    @api.depends("document_kind", "partner_label", "products_label")
    def _compute_display_name(self):
        """The proposal row of the list (RI-28): Typ dokumentu – Kontrahent – Pozycje."""
        kinds = dict(self._fields["document_kind"]._description_selection(self.env))
        for proposal in self:
            parts = (
                kinds.get(proposal.document_kind),
                proposal.partner_label,
                proposal.products_label,
            )
            proposal.display_name = " – ".join(part for part in parts if part)

    @api.depends("series_ids.move_ids")
    def _compute_move_ids(self):
        for proposal in self:
            proposal.move_ids = proposal.series_ids.move_ids.sorted("id")

    @api.depends("series_ids.move_ids", "product_ids")
    def _compute_labels(self):
        for proposal in self:
            moves = proposal.move_ids.sorted(lambda m: (m.invoice_date, m.id))
            first = moves[:1].partner_id
            others = len(moves.partner_id - first)
            proposal.partner_label = f"{first.name} + {others}" if others else (first.name or "")
            proposal.products_label = ", ".join(proposal.product_ids.mapped("name"))
            proposal.move_count = len(moves)

    # ------------------------------------------------------------------ scan
    @api.model
    def _cron_scan(self):
        """RI-26: once a day per company."""
        for company in self.env["res.company"].search([]):
            self.with_company(company)._scan(company)

    @api.model
    def _read_documents(self, company, today):
        """One SQL pass: eligible documents with their distinct products."""
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(
            "SELECT 1 FROM information_schema.columns WHERE table_name = 'account_move'"
            " AND column_name = 'debit_origin_id'"
        )
        debit_note = "AND m.debit_origin_id IS NULL" if cr.fetchone() else ""
        cr.execute(
            f"""
            SELECT m.id, COALESCE(m.optima_is_proforma, FALSE), m.partner_id,
                   COALESCE(m.partner_shipping_id, m.partner_id), m.invoice_date,
                   m.currency_id, array_agg(DISTINCT l.product_id)
              FROM account_move m
              JOIN account_move_line l ON l.move_id = m.id AND l.display_type = 'product'
                                      AND l.product_id IS NOT NULL
             WHERE m.company_id = %s AND m.move_type = 'out_invoice'
               AND m.invoice_date BETWEEN %s AND %s
               AND m.state <> 'cancel'
               AND ((m.state = 'posted' AND NOT COALESCE(m.optima_is_proforma, FALSE))
                    OR (m.optima_is_proforma AND m.optima_proforma_confirmed))
               AND m.reversed_entry_id IS NULL {debit_note}
               AND m.optima_ri_template_id IS NULL
               AND m.partner_id <> %s
             GROUP BY m.id
            """,
            (
                company.id,
                today - relativedelta(months=13),
                today,
                company.optima_undefined_partner_id.id or 0,
            ),
        )
        return [
            engine.Doc(
                row[0], "fpf" if row[1] else "fs", row[2], row[3], row[4], row[5], frozenset(row[6])
            )
            for row in cr.fetchall()
        ]

    @api.model
    def _suppressed(self, company):
        return [
            (
                s.document_kind,
                s.partner_id.id,
                s.recipient_id.id,
                frozenset(int(p) for p in s.product_key.split(",")),
                s.ref_day,
            )
            for s in self.env["optima.recurring.proposal.suppression"].search(
                [("company_id", "=", company.id)]
            )
        ]

    @api.model
    def _scan(self, company):
        today = fields.Date.context_today(self)
        series = engine.detect(self._read_documents(company, today), self._suppressed(company))
        found = engine.merge(series)
        open_proposals = self.search([("company_id", "=", company.id), ("state", "=", "open")])
        by_signature = {p.signature: p for p in open_proposals}
        keep = self.browse()
        to_create = []
        for proposal in found:
            sig = engine.signature(proposal)
            if sig in by_signature:
                keep |= by_signature[sig]
                continue
            to_create.append(self._proposal_vals(company, proposal, sig))
        (open_proposals - keep).unlink()
        created = self.create(to_create)
        company.sudo().optima_ri_last_scan_date = today
        return keep | created

    @api.model
    def _proposal_vals(self, company, proposal, sig):
        return {
            "company_id": company.id,
            "document_kind": proposal["kind"],
            "currency_id": proposal["currency"],
            "product_ids": [(6, 0, sorted(proposal["products"]))],
            "detected_at": fields.Datetime.now(),
            "signature": sig,
            "series_ids": [
                (
                    0,
                    0,
                    {
                        "partner_id": s.buyer,
                        "recipient_id": s.recipient,
                        "ref_day": s.ref_day,
                        "move_ids": [(6, 0, [doc.id for doc in s.docs])],
                    },
                )
                for s in proposal["series"]
            ],
        }

    # ------------------------------------------------------------------ actions
    def _suppress(self, reason):
        self.env["optima.recurring.proposal.suppression"].create(
            [
                {
                    "company_id": proposal.company_id.id,
                    "document_kind": proposal.document_kind,
                    "partner_id": series.partner_id.id,
                    "recipient_id": series.recipient_id.id,
                    "product_key": ",".join(str(i) for i in sorted(proposal.product_ids.ids)),
                    "ref_day": series.ref_day,
                    "reason": reason,
                }
                for proposal in self
                for series in proposal.series_ids
            ]
        )

    def action_dismiss(self):
        """RI-28 Usuń fakturę cykliczną (after the P25 confirmation in the view)."""
        self._suppress("dismissed")
        self.state = "dismissed"
        return True

    def action_create_template(self):
        """RI-28 Dodaj fakturę cykliczną: the 3-step wizard (RI-29)."""
        self.ensure_one()
        return self.env["optima.recurring.proposal.wizard"]._action_open(self)

    @api.model
    def action_open_list(self):
        """RI-27: the notice's target; users without the access group get M5."""
        if not self.env.user.has_group("optima_recurring_invoice.group_proposal"):
            raise UserError(
                self.env._(
                    "To see the list of proposed recurring invoices, ask the Administrator to "
                    "grant access to the proposal list on your user."
                )
            )
        self.env.user.sudo().optima_ri_proposals_seen_at = fields.Datetime.now()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "optima_recurring_invoice.action_optima_recurring_proposal"
        )

    @api.model
    def has_new_proposals(self):
        """RI-27 notice: one indexed query; also starts the day's scan when it is due."""
        company = self.env.company
        if (company.optima_ri_last_scan_date or fields.Date.to_date("1970-01-01")) < (
            fields.Date.context_today(self)
        ):
            cron = self.env.ref(
                "optima_recurring_invoice.ir_cron_recurring_proposal_scan", raise_if_not_found=False
            )
            if cron:
                cron.sudo()._trigger()
        seen = self.env.user.optima_ri_proposals_seen_at
        domain = [("state", "=", "open"), ("company_id", "=", company.id)]
        if seen:
            domain.append(("detected_at", ">", seen))
        return bool(self.sudo().search_count(domain, limit=1))
