# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_recurring_template(self):
        """RI-09 [P24]: a subject used on a template cannot be deleted (archiving can)."""
        parties = (
            self.env["optima.recurring.template.party"]
            .sudo()
            .with_context(active_test=False)
            .search(
                ["|", ("partner_id", "in", self.ids), ("recipient_id", "in", self.ids)], limit=1
            )
        )
        if parties:
            partner = parties.partner_id if parties.partner_id in self else parties.recipient_id
            raise UserError(
                self.env._(
                    "The subject %(name)s cannot be deleted: it is used on the recurring "
                    "invoice template %(code)s.",
                    name=partner.display_name,
                    code=parties.template_id.code,
                )
            )
