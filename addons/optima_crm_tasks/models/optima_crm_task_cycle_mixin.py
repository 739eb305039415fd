# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

from ..tools import cycle
from ..tools.local_time import to_local

WEEKDAY_FIELDS = [
    "cycle_monday",
    "cycle_tuesday",
    "cycle_wednesday",
    "cycle_thursday",
    "cycle_friday",
    "cycle_saturday",
    "cycle_sunday",
]
PATTERN_FIELDS = {
    "cycle_mode",
    "cycle_interval",
    "cycle_daily_workdays",
    "cycle_monthly_kind",
    "cycle_month_day",
    "cycle_nth",
    "cycle_nth_weekday",
    "cycle_month",
    "cycle_start_date",
    "cycle_end_mode",
    "cycle_count",
    "cycle_end_date",
    "cycle_start_time",
    "cycle_duration",
    "tz",
    *WEEKDAY_FIELDS,
}
WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


class OptimaCrmTaskCycleMixin(models.AbstractModel):
    """Cyclic tasks (Optima: Zadania cykliczne, TASK-25 … TASK-30).

    Kept apart from the task so the pattern and its generation read as one piece; the
    task calls the ``_cycle_*`` hooks from its create, write, close and copy.
    """

    _name = "optima.crm.task.cycle.mixin"
    _description = "Cyclic task pattern"

    cycle_start_time = fields.Float(string="Start", help="Optima: Początek (time of day).")
    cycle_end_time = fields.Float(
        string="End",
        compute="_compute_cycle_end_time",
        inverse="_inverse_cycle_end_time",
        help="Optima: Koniec; before the start it means the next day.",
    )
    cycle_duration = fields.Float(string="Duration", help="Optima: Czas trwania (below 24:00).")
    cycle_mode = fields.Selection(
        [("daily", "Daily"), ("weekly", "Weekly"), ("monthly", "Monthly"), ("yearly", "Yearly")],
        string="Cycle pattern",
        default="weekly",
        help="Optima: Wzorzec cyklu.",
    )
    cycle_interval = fields.Integer(string="Every", default=1, help="Optima: co (…), 1–999.")
    cycle_daily_workdays = fields.Boolean(string="Every working day")
    cycle_monday = fields.Boolean(string="Monday")
    cycle_tuesday = fields.Boolean(string="Tuesday")
    cycle_wednesday = fields.Boolean(string="Wednesday")
    cycle_thursday = fields.Boolean(string="Thursday")
    cycle_friday = fields.Boolean(string="Friday")
    cycle_saturday = fields.Boolean(string="Saturday")
    cycle_sunday = fields.Boolean(string="Sunday")
    cycle_monthly_kind = fields.Selection(
        [("day", "On day"), ("weekday", "On weekday")], string="Monthly on", default="day"
    )
    cycle_month_day = fields.Integer(string="Day of month", default=1)
    cycle_nth = fields.Selection(
        [("1", "first"), ("2", "second"), ("3", "third"), ("4", "fourth"), ("-1", "last")],
        string="Which",
        default="1",
    )
    cycle_nth_weekday = fields.Selection(WEEKDAYS, string="Weekday", default="0")
    cycle_month = fields.Selection(
        [
            (str(m), name)
            for m, name in enumerate(
                [
                    "January",
                    "February",
                    "March",
                    "April",
                    "May",
                    "June",
                    "July",
                    "August",
                    "September",
                    "October",
                    "November",
                    "December",
                ],
                start=1,
            )
        ],
        string="Month",
        default="1",
    )
    cycle_start_date = fields.Date(string="Cycle start", help="Optima: Początek cyklu.")
    cycle_end_mode = fields.Selection(
        [("count", "After occurrences"), ("date", "On date")], string="Cycle end", default="count"
    )
    cycle_count = fields.Integer(
        string="Number of occurrences", default=1, help="Optima: po (…) wystąpieniach."
    )
    cycle_end_date = fields.Date(string="Cycle end date", help="Optima: w dniu (…).")

    @api.depends("cycle_start_time", "cycle_duration")
    def _compute_cycle_end_time(self):
        for task in self:
            task.cycle_end_time = (
                cycle.end_from_duration(task.cycle_start_time, task.cycle_duration)
                if task.cycle_duration < 24
                else task.cycle_start_time
            )

    def _inverse_cycle_end_time(self):
        for task in self:
            task.cycle_duration = cycle.duration_from_times(
                task.cycle_start_time, task.cycle_end_time
            )

    @api.onchange("is_cyclic")
    def _onchange_is_cyclic(self):
        """Defaults of the pattern come from Term from/to (TASK-25/26)."""
        if not self.is_cyclic or not self.date_from:
            return
        local_from = self._local(self.date_from)
        local_to = self._local(self.date_to or self.date_from)
        self.cycle_start_time = local_from.hour + local_from.minute / 60
        self.cycle_duration = cycle.duration_from_times(
            self.cycle_start_time, local_to.hour + local_to.minute / 60
        )
        default = cycle.default_pattern_for(local_from.replace(tzinfo=None))
        self.cycle_start_date = local_from.date()
        self.cycle_end_date = local_from.date()
        self.cycle_month_day = default.month_day
        self.cycle_nth = str(default.nth)
        self.cycle_nth_weekday = str(default.nth_weekday)
        self.cycle_month = str(default.month)
        for index, name in enumerate(WEEKDAY_FIELDS):
            self[name] = index in default.weekdays

    def _local(self, value):
        return to_local(value, self.tz)

    # ---------------------------------------------------------------- pattern
    def _cycle_pattern(self):
        self.ensure_one()
        return cycle.CyclePattern(
            start_date=self.cycle_start_date or self._local(self.date_from).date(),
            mode=self.cycle_mode or "weekly",
            interval=self.cycle_interval,
            daily_workdays=self.cycle_daily_workdays,
            weekdays=frozenset(i for i, name in enumerate(WEEKDAY_FIELDS) if self[name]),
            monthly_kind=self.cycle_monthly_kind or "day",
            month_day=self.cycle_month_day or 1,
            nth=int(self.cycle_nth or 1),
            nth_weekday=int(self.cycle_nth_weekday or 0),
            month=int(self.cycle_month or 1),
            end_mode=self.cycle_end_mode or "count",
            count=self.cycle_count,
            end_date=self.cycle_end_date,
        )

    @api.model
    def _cycle_error_message(self, error):
        messages = {
            "interval_zero": _("The value must be greater than zero."),
            "interval_max": _("The value cannot exceed 999."),
            "no_weekday": _("In weekly mode select at least one day of the week."),
            "end_before_start": _(
                "The end date of the cycle cannot be earlier than its start date."
            ),
            "no_occurrence": _("The cycle pattern generates no occurrence in the given range."),
            "too_many": _(
                "The cycle pattern generates more than 999 occurrences. Shorten the cycle range."
            ),
            "duration": _("The duration must be shorter than 24 hours."),
            "date_overflow": _(
                "The cycle pattern generates occurrences after the year 9999. Shorten the "
                "cycle range."
            ),
        }
        return messages.get(error.code, str(error))

    def _cycle_slots(self):
        self.ensure_one()
        if self.cycle_end_mode == "date" and not self.cycle_end_date:
            raise ValidationError(_("Set the date on which the cycle ends."))
        try:
            pattern = self._cycle_pattern()
            cycle.validate(pattern)
            return cycle.occurrence_slots(
                pattern, self.cycle_start_time, self.cycle_duration, self.tz
            )
        except cycle.CycleError as error:
            raise ValidationError(self._cycle_error_message(error)) from error

    @api.model
    def _cycle_single_day_question(self, values):
        """TASK-27: end date = start date asks before saving a one-occurrence series."""
        start = fields.Date.to_date(values.get("cycle_start_date"))
        end = fields.Date.to_date(values.get("cycle_end_date"))
        if values.get("cycle_end_mode") != "date" or not start or start != end:
            return False
        fields_in_form = {
            k: v for k, v in values.items() if k.startswith("cycle_") and k in self._fields
        }
        draft = self.new({**fields_in_form, "cycle_start_date": start, "cycle_end_date": end})
        try:
            cycle.occurrence_dates(draft._cycle_pattern())
        except (cycle.CycleError, ValueError):
            return False  # the save reports the pattern's own error first
        return _(
            "The end date of the cycle is the same as its start date. Save the cyclic task "
            "with only one occurrence?"
        )

    # ---------------------------------------------------------------- generation (TASK-27/29)
    def action_generate_occurrences(self):
        """Button "Generuj wystąpienia" (Optima's lightning)."""
        for task in self.filtered("is_cyclic"):
            task._check_in_progress()
            task._regenerate_occurrences()
        return True

    def _regenerate_occurrences(self):
        """Replace pending slots by the pattern's; done and extracted ones stay (A14)."""
        self.ensure_one()
        slots = self._cycle_slots()
        Occurrence = self.env["optima.crm.task.occurrence"].sudo()
        occurrences = self.occurrence_ids.sudo()
        kept = occurrences.filtered(lambda s: s.state != "pending")
        taken = set(kept.mapped("original_date_from")) | set(kept.mapped("date_from"))
        (occurrences - kept).unlink()
        Occurrence.create(
            [
                {
                    "task_id": self.id,
                    "date_from": start,
                    "date_to": end,
                    "original_date_from": start,
                }
                for start, end in slots
                if start not in taken
            ]
        )
        first_start, last_end = slots[0][0], slots[-1][1]
        self.with_context(optima_cycle_sync=True).write(
            {"date_from": first_start, "date_to": last_end}
        )

    @api.constrains("is_cyclic", "parent_id", "kind")
    def _check_cycle_allowed(self):
        for task in self.filtered("is_cyclic"):
            if task.parent_id:
                raise ValidationError(_("A linked task cannot be a cyclic task."))
            if task.kind != "task":
                raise ValidationError(_("Uncheck Cyclic task first."))

    @api.constrains("cycle_start_time", "cycle_duration")
    def _check_cycle_duration(self):
        for task in self.filtered("is_cyclic"):
            if not 0 <= task.cycle_duration < 24:
                raise ValidationError(_("The duration must be shorter than 24 hours."))

    def _cycle_after_create(self):
        for task in self.filtered("is_cyclic"):
            task._regenerate_occurrences()

    def _cycle_before_write(self, vals):
        if vals.get("kind") == "contact" and self.filtered("is_cyclic"):
            raise UserError(_("Uncheck Cyclic task first."))

    def _cycle_after_write(self, vals):
        if self.env.context.get("optima_cycle_sync"):
            return
        if "is_cyclic" in vals and not vals["is_cyclic"]:
            # Back to a plain task: its series goes, tasks extracted from it remain.
            self.occurrence_ids.sudo().unlink()
            self._sync_single_slots()
        elif (PATTERN_FIELDS | {"is_cyclic"}) & set(vals):
            for task in self.filtered(lambda t: t.is_cyclic and t.state == "in_progress"):
                task._regenerate_occurrences()

    # ---------------------------------------------------------------- series actions (TASK-29/30)
    def _cycle_confirmation_message(self):
        return _(
            "The task is marked as completed, but it is a cyclic task. After saving, all "
            "occurrences of the cycle will be completed. Do you want to continue?"
        )

    def _cycle_close(self):
        """Closing a series completes its pending occurrences (TASK-30, A13)."""
        self.filtered("is_cyclic").occurrence_ids.filtered(
            lambda s: s.state == "pending"
        ).sudo().with_context(optima_slot_sync=True).write({"state": "done"})

    def action_extract_current_occurrence(self):
        """Form button "Wyodrębnij bieżące wystąpienie": the slot shown in the list."""
        self.ensure_one()
        pending = self.occurrence_ids.filtered(lambda s: s.state == "pending").sorted("date_from")
        if not pending:
            raise UserError(_("The cyclic task has no pending occurrence to extract."))
        return pending[0].action_extract()

    def _extraction_vals(self, occurrence):
        """What an extracted occurrence's task copies from the series (TASK-29)."""
        self.ensure_one()
        return {
            "kind": "task",
            "numbering_id": self.numbering_id.id,
            "company_id": self.company_id.id,
            "partner_id": self.partner_id.id,
            "contact_person_id": self.contact_person_id.id,
            "contact_person_name": self.contact_person_name,
            "user_id": self.user_id.id,
            "subject": self.subject,
            "description": self.description,
            "realization_notes": self.realization_notes,
            "priority": self.priority,
            "reminder": self.reminder,
            "reminder_lead": self.reminder_lead,
            "percent_done": self.percent_done,
            "service_phase": self.service_phase,
            "tz": self.tz,
            "date_from": occurrence.date_from,
            "date_to": occurrence.date_to,
            "attribute_line_ids": [
                Command.create(line._copy_value_vals()) for line in self.attribute_line_ids
            ],
            "participant_ids": [
                Command.create(
                    {
                        "user_id": p.user_id.id,
                        "reminder": p.reminder,
                        "phone": p.phone,
                        "email": p.email,
                    }
                )
                for p in self.participant_ids
                if p.user_id != self.user_id
            ],
            **self._auto_reminder_extraction_vals(),
        }

    def _cycle_copy_vals(self, vals):
        """TASK-30: a copied series starts now, with a one-day range and 0 % done."""
        if not self.is_cyclic:
            return vals
        now_local = self._local(vals["date_from"])
        return {
            **vals,
            "cycle_start_time": now_local.hour + now_local.minute / 60,
            "cycle_duration": 0.0,
            "cycle_start_date": now_local.date(),
            "cycle_end_date": now_local.date(),
        }
