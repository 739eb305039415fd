# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OptimaInvoiceAutosendSlot(models.Model):
    """A consumed slot of the invoice auto-sender: the exactly-once key of a run (AUTO-02)."""

    _name = "optima.invoice.autosend.slot"
    _description = "Invoice auto-sender consumed slot (Optima: wykonany termin automatu)"

    company_id = fields.Many2one("res.company", required=True, index=True, ondelete="cascade")
    slot_key = fields.Char(required=True, help="Local wall-clock time YYYY-MM-DD HH:MM.")
    run_id = fields.Many2one("optima.invoice.autosend.run", ondelete="set null")

    _slot_unique = models.Constraint(
        "unique(company_id, slot_key)", "A slot of the auto-sender runs once."
    )
