# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class OptimaCrmTask(models.Model):
    _inherit = "optima.crm.task"

    @api.depends(
        "partner_id.optima_sms_phone",
        "partner_id.optima_gsm_phone",
        "contact_person_id.optima_sms_phone",
        "contact_person_id.optima_gsm_phone",
    )
    def _compute_auto_client_contacts(self):
        """SMS-06: the client reminder goes to the contact person's Telefon SMS (else GSM,
        else Telefon), without a contact person (or when he has no number) to the
        contractor's, in the same order."""
        result = super()._compute_auto_client_contacts()
        for task in self:
            person, partner = task.contact_person_id, task.partner_id
            number = person._optima_sms_number() if person else ""
            task.auto_client_phone = number or (partner and partner._optima_sms_number()) or False
        return result

    def _optima_sms_partner(self):
        """Whom "Wyślij SMS" on a task writes to: its contact person, else its contractor."""
        self.ensure_one()
        return self.contact_person_id or self.partner_id
