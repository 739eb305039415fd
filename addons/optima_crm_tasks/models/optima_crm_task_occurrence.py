# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.local_time import to_local
from .optima_crm_task import NOTIFY_BATCH

MIN_SLOT = timedelta(minutes=1)


class OptimaCrmTaskOccurrence(models.Model):
    """A scheduled slot of a task: one for a plain task, one per occurrence of a cyclic one.

    The Terminarz, the overlap checks, the reminders and the due filters all run on this
    table, so a cyclic task with 999 occurrences costs the same queries as a plain one.
    Optima: zadanie cząstkowe.
    """

    _name = "optima.crm.task.occurrence"
    _inherit = ["optima.crm.task.line.mixin"]
    _description = "CRM task occurrence (Zadanie cząstkowe)"
    _order = "date_from, id"

    task_id = fields.Many2one("optima.crm.task", required=True, ondelete="cascade", index=True)
    is_single = fields.Boolean(
        help="The only slot of a non-cyclic task, kept equal to its Term from/to."
    )
    date_from = fields.Datetime(string="Term from", required=True)
    date_to = fields.Datetime(string="Term to", required=True)
    slot_end = fields.Datetime(
        compute="_compute_slot_end",
        store=True,
        help="End used for overlaps: a zero-length slot counts as one minute.",
    )
    day_from = fields.Date(compute="_compute_days", store=True, string="Local day from")
    day_to = fields.Date(compute="_compute_days", store=True, string="Local day to")
    state = fields.Selection(
        [("pending", "To do"), ("done", "Done"), ("extracted", "Extracted")],
        required=True,
        default="pending",
    )
    extracted_task_id = fields.Many2one(
        "optima.crm.task", string="Extracted to", ondelete="set null"
    )
    original_date_from = fields.Datetime(readonly=True)
    reminder_at = fields.Datetime(
        string="Reminder due",
        compute="_compute_reminder_at",
        store=True,
        help="Term from minus the task's lead; empty when the task has no reminder.",
    )
    auto_client_at = fields.Datetime(
        string="Client reminder due",
        compute="_compute_auto_reminder_at",
        store=True,
        help="When C2 sends the automatic reminder to the client (TASK-24).",
    )
    auto_operator_at = fields.Datetime(
        string="Operator reminder due",
        compute="_compute_auto_reminder_at",
        store=True,
        help="When C2 sends the automatic reminders to the participants (TASK-24).",
    )
    reminder_dismissed = fields.Boolean(copy=False)
    reminder_notified_at = fields.Datetime(copy=False)
    user_id = fields.Many2one(related="task_id.user_id", store=True, index=True, string="Operator")
    task_state = fields.Selection(related="task_id.state", store=True, string="Task state")
    task_kind = fields.Selection(related="task_id.kind", store=True, string="Kind")
    company_id = fields.Many2one(related="task_id.company_id", store=True, index=True)
    attendee_user_ids = fields.Many2many(
        "res.users",
        "optima_crm_task_occurrence_attendee_rel",
        "occurrence_id",
        "user_id",
        string="Operators",
        compute="_compute_attendee_user_ids",
        store=True,
        help="Operator and participants: the people this slot keeps busy.",
    )
    # Stored copies of what the Terminarz shows: a month of events is read without
    # touching the tasks (see tests/bench/bench_crm_tasks.py).
    task_name = fields.Char(related="task_id.name", string="Number", store=True)
    display_subject = fields.Char(related="task_id.display_subject", string="Subject", store=True)
    partner_id = fields.Many2one(related="task_id.partner_id", string="Contractor", store=True)
    partner_ref = fields.Char(related="task_id.partner_ref", string="Contractor code", store=True)
    priority = fields.Selection(related="task_id.priority", store=True)
    partner_name = fields.Char(related="partner_id.name", string="Contractor name", store=True)
    # Stored too: the calendar reads every field of its arch for each event of a month.
    description = fields.Text(related="task_id.description", store=True)
    is_cyclic = fields.Boolean(related="task_id.is_cyclic", string="Cyclic", store=True)
    calendar_color = fields.Integer(compute="_compute_calendar_color", store=True)
    is_done = fields.Boolean(
        string="Done",
        compute="_compute_is_done",
        inverse="_inverse_is_done",
        help="Optima: Wykonane.",
    )
    weekday = fields.Char(string="Day", compute="_compute_list_texts")
    status_text = fields.Char(string="Status", compute="_compute_list_texts")

    _reminder_idx = models.Index(
        "(user_id, reminder_at) WHERE reminder_at IS NOT NULL AND reminder_dismissed IS NOT TRUE"
    )
    _auto_client_idx = models.Index("(auto_client_at) WHERE state = 'pending'")
    _auto_operator_idx = models.Index("(auto_operator_at) WHERE state = 'pending'")
    _due_idx = models.Index("(task_state, state, day_from, day_to)")
    _overdue_idx = models.Index("(task_state, state, day_to)")
    _calendar_idx = models.Index("(date_to, date_from) WHERE state != 'extracted'")

    @api.depends("state")
    def _compute_is_done(self):
        for slot in self:
            slot.is_done = slot.state == "done"

    def _inverse_is_done(self):
        for slot in self:
            if slot.state == "extracted":
                raise UserError(_("An extracted occurrence belongs to its own task now."))
            if slot.task_id.state != "in_progress":
                raise UserError(_("The contact/task is closed – changes are not allowed."))
            slot.state = "done" if slot.is_done else "pending"

    @api.depends("state", "date_from", "date_to", "extracted_task_id")
    def _compute_list_texts(self):
        """The "Lista zadań" Opis column (TASK-28)."""
        today = fields.Date.context_today(self)
        for slot in self:
            local = to_local(slot.date_from, slot.task_id.tz) if slot.date_from else None
            slot.weekday = local.strftime("%A") if local else ""
            if slot.state == "done":
                slot.status_text = _("done (term completed)")
            elif slot.state == "extracted":
                slot.status_text = _(
                    "extracted to task: %(number)s", number=slot.extracted_task_id.name or ""
                )
            elif slot.day_to and slot.day_to < today:
                slot.status_text = _("[overdue] to do")
            elif slot.day_from and slot.day_from <= today:
                slot.status_text = _("[current] to do")
            else:
                slot.status_text = _("to do")

    @api.ondelete(at_uninstall=False)
    def _unlink_only_pending(self):
        if self.env.context.get("optima_slot_sync") or self.env.su:
            return
        if self.filtered(lambda s: s.state != "pending"):
            raise UserError(_("Only occurrences still to do can be deleted."))

    def action_extract(self):
        """Extract an occurrence into a task of its own (TASK-29)."""
        self.ensure_one()
        if self.state != "pending":
            raise UserError(_("Only an occurrence still to do can be extracted."))
        series = self.task_id
        series.check_access("write")
        task = self.env["optima.crm.task"].create(series._extraction_vals(self))
        self.sudo().with_context(optima_slot_sync=True).write(
            {
                "state": "extracted",
                "extracted_task_id": task.id,
                "original_date_from": self.original_date_from or self.date_from,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "optima.crm.task",
            "res_id": task.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    @api.depends("date_from", "task_id.reminder", "task_id.reminder_lead", "task_id.tz")
    def _compute_reminder_at(self):
        for slot in self:
            task = slot.task_id
            slot.reminder_at = task._reminder_moment(slot.date_from) if task.reminder else False

    @api.depends(
        "date_from",
        "task_id.kind",
        "task_id.tz",
        "task_id.auto_client",
        "task_id.auto_client_lead",
        "task_id.auto_operator",
        "task_id.auto_operator_lead",
    )
    def _compute_auto_reminder_at(self):
        for slot in self:
            task = slot.task_id
            is_task = task.kind == "task" and slot.date_from
            slot.auto_client_at = (
                task._lead_moment(slot.date_from, task.auto_client_lead or "1d")
                if is_task and task.auto_client
                else False
            )
            slot.auto_operator_at = (
                task._lead_moment(slot.date_from, task.auto_operator_lead or "1h")
                if is_task and task.auto_operator
                else False
            )

    # ------------------------------------------------------------------ reminders (TASK-23)
    @api.model
    def _reminder_domain(self, user, now=None):
        return [
            ("user_id", "=", user.id),
            ("task_kind", "=", "task"),
            ("task_state", "=", "in_progress"),
            ("state", "=", "pending"),
            ("reminder_at", "!=", False),
            ("reminder_at", "<=", now or fields.Datetime.now()),
            ("reminder_dismissed", "=", False),
        ]

    @api.model
    def get_reminder_items(self):
        """The user's due reminders for the "Przypomnienia" list, in every allowed company."""
        user = self.env.user
        slots = self.with_context(allowed_company_ids=user.company_ids.ids).search(
            self._reminder_domain(user), order="date_from"
        )
        return slots._reminder_items()

    def _reminder_items(self):
        today = fields.Date.context_today(self)
        items = []
        for slot in self:
            task = slot.task_id
            start = to_local(slot.date_from, task.tz)
            items.append(
                {
                    "id": slot.id,
                    "task_id": task.id,
                    "title": task.subject or task.name,
                    "date_from": task._format_local(slot.date_from),
                    "partner": task.partner_id.display_name or "",
                    "is_cyclic": task.is_cyclic,
                    # Optima decides by the start date here, not by Term to (A2).
                    "status": "overdue" if start.date() < today else "current",
                }
            )
        return items

    def action_dismiss_reminder(self):
        """ "Odrzuć": forget this reminder; the task itself is untouched (A5)."""
        self.check_access("read")
        self.sudo().with_context(optima_slot_sync=True).write({"reminder_dismissed": True})
        return True

    @api.model
    def _cron_notify_reminders(self):
        """C1: toast each newly due reminder once; safe to rerun and to run twice at once."""
        while True:
            done = self._notify_due_reminders(limit=NOTIFY_BATCH)
            if not done:
                return
            if not self.env["ir.cron"]._commit_progress(done):
                return

    @api.model
    def _notify_due_reminders(self, limit=NOTIFY_BATCH):
        now = fields.Datetime.now()
        self.flush_model()
        self.env.cr.execute(
            """SELECT id FROM optima_crm_task_occurrence
                WHERE reminder_at <= %s AND reminder_notified_at IS NULL
                  AND reminder_dismissed IS NOT TRUE AND state = 'pending'
                  AND task_state = 'in_progress' AND task_kind = 'task'
                ORDER BY reminder_at LIMIT %s
                FOR UPDATE SKIP LOCKED""",
            (now, limit),
        )
        slots = self.browse(row[0] for row in self.env.cr.fetchall()).sudo()
        if not slots:
            return 0
        # Marked in the same transaction as the bus message, which leaves on commit only.
        slots.with_context(optima_slot_sync=True).write({"reminder_notified_at": now})
        for user, user_slots in slots.grouped("user_id").items():
            user._bus_send("optima_crm_reminder", {"items": user_slots._reminder_items()})
        return len(slots)

    @api.depends("task_id.user_id", "task_id.participant_ids.user_id")
    def _compute_attendee_user_ids(self):
        for slot in self:
            slot.attendee_user_ids = slot.task_id.user_id | slot.task_id.participant_ids.user_id

    @api.depends("task_id.state", "task_id.parent_id")
    def _compute_calendar_color(self):
        """Grey when closed, green for a linked task, orange otherwise (A31)."""
        for slot in self:
            task = slot.task_id
            slot.calendar_color = 0 if task.state == "done" else (10 if task.parent_id else 2)

    @api.depends("task_name", "display_subject", "partner_ref")
    def _compute_display_name(self):
        """The event title: number, subject and [contractor code] (TASK-31).

        The Terminarz computes it for every event of a month: the values are read column
        by column and put in the cache at once, as Odoo's own bulk computations do.
        """
        titles = [
            " ".join(part for part in (name, subject, ref and f"[{ref}]") if part)
            for name, subject, ref in zip(
                self.mapped("task_name"),
                self.mapped("display_subject"),
                self.mapped("partner_ref"),
                strict=True,
            )
        ]
        self._fields["display_name"]._insert_cache(self, titles)

    def write(self, vals):
        """Moving an event in the Terminarz moves its task; a cyclic occurrence stays put."""
        moved = {"date_from", "date_to"} & set(vals)
        if moved and not self.env.context.get("optima_slot_sync"):
            if self.filtered(lambda s: not s.is_single):
                raise UserError(
                    _(
                        "Cyclic tasks cannot be moved in the Terminarz. Open the cyclic task "
                        "to change its pattern."
                    )
                )
            for slot in self:
                slot.task_id.write(
                    {
                        "date_from": vals.get("date_from", slot.date_from),
                        "date_to": vals.get("date_to", slot.date_to),
                    }
                )
            vals = {k: v for k, v in vals.items() if k not in moved}
            if not vals:
                return True
        return super().write(vals)

    @api.depends("date_from", "date_to")
    def _compute_slot_end(self):
        for slot in self:
            slot.slot_end = (
                max(slot.date_to, slot.date_from + MIN_SLOT) if slot.date_from else False
            )

    @api.depends("date_from", "date_to", "task_id.tz")
    def _compute_days(self):
        for slot in self:
            slot.day_from = (
                to_local(slot.date_from, slot.task_id.tz).date() if slot.date_from else False
            )
            slot.day_to = to_local(slot.date_to, slot.task_id.tz).date() if slot.date_to else False

    def _list_slot(self):
        """Earliest pending slot, or the last one when nothing is pending (A6, A32)."""
        pending = self.filtered(lambda s: s.state == "pending").sorted("date_from")
        return pending[:1] or self.sorted("date_from")[-1:]

    @api.model
    def _sync_single_slots(self, tasks):
        """Keep exactly one slot per plain task, equal to its Term from/to; none for contacts."""
        plain = tasks.filtered(lambda t: not t.is_cyclic)
        stale = plain.filtered(lambda t: t.kind != "task").occurrence_ids
        stale.unlink()
        to_create = []
        for task in plain.filtered(lambda t: t.kind == "task"):
            slot = task.occurrence_ids.filtered("is_single")[:1]
            vals = {"date_from": task.date_from, "date_to": task.date_to}
            if slot:
                if (slot.date_from, slot.date_to) != (task.date_from, task.date_to):
                    slot.with_context(optima_slot_sync=True).write(
                        {**vals, "reminder_dismissed": False, "reminder_notified_at": False}
                    )
            else:
                to_create.append({**vals, "task_id": task.id, "is_single": True})
        self.create(to_create)

    @api.model
    def _conflicting_slots(self, task, users, intervals=None, limit=50):
        """Open slots of other tasks of ``users`` overlapping ``task``'s slots (TASK-15).

        Overlap is strict: 10:00–11:00 and 11:00–12:00 do not overlap.
        """
        intervals = intervals if intervals is not None else task._slot_intervals()
        if not users or not intervals:
            return self.browse()
        overlap = []
        for start, end in intervals:
            end = max(end, start + MIN_SLOT)
            overlap = (
                (["|"] if overlap else [])
                + overlap
                + [
                    "&",
                    ("date_from", "<", end),
                    ("slot_end", ">", start),
                ]
            )
        domain = [
            ("task_id", "!=", task.id or False),
            ("task_state", "=", "in_progress"),
            ("task_kind", "=", "task"),
            ("state", "=", "pending"),
            "|",
            ("user_id", "in", users.ids),
            ("task_id.participant_ids.user_id", "in", users.ids),
            *overlap,
        ]
        return self.sudo().search(domain, order="date_from", limit=limit)
