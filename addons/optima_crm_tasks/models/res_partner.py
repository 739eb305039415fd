# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    optima_subject_type = fields.Selection(
        [
            ("contractor", "Contractor"),
            ("employee", "Employee"),
            ("associate", "Associate"),
            ("bank", "Bank"),
            ("tax_office", "Public office"),
        ],
        string="Subject type",
        default="contractor",
        required=True,
        index=True,
        help="Optima: rodzaj podmiotu (kontrahent, pracownik, wspólnik, bank, urząd). "
        "Optima keeps each kind in its own register; here they are all partners.",
    )
    optima_is_default_representative = fields.Boolean(
        string="Default representative",
        help="Optima: domyślny przedstawiciel. The contact person proposed first on "
        "tasks, offers and reminders of the contractor.",
    )
    optima_attribute_ids = fields.One2many(
        "optima.partner.attribute", "partner_id", string="Attributes"
    )
