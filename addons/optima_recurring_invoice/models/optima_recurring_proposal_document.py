# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from psycopg2 import sql

from odoo import fields, models, tools


class OptimaRecurringProposalDocument(models.Model):
    """RI-28: one row per document of a proposal, so that the proposal list is a list of
    documents grouped by proposal: each group row is the proposal ("plus"), expanding it
    shows its documents and the proposal's buttons."""

    _name = "optima.recurring.proposal.document"
    _description = "Document of a recurring invoice proposal"
    _auto = False
    _order = "proposal_id, invoice_date, move_id"

    proposal_id = fields.Many2one("optima.recurring.proposal", readonly=True)
    series_id = fields.Many2one("optima.recurring.proposal.series", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    move_id = fields.Many2one("account.move", string="Document number", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Buyer", readonly=True)
    recipient_id = fields.Many2one("res.partner", readonly=True)
    invoice_date = fields.Date(string="Issue date", readonly=True)
    sale_date = fields.Date(readonly=True)

    def init(self):
        # The series keep their documents as a JSON array of ids (move_refs), not a link
        # table: the proposal scan writes 65,000 links far faster that way (RI-26).
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            sql.SQL(
                """
                CREATE VIEW {view} AS (
                    SELECT row_number() OVER (ORDER BY s.id, m.id) AS id,
                           s.proposal_id, s.id AS series_id, p.company_id,
                           m.id AS move_id, m.partner_id,
                           COALESCE(m.partner_shipping_id, m.partner_id) AS recipient_id,
                           m.invoice_date, m.taxable_supply_date AS sale_date
                      FROM optima_recurring_proposal_series s
                      JOIN optima_recurring_proposal p ON p.id = s.proposal_id
                     CROSS JOIN LATERAL jsonb_array_elements_text(
                           COALESCE(s.move_refs, '[]'::jsonb)) AS ref(move_id)
                      JOIN account_move m ON m.id = ref.move_id::integer
                )
                """
            ).format(view=sql.Identifier(self._table))
        )

    def action_open_move(self):
        """RI-28 Zmień: the document itself (a draft opens editable)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": self.move_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
