# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import ValidationError


class OptimaCrmTaskRangeFilter(models.TransientModel):
    """Optima's "Termin od…do" and "Za okres od…do" filters with "Godzina od/do" (TASK-07)."""

    _name = "optima.crm.task.range.filter"
    _description = "Filter contacts/tasks by dates and hours"

    mode = fields.Selection(
        [("term", "Term from…to (tasks)"), ("period", "For the period from…to")],
        required=True,
        default="term",
        help="Optima: Termin od…do (tasks whose term covers a day of the range) or Za okres "
        "od…do (by the start date).",
    )
    day_from = fields.Date(string="From")
    day_to = fields.Date(string="To")
    hour_from = fields.Float(string="Hour from")
    hour_to = fields.Float(string="Hour to", default=23 + 59 / 60)

    def action_apply(self):
        self.ensure_one()
        if self.day_from and self.day_to and self.day_to < self.day_from:
            raise ValidationError(self.env._("The end of the range is before its start."))
        if self.hour_to < self.hour_from:
            raise ValidationError(self.env._("Hour to cannot be earlier than hour from."))
        Task = self.env["optima.crm.task"]
        builder = Task._term_range_domain if self.mode == "term" else Task._period_domain
        domain = builder(self.day_from, self.day_to, self.hour_from, self.hour_to)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "optima_crm_tasks.action_optima_crm_task"
        )
        action.update(domain=domain, target="main")
        return action
