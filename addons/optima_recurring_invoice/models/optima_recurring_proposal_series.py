# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class OptimaRecurringProposalSeries(models.Model):
    _name = "optima.recurring.proposal.series"
    _description = "Series of a recurring invoice proposal (one buyer and recipient)"
    _order = "proposal_id, ref_day, id"
    # Rows the daily scan derives by the thousand (RI-26), never edited by hand: without
    # the audit columns and a stored company, each row costs one foreign-key check per
    # partner and one for its proposal instead of six.
    _log_access = False

    proposal_id = fields.Many2one(
        "optima.recurring.proposal", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="proposal_id.company_id")
    partner_id = fields.Many2one("res.partner", string="Buyer", required=True)
    recipient_id = fields.Many2one("res.partner")
    ref_day = fields.Integer(string="Day of month")
    # The scan links some 13 documents to each of thousands of series: one JSON array per
    # series is written with the series row, where a many2many table costs one row, two
    # index entries and two foreign-key checks per document (1.2 s for 65,000 links, four
    # times the scan's own reading). A deleted invoice simply drops out of move_ids.
    move_refs = fields.Json(string="Document ids", copy=False)
    move_ids = fields.Many2many(
        "account.move",
        string="Documents",
        compute="_compute_move_ids",
        inverse="_inverse_move_ids",
    )

    @api.depends("move_refs")
    def _compute_move_ids(self):
        moves = self.env["account.move"].browse(
            {move_id for series in self for move_id in series.move_refs or ()}
        )
        existing = set(moves.exists().ids)
        for series in self:
            series.move_ids = self.env["account.move"].browse(
                sorted(move_id for move_id in series.move_refs or () if move_id in existing)
            )

    def _inverse_move_ids(self):
        for series in self:
            series.move_refs = sorted(series.move_ids.ids)
