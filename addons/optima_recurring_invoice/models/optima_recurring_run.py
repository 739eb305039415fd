# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class OptimaRecurringRun(models.Model):
    _name = "optima.recurring.run"
    _description = "Recurring invoice run (Optima: log operacji / przebieg generowania)"
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name")
    origin = fields.Selection(
        [("manual", "Manual"), ("auto", "Automaton")], required=True, default="manual"
    )
    user_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date_start = fields.Datetime(default=fields.Datetime.now, readonly=True, string="Start")
    date_end = fields.Datetime(readonly=True, string="End")
    state = fields.Selection(
        [("running", "In progress"), ("done", "Done")], default="running", readonly=True
    )
    line_ids = fields.One2many("optima.recurring.run.line", "run_id", string="Log")
    pending_template_ids = fields.Many2many(
        "optima.recurring.template",
        string="Templates waiting",
        help="Templates of a large manual run continued in the background (RI-14).",
    )
    snapshots = fields.Json(help="Template id -> generation date seen in the wizard.")
    generated_count = fields.Integer(compute="_compute_counts", string="Generated")
    skipped_count = fields.Integer(compute="_compute_counts", string="Skipped")
    error_count = fields.Integer(compute="_compute_counts", string="Errors")
    summary = fields.Char(compute="_compute_counts")

    @api.model
    def _cron_background_runs(self):
        """RI-14: large manual runs continue here, one committed template at a time."""
        generator = self.env["optima.recurring.generator"]
        for run in self.search([("state", "=", "running"), ("pending_template_ids", "!=", False)]):
            generator.with_user(run.user_id).with_company(run.company_id)._continue_run(run)

    @api.depends("origin", "date_start")
    def _compute_name(self):
        origins = dict(self._fields["origin"]._description_selection(self.env))
        for run in self:
            run.name = f"{origins.get(run.origin, '')} {fields.Datetime.to_string(run.date_start)}"

    @api.depends("line_ids.level", "line_ids.move_id", "line_ids.skipped")
    def _compute_counts(self):
        for run in self:
            generated = len(run.line_ids.filtered("move_id").move_id)
            skipped = len(run.line_ids.filtered("skipped"))
            errors = len(run.line_ids.filtered(lambda line: line.level == "error"))
            run.generated_count = generated
            run.skipped_count = skipped
            run.error_count = errors
            run.summary = self.env._(
                "Invoices generated: %(n)s, skipped: %(m)s, errors: %(k)s.",
                n=generated,
                m=skipped,
                k=errors,
            )
