# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OptimaRecurringTemplateLine(models.Model):
    _name = "optima.recurring.template.line"
    _description = "Recurring invoice template line (Optima: Pozycje faktury)"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "optima.recurring.template", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="template_id.company_id", store=True)
    currency_id = fields.Many2one(related="template_id.currency_id")
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('sale_ok', '=', True), ('type', '!=', 'combo')]",
        help="Optima: Towar.",
    )
    default_code = fields.Char(related="product_id.default_code", string="Code")
    name = fields.Char(
        compute="_compute_name",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        help="Optima: Nazwa. Editable when the product allows editing the name on invoices; "
        "services may use the macros @PM @MC @NM @PMSL @MCSL @NMSL @KWARTAL @PROK @ROK @NROK.",
    )
    allow_name_edit = fields.Boolean(related="product_id.optima_allow_name_edit")
    qty_mode = fields.Selection(
        [("fixed", "Fixed"), ("individual", "Individual")],
        string="Quantity mode",
        required=True,
        default="fixed",
    )
    quantity = fields.Float(digits="Product Unit", default=1.0)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    price_mode = fields.Selection(
        [
            ("fixed", "Fixed"),
            ("partner", "Contractor's"),
            ("individual", "Individual"),
            ("pricelist", "Price group"),
        ],
        string="Price mode",
        required=True,
        default="fixed",
    )
    price_unit = fields.Float(
        digits=(16, 4),
        string="Price",
        compute="_compute_price_unit",
        store=True,
        precompute=True,
        readonly=False,
    )
    pricelist_id = fields.Many2one("product.pricelist", string="Price group")
    value_ids = fields.One2many(
        "optima.recurring.template.line.value", "line_id", string="Individual values"
    )
    price_display = fields.Char(compute="_compute_displays", string="Unit price")
    quantity_display = fields.Char(compute="_compute_displays", string="Qty")
    amount_display = fields.Char(compute="_compute_displays", string="Value")

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            if line.product_id and (not line.name or not line.allow_name_edit):
                line.name = line.product_id.name

    @api.depends("product_id")
    def _compute_price_unit(self):
        """RI-10: lst_price converted to the template currency (or at the manual rate)."""
        for line in self:
            template = line.template_id
            price = line.product_id.lst_price
            if template.currency_id and template.currency_id != template.company_currency_id:
                rate = template._optima_ri_today_rate()
                price = price / rate if rate else 0.0
            line.price_unit = price

    @api.depends("qty_mode", "price_mode", "quantity", "price_unit")
    def _compute_displays(self):
        for line in self:
            individual_qty = line.qty_mode == "individual"
            individual_price = line.price_mode == "individual"
            line.quantity_display = "[—]" if individual_qty else f"{line.quantity:g}"
            line.price_display = (
                "[—]"
                if individual_price
                else f"{line.price_unit:.2f} {line.currency_id.symbol or ''}"
                if line.price_mode == "fixed"
                else line.price_mode
            )
            if individual_qty or line.price_mode != "fixed":
                line.amount_display = "[—]"
            else:
                line.amount_display = (
                    f"{line.quantity * line.price_unit:.2f} {line.currency_id.symbol or ''}"
                )
            if line.price_mode in ("partner", "pricelist"):
                line.price_display = dict(
                    self._fields["price_mode"]._description_selection(self.env)
                )[line.price_mode]

    @api.constrains("product_id")
    def _check_product(self):
        for line in self:
            if line.product_id.type == "combo":
                raise ValidationError(
                    self.env._("Combo products cannot be added to a recurring invoice template.")
                )

    @api.constrains("qty_mode", "quantity", "price_unit", "price_mode", "pricelist_id")
    def _check_values(self):
        for line in self:
            if line.qty_mode == "fixed" and line.quantity <= 0:
                raise ValidationError(self.env._("A fixed quantity must be greater than zero."))
            if line.price_unit < 0:
                raise ValidationError(self.env._("The price cannot be negative."))
            if line.price_mode == "pricelist" and not line.pricelist_id:
                raise ValidationError(self.env._("Choose the price group."))

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._sync_values()
        return lines

    def write(self, vals):
        result = super().write(vals)
        if {"qty_mode", "price_mode"} & set(vals):
            self._sync_values()
        return result

    def _xls_wizard(self, column):
        self.ensure_one()
        return self.env["optima.recurring.xls.wizard"].create(
            {"line_id": self.id, "column": column}
        )

    def action_export_values(self):
        """RI-12 Eksport: the individual values as .xlsx."""
        return self._xls_wizard("quantity")._action_export()

    def action_import_quantities(self):
        """RI-12 Import from the "Ilości indywidualne" tab."""
        return self._xls_wizard("quantity")._action_open()

    def action_import_prices(self):
        """RI-12 Import from the "Ceny indywidualne" tab."""
        return self._xls_wizard("price")._action_open()

    def _sync_values(self):
        """RI-11: individual rows mirror the template's groups and subjects."""
        individual = self.filtered(lambda line: "individual" in (line.qty_mode, line.price_mode))
        to_create = []
        for line in individual:
            have = set(line.value_ids.party_id.ids)
            to_create += [
                {"line_id": line.id, "party_id": party.id}
                for party in line.template_id.party_ids
                if party.id not in have
            ]
        if to_create:
            self.env["optima.recurring.template.line.value"].create(to_create)
