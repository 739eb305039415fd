# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .optima_crm_task_related import MAIL_LINK_TYPES


class OptimaCrmTaskMessageLink(models.Model):
    """An e-mail or SMS shown in the task's "Zadania i kontakty CRM" table (TASK-21).

    Messages posted on the task (chatter mails, printouts, automatic reminders) are
    linked automatically; "Dodaj istniejący e-mail/SMS" links others. Removing the row
    removes the link only: the message stays where it was.
    """

    _name = "optima.crm.task.message.link"
    _inherit = ["optima.crm.task.line.mixin"]
    _description = "CRM contact/task linked e-mail/SMS"
    _order = "message_date desc, id desc"

    task_id = fields.Many2one("optima.crm.task", required=True, ondelete="cascade", index=True)
    message_id = fields.Many2one("mail.message", required=True, ondelete="cascade", index=True)
    message_date = fields.Datetime(related="message_id.date", store=True, string="Date")
    subject = fields.Char(compute="_compute_columns", help="Optima: temat.")
    kind_code = fields.Char(
        string="R", compute="_compute_columns", help="Optima: rodzaj – E for e-mails and SMS."
    )
    is_sms = fields.Boolean(string="SMS", compute="_compute_columns")
    partner_name = fields.Char(
        string="Contractor",
        compute="_compute_columns",
        help="The sender of an incoming message; the recipient of an outgoing one.",
    )
    company_id = fields.Many2one(related="task_id.company_id", store=True, index=True)

    _message_uniq = models.Constraint(
        "UNIQUE(task_id, message_id)", "This message is already linked to the task."
    )

    @api.depends("message_id", "task_id.partner_id")
    def _compute_columns(self):
        for link in self:
            message = link.message_id.sudo()
            link.kind_code = "E"
            link.is_sms = message.message_type == "sms"
            link.subject = message.subject or message.preview or ""
            # Incoming e-mails show their sender; what the task sent, its recipient.
            if message.message_type != "email":
                partner = message.partner_ids[:1] or link.task_id.partner_id
            else:
                partner = message.author_id
            link.partner_name = partner.display_name or message.email_from or ""

    @api.ondelete(at_uninstall=False)
    def _unlink_only_in_progress(self):
        if not self.env.su and self.task_id.filtered(lambda t: t.state != "in_progress"):
            raise UserError(self.env._("The contact/task is closed – changes are not allowed."))

    @api.model
    def _is_sent_comment(self, message):
        """The chatter's "Send message" (and the composer's printouts) post a comment that
        goes out by e-mail to its recipients; internal notes do not."""
        return (
            message.message_type == "comment"
            and message.partner_ids
            and message.subtype_id
            and not message.subtype_id.internal
        )

    @api.model
    def _link_posted(self, messages):
        """Link e-mails/SMS posted on tasks to those tasks (called as superuser)."""
        messages = messages.filtered(
            lambda m: (
                m.model == "optima.crm.task"
                and (m.message_type in MAIL_LINK_TYPES or self._is_sent_comment(m))
            )
        )
        if messages:
            self.sudo().create(
                [{"task_id": message.res_id, "message_id": message.id} for message in messages]
            )
