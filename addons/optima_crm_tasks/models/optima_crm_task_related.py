# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

# Messages that count as the task's e-mails and SMS (TASK-21).
MAIL_LINK_TYPES = ("email", "email_outgoing", "sms")


class OptimaCrmTaskRelatedMixin(models.AbstractModel):
    """The task's "Zadania i kontakty CRM" table: linked tasks (TASK-20) and e-mails/SMS
    (TASK-21), and the contractor's representatives (TASK-18), kept apart from the core."""

    _name = "optima.crm.task.related.mixin"
    _description = "CRM task linked records"

    message_link_ids = fields.One2many(
        "optima.crm.task.message.link",
        "task_id",
        string="E-mails and SMS",
        help="Optima: e-mails and SMS in the Zadania i kontakty CRM table.",
    )
    related_task_ids = fields.Many2many(
        "optima.crm.task",
        string="Linked contacts/tasks",
        compute="_compute_related_task_ids",
        inverse="_inverse_related_task_ids",
        help="Optima: Zadania i kontakty CRM – contacts/tasks linked to this one, in both "
        "directions, of any contractor.",
    )

    representative_ids = fields.Many2many(
        "res.partner",
        string="Representatives",
        compute="_compute_representative_ids",
        help="Optima: przedstawiciele kontrahenta – the contractor's contacts, read-only.",
    )

    @api.depends("partner_id.child_ids.type", "partner_id.child_ids.active")
    def _compute_representative_ids(self):
        for task in self:
            task.representative_ids = task.partner_id.commercial_partner_id.child_ids.filtered(
                lambda p: p.type == "contact"
            )

    @api.depends("document_link_ids")
    @api.depends_context("uid")
    def _compute_related_task_ids(self):
        for task in self:
            task.related_task_ids = task._linked_tasks()._filtered_access("read")

    def _linked_tasks(self):
        """Tasks linked from this one or to it (as superuser: the links of both sides)."""
        self.ensure_one()
        Link = self.env["optima.crm.task.link"].sudo()
        outgoing = Link.search([("task_id", "=", self.id), ("res_model", "=", self._name)])
        incoming = Link.search([("res_model", "=", self._name), ("res_id", "=", self.id)])
        ids = set(outgoing.mapped("res_id")) | set(incoming.task_id.ids)
        return self.browse(ids - {self.id}).exists()

    def _inverse_related_task_ids(self):
        Link = self.env["optima.crm.task.link"]
        for task in self.filtered("id"):
            current = task._linked_tasks()._filtered_access("read")
            added = task.related_task_ids - current - task
            removed = current - task.related_task_ids
            Link.create(
                [
                    {"task_id": task.id, "res_model": self._name, "res_id": other.id}
                    for other in added
                ]
            )
            if removed:
                # The link belongs to both tasks: removing it here also clears the other side.
                Link.sudo().search(
                    [
                        "|",
                        "&",
                        ("task_id", "=", task.id),
                        ("res_id", "in", removed.ids),
                        "&",
                        ("task_id", "in", removed.ids),
                        ("res_id", "=", task.id),
                        ("res_model", "=", self._name),
                    ]
                ).unlink()

    def action_add_messages(self):
        """ "Dodaj istniejący e-mail/SMS" (TASK-21)."""
        self.ensure_one()
        self._check_in_progress()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Add an existing e-mail/SMS"),
            "res_model": "optima.crm.task.message.link.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_task_id": self.id},
        }

    @api.model
    def _mail_link_domain(self, partner):
        """Existing e-mails/SMS whose author or recipients include the contractor."""
        commercial = partner.commercial_partner_id
        return [
            ("message_type", "in", MAIL_LINK_TYPES),
            "|",
            ("author_id", "child_of", commercial.id),
            ("partner_ids", "child_of", commercial.id),
        ]
