# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class OptimaCrmTaskParticipant(models.Model):
    _inherit = "optima.crm.task.participant"

    def _compute_contact(self):
        """SMS-06: an operator's reminder SMS goes to his Telefon SMS, else GSM, else Telefon
        (the base default is the user's Telefon only)."""
        for line in self:
            if not line.phone and line.user_id:
                line.phone = line.user_id.partner_id._optima_sms_number() or False
        return super()._compute_contact()
