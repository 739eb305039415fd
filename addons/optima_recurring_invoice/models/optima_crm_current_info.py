# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class OptimaCrmCurrentInfo(models.AbstractModel):
    _inherit = "optima.crm.current.info"

    @api.model
    def _panel_definitions(self):
        """RI-25: the "Faktury cykliczne na dziś" tile for users who chose it."""
        panels = super()._panel_definitions()
        templates = self.env["optima.recurring.template"]
        if templates.has_access("read"):
            panels.append(
                {
                    "key": "recurring_invoices_today",
                    "title": self.env._("Recurring invoices for today"),
                    "user_field": "optima_ri_show_today",
                    "model": "optima.recurring.template",
                    "domain": templates._today_domain(),
                    "all_operators": False,
                }
            )
        return panels

    @api.model
    def _panel_order(self, model):
        if model == "optima.recurring.template":
            return "code, id"
        return super()._panel_order(model)
