# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import Command
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase


class RecurringCase(TransactionCase):
    """The spec's §4 background: PLN company, journals FV and PF, T1..T3, A, B, C."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz="Europe/Warsaw"))
        cls.env.user.tz = "Europe/Warsaw"
        cls.company = cls.env.company
        cls.pln = cls.company.currency_id
        cls.Template = cls.env["optima.recurring.template"]
        cls.user = new_test_user(
            cls.env,
            login="ri_user",
            name="Urszula Fakturowa",
            groups="optima_recurring_invoice.group_user",
            tz="Europe/Warsaw",
        )
        cls.fv = cls.env["account.journal"].create(
            {"name": "FV", "code": "FVC", "type": "sale", "sequence": 1}
        )
        cls.pf = cls.env["account.journal"].create(
            {"name": "PF", "code": "PFC", "type": "sale", "optima_is_proforma": True}
        )
        cls.cash = cls.env["account.journal"].create(
            {"name": "Kasa", "code": "KAS", "type": "cash"}
        )
        cls.cash_line = cls.cash.inbound_payment_method_line_ids[:1]
        cls.tax23 = cls.env["account.tax"].create(
            {"name": "VAT 23% RI", "amount": 23, "type_tax_use": "sale", "amount_type": "percent"}
        )
        cls.t1 = cls._product("T1", 50.0, optima_allow_name_edit=True)
        cls.t2 = cls._product("T2", 20.0)
        cls.t3 = cls._product("T3", 10.0)
        partner = cls.env["res.partner"]
        cls.a = partner.create({"name": "A", "ref": "A", "is_company": True, "email": "a@a.pl"})
        cls.b = partner.create({"name": "B", "ref": "B", "is_company": True})
        cls.c = partner.create({"name": "C", "ref": "C", "is_company": True})

    @classmethod
    def _product(cls, name, price, **extra):
        return cls.env["product.product"].create(
            dict(
                {
                    "name": name,
                    "default_code": name,
                    "type": "service",
                    "list_price": price,
                    "taxes_id": [Command.set(cls.tax23.ids)],
                },
                **extra,
            )
        )

    def template(self, partners=(), lines=None, **vals):
        vals.setdefault("code", "ABON")
        vals.setdefault("name", "Abonament")
        vals.setdefault("journal_id", self.fv.id)
        if vals["journal_id"] is None:
            del vals["journal_id"]
        if lines is None:
            lines = [{"product_id": self.t1.id, "quantity": 1, "price_unit": 100.0}]
        vals["line_ids"] = [Command.create(line) for line in lines]
        template = self.Template.create(vals)
        template.party_ids = [
            Command.create({"kind": "subject", "partner_id": partner.id}) for partner in partners
        ]
        return template

    def generate(self, templates, snapshots=None, **kwargs):
        return self.env["optima.recurring.generator"]._run(templates, snapshots=snapshots, **kwargs)

    def moves(self, template, period=None):
        domain = [("optima_ri_template_id", "=", template.id)]
        if period:
            domain.append(("optima_ri_period_date", "=", period))
        return self.env["account.move"].search(domain, order="id")

    def messages(self, run, level=None):
        lines = run.line_ids
        if level:
            lines = lines.filtered(lambda line: line.level == level)
        return lines.mapped("message")


D = date
