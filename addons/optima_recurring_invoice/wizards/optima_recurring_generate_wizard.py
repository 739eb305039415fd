# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OptimaRecurringGenerateWizard(models.TransientModel):
    _name = "optima.recurring.generate.wizard"
    _description = "Generate recurring invoices (Optima: Generowanie faktur cyklicznych)"

    line_ids = fields.One2many(
        "optima.recurring.generate.wizard.line", "wizard_id", string="Templates"
    )
    show_rate = fields.Boolean(
        default=lambda self: self.env.company.optima_ri_show_rate_dialog, readonly=True
    )

    @api.model
    def _action_open(self, templates):
        if not templates:
            raise UserError(self.env._("Select the templates to generate."))
        show_rate = self.env.company.optima_ri_show_rate_dialog
        wizard = self.create(
            {
                "show_rate": show_rate,
                "line_ids": [
                    (
                        0,
                        0,
                        self.env["optima.recurring.generate.wizard.line"]._line_vals(
                            template, show_rate, index
                        ),
                    )
                    for index, template in enumerate(templates)
                ],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Generate recurring invoices"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_confirm(self):
        """RI-14: one transaction per template in list order (RI-19), then the log."""
        self.ensure_one()
        plan = [
            (
                line.template_id,
                line.next_date,
                (line.rate, line.rate_date if line.rate_type == "default" else None)
                if line.show_rate and line.rate
                else None,
            )
            for line in self.line_ids.sorted(lambda line: (line.sequence, line.id))
        ]
        return self.env["optima.recurring.run"]._run_manual(plan).action_open_result()
