# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class OptimaAttributeValueMixin(models.AbstractModel):
    """One attribute value line; contractors, tasks and other documents inherit it."""

    _name = "optima.attribute.value.mixin"
    _description = "Optima CRM attribute value line"

    attribute_id = fields.Many2one("optima.crm.attribute", required=True, ondelete="restrict")
    attribute_code = fields.Char(related="attribute_id.code", string="Attribute code")
    value_type = fields.Selection(related="attribute_id.value_type")
    value_text = fields.Char(string="Text value")
    value_number = fields.Float(string="Number value", aggregator="sum")
    value_date = fields.Date(string="Date value")
    value_list_id = fields.Many2one(
        "optima.crm.attribute.value",
        string="List value",
        domain="[('attribute_id', '=', attribute_id)]",
    )
    value_display = fields.Char(string="Value", compute="_compute_value_display")

    @api.depends("value_type", "value_text", "value_number", "value_date", "value_list_id")
    def _compute_value_display(self):
        for line in self:
            line.value_display = line._get_value_display()

    def _get_value_display(self):
        self.ensure_one()
        if self.value_type == "number":
            return str(self.value_number)
        if self.value_type == "date":
            return fields.Date.to_string(self.value_date) if self.value_date else ""
        if self.value_type == "list":
            return self.value_list_id.name or ""
        return self.value_text or ""

    def _copy_value_vals(self):
        """Values to create the same attribute line on another document."""
        self.ensure_one()
        return {
            "attribute_id": self.attribute_id.id,
            "value_text": self.value_text,
            "value_number": self.value_number,
            "value_date": self.value_date,
            "value_list_id": self.value_list_id.id,
        }

    @api.constrains("attribute_id", "value_list_id")
    def _check_list_value(self):
        for line in self:
            if line.value_list_id and line.value_list_id.attribute_id != line.attribute_id:
                raise ValidationError(
                    _(
                        "The value %(value)s does not belong to the list of the "
                        "attribute %(attribute)s.",
                        value=line.value_list_id.name,
                        attribute=line.attribute_id.display_name,
                    )
                )
