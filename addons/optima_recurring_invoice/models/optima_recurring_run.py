# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models, modules, sql_db


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
    def _run_manual(self, templates, snapshots, rate_overrides):
        """RI-14/RI-19: the wizard's run, one committed transaction per template in list
        order, so that a crash half-way keeps what the templates before it produced."""
        generator = self.env["optima.recurring.generator"]
        run = self.sudo().create(
            {"origin": "manual", "user_id": self.env.uid, "company_id": self.env.company.id}
        )
        for template in templates:
            generator._process_template(template, run, snapshots, rate_overrides, chunked=True)
            self._commit_template()
        run.write({"state": "done", "date_end": fields.Datetime.now()})
        return run

    @api.model
    def _can_commit(self):
        """Whether this cursor may commit: always in production; under tests only a
        TestCursor (registry test mode, HTTP tests), whose commit releases its savepoint,
        while the TransactionCase cursor refuses commits (as core's ``_can_commit``)."""
        return not modules.module.current_test or not isinstance(self.env.cr, sql_db.Cursor)

    @api.model
    def _commit_template(self):
        if self._can_commit():
            # Outside a cron, _commit_progress just commits.
            self.env["ir.cron"]._commit_progress()

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
