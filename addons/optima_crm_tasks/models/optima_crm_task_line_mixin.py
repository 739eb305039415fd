# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class OptimaCrmTaskLineMixin(models.AbstractModel):
    """Lines of a task may be changed by whoever may change the task (TASK-11).

    Record rules cannot say "writable when the parent is writable", so the check is
    made here once for participants, attribute lines and occurrences.
    """

    _name = "optima.crm.task.line.mixin"
    _description = "Line of a CRM task"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_task_writable()
        return lines

    def write(self, vals):
        self._check_task_writable()
        return super().write(vals)

    def unlink(self):
        self._check_task_writable()
        return super().unlink()

    def _check_task_writable(self):
        if self.env.su or self.env.context.get("optima_task_creating"):
            return
        self.task_id.check_access("write")
