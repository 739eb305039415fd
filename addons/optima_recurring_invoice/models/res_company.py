# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    optima_ri_block_other_date = fields.Boolean(
        string="Block generation on a date other than the set one",
        help="Optima: Blokuj generowanie w dacie innej niż ustalona. Templates whose "
        "generation date is not today are refused (manually and by the automaton).",
    )
    optima_ri_keep_zero_price_lines = fields.Boolean(
        string="Recurring invoices: keep zero-price lines",
        help="Optima: FA cykliczne: przenosić pozycje z ceną zerową.",
    )
    optima_ri_name_from_product = fields.Boolean(
        string="Recurring invoices: take the name from the product",
        help="Optima: FS cykliczne: pobieraj nazwę z karty towaru.",
    )
    optima_ri_show_rate_dialog = fields.Boolean(
        string="Show currency rate settings in manual generation",
        help="Optima: Wyświetlaj ustawienia kursu waluty podczas ręcznego generowania faktur.",
    )
    optima_ri_auto_enabled = fields.Boolean(
        string="Automatic generation of recurring invoices",
        help="Optima: Automatyczne generowanie faktur cyklicznych (Automat faktur cyklicznych).",
    )
    optima_ri_auto_user_id = fields.Many2one(
        "res.users",
        string="Automaton operator",
        help="Optima: Operator. Invoices are created with this user's rights and in "
        "the user's time zone.",
    )
    optima_ri_auto_hour = fields.Float(
        string="Automaton hour", default=6.0, help="Optima: Godzina uruchomienia automatu."
    )
    optima_ri_auto_account_id = fields.Many2one(
        "optima.mail.account",
        string="Automaton e-mail account",
        help="Optima: Konto e-mail automatu. Its address and mail server always win over "
        "the mail template's sender.",
    )
    optima_ri_auto_send_mode = fields.Selection(
        [("now", "Send immediately"), ("drafts", "Leave in Drafts")],
        string="Sending",
        default="now",
        help="Optima: Realizacja wysyłki (wyślij natychmiast / pozostaw w folderze Robocze).",
    )
    optima_undefined_partner_id = fields.Many2one(
        "res.partner",
        string="Undefined contractor",
        help="Optima: Kontrahent nieokreślony (!NIEOKREŚLONY!). Its invoices are never "
        "proposed as recurring.",
    )
    optima_ri_cash_payment_method_line_id = fields.Many2one(
        "account.payment.method.line",
        string="Cash for subjects other than contractors",
        domain="[('payment_type', '=', 'inbound'), ('journal_id.type', '=', 'cash')]",
        help="Optima: forma płatności gotówka dla pracowników, wspólników, banków i urzędów.",
    )

    optima_ri_last_scan_date = fields.Date(
        string="Last proposal scan", help="Day of the last recurring invoice proposal scan."
    )

    def _optima_ri_cash_method_line(self):
        """RI-30: the configured cash method, else the first inbound line of a cash journal."""
        self.ensure_one()
        if self.optima_ri_cash_payment_method_line_id:
            return self.optima_ri_cash_payment_method_line_id
        journal = self.env["account.journal"].search(
            [("type", "=", "cash"), ("company_id", "=", self.id)], order="sequence, id", limit=1
        )
        return journal.inbound_payment_method_line_ids[:1]
