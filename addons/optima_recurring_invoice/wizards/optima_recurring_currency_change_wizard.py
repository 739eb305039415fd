# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round


class OptimaRecurringCurrencyChangeWizard(models.TransientModel):
    _name = "optima.recurring.currency.change.wizard"
    _description = "Change the template currency (Optima: zmiana waluty wzorca)"

    template_id = fields.Many2one("optima.recurring.template", required=True, readonly=True)
    currency_id = fields.Many2one("res.currency", string="New currency", required=True)
    rate = fields.Float(digits=(12, 4), compute="_compute_rate")
    question = fields.Char(compute="_compute_rate")

    @api.depends("currency_id", "template_id")
    def _compute_rate(self):
        for wizard in self:
            wizard.rate = wizard._rate_of(wizard.currency_id, new=True)
            wizard.question = self.env._(
                "The template currency was changed to %(currency)s. Recalculate the prices at "
                "the current rate? Rate: 1 %(currency)s = %(rate)s %(company_currency)s",
                currency=wizard.currency_id.name or "",
                rate=f"{wizard.rate:.4f}".replace(".", ","),
                company_currency=wizard.template_id.company_currency_id.name or "",
            )

    def _rate_of(self, currency, new=False):
        """Company currency per 1 unit: today's table rate, or the template's manual rate."""
        template = self.template_id
        if not currency or currency == template.company_currency_id:
            return 1.0
        if (
            template.rate_type == "manual"
            and template.manual_rate
            and (new or currency == template.currency_id)
        ):
            return template.manual_rate
        return template._optima_ri_table_rate(fields.Date.context_today(self), currency)[0]

    def _apply(self, convert):
        self.ensure_one()
        template = self.template_id
        if convert:
            old_rate = self._rate_of(template.currency_id)
            new_rate = self.rate
            if not old_rate or not new_rate:
                raise UserError(self.env._("No current rate of the currency."))
            digits = max(2, self.env["decimal.precision"].precision_get("Product Price"))

            def convert_price(price):
                return float_round(price * old_rate / new_rate, precision_digits=digits)

            for line in template.line_ids.filtered(lambda line: line.price_mode == "fixed"):
                line.price_unit = convert_price(line.price_unit)
            for value in template.line_ids.value_ids:
                value.price_unit = convert_price(value.price_unit)
        template.currency_id = self.currency_id
        return {"type": "ir.actions.act_window_close"}

    def action_yes(self):
        """RI-13 Tak: convert fixed and individual prices."""
        return self._apply(True)

    def action_no(self):
        """RI-13 Nie: keep the numbers."""
        return self._apply(False)
