# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models

from ..tools import cycle


class OptimaRecurringGenerateWizardLine(models.TransientModel):
    _name = "optima.recurring.generate.wizard.line"
    _description = "Template in the generation wizard (with its rate for this run)"
    _order = "sequence, id"

    wizard_id = fields.Many2one(
        "optima.recurring.generate.wizard", required=True, ondelete="cascade"
    )
    sequence = fields.Integer()
    template_id = fields.Many2one("optima.recurring.template", required=True, readonly=True)
    code = fields.Char(related="template_id.code")
    name = fields.Char(related="template_id.name")
    next_date = fields.Date(readonly=True, string="Generation date")
    currency_id = fields.Many2one(related="template_id.currency_id")
    show_rate = fields.Boolean(readonly=True)
    rate_type = fields.Selection([("default", "Default"), ("manual", "Manual")], string="Rate type")
    rate_date = fields.Date(string="Rate date")
    rate = fields.Float(digits=(12, 4))

    @api.model
    def _line_vals(self, template, show_rate, index=0):
        vals = {
            "template_id": template.id,
            "sequence": index,
            "next_date": template.next_date,
            "show_rate": show_rate and template.currency_id != template.company_currency_id,
        }
        if vals["show_rate"]:
            today = fields.Date.context_today(self)
            issue = cycle.document_date(
                template.issue_date_mode, today, template.issue_date, template.issue_day
            )
            sale = cycle.document_date(
                template.sale_date_mode, today, template.sale_date, template.sale_day
            )
            rate, rate_date = template._optima_ri_table_rate(min(issue, sale) - timedelta(days=1))
            vals.update(rate_type=template.rate_type, rate_date=rate_date, rate=rate)
            if template.rate_type == "manual":
                vals["rate"] = template.manual_rate
        return vals

    @api.onchange("rate_date", "rate_type")
    def _onchange_rate_date(self):
        """The latest table row on or before the entered date (RI-18)."""
        if self.rate_type == "default" and self.rate_date:
            self.rate, found = self.template_id._optima_ri_table_rate(self.rate_date)
            self.rate_date = found or self.rate_date
