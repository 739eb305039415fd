# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class OptimaCrmTaskMessageLinkWizard(models.TransientModel):
    """ "Dodaj istniejący e-mail/SMS": pick messages of the task's contractor (TASK-21)."""

    _name = "optima.crm.task.message.link.wizard"
    _description = "Link existing e-mails/SMS to a contact/task"

    task_id = fields.Many2one("optima.crm.task", required=True)
    commercial_partner_id = fields.Many2one("res.partner", compute="_compute_commercial_partner_id")
    message_ids = fields.Many2many(
        "mail.message",
        string="E-mails and SMS",
        domain="[('message_type', 'in', ('email', 'email_outgoing', 'sms')), '|',"
        " ('author_id', 'child_of', commercial_partner_id),"
        " ('partner_ids', 'child_of', commercial_partner_id)]",
    )

    @api.depends("task_id.partner_id")
    def _compute_commercial_partner_id(self):
        for wizard in self:
            wizard.commercial_partner_id = wizard.task_id.partner_id.commercial_partner_id

    def action_link(self):
        self.ensure_one()
        task = self.task_id
        task._check_in_progress()
        # Only the contractor's messages, whatever the client sent.
        allowed = self.message_ids.filtered_domain(task._mail_link_domain(task.partner_id))
        new = allowed - task.message_link_ids.message_id
        self.env["optima.crm.task.message.link"].create(
            [{"task_id": task.id, "message_id": message.id} for message in new]
        )
        return {"type": "ir.actions.act_window_close"}
