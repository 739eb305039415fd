# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OptimaCrmCalendarFilter(models.Model):
    """The operators a user last checked in the Terminarz side panel (TASK-31).

    The calendar view reads and writes it through ``write_model``, as Odoo's own
    calendar does with ``calendar.filters``.
    """

    _name = "optima.crm.calendar.filter"
    _description = "Terminarz operator filter"

    user_id = fields.Many2one(
        "res.users",
        required=True,
        index=True,
        default=lambda self: self.env.user,
        ondelete="cascade",
    )
    operator_id = fields.Many2one("res.users", required=True, ondelete="cascade")
    checked = fields.Boolean(default=True)
    active = fields.Boolean(default=True)

    _user_operator_uniq = models.Constraint(
        "UNIQUE(user_id, operator_id)", "This operator is already in your Terminarz filter."
    )
