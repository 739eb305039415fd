# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Domain
from odoo.tools import float_round

from odoo.addons.base.models.res_partner import _tz_get

from ..tools.local_time import DEFAULT_TZ, to_local, to_utc
from ..tools.reminder_leads import REMINDER_LEAD_SELECTION, REMINDER_LEADS

PRIORITIES = [("0", "Lowest"), ("1", "Low"), ("2", "High"), ("3", "Highest")]
# Only the state buttons may touch a closed record; everything else is refused.
STATE_FIELDS = {"state", "closed_date"}
# Fields that only make sense for tasks (Optima: hidden and empty on contacts).
TASK_ONLY_FIELDS = ("date_from", "date_to", "reminder", "priority", "auto_client", "auto_operator")
NOTIFY_BATCH = 200
AUTO_TRIGGER_FIELDS = {
    "date_from",
    "auto_client",
    "auto_client_lead",
    "auto_operator",
    "auto_operator_lead",
    "cycle_start_date",
}


def now_to_minute():
    return fields.Datetime.now().replace(second=0, microsecond=0)


class OptimaCrmTask(models.Model):
    """A contact (K) or a task (Z) with a customer, as in Optima's "Zadania i kontakty"."""

    _name = "optima.crm.task"
    _description = "CRM contact/task (Kontakt/zadanie CRM)"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "optima.crm.task.cycle.mixin",
        "optima.crm.task.auto.reminder.mixin",
        "optima.crm.task.related.mixin",
        "optima.crm.task.filter.mixin",
    ]
    _order = "numbering_name, number_seq, id"
    _check_company_auto = True

    name = fields.Char(
        string="Number",
        default="AUTO",
        readonly=True,
        copy=False,
        index="trigram",
        help="Optima: Numer dokumentu. Assigned from the numbering scheme when saved.",
    )
    numbering_id = fields.Many2one(
        "ir.sequence",
        string="Numbering scheme",
        required=True,
        copy=True,
        domain="[('code', '=', 'optima.crm.task'), ('company_id', 'in', (company_id, False))]",
        default=lambda self: self._default_numbering(),
        help="Optima: Dokument (schemat numeracji).",
    )
    numbering_name = fields.Char(
        related="numbering_id.name",
        store=True,
        string="Numbering scheme name",
        help="Stored so the list sorts by scheme and number with an index.",
    )
    number_seq = fields.Integer(
        string="Number (numeric part)", readonly=True, copy=False, index=True
    )
    kind = fields.Selection(
        [("contact", "Contact"), ("task", "Task")],
        required=True,
        default="contact",
        tracking=True,
        help="Optima: rodzaj – kontakt (K) lub zadanie (Z).",
    )
    is_task = fields.Boolean(
        string="Task",
        compute="_compute_is_task",
        inverse="_inverse_is_task",
        help="Optima: parametr Zadanie.",
    )
    kind_code = fields.Char(string="R", compute="_compute_kind_code")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Contractor",
        index=True,
        tracking=True,
        check_company=True,
        help="Optima: Kontrahent.",
    )
    partner_ref = fields.Char(related="partner_id.ref", string="Contractor code")
    partner_street = fields.Char(related="partner_id.street", string="Street")
    partner_street2 = fields.Char(related="partner_id.street2", string="Additional address")
    partner_city = fields.Char(related="partner_id.city", string="City")
    partner_phone = fields.Char(related="partner_id.phone", string="Phone")
    contact_person_id = fields.Many2one(
        "res.partner",
        string="Contact person",
        domain="[('parent_id', '=', partner_id), ('type', '=', 'contact')]",
        help="Optima: Osoba kontaktowa (przedstawiciel kontrahenta).",
    )
    contact_person_name = fields.Char(
        string="Contact person (text)", help="Optima: osoba kontaktowa wpisana z ręki."
    )
    user_id = fields.Many2one(
        "res.users",
        string="Operator",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user,
        help="Optima: Operator (opiekun).",
    )
    service_phase = fields.Selection(
        [("pre", "Pre-sale"), ("post", "After-sale")],
        string="Service",
        required=True,
        default="pre",
        help="Optima: Obsługa przed sprzedażą / po sprzedaży.",
    )
    priority = fields.Selection(PRIORITIES, help="Optima: Priorytet (tasks only; new tasks: Low).")
    date_from = fields.Datetime(string="Term from", tracking=True, help="Optima: Termin od.")
    date_to = fields.Datetime(string="Term to", tracking=True, help="Optima: Termin do.")
    start_datetime = fields.Datetime(
        string="Date and time",
        required=True,
        default=lambda self: now_to_minute(),
        help="Optima: Data i godzina rozpoczęcia.",
    )
    subject = fields.Char(tracking=True, help="Optima: Temat.")
    description = fields.Text(help="Optima: Opis.")
    realization_notes = fields.Text(
        string="Notes on completion", help="Optima: Uwagi do realizacji."
    )
    display_subject = fields.Char(
        string="Subject shown",
        compute="_compute_display_subject",
        store=True,
        help="The subject, or the first line of the description when the subject is empty.",
    )
    tz = fields.Selection(
        _tz_get,
        string="Time zone",
        required=True,
        default=lambda self: self.env.user.tz or DEFAULT_TZ,
    )
    state = fields.Selection(
        [("in_progress", "In progress"), ("done", "Completed"), ("cancelled", "Cancelled")],
        required=True,
        default="in_progress",
        tracking=True,
        index=True,
        copy=False,
        help="Optima: W realizacji / Zrealizowany / Anulowany.",
    )
    closed_date = fields.Datetime(readonly=True, copy=False)
    percent_done = fields.Integer(
        string="Completion (%)", copy=False, help="Optima: Procent realizacji."
    )
    stage_id = fields.Many2one(
        "optima.crm.task.stage", string="Completion stage", help="Optima: Etap realizacji."
    )
    progress_mode = fields.Selection(related="company_id.optima_task_progress_mode")
    parent_id = fields.Many2one(
        "optima.crm.task",
        string="Main task",
        index=True,
        ondelete="restrict",
        copy=False,
        check_company=True,
        help="Optima: zadanie główne.",
    )
    child_ids = fields.One2many("optima.crm.task", "parent_id", string="Linked tasks")
    thread_root_id = fields.Many2one(
        "optima.crm.task",
        string="Thread",
        compute="_compute_thread_root",
        store=True,
        index=True,
        recursive=True,
    )
    thread_task_ids = fields.One2many(
        "optima.crm.task", compute="_compute_thread_tasks", string="Thread tasks"
    )
    linked_percent = fields.Integer(
        string="Linked tasks completion (%)",
        compute="_compute_linked_percent",
        help="Optima: Realizacja zadań powiązanych.",
    )
    participant_ids = fields.One2many(
        "optima.crm.task.participant", "task_id", string="Participants", copy=True
    )
    participant_user_ids = fields.Many2many(
        "res.users",
        compute="_compute_participant_user_ids",
        string="Participant users",
        search="_search_participant_user_ids",
    )
    attribute_line_ids = fields.One2many(
        "optima.crm.task.attribute", "task_id", string="Attributes", copy=True
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "optima_crm_task_attachment_rel",
        "task_id",
        "attachment_id",
        string="Files",
        copy=False,
    )
    occurrence_ids = fields.One2many("optima.crm.task.occurrence", "task_id", string="Occurrences")
    document_link_ids = fields.One2many(
        "optima.crm.task.link",
        "task_id",
        string="Associated documents",
        help="Optima: Dokumenty skojarzone.",
    )
    list_date_from = fields.Datetime(
        string="List term from",
        compute="_compute_list_dates",
        store=True,
        help="For a cyclic task the earliest pending occurrence.",
    )
    list_date_to = fields.Datetime(string="List term to", compute="_compute_list_dates", store=True)
    pending_day_to = fields.Date(
        string="Earliest pending day to",
        compute="_compute_list_dates",
        store=True,
        help="Local end day of the earliest pending slot: a task is overdue when it is past.",
    )
    is_cyclic = fields.Boolean(string="Cyclic task", copy=True, help="Optima: Zadanie cykliczne.")
    reminder = fields.Boolean(help="Optima: Przypomnienie.")
    reminder_lead = fields.Selection(
        REMINDER_LEAD_SELECTION,
        string="Reminder lead",
        default="15m",
        help="How long before Term from the reminder falls due. Minutes and hours are "
        "exact durations; days and weeks keep the wall-clock time across DST.",
    )
    prep_time_prev = fields.Float(string="Preparation (previously)", copy=False)
    prep_time_now = fields.Float(string="Preparation (now)", copy=False)
    contact_time_prev = fields.Float(string="Contact (previously)", copy=False)
    contact_time_now = fields.Float(string="Contact (now)", copy=False)
    followup_time_prev = fields.Float(string="Follow-up (previously)", copy=False)
    followup_time_now = fields.Float(string="Follow-up (now)", copy=False)
    total_time = fields.Float(
        string="Total time",
        compute="_compute_total_time",
        store=True,
        help="Optima: Czas łączny – the recorded preparation, contact and follow-up time.",
    )
    linked_total_time = fields.Float(
        string="Linked tasks time",
        compute="_compute_linked_total_time",
        help="Optima: Czas trwania zadań powiązanych.",
    )
    timer_started_at = fields.Datetime(string="Timer started", copy=False, readonly=True)
    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_due_flags", search="_search_is_overdue"
    )
    is_today = fields.Boolean(
        string="Today", compute="_compute_due_flags", search="_search_is_today"
    )
    is_tomorrow = fields.Boolean(
        string="Tomorrow", compute="_compute_due_flags", search="_search_is_tomorrow"
    )
    color = fields.Integer(compute="_compute_color")

    _parent_not_self = models.Constraint(
        "CHECK(parent_id IS NULL OR parent_id != id)", "A task cannot be its own main task."
    )
    _list_order_idx = models.Index("(numbering_name, number_seq, id)")
    _overdue_idx = models.Index("(pending_day_to) WHERE state = 'in_progress' AND kind = 'task'")

    def _reminder_moment(self, date_from):
        """When a slot's reminder falls due (TASK-22, A34)."""
        self.ensure_one()
        return self._lead_moment(date_from, self.reminder_lead or "15m")

    def _lead_moment(self, date_from, lead):
        """``date_from`` minus a lead of REMINDER_LEADS in the task's time zone (A34)."""
        self.ensure_one()
        unit, amount = REMINDER_LEADS[lead]
        if unit in ("minutes", "hours"):
            return date_from - timedelta(**{unit: amount})
        local = to_local(date_from, self.tz).replace(tzinfo=None)
        return to_utc(local - timedelta(**{unit: amount}), self.tz)

    # ------------------------------------------------------------------ defaults
    @api.model
    def _default_numbering(self):
        company = self.env.company
        return company.optima_task_default_numbering_id or self.env["ir.sequence"].search(
            [("code", "=", "optima.crm.task"), ("company_id", "in", (company.id, False))], limit=1
        )

    # ------------------------------------------------------------------ computes
    @api.depends("kind")
    def _compute_is_task(self):
        for task in self:
            task.is_task = task.kind == "task"

    def _inverse_is_task(self):
        for task in self:
            task.kind = "task" if task.is_task else "contact"

    @api.depends("kind")
    def _compute_kind_code(self):
        for task in self:
            task.kind_code = "Z" if task.kind == "task" else "K"

    @api.depends("subject", "description")
    def _compute_display_subject(self):
        for task in self:
            first_line = next(
                (line.strip() for line in (task.description or "").splitlines() if line.strip()),
                "",
            )
            task.display_subject = task.subject or first_line

    @api.depends("parent_id", "parent_id.thread_root_id")
    def _compute_thread_root(self):
        for task in self:
            task.thread_root_id = task.parent_id or task

    @api.depends("thread_root_id")
    def _compute_thread_tasks(self):
        roots = self.thread_root_id
        members = self.search([("thread_root_id", "in", roots.ids)], order="number_seq, id")
        by_root = members.grouped("thread_root_id")
        for task in self:
            thread = by_root.get(task.thread_root_id, self.browse())
            root = task.thread_root_id
            task.thread_task_ids = root | (thread - root)

    @api.depends(
        "child_ids.percent_done",
        "child_ids.kind",
        "child_ids.state",
        "child_ids.date_from",
        "child_ids.date_to",
    )
    def _compute_linked_percent(self):
        for task in self:
            task.linked_percent = task._linked_percent()

    def _linked_percent(self):
        """Σ(wᵢ·pᵢ)/Σwᵢ over linked tasks, w = planned minutes; plain mean when Σw = 0 (A7)."""
        linked = self.child_ids.filtered(lambda t: t.kind == "task" and t.state != "cancelled")
        if not linked:
            return 0
        weights = [
            max((t.date_to - t.date_from).total_seconds() / 60, 0)
            if t.date_from and t.date_to
            else 0
            for t in linked
        ]
        total_weight = sum(weights)
        if total_weight:
            value = (
                sum(w * t.percent_done for w, t in zip(weights, linked, strict=True)) / total_weight
            )
        else:
            value = sum(linked.mapped("percent_done")) / len(linked)
        return int(float_round(value, precision_digits=0, rounding_method="HALF-UP"))

    @api.depends("participant_ids.user_id")
    def _compute_participant_user_ids(self):
        for task in self:
            task.participant_user_ids = task.participant_ids.user_id

    def _search_participant_user_ids(self, operator, value):
        return [("participant_ids.user_id", operator, value)]

    @api.depends(
        "occurrence_ids.date_from",
        "occurrence_ids.date_to",
        "occurrence_ids.state",
        "occurrence_ids.day_to",
    )
    def _compute_list_dates(self):
        for task in self:
            slot = task.occurrence_ids._list_slot()
            task.list_date_from = slot.date_from if slot else task.date_from
            task.list_date_to = slot.date_to if slot else task.date_to
            # Slots of a task never overlap, so the earliest pending one ends first.
            task.pending_day_to = slot.day_to if slot.state == "pending" else False

    @api.depends("prep_time_prev", "contact_time_prev", "followup_time_prev")
    def _compute_total_time(self):
        for task in self:
            task.total_time = task.prep_time_prev + task.contact_time_prev + task.followup_time_prev

    @api.depends("child_ids.total_time")
    def _compute_linked_total_time(self):
        for task in self:
            task.linked_total_time = sum(task.child_ids.mapped("total_time"))

    @api.depends("occurrence_ids.day_from", "occurrence_ids.day_to", "occurrence_ids.state")
    def _compute_due_flags(self):
        overdue, today, tomorrow = (
            self.filtered_domain(self._due_domain(flag))
            for flag in ("overdue", "today", "tomorrow")
        )
        for task in self:
            task.is_overdue = task in overdue
            task.is_today = task in today
            task.is_tomorrow = task in tomorrow

    @api.depends("state", "parent_id")
    def _compute_color(self):
        for task in self:
            task.color = 0 if task.state == "done" else (10 if task.parent_id else 2)

    # ------------------------------------------------------------------ due filters (TASK-33)
    @api.model
    def _today(self):
        return fields.Date.context_today(self)

    @api.model
    def _due_slot_domain(self, flag):
        """TASK-33 on one slot: pending, of an open task, and today or tomorrow.

        Overdue is read on the task instead (``pending_day_to``, see ``_due_domain``).
        """
        day = self._today()
        days = {
            "today": [("day_from", "<=", day), ("day_to", ">=", day)],
            "tomorrow": [
                ("day_from", "<=", day + timedelta(days=1)),
                ("day_to", ">=", day + timedelta(days=1)),
            ],
        }[flag]
        return [
            ("task_state", "=", "in_progress"),
            ("task_kind", "=", "task"),
            ("state", "=", "pending"),
            *days,
        ]

    @api.model
    def _due_domain(self, flag):
        """A task is due when one of its pending slots is (a cyclic task counts once)."""
        if flag == "overdue":
            return [
                ("kind", "=", "task"),
                ("state", "=", "in_progress"),
                ("pending_day_to", "<", self._today()),
            ]
        return [
            ("kind", "=", "task"),
            ("state", "=", "in_progress"),
            ("occurrence_ids", "any", self._due_slot_domain(flag)),
        ]

    def _search_due(self, flag, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on a due filter."))
        domain = Domain(self._due_domain(flag))
        return domain if (operator == "=") == value else ~domain

    def _search_is_overdue(self, operator, value):
        return self._search_due("overdue", operator, value)

    def _search_is_today(self, operator, value):
        return self._search_due("today", operator, value)

    def _search_is_tomorrow(self, operator, value):
        return self._search_due("tomorrow", operator, value)

    # ------------------------------------------------------------------ threads (TASK-08)
    @api.model
    def _search(self, domain, offset=0, limit=None, order=None, **kwargs):
        """In "Wg wątków" the filters pick main records; their whole threads are shown."""
        if not self.env.context.get("optima_thread_view") or self.env.context.get(
            "optima_thread_inner"
        ):
            return super()._search(domain, offset=offset, limit=limit, order=order, **kwargs)
        inner = self.with_context(optima_thread_inner=True)
        roots = inner._search(Domain(domain) & Domain("parent_id", "=", False), **kwargs)
        return inner._search(
            [("thread_root_id", "in", roots)], offset=offset, limit=limit, order=order, **kwargs
        )

    # ------------------------------------------------------------------ onchanges
    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        # A caller that chose the operator (linked task, calendar) keeps it.
        if self.partner_id.user_id and not self.env.context.get("default_user_id"):
            self.user_id = self.partner_id.user_id
        if self.contact_person_id.parent_id != self.partner_id:
            self.contact_person_id = self.partner_id.child_ids.filtered(
                "optima_is_default_representative"
            )[:1]
        self._apply_partner_attributes()

    def _apply_partner_attributes(self):
        if not self.company_id.optima_transfer_partner_attributes:
            return
        present = self.attribute_line_ids.attribute_id
        lines = self.partner_id.optima_attribute_ids.filtered(
            lambda line: (
                line.attribute_id.transfer_to_documents and line.attribute_id not in present
            )
        )
        self.attribute_line_ids = [Command.create(line._copy_value_vals()) for line in lines]

    @api.onchange("is_task")
    def _onchange_is_task(self):
        self.kind = "task" if self.is_task else "contact"
        self._onchange_kind()

    @api.onchange("kind")
    def _onchange_kind(self):
        if self.kind == "task":
            now = now_to_minute()
            self.date_from = self.date_from or now
            self.date_to = self.date_to or self.date_from
            self.priority = self.priority or "1"

    @api.onchange("date_from")
    def _onchange_date_from(self):
        if self.date_from and (not self.date_to or self.date_to < self.date_from):
            self.date_to = self.date_from

    @api.onchange("user_id")
    def _onchange_user_id(self):
        self._sync_operator_participant(self._origin.user_id)

    # ------------------------------------------------------------------ constraints
    @api.constrains("partner_id")
    def _check_partner(self):
        if any(not task.partner_id for task in self):
            raise ValidationError(_("Cannot save a contact/task without a contractor."))

    @api.constrains("date_from", "date_to", "kind")
    def _check_dates(self):
        for task in self.filtered(lambda t: t.kind == "task"):
            if not task.date_from or not task.date_to:
                raise ValidationError(_("A task needs both Term from and Term to."))
            if task.date_to < task.date_from:
                raise ValidationError(_("Term to cannot be earlier than Term from."))

    @api.constrains("percent_done", "company_id")
    def _check_percent_done(self):
        for task in self:
            step = task.company_id.optima_task_percent_step or 25
            value = task.percent_done
            if value < 0 or value > 100 or (value % step and value != 100):
                raise ValidationError(
                    _(
                        "The completion percentage must be a multiple of %(step)s%% "
                        "between 0 and 100%%.",
                        step=step,
                    )
                )

    @api.constrains(
        "prep_time_prev",
        "prep_time_now",
        "contact_time_prev",
        "contact_time_now",
        "followup_time_prev",
        "followup_time_now",
    )
    def _check_times_positive(self):
        for task in self:
            if any(task[name] < 0 for name in self._time_fields()):
                raise ValidationError(_("Time cannot be negative."))

    @api.constrains("parent_id")
    def _check_two_levels(self):
        for task in self.filtered("parent_id"):
            if task.parent_id.parent_id:
                raise ValidationError(_("A linked task cannot have linked tasks of its own."))
            if task.child_ids:
                raise ValidationError(
                    _("A main task with linked tasks cannot become a linked task.")
                )

    # ------------------------------------------------------------------ create / write
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_reminder_lead(vals)
            self._prepare_task_vals(vals)
        tasks = super(OptimaCrmTask, self.with_context(optima_task_creating=True)).create(vals_list)
        tasks = tasks.with_env(self.env)
        tasks._check_partner()
        tasks.sudo()._assign_numbers()
        tasks.sudo()._ensure_operator_participant()
        tasks.sudo()._sync_single_slots()
        tasks._cycle_after_create()
        tasks._commit_current_time()
        for task in tasks.filtered(lambda t: t.company_id.optima_transfer_partner_attributes):
            task._apply_partner_attributes()
        tasks._trigger_auto_reminders()
        return tasks

    @api.model
    def _prepare_task_vals(self, vals):
        """Apply the defaults a new record gets in Optima's form, also for API callers."""
        kind = vals.get("kind") or self.env.context.get("default_kind") or "contact"
        if kind == "task":
            now = now_to_minute()
            vals.setdefault("date_from", now)
            vals.setdefault("date_to", vals["date_from"])
            vals.setdefault("priority", "1")
        else:
            for name in TASK_ONLY_FIELDS:
                vals.pop(name, None)
            # Automatic reminders are for tasks only (TASK-01); skip the company defaults.
            vals.update(auto_client=False, auto_operator=False)

    def _assign_numbers(self):
        for task in self:
            sequence = task.numbering_id.sudo()
            local_date = to_local(task.start_datetime, task.tz).date()
            number = sequence.with_company(task.company_id).next_by_id(sequence_date=local_date)
            date_range = sequence._get_current_sequence(sequence_date=local_date)
            prefix, suffix = sequence._get_prefix_suffix(
                date=local_date, date_range=date_range.date_from if date_range else None
            )
            numeric = number[len(prefix) : len(number) - len(suffix) if suffix else None]
            task.write({"name": number, "number_seq": int(numeric) if numeric.isdigit() else 0})

    @api.model
    def _check_reminder_lead(self, vals):
        """Imports and API writes get Optima's 26 lead times only (AS-10)."""
        if vals.get("reminder_lead") and vals["reminder_lead"] not in REMINDER_LEADS:
            raise ValidationError(
                _("%(value)s is not a valid reminder lead time.", value=vals["reminder_lead"])
            )

    def write(self, vals):
        self._check_reminder_lead(vals)
        self._check_writable(vals)
        self._cycle_before_write(vals)
        if vals.get("kind") == "contact":
            vals = {**vals, **dict.fromkeys(TASK_ONLY_FIELDS, False)}
        old_operators = {task.id: task.user_id for task in self} if "user_id" in vals else {}
        res = super().write(vals)
        if old_operators:
            for task in self.sudo():
                task._sync_operator_participant(old_operators[task.id])
        if vals.get("kind") == "contact":
            self.participant_ids.filtered(lambda p: p.user_id != p.task_id.user_id).unlink()
        if {"date_from", "date_to", "kind"} & set(vals):
            self._sync_single_slots()
        if {"reminder", "reminder_lead"} & set(vals):
            # A changed reminder is a new one (TASK-22): clear dismissal and notification.
            self.occurrence_ids.sudo().with_context(optima_slot_sync=True).write(
                {"reminder_dismissed": False, "reminder_notified_at": False}
            )
        if self._now_fields() & set(vals) and not self.env.context.get("optima_time_commit"):
            self._commit_current_time()
        self._cycle_after_write(vals)
        if AUTO_TRIGGER_FIELDS & set(vals):
            self._trigger_auto_reminders()
        return res

    def _trigger_auto_reminders(self):
        """Wake C2 at the next send moment instead of waiting for its 5-minute beat."""
        moment = self.sudo()._next_auto_reminder_moment()
        cron = self.env.ref("optima_crm_tasks.cron_send_auto_reminders", raise_if_not_found=False)
        if moment and cron:
            cron.sudo()._trigger(at=moment)

    def _check_writable(self, vals):
        """Closed records are frozen (TASK-04); only the state buttons get through."""
        if set(vals) <= STATE_FIELDS | {"message_main_attachment_id"}:
            return
        if self.env.context.get("optima_state_change"):
            return
        locked = self.filtered(lambda t: t.state != "in_progress")
        if locked:
            raise UserError(_("The contact/task is closed – changes are not allowed."))
        try:
            self.check_access("write")
        except AccessError as error:
            raise AccessError(_("You are not allowed to modify this task.")) from error
        if self.env.context.get("optima_time_commit"):
            return
        prev_fields = {"prep_time_prev", "contact_time_prev", "followup_time_prev"} & set(vals)
        if prev_fields and not self.env.user.has_group("optima_crm_tasks.group_task_previous_time"):
            raise AccessError(_("You are not allowed to change the previous contact time."))
        if self.filtered("timer_started_at") and (prev_fields or self._now_fields() & set(vals)):
            raise UserError(_("Stop the automatic time recording to enter the time manually."))

    @api.model
    def _time_fields(self):
        return [
            "prep_time_prev",
            "prep_time_now",
            "contact_time_prev",
            "contact_time_now",
            "followup_time_prev",
            "followup_time_now",
        ]

    @api.model
    def _now_fields(self):
        return {"prep_time_now", "contact_time_now", "followup_time_now"}

    def _ensure_operator_participant(self):
        missing = self.filtered(lambda t: t.user_id not in t.participant_ids.user_id)
        self.env["optima.crm.task.participant"].create(
            [{"task_id": task.id, "user_id": task.user_id.id} for task in missing]
        )

    def _sync_operator_participant(self, old_user):
        """TASK-16: a lone old operator is replaced; otherwise the new one joins."""
        for task in self:
            if task.user_id in task.participant_ids.user_id:
                continue
            lone_old = task.participant_ids.filtered(lambda p: p.user_id == old_user)
            if lone_old and len(task.participant_ids) == 1:
                lone_old.user_id = task.user_id
            else:
                task.participant_ids = [Command.create({"user_id": task.user_id.id})]

    def _sync_single_slots(self):
        self.env["optima.crm.task.occurrence"]._sync_single_slots(self)

    # ------------------------------------------------------------------ time recording (TASK-17)
    def _commit_current_time(self):
        """On save Optima moves each 'now' time into 'previously' (Poprzednio += Obecnie)."""
        for task in self:
            vals = {}
            for kind in ("prep", "contact", "followup"):
                now = task[f"{kind}_time_now"]
                if now:
                    vals[f"{kind}_time_prev"] = task[f"{kind}_time_prev"] + now
                    vals[f"{kind}_time_now"] = 0.0
            if vals:
                task.with_context(optima_time_commit=True).write(vals)

    def action_timer_start(self):
        self._check_in_progress()
        self.filtered(lambda t: not t.timer_started_at).write(
            {"timer_started_at": fields.Datetime.now()}
        )

    def action_timer_stop(self):
        now = fields.Datetime.now()
        for task in self.filtered("timer_started_at"):
            seconds = (now - task.timer_started_at).total_seconds()
            minutes = int(seconds // 60) + (1 if seconds % 60 >= 30 else 0)
            task.with_context(optima_time_commit=True).write(
                {
                    "contact_time_now": task.contact_time_now + minutes / 60.0,
                    "timer_started_at": False,
                }
            )

    def action_save_times(self):
        """Form button next to the time block: commit 'now' into 'previously'."""
        self.action_timer_stop()
        self._commit_current_time()

    # ------------------------------------------------------------------ state actions (TASK-04/14)
    def _check_in_progress(self):
        if self.filtered(lambda t: t.state != "in_progress"):
            raise UserError(_("The contact/task is closed – changes are not allowed."))

    def action_close(self):
        open_linked = self.child_ids.filtered(lambda t: t.state == "in_progress")
        if open_linked and not self.env.context.get("optima_confirmed"):
            raise UserError(_("The main task has linked tasks that are not closed."))
        if self.filtered("is_cyclic") and not self.env.context.get("optima_confirmed"):
            raise UserError(self[:1]._cycle_confirmation_message())
        self.action_timer_stop()
        (open_linked | self.filtered(lambda t: t.state == "in_progress"))._set_state("done")
        self._cycle_close()
        return True

    def action_cancel(self):
        if self.filtered(lambda t: t.state != "done"):
            raise UserError(_("Only a closed contact/task can be cancelled."))
        for task in self:
            if task.child_ids.filtered(lambda t: t.state != "cancelled"):
                raise UserError(
                    _("A main task cannot be cancelled until all its linked tasks are cancelled.")
                )
        self._set_state("cancelled")
        return True

    def action_unlock(self):
        if not self.env.user.has_group("optima_crm_tasks.group_task_unlock"):
            raise AccessError(_("You are not allowed to unlock contacts."))
        for task in self:
            if task.state == "cancelled":
                raise UserError(_("A cancelled contact/task cannot be unlocked."))
            if task.parent_id.state == "done":
                raise UserError(
                    _(
                        "The main task %(number)s is closed. Unlock the main task first, "
                        "then the linked task.",
                        number=task.parent_id.name,
                    )
                )
        self.filtered(lambda t: t.state == "done")._set_state("in_progress")
        return True

    def _set_state(self, state):
        self.with_context(optima_state_change=True).write(
            {
                "state": state,
                "closed_date": fields.Datetime.now() if state == "done" else False,
            }
        )

    def get_confirmation_message(self, action):
        """Public for the form: the question to ask before ``action``, or False."""
        return self._confirmation_message(action)

    def unlink_confirmed(self):
        """The form's delete after the user answered Tak to the linked-tasks question."""
        return self.with_context(optima_confirmed=True).unlink()

    @api.model
    def will_be_hidden_from_creator(self, values):
        """True when the user saves a task they will not be allowed to read (TASK-11)."""
        user = self.env.user
        if user.has_group("optima_crm_tasks.group_task_read_others"):
            return False
        operator = values.get("user_id") or user.id
        return operator != user.id and user.id not in values.get("participant_user_ids", [])

    @api.model
    def create_for_other_operator(self, vals):
        """Save a task for another operator and say where it went (TASK-11)."""
        task = self.create(vals).sudo()
        return {
            "id": task.id,
            "message": _(
                "Task %(number)s was saved for operator %(operator)s. You have no access to "
                "other operators' tasks, so it will not be visible in the list.",
                number=task.name,
                operator=task.user_id.name,
            ),
        }

    def _confirmation_message(self, action):
        """Text of the Tak/Nie question the form asks before ``action``, or False."""
        self.ensure_one()
        if action == "close" and self.is_cyclic:
            return self._cycle_confirmation_message()
        if action == "close" and self.child_ids.filtered(lambda t: t.state == "in_progress"):
            return _(
                "The main task has linked tasks that are not closed. Close all linked tasks "
                "and the main task?"
            )
        if action == "unlink" and self.child_ids:
            return _("The main task has linked tasks. Delete the linked tasks and the main task?")
        return False

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_progress(self):
        for task in self.filtered("child_ids"):
            if task.child_ids.filtered(lambda t: t.state != "in_progress"):
                raise UserError(
                    _(
                        "The main task cannot be deleted because it has completed linked "
                        "tasks. The task can be closed and then cancelled."
                    )
                )
        if self.filtered(lambda t: t.state != "in_progress"):
            raise UserError(
                _(
                    "A closed contact/task cannot be deleted. A closed contact can only be "
                    "cancelled."
                )
            )

    def unlink(self):
        linked = self.child_ids - self
        if linked and not self.env.context.get("optima_confirmed"):
            raise UserError(_("The main task has linked tasks."))
        return super(OptimaCrmTask, linked | self).unlink()

    # ------------------------------------------------------------------ linked tasks (TASK-12/20)
    def action_new_linked_task(self):
        """Form/list button "Nowe zadanie powiązane": a new record under the main task."""
        self.ensure_one()
        main = self.parent_id or self
        if main.state != "in_progress":
            raise UserError(_("Cannot add a linked task to a closed main task."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "optima.crm.task",
            "view_mode": "form",
            "target": "current",
            "context": main._linked_task_defaults(),
        }

    def action_add_invoices(self):
        """ "Dodaj": the contractor's customer invoices, multi-select (TASK-19)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "optima.crm.task.link.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_task_id": self.id},
        }

    def action_send_by_email(self):
        """ "Wyślij" (TASK-06): the mail composer with the task printout attached."""
        self.ensure_one()
        template = self.env.ref("optima_crm_tasks.mail_template_optima_crm_task", False)
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id if template else False,
                "default_composition_mode": "comment",
                "force_email": True,
            },
        }

    def _linked_task_defaults(self):
        self.ensure_one()
        defaults = {
            "default_parent_id": self.id,
            "default_kind": self.kind,
            "default_partner_id": self.partner_id.id,
            "default_subject": self.subject,
            "default_user_id": self.user_id.id,
            "default_attribute_line_ids": [
                Command.create(line._copy_value_vals()) for line in self.attribute_line_ids
            ],
        }
        return defaults

    def copy_data(self, default=None):
        if self.filtered("parent_id"):
            raise UserError(_("Only main tasks can be copied."))
        vals_list = super().copy_data(default=default)
        now = now_to_minute()
        for task, vals in zip(self, vals_list, strict=True):
            vals["start_datetime"] = now
            if task.kind == "task":
                vals.update(date_from=now, date_to=now)
        return [task._cycle_copy_vals(vals) for task, vals in zip(self, vals_list, strict=True)]

    # ------------------------------------------------------------------ misc
    def _message_create(self, values_list):
        # E-mails and SMS posted on the task show in its e-mail/SMS rows (TASK-21).
        messages = super()._message_create(values_list)
        self.env["optima.crm.task.message.link"]._link_posted(messages)
        return messages

    @api.depends("name", "display_subject")
    def _compute_display_name(self):
        for task in self:
            task.display_name = (
                f"{task.name} {task.display_subject}" if task.display_subject else task.name
            )

    def _current_info_rows(self):
        """Read-only summary lines of the Informacje bieżące tiles."""
        return [
            {
                "id": task.id,
                "name": task.name,
                "operator": task.user_id.name,
                "date_from": task._format_local(task.list_date_from),
                "date_to": task._format_local(task.list_date_to),
                "subject": task.display_subject or "",
            }
            for task in self
        ]

    def _slot_intervals(self):
        """The (start, end) UTC intervals this task occupies in the calendar."""
        self.ensure_one()
        if self.kind != "task":
            return []
        if self.is_cyclic:
            pending = self.occurrence_ids.filtered(lambda s: s.state == "pending")
            return [(s.date_from, s.date_to) for s in pending]
        return [(self.date_from, self.date_to)] if self.date_from and self.date_to else []

    @api.model
    def get_save_warnings(self, task_id, values):
        """Questions the form asks before saving (TASK-12, TASK-15); non-UI saves skip them.

        ``values`` holds the form's current kind, dates, operator, participants and main task.
        """
        messages = []
        task = self.browse(task_id).exists()
        kind = values.get("kind") or task.kind
        date_from = fields.Datetime.to_datetime(values.get("date_from")) or task.date_from
        date_to = fields.Datetime.to_datetime(values.get("date_to")) or task.date_to
        if kind != "task" or not date_from or not date_to:
            return messages
        if values.get("is_cyclic"):
            question = self._cycle_single_day_question(values)
            if question:
                messages.append(question)
        parent = self.browse(values.get("parent_id") or task.parent_id.id).exists()
        if parent and parent.kind == "task" and parent.date_to and date_to > parent.date_to:
            messages.append(
                _(
                    "The term of the linked task goes beyond the term of the main task "
                    "%(number)s (%(date_to)s). Save the linked task?",
                    number=parent.name,
                    date_to=parent._format_local(parent.date_to),
                )
            )
        if not task and not values.get("is_cyclic"):
            users = self.env["res.users"].browse(
                [values.get("user_id") or self.env.uid, *values.get("participant_user_ids", [])]
            )
            conflicts = self.env["optima.crm.task.occurrence"]._conflicting_slots(
                self.browse(), users.exists(), intervals=[(date_from, date_to)]
            )
            if conflicts:
                listed = ", ".join(
                    f"{slot.task_id.name} ({slot.user_id.name}, "
                    f"{slot.task_id._format_local(slot.date_from)}–"
                    f"{slot.task_id._format_local(slot.date_to)})"
                    for slot in conflicts[:5]
                )
                messages.append(
                    _(
                        "The term of the task overlaps the term of another task: %(tasks)s. "
                        "Save the task?",
                        tasks=listed,
                    )
                )
        return messages

    def _format_local(self, value):
        """dd.mm.yyyy HH:MM in the task's time zone (Optima's format)."""
        self.ensure_one()
        return to_local(value, self.tz).strftime("%d.%m.%Y %H:%M") if value else ""
