# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class OptimaCrmTaskAttribute(models.Model):
    """Attribute value on a contact/task ([Atrybuty i pliki] tab, list "Wg atrybutów")."""

    _name = "optima.crm.task.attribute"
    _inherit = ["optima.attribute.value.mixin", "optima.crm.task.line.mixin"]
    _description = "CRM contact/task attribute value"
    _order = "task_id, attribute_id"
    _check_company_auto = True

    task_id = fields.Many2one("optima.crm.task", required=True, ondelete="cascade", index=True)
    attribute_id = fields.Many2one(check_company=True, index=True)
    company_id = fields.Many2one(related="task_id.company_id", store=True)
    task_state = fields.Selection(related="task_id.state", string="Task state")
    task_partner_id = fields.Many2one(related="task_id.partner_id", string="Contractor")
    task_user_id = fields.Many2one(related="task_id.user_id", string="Operator")
    task_subject = fields.Char(related="task_id.display_subject", string="Subject")
    task_start_datetime = fields.Datetime(related="task_id.start_datetime", string="Date and time")

    _task_attribute_uniq = models.Constraint(
        "UNIQUE(task_id, attribute_id)", "The contact/task already has this attribute."
    )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_task_in_progress()
        return lines

    def write(self, vals):
        self._check_task_in_progress()
        return super().write(vals)

    def unlink(self):
        self._check_task_in_progress()
        return super().unlink()

    def _check_task_in_progress(self):
        if self.task_id.filtered(lambda t: t.state != "in_progress"):
            raise UserError(_("The contact/task is closed – changes are not allowed."))
