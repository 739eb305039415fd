# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class OptimaCrmAttribute(models.Model):
    """Attribute definition shared by every Optima document (Optima: "Atrybut").

    Contractors, tasks, offers and surveys carry value lines that point here, so
    one dictionary serves the whole suite, as in Optima's "Ogólne/Atrybuty".
    """

    _name = "optima.crm.attribute"
    _description = "Optima CRM attribute (Atrybut)"
    _order = "sequence, code, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    code = fields.Char(required=True, help="Optima: Kod atrybutu.")
    name = fields.Char(required=True, translate=True, help="Optima: Nazwa atrybutu.")
    value_type = fields.Selection(
        [
            ("text", "Text"),
            ("number", "Number"),
            ("date", "Date"),
            ("list", "List"),
        ],
        string="Format",
        required=True,
        default="text",
        help="Optima: Format atrybutu (tekst, liczba, data, lista).",
    )
    value_ids = fields.One2many("optima.crm.attribute.value", "attribute_id", string="List values")
    transfer_to_documents = fields.Boolean(
        string="Transfer to documents",
        help="Optima: Przenoś na transakcje. When the contractor is chosen on a "
        "task or document, this attribute and its value are copied from the "
        "contractor's card.",
    )
    active = fields.Boolean(default=True)
    # Shared by all companies unless restricted, like the contractors it describes.
    company_id = fields.Many2one("res.company", index=True)

    _code_company_uniq = models.UniqueIndex(
        "(code, COALESCE(company_id, 0))",
        "An attribute with this code already exists.",
    )

    @api.depends("code", "name")
    def _compute_display_name(self):
        for attribute in self:
            attribute.display_name = (
                f"[{attribute.code}] {attribute.name}" if attribute.code else attribute.name
            )
