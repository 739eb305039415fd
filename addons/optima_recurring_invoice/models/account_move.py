# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError


class AccountMove(models.Model):
    _inherit = "account.move"

    optima_ri_template_id = fields.Many2one(
        "optima.recurring.template",
        string="Recurring invoice template",
        index="btree_not_null",
        ondelete="set null",
        copy=False,
        readonly=True,
        help="Optima: wzorzec faktury cyklicznej, z którego wygenerowano dokument.",
    )
    optima_ri_period_date = fields.Date(
        string="Recurring period",
        copy=False,
        readonly=True,
        help="The template's generation date this invoice bills (exactly-once key).",
    )
    optima_ri_recipient_id = fields.Many2one(
        "res.partner", string="Recurring recipient", copy=False, readonly=True
    )
    optima_ri_run_id = fields.Many2one(
        "optima.recurring.run",
        copy=False,
        readonly=True,
        ondelete="set null",
        index="btree_not_null",
    )
    optima_ri_rate_date = fields.Date(string="Rate date", copy=False, readonly=True)
    optima_is_proforma = fields.Boolean(
        related="journal_id.optima_is_proforma", store=True, string="Pro forma"
    )
    optima_proforma_confirmed = fields.Boolean(
        string="Pro forma confirmed",
        copy=False,
        help="Optima: Faktura Pro Forma zapisana na stałe (zatwierdzona).",
    )

    # RI-19 key 4: one invoice per template, period, buyer and recipient.
    _optima_ri_once = models.UniqueIndex(
        "(optima_ri_template_id, optima_ri_period_date, partner_id, "
        "COALESCE(optima_ri_recipient_id, 0)) "
        "WHERE optima_ri_template_id IS NOT NULL AND state <> 'cancel'",
        "An invoice for this template, period and subject already exists.",
    )

    def _post(self, soft=True):
        if any(move.optima_is_proforma for move in self):
            raise UserError(self.env._("A pro forma invoice cannot be posted."))
        return super()._post(soft=soft)
