# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

from ..tools.local_time import to_local


def local_day_hour(value, tz):
    """(local date, local time of day in hours) of a naive UTC datetime."""
    if not value:
        return False, False
    local = to_local(value, tz)
    return local.date(), local.hour + local.minute / 60.0


class OptimaCrmTaskFilterMixin(models.AbstractModel):
    """Helper columns of the "Termin od…do" and "Za okres od…do" filters (TASK-07, A29)."""

    _name = "optima.crm.task.filter.mixin"
    _description = "CRM task date and hour filters"

    date_from_day = fields.Date(
        string="Term from (day)", compute="_compute_filter_days", store=True, index=True
    )
    date_to_day = fields.Date(string="Term to (day)", compute="_compute_filter_days", store=True)
    date_from_hour = fields.Float(
        string="Term from (hour)", compute="_compute_filter_days", store=True
    )
    date_to_hour = fields.Float(string="Term to (hour)", compute="_compute_filter_days", store=True)
    start_day = fields.Date(
        string="Start (day)", compute="_compute_filter_days", store=True, index=True
    )
    start_hour = fields.Float(string="Start (hour)", compute="_compute_filter_days", store=True)

    @api.depends("date_from", "date_to", "start_datetime", "tz")
    def _compute_filter_days(self):
        for task in self:
            task.date_from_day, task.date_from_hour = local_day_hour(task.date_from, task.tz)
            task.date_to_day, task.date_to_hour = local_day_hour(task.date_to, task.tz)
            task.start_day, task.start_hour = local_day_hour(task.start_datetime, task.tz)

    @api.model
    def _term_range_domain(self, day_from=None, day_to=None, hour_from=None, hour_to=None):
        """Tasks whose [Termin od, Termin do] covers a day of the range and whose start and
        end times of day lie within the hours (A29)."""
        domain = [("kind", "=", "task")]
        if day_to:
            domain.append(("date_from_day", "<=", day_to))
        if day_from:
            domain.append(("date_to_day", ">=", day_from))
        if hour_from is not None and hour_from is not False:
            domain += [("date_from_hour", ">=", hour_from), ("date_to_hour", ">=", hour_from)]
        if hour_to is not None and hour_to is not False:
            domain += [("date_from_hour", "<=", hour_to), ("date_to_hour", "<=", hour_to)]
        return domain

    @api.model
    def _period_domain(self, day_from=None, day_to=None, hour_from=None, hour_to=None):
        """ "Za okres od…do": the local start date in the range, its time in the hours."""
        domain = []
        if day_from:
            domain.append(("start_day", ">=", day_from))
        if day_to:
            domain.append(("start_day", "<=", day_to))
        if hour_from is not None and hour_from is not False:
            domain.append(("start_hour", ">=", hour_from))
        if hour_to is not None and hour_to is not False:
            domain.append(("start_hour", "<=", hour_to))
        return domain

    @api.model
    def action_open_range_filter(self):
        """List button: the Termin od…do / Za okres od…do dialog."""
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Filter by dates and hours"),
            "res_model": "optima.crm.task.range.filter",
            "view_mode": "form",
            "target": "new",
        }
