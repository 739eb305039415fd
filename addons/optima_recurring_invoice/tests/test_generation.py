# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Generation (RI-04, RI-07, RI-08, RI-11, RI-14..RI-21) and the §4 scenarios."""

from unittest.mock import patch

import psycopg2
from freezegun import freeze_time

from odoo import Command, sql_db
from odoo.tests import tagged

from ..models import optima_recurring_generator as generator_module
from ..models.optima_recurring_generator import OptimaRecurringGenerator
from ..models.optima_recurring_run import RUN_NAMESPACE
from .common import D, RecurringCase


@tagged("post_install", "-at_install")
class TestGeneration(RecurringCase):
    def _generate_on(self, day, template, **kwargs):
        with freeze_time(f"{day} 10:00:00"):
            return self.generate(template, **kwargs)

    # -------------------------------------------------------------- cycle (RI-04)
    def test_as01_day31_leap_year(self):
        template = self.template([self.a], month_day=31, next_date=D(2028, 1, 31))
        self._generate_on("2028-01-31", template)
        self.assertEqual(template.next_date, D(2028, 2, 29))
        self._generate_on("2028-02-29", template)
        self.assertEqual(template.next_date, D(2028, 3, 31))
        self._generate_on("2028-03-31", template)
        self.assertEqual(template.next_date, D(2028, 4, 30))
        self.assertEqual(len(self.moves(template)), 3)
        self.assertEqual(template.last_generation_date, D(2028, 3, 31))

    def test_as02_day31_common_year(self):
        template = self.template([self.a], month_day=31, next_date=D(2027, 1, 31))
        self._generate_on("2027-01-31", template)
        self.assertEqual(template.next_date, D(2027, 2, 28))
        self._generate_on("2027-02-28", template)
        self.assertEqual(template.next_date, D(2027, 3, 31))

    def test_as03_quarterly_anchor(self):
        with freeze_time("2027-11-01 10:00:00"):
            template = self.template([self.a], interval=3, month_day=30, start_date=D(2027, 11, 30))
        self.assertEqual(template.next_date, D(2027, 11, 30))
        expected = [D(2028, 2, 29), D(2028, 5, 30), D(2028, 8, 30)]
        for day, next_date in zip(
            ["2027-11-30", "2028-02-29", "2028-05-30"], expected, strict=True
        ):
            self._generate_on(day, template)
            self.assertEqual(template.next_date, next_date)

    def test_as06_as07_weekly(self):
        with freeze_time("2025-03-05 10:00:00"):
            weekly = self.template([self.a], cycle_type="weekly", weekday="0", code="W1")
        self._generate_on("2025-03-10", weekly)
        self.assertEqual(weekly.next_date, D(2025, 3, 17))
        with freeze_time("2025-03-03 10:00:00"):
            biweekly = self.template(
                [self.a],
                cycle_type="weekly",
                weekday="4",
                interval=2,
                start_date=D(2025, 3, 7),
                code="W2",
            )
        self.assertEqual(biweekly.next_date, D(2025, 3, 7))
        self._generate_on("2025-03-07", biweekly)
        self.assertEqual(biweekly.next_date, D(2025, 3, 21))
        self._generate_on("2025-03-21", biweekly)
        self.assertEqual(biweekly.next_date, D(2025, 4, 4))

    def test_as11_overdue_catch_up(self):
        template = self.template([self.a], month_day=10, next_date=D(2025, 1, 10))
        with freeze_time("2025-03-05 10:00:00"):
            self.assertTrue(template.is_overdue)
            overdue = self.Template.search([("next_date", "<", D(2025, 3, 5))])
            self.assertIn(template, overdue)
            self.generate(template)
            move = self.moves(template)
            self.assertEqual(move.invoice_date, D(2025, 3, 5))
            self.assertEqual(template.next_date, D(2025, 2, 10))
            template.invalidate_recordset(["is_overdue"])
            self.assertTrue(template.is_overdue)
            self.generate(template)
            self.assertEqual(template.next_date, D(2025, 3, 10))
            template.invalidate_recordset(["is_overdue"])
            self.assertFalse(template.is_overdue)

    # -------------------------------------------------------------- dates (RI-07, RI-08)
    def test_as12_set_day(self):
        cases = [
            ("2018-10-01", 10, D(2018, 10, 10)),
            ("2018-11-10", 1, D(2018, 12, 1)),
            ("2025-02-20", 1, D(2025, 3, 1)),
            ("2025-03-10", 10, D(2025, 3, 10)),
        ]
        for index, (day, month_day, expected) in enumerate(cases):
            template = self.template(
                [self.a],
                code=f"D{index}",
                issue_date_mode="day",
                issue_day=month_day,
                sale_date_mode="day",
                sale_day=month_day,
            )
            self._generate_on(day, template)
            move = self.moves(template)
            self.assertEqual((move.invoice_date, move.taxable_supply_date), (expected, expected))

    def test_as13_last_day_of_previous_month(self):
        template = self.template([self.a], sale_date_mode="prev_month_end")
        self._generate_on("2022-02-02", template)
        move = self.moves(template)
        self.assertEqual(move.invoice_date, D(2022, 2, 2))
        self.assertEqual(move.taxable_supply_date, D(2022, 1, 31))
        template2 = self.template([self.a], code="X2", sale_date_mode="prev_month_end")
        self._generate_on("2028-03-01", template2)
        self.assertEqual(self.moves(template2).taxable_supply_date, D(2028, 2, 29))

    def test_as14_issue_day_clamp(self):
        template = self.template([self.a], issue_date_mode="day", issue_day=31)
        self._generate_on("2027-02-10", template)
        self.assertEqual(self.moves(template).invoice_date, D(2027, 2, 28))

    def test_as15_due_on_month_day(self):
        term14 = self.env["account.payment.term"].create(
            {
                "name": "14 dni",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 100, "nb_days": 14})
                ],
            }
        )
        bank_line = self.fv.inbound_payment_method_line_ids[:1] or self.env[
            "account.payment.method.line"
        ].search([("payment_type", "=", "inbound")], limit=1)
        vals = {
            "payment_mode": "fixed",
            "payment_method_line_id": bank_line.id,
            "payment_term_id": term14.id,
            "due_on_month_day": True,
            "due_month_day": 15,
        }
        for index, (day, expected) in enumerate(
            [("2025-03-05", D(2025, 3, 15)), ("2025-03-15", D(2025, 4, 15))]
        ):
            template = self.template([self.a], code=f"P{index}", **vals)
            self._generate_on(day, template)
            move = self.moves(template)
            self.assertEqual(move.invoice_date_due, expected)
            self.assertFalse(move.invoice_payment_term_id)
        vals["due_on_month_day"] = False
        template = self.template([self.a], code="P9", **vals)
        self._generate_on("2025-03-15", template)
        self.assertEqual(self.moves(template).invoice_date_due, D(2025, 3, 29))

    def test_as16_partner_payment_and_bank_subject(self):
        term14 = self.env["account.payment.term"].create(
            {
                "name": "14 dni",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 100, "nb_days": 14})
                ],
            }
        )
        self.a.property_payment_term_id = term14
        bank = self.env["res.partner"].create({"name": "BNK", "optima_subject_type": "bank"})
        self.company.optima_ri_cash_payment_method_line_id = self.cash_line
        template = self.template([self.a, bank], save_mode="posted")
        run = self._generate_on("2025-03-10", template)
        move_a, move_bank = self.moves(template)
        self.assertEqual(move_a.state, "posted")
        self.assertEqual(move_a.invoice_date_due, D(2025, 3, 24))
        self.assertEqual(move_bank.preferred_payment_method_line_id, self.cash_line)
        self.assertEqual(move_bank.invoice_date_due, D(2025, 3, 10))
        self.assertEqual(move_bank.state, "draft")
        self.assertIn(
            "Invoice for BNK saved as draft: cash payment due immediately cannot be posted.",
            self.messages(run),
        )

    # -------------------------------------------------------------- currency (RI-18)
    def _eur(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        rates = self.env["res.currency.rate"]
        rates.search([("currency_id", "=", eur.id)]).unlink()
        for day, rate in (("2025-02-27", 4.1493), ("2025-02-28", 4.1613), ("2025-03-03", 4.18)):
            rates.create(
                {
                    "currency_id": eur.id,
                    "name": day,
                    "rate": 1 / rate,
                    "company_id": self.company.id,
                }
            )
        return eur

    def test_as17_default_foreign_rate(self):
        eur = self._eur()
        template = self.template(
            [self.a],
            currency_id=eur.id,
            sale_date_mode="prev_month_end",
            lines=[{"product_id": self.t1.id, "quantity": 2, "price_unit": 100.0}],
        )
        self._generate_on("2025-03-03", template)
        move = self.moves(template)
        self.assertEqual(move.currency_id, eur)
        self.assertEqual(move.optima_ri_rate_date, D(2025, 2, 27))
        self.assertAlmostEqual(1 / move.invoice_currency_rate, 4.1493, places=4)
        self.assertAlmostEqual(move.amount_untaxed, 200.0)
        self.assertAlmostEqual(move.amount_untaxed_signed, 829.86)

    def test_as18_manual_rate(self):
        eur = self._eur()
        template = self.template(
            [self.a],
            currency_id=eur.id,
            rate_type="manual",
            manual_rate=4.3,
            lines=[{"product_id": self.t1.id, "quantity": 2, "price_unit": 100.0}],
        )
        self._generate_on("2025-03-03", template)
        move = self.moves(template)
        self.assertAlmostEqual(move.invoice_currency_rate, 0.232558, places=6)
        self.assertAlmostEqual(move.amount_untaxed_signed, 860.0)

    def test_as19_missing_rate_in_automaton(self):
        usd = self.env.ref("base.USD")
        usd.active = True
        self.env["res.currency.rate"].search([("currency_id", "=", usd.id)]).unlink()
        self.company.write({"optima_ri_auto_enabled": True, "optima_ri_auto_user_id": self.user.id})
        t_usd = self.template(
            [self.a], code="T-USD", currency_id=usd.id, auto_generate=True, next_date=D(2025, 3, 10)
        )
        t_pln = self.template([self.a], code="T-PLN", auto_generate=True, next_date=D(2025, 3, 10))
        with freeze_time("2025-03-10 09:00:00"):
            self.env["optima.recurring.generator"]._cron_automaton()
        self.assertFalse(self.moves(t_usd))
        self.assertEqual(t_usd.next_date, D(2025, 3, 10))
        self.assertEqual(len(self.moves(t_pln)), 1)
        run = self.env["optima.recurring.run"].search([("origin", "=", "auto")], limit=1)
        self.assertIn(
            "No USD rate on 09.03.2025 or earlier – invoices of template T-USD were not generated.",
            self.messages(run, "error"),
        )

    def test_as20_rate_dialog(self):
        eur = self._eur()
        self.company.optima_ri_show_rate_dialog = True
        t_eur = self.template([self.a], code="E", currency_id=eur.id)
        t_pln = self.template([self.a], code="P")
        with freeze_time("2025-03-04 10:00:00"):
            action = (t_eur | t_pln).action_generate()
            wizard = self.env[action["res_model"]].browse(action["res_id"])
            row_e, row_p = wizard.line_ids
            self.assertTrue(row_e.show_rate)
            self.assertFalse(row_p.show_rate)
            self.assertEqual(row_e.rate_type, "default")
            self.assertEqual(row_e.rate_date, D(2025, 3, 3))
            self.assertAlmostEqual(row_e.rate, 4.18, places=4)
            row_e.write({"rate_type": "manual", "rate": 4.2})
            wizard.action_confirm()
        move = self.moves(t_eur)
        self.assertAlmostEqual(1 / move.invoice_currency_rate, 4.2, places=4)
        self.assertEqual(t_eur.rate_type, "default")
        self.company.optima_ri_show_rate_dialog = False
        action = t_eur.action_generate()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertFalse(wizard.line_ids.show_rate)

    # -------------------------------------------------------------- prices (RI-10, RI-15)
    def test_as21_partner_price_in_eur(self):
        eur = self._eur()
        self.env["res.currency.rate"].create(
            {
                "currency_id": eur.id,
                "name": "2025-03-09",
                "rate": 1 / 4.5101,
                "company_id": self.company.id,
            }
        )
        t4 = self._product("T4", 451.01)
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Minus 10",
                "currency_id": self.pln.id,
                "item_ids": [
                    Command.create(
                        {
                            "compute_price": "percentage",
                            "percent_price": 10,
                            "applied_on": "3_global",
                        }
                    )
                ],
            }
        )
        self.a.property_product_pricelist = pricelist
        template = self.template(
            [self.a],
            currency_id=eur.id,
            lines=[{"product_id": t4.id, "price_mode": "partner"}],
        )
        self._generate_on("2025-03-10", template)
        self.assertAlmostEqual(self.moves(template).invoice_line_ids.price_unit, 90.0)

    def test_as22_price_group_ignores_discounts(self):
        wholesale = self.env["product.pricelist"].create(
            {
                "name": "Hurtowa",
                "currency_id": self.pln.id,
                "item_ids": [
                    Command.create(
                        {
                            "compute_price": "fixed",
                            "fixed_price": 40,
                            "applied_on": "0_product_variant",
                            "product_id": self.t1.id,
                        }
                    )
                ],
            }
        )
        discount = self.env["product.pricelist"].create(
            {
                "name": "Minus 10",
                "item_ids": [
                    Command.create(
                        {
                            "compute_price": "percentage",
                            "percent_price": 10,
                            "applied_on": "3_global",
                        }
                    )
                ],
            }
        )
        self.a.property_product_pricelist = discount
        template = self.template(
            [self.a],
            lines=[
                {"product_id": self.t1.id, "price_mode": "pricelist", "pricelist_id": wholesale.id}
            ],
        )
        self._generate_on("2025-03-10", template)
        self.assertAlmostEqual(self.moves(template).invoice_line_ids.price_unit, 40.0)

    def test_as23_gross_basis(self):
        template = self.template(
            [self.a],
            price_basis="gross",
            lines=[{"product_id": self.t1.id, "price_unit": 123.0}],
        )
        self._generate_on("2025-03-10", template)
        line = self.moves(template).invoice_line_ids
        self.assertAlmostEqual(line.price_unit, 100.0)
        self.assertAlmostEqual(line.price_total, 123.0)

    def test_as35_zero_prices(self):
        template = self.template(
            [self.a],
            lines=[
                {"product_id": self.t1.id, "price_unit": 100.0},
                {"product_id": self.t2.id, "price_unit": 0.0},
            ],
        )
        self._generate_on("2025-03-10", template)
        self.assertEqual(self.moves(template).invoice_line_ids.product_id, self.t1)
        zero = self.template(
            [self.a],
            code="ZERO",
            lines=[
                {"product_id": self.t1.id, "price_unit": 0.0},
                {"product_id": self.t2.id, "price_unit": 0.0},
            ],
        )
        run = self._generate_on("2025-03-10", zero)
        self.assertFalse(self.moves(zero))
        self.assertIn(
            "Skipped A: no lines to invoice (zero-price lines skipped).", self.messages(run)
        )
        self.company.optima_ri_keep_zero_price_lines = True
        keep = self.template(
            [self.a],
            code="KEEP",
            lines=[
                {"product_id": self.t1.id, "price_unit": 100.0},
                {"product_id": self.t2.id, "price_unit": 0.0},
            ],
        )
        self._generate_on("2025-03-10", keep)
        self.assertEqual(self.moves(keep).invoice_line_ids.mapped("price_unit"), [100.0, 0.0])

    # -------------------------------------------------------------- names (RI-17)
    def test_as32_macro_at_year_boundary(self):
        template = self.template(
            [self.a],
            lines=[{"product_id": self.t1.id, "price_unit": 10, "name": "Abonament za @PMSL @ROK"}],
        )
        self.assertEqual(template.line_ids.name, "Abonament za @PMSL @ROK")
        self._generate_on("2019-01-15", template)
        self.assertEqual(self.moves(template).invoice_line_ids.name, "Abonament za grudzień 2018")

    def test_as33_all_macros(self):
        template = self.template(
            [self.a],
            sale_date_mode="fixed",
            sale_date=D(2025, 5, 20),
            lines=[
                {
                    "product_id": self.t1.id,
                    "price_unit": 10,
                    "name": "@PM/@MC/@NM @PMSL|@MCSL|@NMSL @KWARTAL @PROK-@ROK-@NROK",
                }
            ],
        )
        self._generate_on("2025-05-22", template)
        self.assertEqual(
            self.moves(template).invoice_line_ids.name,
            "04/05/06 kwiecień|maj|czerwiec II 2024-2025-2026",
        )

    def test_as34_name_from_product(self):
        self.company.optima_ri_name_from_product = True
        self.t1.name = "Abonament serwisowy"
        template = self.template(
            [self.a],
            lines=[{"product_id": self.t1.id, "price_unit": 10, "name": "Abonament za @PMSL @ROK"}],
        )
        self._generate_on("2019-01-15", template)
        self.assertEqual(self.moves(template).invoice_line_ids.name, "Abonament serwisowy")

    # -------------------------------------------------------------- subjects (RI-09, RI-11)
    def test_as25_inactive_contractor(self):
        template = self.template([self.a, self.b, self.c], next_date=D(2025, 3, 1))
        self.b.action_archive()
        run = self._generate_on("2025-03-10", template)
        self.assertEqual(self.moves(template).partner_id.mapped("name"), ["A", "C"])
        self.assertIn("Skipped B: the subject is inactive.", self.messages(run))
        self.assertEqual(template.next_date, D(2025, 4, 1))

    def test_as26_contract_period_vs_sale_date(self):
        with freeze_time("2025-03-01"):
            template = self.template([self.a])
            template.party_ids = [
                Command.create({"partner_id": self.c.id, "date_to": D(2025, 3, 31)})
            ]
        run = self._generate_on("2025-04-01", template)
        self.assertNotIn(self.c, self.moves(template).partner_id)
        self.assertIn(
            "Skipped C: sale date 01.04.2025 is outside the contract period.",
            self.messages(run),
        )
        template.write({"sale_date_mode": "prev_month_end", "next_date": D(2025, 4, 1)})
        self.moves(template).button_cancel()
        self._generate_on("2025-04-01", template)
        self.assertIn(
            self.c, self.moves(template).filtered(lambda m: m.state == "draft").partner_id
        )

    def test_as36_groups_individual_rows_priority_order(self):
        vip = self.env["res.partner.category"].create({"name": "VIP", "optima_code": "VIP"})
        partner = self.env["res.partner"]
        k3 = partner.create({"name": "Zeta", "ref": "K003", "category_id": vip.ids})
        k1 = partner.create({"name": "Alfa", "ref": "K001", "category_id": vip.ids})
        k2 = partner.create({"name": "Beta", "ref": "K002", "category_id": vip.ids})
        partner.create({"name": "Gone", "ref": "K000", "category_id": vip.ids, "active": False})
        template = self.template(
            [],
            save_mode="posted",
            lines=[{"product_id": self.t1.id, "qty_mode": "individual", "price_unit": 10}],
        )
        template.party_ids = [
            Command.create({"kind": "group", "category_id": vip.id}),
            Command.create({"kind": "subject", "partner_id": k2.id}),
        ]
        values = template.line_ids.value_ids
        values.filtered(lambda v: v.party_id.kind == "group").quantity = 2
        values.filtered(lambda v: v.party_id.kind == "subject").quantity = 5
        self._generate_on("2025-03-10", template)
        moves = self.moves(template)
        self.assertEqual(moves.partner_id, k2 | k1 | k3)
        self.assertEqual([m.partner_id for m in moves], [k2, k1, k3])
        self.assertEqual(moves.invoice_line_ids.mapped("quantity"), [5.0, 2.0, 2.0])
        self.assertEqual(moves.mapped("state"), ["posted"] * 3)
        self.assertEqual(moves.sorted("name").partner_id.ids, [k2.id, k1.id, k3.id])

    def test_individual_zero_quantity_omits_line(self):
        template = self.template(
            [self.a, self.b],
            lines=[
                {"product_id": self.t1.id, "price_unit": 10},
                {"product_id": self.t2.id, "qty_mode": "individual", "price_unit": 5},
            ],
        )
        value_b = template.line_ids.value_ids.filtered(lambda v: v.party_id.partner_id == self.b)
        value_b.quantity = 3
        run = self._generate_on("2025-03-10", template)
        move_a, move_b = self.moves(template)
        self.assertEqual(move_a.invoice_line_ids.product_id, self.t1)
        self.assertEqual(move_b.invoice_line_ids.mapped("quantity"), [1.0, 3.0])
        self.assertIn(
            "Skipped line T2 for A: no individual quantity.",
            [m.replace("[T2] ", "") for m in self.messages(run)],
        )

    # -------------------------------------------------------------- locks (RI-19)
    def test_as28_lock_parameter(self):
        self.company.optima_ri_block_other_date = True
        t1 = self.template([self.a], code="T1", next_date=D(2025, 3, 10))
        t2 = self.template([self.a], code="T2", next_date=D(2025, 3, 10))
        t3 = self.template([self.a], code="T3", next_date=D(2025, 3, 11))
        run = self._generate_on("2025-03-10", t1 | t2 | t3)
        self.assertEqual(len(self.moves(t1)), 1)
        self.assertEqual(len(self.moves(t2)), 1)
        self.assertFalse(self.moves(t3))
        self.assertEqual(
            self.messages(run, "error"),
            [
                (
                    "Documents will not be generated. The template's generation date "
                    "11.03.2025 differs from the current date."
                )
            ],
        )

    def test_as29_concurrent_generation(self):
        """A second user: the row/advisory lock held elsewhere gives P15; a stale
        snapshot gives P16; the key makes a duplicate impossible."""
        template = self.template([self.a, self.b], month_day=10, next_date=D(2025, 3, 10))
        with self.registry.cursor() as other:
            other.execute("SELECT pg_advisory_lock(%s, %s)", (71_150, template.id))
            try:
                run = self._generate_on("2025-03-10", template)
            finally:
                other.execute("SELECT pg_advisory_unlock(%s, %s)", (71_150, template.id))
        self.assertIn("is being generated by another user", self.messages(run, "error")[0])
        self.assertFalse(self.moves(template))
        snapshot = {template.id: template.next_date}
        self._generate_on("2025-03-10", template, snapshots=snapshot)
        run = self._generate_on("2025-03-10", template, snapshots=snapshot)
        self.assertEqual(
            self.messages(run, "error"),
            [
                (
                    "Template ABON has changed in the meantime (generation date: 10.04.2025). "
                    "Refresh the list and try again."
                )
            ],
        )
        self.assertEqual(len(self.moves(template, D(2025, 3, 10))), 2)
        self.assertEqual(template.next_date, D(2025, 4, 10))

    def test_unique_key_blocks_duplicates(self):
        template = self.template([self.a], next_date=D(2025, 3, 10))
        self._generate_on("2025-03-10", template)
        move = self.moves(template)
        with self.assertRaises(psycopg2.errors.UniqueViolation), self.env.cr.savepoint():
            move.copy(
                {"optima_ri_template_id": template.id, "optima_ri_period_date": D(2025, 3, 10)}
            )
            self.env.flush_all()

    def test_as31_regeneration_after_manual_reset(self):
        template = self.template([self.a, self.b], month_day=10, next_date=D(2025, 3, 10))
        self._generate_on("2025-03-10", template)
        move_a, move_b = self.moves(template)
        move_a.action_post()
        move_b.unlink()
        template.next_date = D(2025, 3, 10)
        run = self._generate_on("2025-03-11", template)
        moves = self.moves(template)
        self.assertEqual(len(moves), 2)
        self.assertEqual(moves[1].partner_id, self.b)
        self.assertIn(
            f"Skipped A: the invoice for period 10.03.2025 has already been generated "
            f"({move_a.name}).",
            self.messages(run),
        )
        self.assertEqual(template.next_date, D(2025, 4, 10))

    def test_as30_crash_and_retry(self):
        """T2 fails while being built: its invoices roll back, T1 and T3 stay generated;
        the retried cron does not touch T1 again and generates T2 once."""
        self.company.write({"optima_ri_auto_enabled": True, "optima_ri_auto_user_id": self.user.id})
        templates = [
            self.template([self.a, self.b], code=code, auto_generate=True, next_date=D(2025, 3, 10))
            for code in ("T1", "T2", "T3")
        ]
        t1, t2, t3 = templates
        original = OptimaRecurringGenerator._save

        def crash_on_t2(generator, context, moves):
            if context.template == t2:
                raise OSError("killed")
            return original(generator, context, moves)

        cron = self.env["optima.recurring.generator"]
        crashed = False
        # Without a savepoint around the call: what T1 did stays, as if committed
        # by _commit_progress before the worker died while building T2.
        with (
            freeze_time("2025-03-10 09:00:00"),
            patch.object(OptimaRecurringGenerator, "_save", crash_on_t2),
        ):
            try:
                cron._cron_automaton()
            except OSError:
                crashed = True
        self.assertTrue(crashed)
        self.assertEqual(len(self.moves(t1)), 2)
        self.assertFalse(self.moves(t2), "no partial T2 invoice survives")
        self.assertEqual(t2.next_date, D(2025, 3, 10))
        self.assertFalse(self.moves(t3))
        with freeze_time("2025-03-10 09:15:00"):
            cron._cron_automaton()
        self.assertEqual(len(self.moves(t1)), 2, "T1 is not generated again")
        self.assertEqual(len(self.moves(t2)), 2)
        self.assertEqual(len(self.moves(t3)), 2)
        with freeze_time("2025-03-10 09:30:00"):
            cron._cron_automaton()
        self.assertEqual(len(self.moves(t1) | self.moves(t2) | self.moves(t3)), 6)

    def test_bad_template_does_not_stop_others(self):
        self.fv.copy({"name": "FV2", "code": "FV2"})
        t1 = self.template([self.a], code="T1")
        t2 = self.template([], code="T2")
        t3 = self.template([self.b], code="T3")
        run = self._generate_on("2025-03-10", t1 | t2 | t3)
        self.assertEqual(len(self.moves(t1)), 1)
        self.assertEqual(len(self.moves(t3)), 1)
        self.assertEqual(
            self.messages(run, "error"),
            ["Template T2 has no subjects or lines – no invoices were generated."],
        )
        self.assertEqual(run.summary, "Invoices generated: 2, skipped: 0, errors: 1.")

    def test_inactive_template(self):
        template = self.template([self.a])
        template.action_archive()
        run = self._generate_on("2025-03-10", template)
        self.assertEqual(
            self.messages(run, "error"), ["Template ABON is inactive – no invoices were generated."]
        )

    def test_inactive_template_from_the_wizard(self):
        """An archived template selected in the wizard is refused with P18, not skipped."""
        template = self.template([self.a])
        template.action_archive()
        action = template.action_generate()
        with freeze_time("2025-03-10 10:00:00"):
            result = self.env[action["res_model"]].browse(action["res_id"]).action_confirm()
        run = self.env["optima.recurring.run"].browse(result["res_id"])
        self.assertEqual(
            self.messages(run, "error"), ["Template ABON is inactive – no invoices were generated."]
        )
        self.assertEqual(run.state, "done")

    def test_as56_inactive_numbering_scheme(self):
        fv2 = self.env["account.journal"].create({"name": "FV2", "code": "FV2", "type": "sale"})
        template = self.template([self.a], journal_id=fv2.id, next_date=D(2025, 3, 10))
        fv2.active = False
        run = self._generate_on("2025-03-10", template)
        self.assertFalse(self.moves(template))
        self.assertEqual(
            self.messages(run, "error"),
            ["Invoices will not be generated. Numbering scheme FV2 of template ABON is inactive."],
        )
        self.assertEqual(template.next_date, D(2025, 3, 10))

    # -------------------------------------------------------------- automaton (RI-21)
    def test_as54_automaton_schedule(self):
        self.company.write(
            {
                "optima_ri_auto_enabled": True,
                "optima_ri_auto_user_id": self.user.id,
                "optima_ri_auto_hour": 6.0,
            }
        )
        t1 = self.template([self.a], code="T1", auto_generate=True, next_date=D(2025, 3, 10))
        t2 = self.template([self.a], code="T2", next_date=D(2025, 3, 10))
        cron = self.env["optima.recurring.generator"]
        with freeze_time("2025-03-10 04:45:00"):  # 05:45 in Warsaw
            cron._cron_automaton()
        self.assertFalse(self.moves(t1))
        with freeze_time("2025-03-10 05:00:00"):
            cron._cron_automaton()
        move = self.moves(t1)
        self.assertEqual(len(move), 1)
        self.assertEqual(move.create_uid, self.user)
        self.assertEqual(move.invoice_user_id, self.user)
        self.assertEqual(t1.last_auto_date, D(2025, 3, 10))
        t1.next_date = D(2025, 3, 10)  # even if due again, one period a day
        with freeze_time("2025-03-10 05:15:00"):
            cron._cron_automaton()
        self.assertEqual(len(self.moves(t1)), 1)
        self.assertFalse(self.moves(t2))

    def test_automaton_catches_up_one_period_a_day(self):
        self.company.write({"optima_ri_auto_enabled": True, "optima_ri_auto_user_id": self.user.id})
        t1 = self.template(
            [self.a], code="T1", auto_generate=True, month_day=10, next_date=D(2025, 1, 10)
        )
        for day in ("2025-03-10", "2025-03-11"):
            with freeze_time(f"{day} 09:00:00"):
                self.env["optima.recurring.generator"]._cron_automaton()
        self.assertEqual(
            self.moves(t1).mapped("optima_ri_period_date"), [D(2025, 1, 10), D(2025, 2, 10)]
        )
        self.assertEqual(t1.next_date, D(2025, 3, 10))

    # -------------------------------------------------------------- lists (RI-01, RI-25)
    def test_as60_today_lists(self):
        t1 = self.template([self.a], code="T1", next_date=D(2025, 3, 10))
        t2 = self.template([self.a], code="T2", next_date=D(2025, 3, 9))
        t3 = self.template([self.a], code="T3", next_date=D(2025, 3, 11))
        with freeze_time("2025-03-10 10:00:00"):
            templates = t1 | t2 | t3
            today = self.Template.search(
                [("id", "in", templates.ids), ("next_date", "=", D(2025, 3, 10))]
            )
            self.assertEqual(today, t1)
            self.assertEqual(templates.filtered("is_overdue"), t2)
            panel = self.Template.search(
                self.Template._today_domain() + [("id", "in", templates.ids)]
            )
            self.assertEqual(panel, t1)
            tiles = {p["key"]: p for p in self.env["optima.crm.current.info"].get_panels()}
            self.assertIn("recurring_invoices_today", tiles)
            self.assertIn(t1.id, [row["id"] for row in tiles["recurring_invoices_today"]["rows"]])
            self.generate(t1)
            panel = self.Template.search(
                self.Template._today_domain() + [("id", "in", templates.ids)]
            )
            self.assertFalse(panel)

    def test_as53_reminder(self):
        template = self.template(
            [self.a],
            code="ABON",
            reminder=True,
            reminder_days=3,
            next_date=D(2025, 3, 10),
            user_id=self.user.id,
        )

        def reminders():
            return self.env["mail.activity"].search(
                [("res_model", "=", template._name), ("res_id", "=", template.id)]
            )

        with freeze_time("2025-03-06 08:00:00"):
            self.Template._cron_reminders()
        self.assertFalse(reminders())
        with freeze_time("2025-03-07 08:00:00"):
            self.Template._cron_reminders()
        activity = reminders()
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.user)
        self.assertEqual(activity.date_deadline, D(2025, 3, 10))
        self.assertEqual(activity.summary, "Generate recurring invoices: ABON (10.03.2025)")
        with freeze_time("2025-03-08 08:00:00"):
            self.Template._cron_reminders()
        self.assertEqual(len(reminders()), 1)
        self._generate_on("2025-03-10", template)
        self.assertFalse(reminders())
        done = self.env["mail.message"].search(
            [
                ("model", "=", template._name),
                ("res_id", "=", template.id),
                ("mail_activity_type_id", "!=", False),
            ]
        )
        self.assertTrue(done, "the reminder was marked done")

    def test_documents_tab(self):
        template = self.template([self.a, self.b])
        self._generate_on("2025-03-10", template)
        self.assertEqual(template.move_count, 2)
        action = template.action_view_documents()
        self.assertEqual(self.env["account.move"].search(action["domain"]), template.move_ids)

    def test_automaton_rechecks_selection_under_lock(self):
        """A second worker that selected T1 before the first committed finds it done."""
        self.company.write({"optima_ri_auto_enabled": True, "optima_ri_auto_user_id": self.user.id})
        t1 = self.template(
            [self.a], code="T1", auto_generate=True, month_day=10, next_date=D(2025, 1, 10)
        )
        generator = self.env["optima.recurring.generator"].with_user(self.user)
        with freeze_time("2025-03-10 09:00:00"):
            selected = generator._automaton_templates(self.company)
            self.env["optima.recurring.generator"]._cron_automaton()
            run = self.env["optima.recurring.run"].create({"origin": "auto"})
            self.assertFalse(generator._process_template(selected, run, automaton=True))
        self.assertEqual(len(self.moves(t1)), 1)
        self.assertIn("has changed in the meantime", self.messages(run, "error")[0])

    def test_large_manual_run_continues_in_background(self):
        """RI-14: above 500 recipients the wizard starts a run the cron finishes."""
        tag = self.env["res.partner.category"].create({"name": "Duża grupa"})
        self.env["res.partner"].create(
            [{"name": f"K{i:03d}", "ref": f"K{i:03d}", "category_id": tag.ids} for i in range(501)]
        )
        template = self.template([], month_day=10, next_date=D(2025, 3, 10))
        template.party_ids = [Command.create({"kind": "group", "category_id": tag.id})]
        with freeze_time("2025-03-10 10:00:00"):
            action = template.action_generate()
            wizard = self.env[action["res_model"]].browse(action["res_id"])
            result = wizard.action_confirm()
            run = self.env["optima.recurring.run"].browse(result["res_id"])
            self.assertEqual(run.state, "running")
            self.assertFalse(self.moves(template))
            self.env["optima.recurring.run"]._cron_background_runs()
        self.assertEqual(run.state, "done")
        self.assertEqual(len(self.moves(template)), 501)
        self.assertEqual(template.next_date, D(2025, 4, 10))

    def test_ri14_selection_over_the_limit_continues_in_background(self):
        """RI-14: templates are generated in the request while the selection stays within
        the limit (500, set to 5 here); the rest goes to a triggered cron, the dialog shows
        the run "in progress", and the user reopens it from the generation log."""
        Run = self.env["optima.recurring.run"]
        self.assertEqual(Run._background_limit(), 500)
        self.env["ir.config_parameter"].set_param("optima_recurring_invoice.background_limit", 5)
        t1 = self.template([self.a, self.b, self.c], code="T1", month_day=10)
        t2 = self._group_template(4, code="T2")
        t3 = self.template([self.a, self.b], code="T3", month_day=10)
        for template in t1 | t3:
            template.next_date = D(2025, 3, 10)
        cron = self.env.ref("optima_recurring_invoice.ir_cron_recurring_background")
        triggers = self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)])
        with freeze_time("2025-03-10 10:00:00"):
            action = (t1 | t2 | t3).with_user(self.user).action_generate()
            wizard = self.env[action["res_model"]].with_user(self.user).browse(action["res_id"])
            result = wizard.action_confirm()
        run = Run.browse(result["res_id"])
        self.assertEqual(
            result["views"][0][0],
            self.env.ref("optima_recurring_invoice.optima_recurring_run_view_form_result").id,
        )
        self.assertEqual(run.state, "running")
        self.assertEqual(
            dict(run._fields["state"]._description_selection(self.env))["running"], "In progress"
        )
        self.assertEqual(len(self.moves(t1)), 3, "3 recipients fit in the request")
        self.assertFalse(self.moves(t2) | self.moves(t3), "3 + 4 > 5: the rest waits")
        self.assertEqual(run.pending_template_ids, t2 | t3)
        self.assertEqual(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]), triggers + 1
        )
        # Reopening from the log: the user's own manual runs, the run in progress first.
        log = self.env["ir.actions.act_window"]._for_xml_id(
            "optima_recurring_invoice.action_optima_recurring_run_log"
        )
        self.assertEqual(log["context"], "{'search_default_mine': 1, 'search_default_manual': 1}")
        mine = Run.with_user(self.user).search(
            [("user_id", "=", self.user.id), ("origin", "=", "manual")]
        )
        self.assertEqual(mine[:1], run)
        with freeze_time("2025-03-10 10:05:00"):
            Run._cron_background_runs()
        self.assertEqual(run.state, "done")
        self.assertFalse(run.pending_template_ids)
        self.assertEqual(len(self.moves(t2)), 4)
        self.assertEqual(len(self.moves(t3)), 2)
        self.assertLess(max(self.moves(t2).ids), min(self.moves(t3).ids), "list order kept")
        self.assertEqual(self.moves(t2).create_uid, self.user, "continued as the user")
        self.assertEqual((t1 | t2 | t3).mapped("next_date"), [D(2025, 4, 10)] * 3)
        self.assertEqual(run.summary, "Invoices generated: 9, skipped: 0, errors: 0.")
        # Two runs waiting at once: one cron call finishes both.
        waiting = [
            Run.with_user(self.user)._run_manual([(t, t.next_date, None)])
            for t in (self._group_template(6, code="T4"), self._group_template(6, code="T5"))
        ]
        self.assertEqual([r.state for r in waiting], ["running", "running"])
        with freeze_time("2025-03-10 10:10:00"):
            Run._cron_background_runs()
        self.assertEqual([r.state for r in waiting], ["done", "done"])
        reopened = run.with_user(self.user).action_open_result()
        self.assertEqual((reopened["res_model"], reopened["res_id"]), (run._name, run.id))

    def test_ri14_background_leaves_a_live_run_and_finishes_a_dead_one(self):
        """RI-14: while a request executes a run (its lock held by another connection
        here), the background cron leaves it alone: no invoice, no "busy" error. Once
        that connection is gone, as when the request's process dies, the cron finishes
        the run."""
        Run = self.env["optima.recurring.run"]
        self.env["ir.config_parameter"].set_param("optima_recurring_invoice.background_limit", 1)
        template = self._group_template(3, code="T6")
        with freeze_time("2025-03-10 10:00:00"):
            run = Run.with_user(self.user)._run_manual([(template, template.next_date, None)])
        self.assertEqual(run.state, "running")
        # A session of its own, outside Odoo's pool: closing it ends it, as a dying
        # process does (a pooled connection would keep its session and the lock).
        _name, params = sql_db.connection_info_for(self.env.cr.dbname)
        request = psycopg2.connect(**params)
        try:
            request.cursor().execute("SELECT pg_advisory_lock(%s, %s)", (RUN_NAMESPACE, run.id))
            with freeze_time("2025-03-10 10:05:00"):
                Run._cron_background_runs()
            self.assertEqual(run.state, "running")
            self.assertEqual(run.pending_template_ids, template)
            self.assertFalse(self.moves(template))
            self.assertFalse(run.line_ids, "no busy error logged on the live run")
        finally:
            request.close()
        with freeze_time("2025-03-10 10:10:00"):
            Run._cron_background_runs()
        self.assertEqual(run.state, "done")
        self.assertEqual(len(self.moves(template)), 3)
        self.assertEqual(run.summary, "Invoices generated: 3, skipped: 0, errors: 0.")

    def _group_template(self, size, **vals):
        tag = self.env["res.partner.category"].create({"name": f"Grupa {size}"})
        self.env["res.partner"].create(
            [{"name": f"G{i:02d}", "ref": f"G{i:02d}", "category_id": tag.ids} for i in range(size)]
        )
        template = self.template([], month_day=10, next_date=D(2025, 3, 10), **vals)
        template.party_ids = [Command.create({"kind": "group", "category_id": tag.id})]
        return template

    def test_automaton_commits_big_templates_in_chunks(self):
        """RI-19 step 1: chunks of CHUNK recipients, the period closes with the last."""
        self.company.write({"optima_ri_auto_enabled": True, "optima_ri_auto_user_id": self.user.id})
        template = self._group_template(5, auto_generate=True)
        commits = []
        original = OptimaRecurringGenerator._commit

        def count_commit(generator, cron, remaining):
            commits.append(remaining)
            return original(generator, cron, remaining)

        with (
            patch.object(generator_module, "CHUNK", 2),
            patch.object(OptimaRecurringGenerator, "_commit", count_commit),
            freeze_time("2025-03-10 09:00:00"),
        ):
            self.env["optima.recurring.generator"]._cron_automaton()
        self.assertEqual(len(self.moves(template)), 5)
        self.assertEqual(commits.count(None), 3, "two chunk commits and the final one")
        self.assertFalse(template.in_progress_period)
        self.assertEqual(template.next_date, D(2025, 4, 10))

    def test_interrupted_period_is_resumed(self):
        """A crash after a committed chunk: the next run finishes that period once."""
        template = self._group_template(5)
        run = self.env["optima.recurring.run"].create({})
        with freeze_time("2025-03-10 10:00:00"):
            moves, done = self.env["optima.recurring.generator"]._generate_template(
                template, run, chunk=2
            )
        self.assertFalse(done)
        self.assertEqual(len(moves), 2)
        self.assertEqual(template.in_progress_period, D(2025, 3, 10))
        self.assertEqual(template.next_date, D(2025, 3, 10))
        template.next_date = D(2025, 3, 10)  # the user cannot move it away meanwhile
        run = self._generate_on("2025-03-11", template)
        self.assertEqual(len(self.moves(template, D(2025, 3, 10))), 5)
        self.assertEqual(template.next_date, D(2025, 4, 10))
        self.assertFalse(template.in_progress_period)
        resumed = [m for m in self.messages(run, "info") if "before the interruption" in m]
        self.assertEqual(len(resumed), 2)
        self.assertFalse(self.messages(run, "warning"))

    def test_posting_failure_leaves_draft(self):
        """RI-16 [P23]: an invoice that cannot be posted stays in draft, logged; the
        others are posted and the period still advances."""
        income = self.env["account.account"].create(
            {"name": "Przychody archiwalne", "code": "799999", "account_type": "income"}
        )
        broken = self._product("T9", 30.0)
        broken.property_account_income_id = income
        template = self.template(
            [self.a, self.b],
            save_mode="posted",
            month_day=10,
            next_date=D(2025, 3, 10),
            lines=[{"product_id": self.t1.id, "price_unit": 10}],
        )
        value_line = template.line_ids
        value_line.write({"qty_mode": "individual"})
        value_line.value_ids.write({"quantity": 1})
        template.line_ids = [
            Command.create({"product_id": broken.id, "qty_mode": "individual", "price_unit": 30})
        ]
        broken_values = template.line_ids[1].value_ids
        broken_values.filtered(lambda v: v.party_id.partner_id == self.b).quantity = 1
        income.active = False
        run = self._generate_on("2025-03-10", template)
        move_a, move_b = self.moves(template)
        self.assertEqual(move_a.state, "posted")
        self.assertEqual(move_b.state, "draft")
        self.assertIn(
            "Invoice for B left in draft: The account Przychody archiwalne (799999) is archived.",
            self.messages(run, "warning"),
        )
        self.assertEqual(template.next_date, D(2025, 4, 10))

    def test_category_fixed_and_contractor(self):
        """RI-06 Kategoria: ustalona puts the template's distribution on every line;
        kontrahenta gives K subjects Odoo's distribution model and others none."""
        plan = self.env["account.analytic.plan"].create({"name": "Działy"})
        sales = self.env["account.analytic.account"].create(
            {"name": "Sprzedaż", "plan_id": plan.id}
        )
        rent = self.env["account.analytic.account"].create({"name": "Najem", "plan_id": plan.id})
        self.env["account.analytic.distribution.model"].create(
            {"partner_id": self.a.id, "analytic_distribution": {str(rent.id): 100}}
        )
        employee = self.env["res.partner"].create(
            {"name": "Pracownik", "optima_subject_type": "employee"}
        )
        self.env["account.analytic.distribution.model"].create(
            {"partner_id": employee.id, "analytic_distribution": {str(rent.id): 100}}
        )
        fixed = self.template(
            [self.a], code="FIX", category_mode="fixed", analytic_distribution={str(sales.id): 100}
        )
        by_partner = self.template([self.a, employee], code="KON")
        self._generate_on("2025-03-10", fixed | by_partner)
        self.assertEqual(
            self.moves(fixed).invoice_line_ids.analytic_distribution, {str(sales.id): 100}
        )
        move_a, move_employee = self.moves(by_partner)
        self.assertEqual(move_a.invoice_line_ids.analytic_distribution, {str(rent.id): 100})
        self.assertFalse(move_employee.invoice_line_ids.analytic_distribution)

    def test_ri19_manual_run_commits_per_template(self):
        """RI-19: the wizard commits each template on its own, like the cron: a worker
        that dies while building T2 keeps T1's invoices and its log; T2 leaves nothing."""
        t1, t2 = (
            self.template([self.a, self.b], code=code, month_day=10, next_date=D(2025, 3, 10))
            for code in ("T1", "T2")
        )
        action = (t1 | t2).action_generate()
        original = OptimaRecurringGenerator._save

        def crash_on_t2(generator, context, moves):
            if context.template == t2:
                raise OSError("killed")
            return original(generator, context, moves)

        crashed = False
        # Not assertRaises: it would roll back to its own savepoint. A request cursor
        # commits for real (savepoint releases); the crash rolls back what followed.
        with (
            freeze_time("2025-03-10 10:00:00"),
            patch.object(OptimaRecurringGenerator, "_save", crash_on_t2),
            self.enter_registry_test_mode(),
        ):
            try:
                with self.registry.cursor() as cr:
                    wizard = self.env(cr=cr)[action["res_model"]].browse(action["res_id"])
                    wizard.action_confirm()
            except OSError:
                crashed = True
        self.assertTrue(crashed)
        self.assertEqual(len(self.moves(t1)), 2, "T1 was committed before T2 started")
        self.assertEqual(t1.next_date, D(2025, 4, 10))
        self.assertFalse(self.moves(t2), "no partial T2 invoice survives")
        self.assertEqual(t2.next_date, D(2025, 3, 10))
        run = self.env["optima.recurring.run"].search([], limit=1)
        self.assertEqual(run.line_ids.template_id, t1)
        self.assertEqual(run.state, "running")
        with freeze_time("2025-03-10 10:05:00"):
            action = t2.action_generate()
            self.env[action["res_model"]].browse(action["res_id"]).action_confirm()
        self.assertEqual(len(self.moves(t2, D(2025, 3, 10))), 2)

    # -------------------------------------------------------------- numbering of a batch
    def _buyers(self, count, prefix):
        return self.env["res.partner"].create(
            [
                {"name": f"{prefix} {index}", "ref": f"{prefix}{index:02d}", "is_company": True}
                for index in range(count)
            ]
        )

    def _manual_invoice(self, post=True):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.c.id,
                "journal_id": self.fv.id,
                "invoice_date": D(2025, 3, 10),
                "invoice_line_ids": [Command.create({"product_id": self.t2.id})],
            }
        )
        if post:
            invoice.action_post()
        return invoice

    def test_batch_numbering_is_gapless_and_ordered(self):
        """RI-16: a posted batch continues the journal's numbering exactly as Odoo does:
        consecutive numbers after the last one, in the order of the subjects."""
        self._manual_invoice()
        buyers = self._buyers(6, "Num")
        template = self.template(buyers, save_mode="posted", month_day=10, next_date=D(2025, 3, 10))
        self._generate_on("2025-03-10", template)
        moves = self.moves(template)
        self.assertEqual(moves.mapped("partner_id"), buyers)
        self.assertEqual(moves.mapped("name"), [f"FVC/2025/{number:05d}" for number in range(2, 8)])
        self.assertEqual(set(moves.mapped("state")), {"posted"})

    def test_batch_posting_queries_do_not_grow_per_invoice(self):
        """The generator's posting needs no query per invoice for its number, the
        analytic models or a new buyer's rank: 10 more invoices, at most one query
        each (Odoo alone needs 4 per invoice here)."""

        def queries(count, code):
            template = self.template(
                self._buyers(count, code),
                code=code,
                save_mode="posted",
                month_day=10,
                next_date=D(2025, 3, 10),
            )
            self.env.flush_all()
            # The chatter's tracking of each posting is not what is measured here.
            generator = self.env["optima.recurring.generator"].with_context(tracking_disable=True)
            before = self.env.cr.sql_log_count
            with freeze_time("2025-03-10 10:00:00"):
                generator._run(template)
            self.env.flush_all()
            self.assertEqual(
                len(self.moves(template).filtered(lambda m: m.state == "posted")), count
            )
            return self.env.cr.sql_log_count - before

        queries(1, "QW")  # the first run reads what every later one finds cached
        small, big = queries(5, "QS"), queries(15, "QB")
        self.assertLessEqual(big - small, 10)

    def test_batch_numbering_after_interleaved_and_renamed_moves(self):
        """The batch's reused number format yields to what happened in between: an
        invoice posted meanwhile takes the next number, and after a move is renamed
        (Odoo forgets its cached number) the number is looked up again, as Odoo does."""
        template = self.template(self._buyers(4, "Mix"), month_day=10, next_date=D(2025, 3, 10))
        self._generate_on("2025-03-10", template)
        first, second, third, fourth = self.moves(template)
        batch = self.env["account.move"].with_context(optima_ri_memo={})

        def post(move):
            batch.browse(move.ids)._post(soft=False)
            return move.name

        self.assertEqual(post(first), "FVC/2025/00001")
        self.assertEqual(self._manual_invoice().name, "FVC/2025/00002")
        self.assertEqual(post(second), "FVC/2025/00003")
        # A draft numbered by hand far ahead: Odoo continues from its number.
        self._manual_invoice(post=False).name = "FVC/2025/00050"
        self.assertEqual(post(third), "FVC/2025/00051")
        self.assertEqual(post(fourth), "FVC/2025/00052")
