# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class OptimaCrmTaskParticipant(models.Model):
    """A participant of a task ([Uczestnicy] tab)."""

    _name = "optima.crm.task.participant"
    _inherit = ["optima.crm.task.line.mixin"]
    _description = "CRM task participant (Uczestnik)"
    _order = "task_id, id"

    task_id = fields.Many2one("optima.crm.task", required=True, ondelete="cascade", index=True)
    user_id = fields.Many2one("res.users", string="Operator", required=True, index=True)
    acronym = fields.Char(related="user_id.optima_acronym", string="Acronym")
    user_name = fields.Char(related="user_id.name", string="Name")
    company_id = fields.Many2one(related="task_id.company_id", store=True, index=True)
    is_available = fields.Boolean(
        string="Term available",
        compute="_compute_availability",
        help="Optima: Dostępność terminu – no other open task of this operator overlaps.",
    )
    availability = fields.Char(compute="_compute_availability")
    reminder = fields.Boolean(default=True)
    phone = fields.Char(compute="_compute_contact", store=True, readonly=False)
    email = fields.Char(string="E-mail", compute="_compute_contact", store=True, readonly=False)

    _task_user_uniq = models.Constraint(
        "UNIQUE(task_id, user_id)", "This operator is already a participant of the task."
    )

    @api.depends("user_id")
    def _compute_contact(self):
        for line in self:
            line.phone = line.phone or line.user_id.phone
            line.email = line.email or line.user_id.email

    @api.depends("user_id", "task_id.date_from", "task_id.date_to", "task_id.occurrence_ids")
    def _compute_availability(self):
        Occurrence = self.env["optima.crm.task.occurrence"]
        # One query per task for all its participants, not one per line.
        for task, lines in self.grouped("task_id").items():
            busy_slots = Occurrence._conflicting_slots(task, lines.user_id, limit=None)
            busy_users = busy_slots.attendee_user_ids
            for line in lines:
                busy = line.user_id in busy_users
                line.is_available = not busy
                line.availability = _("No") if busy else _("Yes")

    @api.constrains("reminder", "email", "phone")
    def _check_reminder_contact(self):
        self.task_id._check_participant_reminder_contacts()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_operator(self):
        if self.env.context.get("optima_task_unlink"):
            return
        if any(line.user_id == line.task_id.user_id for line in self if line.task_id.exists()):
            raise UserError(
                _("The operator in charge of the task cannot be removed from the participants.")
            )
