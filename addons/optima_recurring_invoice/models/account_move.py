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

    def _get_next_sequence_format(self):
        """One look-up of the last number per sequence for the generator's batch.

        Core looks the last number up again for every move it names (2-3 queries
        each), although every invoice of a template's batch shares journal, type and
        date and so gets the same format. Under the generator's ``optima_ri_memo`` the
        first answer per key is reused while core's own per-transaction number cache
        (``_locked_increment``) still holds that format: the cache is the proof that
        this transaction has locked the sequence and knows its last number. Once it is
        cleared (a renamed move, a rolled back savepoint) the look-up runs again.
        """
        memo = self.env.context.get("optima_ri_memo")
        if memo is None or not self.optima_ri_template_id:
            return super()._get_next_sequence_format()
        key = self._optima_ri_sequence_key()
        if key in memo:
            format_string, format_values = memo[key]
            if self._optima_ri_sequence_cache_key(format_string, format_values) in (
                self._get_sequence_cache()
            ):
                return format_string, dict(format_values)
        format_string, format_values = super()._get_next_sequence_format()
        memo[key] = format_string, dict(format_values)
        return format_string, format_values

    def _optima_ri_sequence_key(self):
        """What core's last-number look-up depends on (_get_last_sequence_domain)."""
        journal = self.journal_id
        return (
            "sequence",
            journal.id,
            self.move_type,
            self.date,
            bool(self.origin_payment_id or self.env.context.get("is_payment")),
            journal.is_self_billing and self.partner_id.commercial_partner_id.id,
        )

    def _optima_ri_sequence_cache_key(self, format_string, format_values):
        """The key under which _locked_increment caches this format's last number."""
        values = dict(format_values)
        values.pop("seq", None)
        index = self._sequence_index
        return format_string.format(**values, seq=0), index and self[index]
