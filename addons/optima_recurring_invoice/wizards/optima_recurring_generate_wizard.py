# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

BACKGROUND_LIMIT = 500  # recipients above which a manual run continues in a cron


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
        lines = self.line_ids.sorted(lambda line: (line.sequence, line.id))
        overrides = {
            line.template_id.id: (
                line.rate,
                line.rate_date if line.rate_type == "default" else None,
            )
            for line in lines
            if line.show_rate and line.rate
        }
        generator = self.env["optima.recurring.generator"]
        snapshots = {line.template_id.id: line.next_date for line in lines}
        if not overrides and generator._recipient_count(lines.template_id) > BACKGROUND_LIMIT:
            # Too big for one request: the cron continues, the log shows "in progress".
            run = generator._start_background_run(lines.template_id, snapshots)
        else:
            run = self.env["optima.recurring.run"]._run_manual(
                lines.template_id, snapshots, overrides
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Recurring invoice generation"),
            "res_model": "optima.recurring.run",
            "res_id": run.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "optima_recurring_invoice.optima_recurring_run_view_form_result"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
        }
