# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OptimaMailMessageHistory(models.Model):
    """One line of a message's history tab (Optima: Historia wiadomości, MAIL-24)."""

    _name = "optima.mail.message.history"
    _description = "Mailbox message history (Optima: Historia)"
    _order = "date, id"

    message_id = fields.Many2one(
        "optima.mail.message", required=True, ondelete="cascade", index=True
    )
    action = fields.Selection(
        [
            ("created", "created"),
            ("received", "received/assigned"),
            ("read", "read"),
            ("sent", "sent"),
            ("done", "done"),
            ("handed", "handed over"),
            ("moved", "folder changed"),
            ("signed", "signed"),
            ("error", "error"),
            ("note", "note"),
        ],
        required=True,
    )
    user_id = fields.Many2one("res.users", string="Operator", default=lambda self: self.env.user)
    date = fields.Datetime(default=fields.Datetime.now)
    comment = fields.Char()
