# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OptimaMailMessageRead(models.Model):
    """Read mark of one operator on one message (Optima: Przeczytano per operator, MAIL-16)."""

    _name = "optima.mail.message.read"
    _description = "Message read by operator (Optima: Przeczytano)"

    message_id = fields.Many2one(
        "optima.mail.message", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one("res.users", required=True, ondelete="cascade", index=True)
    read_date = fields.Datetime(default=fields.Datetime.now)

    _read_unique = models.Constraint(
        "unique(message_id, user_id)", "A message is read once per operator."
    )
