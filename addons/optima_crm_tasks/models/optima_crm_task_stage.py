# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OptimaCrmTaskStage(models.Model):
    """Completion stage dictionary (Optima: Etapy realizacji)."""

    _name = "optima.crm.task.stage"
    _description = "CRM task completion stage (Etap realizacji)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
