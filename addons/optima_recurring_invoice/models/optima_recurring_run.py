# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models, modules, sql_db

BACKGROUND_LIMIT = 500  # recipients above which a manual run continues in a cron (RI-14)
RUN_NAMESPACE = 71_151  # pg_advisory lock class of runs being executed


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
        # An archived template must still reach the generator, which logs P18 for it.
        context={"active_test": False},
    )
    plan = fields.Json(
        help="The wizard's templates in list order, each with the generation date it showed "
        "and the rate set for this run: what the background continuation needs."
    )
    generated_count = fields.Integer(compute="_compute_counts", string="Generated")
    skipped_count = fields.Integer(compute="_compute_counts", string="Skipped")
    error_count = fields.Integer(compute="_compute_counts", string="Errors")
    summary = fields.Char(compute="_compute_counts")

    # ------------------------------------------------------------------ manual runs
    @api.model
    def _background_limit(self):
        """RI-14: recipients a request handles before the rest goes to the cron."""
        return int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("optima_recurring_invoice.background_limit", BACKGROUND_LIMIT)
        )

    @api.model
    def _run_manual(self, plan):
        """RI-14/RI-19: the wizard's run over ``plan`` = [(template, date seen, rate
        override or None)] in list order. Templates are processed here while the selection
        stays within the background limit; the others continue in a cron."""
        run = self.sudo().create(
            {
                "origin": "manual",
                "user_id": self.env.uid,
                "company_id": self.env.company.id,
                "pending_template_ids": [(6, 0, [template.id for template, _d, _o in plan])],
                "plan": [
                    {
                        "template": template.id,
                        "date": fields.Date.to_string(date),
                        "rate": override and override[0],
                        "rate_date": override and fields.Date.to_string(override[1]),
                    }
                    for template, date, override in plan
                ],
            }
        )
        run._try_lock()
        try:
            run.with_env(self.env)._execute(budget=self._background_limit())
        finally:
            run._unlock()
        return run

    def _try_lock(self):
        """Whoever executes a run holds this session lock across its commits. PostgreSQL
        frees it when the process dies, so a run left "in progress" by a request that
        crashed is continued by the background cron, and one still live is not."""
        self.ensure_one()
        self.env.cr.execute("SELECT pg_try_advisory_lock(%s, %s)", (RUN_NAMESPACE, self.id))
        return self.env.cr.fetchone()[0]

    def _unlock(self):
        self.env.cr.execute("SELECT pg_advisory_unlock(%s, %s)", (RUN_NAMESPACE, self.id))

    def _plan_items(self):
        """(templates still pending in list order, snapshots, rate overrides)."""
        self.ensure_one()
        snapshots, overrides, ids = {}, {}, []
        for item in self.plan or []:
            ids.append(item["template"])
            snapshots[item["template"]] = fields.Date.to_date(item["date"])
            if item.get("rate"):
                overrides[item["template"]] = (
                    item["rate"],
                    fields.Date.to_date(item["rate_date"]) if item.get("rate_date") else None,
                )
        pending = self.sudo().pending_template_ids
        templates = self.env["optima.recurring.template"].browse(
            [template_id for template_id in ids if template_id in pending.ids]
        )
        return templates, snapshots, overrides

    def _execute(self, budget=None):
        """Process the pending templates, one committed transaction each (RI-19).

        With ``budget`` (a request) the run stops before the template that would take the
        selection over that many recipients and hands the rest to the background cron;
        without it (the cron) it goes on until the cron's time budget is spent. Returns
        whether the run is finished.
        """
        self.ensure_one()
        generator = self.env["optima.recurring.generator"]
        templates, snapshots, overrides = self._plan_items()
        counts = self._recipient_counts(templates) if budget is not None else {}
        spent = 0
        for index, template in enumerate(templates):
            spent += counts.get(template.id, 0)
            if budget is not None and spent > budget:
                self.env.ref(
                    "optima_recurring_invoice.ir_cron_recurring_background"
                ).sudo()._trigger()
                return False
            generator._process_template(template, self, snapshots, overrides, chunked=True)
            self.sudo().pending_template_ids = [(3, template.id)]
            left = len(templates) - index - 1
            if self._commit_template(left) <= 0 and left:
                return False  # the cron's time is up: its next call continues
        self.sudo().write({"state": "done", "date_end": fields.Datetime.now()})
        self._commit_template(0, processed=0)
        return True

    @api.model
    def _recipient_counts(self, templates):
        """Subjects plus group members per template, in three grouped queries."""
        party = self.env["optima.recurring.template.party"]
        counts = dict.fromkeys(templates.ids, 0)
        for template, count in party._read_group(
            [("template_id", "in", templates.ids), ("kind", "=", "subject")],
            ["template_id"],
            ["__count"],
        ):
            counts[template.id] += count
        groups = party._read_group(
            [("template_id", "in", templates.ids), ("kind", "=", "group")],
            ["template_id", "category_id"],
        )
        if groups:
            members = dict(
                self.env["res.partner"]._read_group(
                    [
                        ("category_id", "in", [category.id for _t, category in groups]),
                        ("optima_subject_type", "=", "contractor"),
                    ],
                    ["category_id"],
                    ["__count"],
                )
            )
            for template, category in groups:
                counts[template.id] += members.get(category, 0)
        return counts

    @api.model
    def _can_commit(self):
        """Whether this cursor may commit: always in production; under tests only a
        TestCursor (registry test mode, HTTP tests), whose commit releases its savepoint,
        while the TransactionCase cursor refuses commits (as core's ``_can_commit``)."""
        return not modules.module.current_test or not isinstance(self.env.cr, sql_db.Cursor)

    @api.model
    def _commit_template(self, remaining=0, processed=1):
        """Commit one template; returns the cron's time left (unlimited outside a cron)."""
        if not self._can_commit():
            return float("inf")
        # Outside a cron, _commit_progress just commits.
        return self.env["ir.cron"]._commit_progress(processed, remaining=remaining)

    @api.model
    def _cron_background_runs(self):
        """RI-14: large manual runs continue here, as their user, in list order, and so
        do runs whose request died half-way; a run another process executes is left to it."""
        for run in self.search([("state", "=", "running"), ("pending_template_ids", "!=", False)]):
            if not run._try_lock():
                continue
            user = run.user_id
            try:
                finished = (
                    run.with_user(user)
                    .with_company(run.company_id)
                    .with_context(tz=user.tz or self.env.context.get("tz"))
                    ._execute()
                )
            finally:
                run._unlock()
            if not finished:
                break

    def action_open_result(self):
        """The result dialog (RI-20); "w toku" while the background continues (RI-14)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Recurring invoice generation"),
            "res_model": self._name,
            "res_id": self.id,
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
