# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    optima_transfer_partner_attributes = fields.Boolean(
        string="Transfer contractor attributes to contacts/tasks",
        help="Optima: Przenoś atrybuty kontrahenta na kontakty/zadania.",
    )
    optima_task_default_numbering_id = fields.Many2one(
        "ir.sequence",
        string="Default numbering of contacts/tasks",
        domain="[('code', '=', 'optima.crm.task')]",
        help="Optima: domyślny schemat numeracji dokumentu Kontakty.",
    )
    optima_task_progress_mode = fields.Selection(
        [("percent", "Completion percentage"), ("stage", "Completion stages")],
        string="Completion",
        default="percent",
        required=True,
        help="Optima: Wykonanie – procent realizacji albo etapy realizacji.",
    )
    optima_task_percent_step = fields.Integer(
        string="Percentage step",
        default=25,
        help="Optima: Wykonanie co (…)%. Allowed values are its multiples, and 100.",
    )
