# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    optima_transfer_partner_attributes = fields.Boolean(
        related="company_id.optima_transfer_partner_attributes", readonly=False
    )
    optima_task_default_numbering_id = fields.Many2one(
        related="company_id.optima_task_default_numbering_id", readonly=False
    )
    optima_task_progress_mode = fields.Selection(
        related="company_id.optima_task_progress_mode", readonly=False
    )
    optima_task_percent_step = fields.Integer(
        related="company_id.optima_task_percent_step", readonly=False
    )

    @api.constrains("optima_task_percent_step")
    def _check_optima_task_percent_step(self):
        for settings in self:
            if not 1 <= settings.optima_task_percent_step <= 100:
                raise ValidationError(_("The percentage step must be between 1 and 100."))
