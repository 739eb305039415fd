# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OptimaInvoiceAutosendLine(models.Model):
    """One invoice's result in an auto-sender run (Optima: log automatu wysyłki faktur)."""

    _name = "optima.invoice.autosend.line"
    _description = "Invoice auto-sender log line (Optima: Logi)"
    _order = "id"
    _check_company_auto = True

    run_id = fields.Many2one(
        "optima.invoice.autosend.run", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="run_id.company_id", store=True, index=True)
    move_id = fields.Many2one("account.move", string="Invoice", index=True, ondelete="set null")
    result = fields.Selection(
        [
            ("created", "Created"),
            ("no_address", "No address"),
            ("waiting", "Waiting"),
            ("error", "Error"),
        ],
        required=True,
    )
    message_id = fields.Many2one("optima.mail.message", string="E-mail", ondelete="set null")
    text = fields.Char()
    superseded = fields.Boolean(
        help="The invoice's e-mail creation date was cleared afterwards: it is mailed again."
    )

    # Exactly-once: at most one created message per invoice and e-mail creation date,
    # whatever the workers do; clearing the date (AUTO-06) supersedes the line.
    _created_unique = models.UniqueIndex(
        "(move_id) WHERE result = 'created' AND superseded IS NOT TRUE",
        "The invoice was already mailed by the auto-sender.",
    )
