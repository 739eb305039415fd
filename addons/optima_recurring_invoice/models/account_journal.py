# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountJournal(models.Model):
    _inherit = "account.journal"

    optima_is_proforma = fields.Boolean(
        string="Pro forma",
        help="Optima: schemat numeracji Faktur Pro Forma. Invoices in this journal are "
        "pro formas: they are confirmed, never posted.",
    )
