# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Template rules (RI-02, RI-03, RI-04, RI-06, RI-09, RI-10, RI-16 P9, RI-24)."""

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import D, RecurringCase


@tagged("post_install", "-at_install")
class TestTemplateRules(RecurringCase):
    def test_defaults(self):
        with freeze_time("2025-03-05 10:00:00"):
            template = self.template([self.a])
        self.assertEqual(template.cycle_type, "monthly")
        self.assertEqual(template.interval, 1)
        self.assertEqual(template.month_day, 1)
        self.assertEqual(template.weekday, "0")
        self.assertEqual(template.next_date, D(2025, 4, 1))
        self.assertEqual(template.user_id, self.env.user)

    @freeze_time("2025-03-05 10:00:00")
    def test_as04_start_date_must_match_the_day(self):
        with (
            self.assertRaisesRegex(ValidationError, "does not match the set generation day"),
            self.env.cr.savepoint(),
        ):
            self.template([self.a], interval=2, month_day=10, start_date=D(2025, 1, 15))
        self.assertFalse(self.Template.search([("code", "=", "ABON")]))
        with freeze_time("2025-04-15 10:00:00"):
            template = self.template([self.a], interval=2, month_day=10, start_date=D(2025, 1, 10))
        self.assertEqual(template.next_date, D(2025, 5, 10))

    def test_as05_day31_with_30_day_start_month(self):
        with freeze_time("2025-04-01 10:00:00"):
            template = self.template([self.a], interval=2, month_day=31, start_date=D(2025, 4, 30))
        self.assertEqual(template.next_date, D(2025, 4, 30))
        self.assertEqual(template._next_after(D(2025, 4, 30)), D(2025, 6, 30))
        self.assertEqual(template._next_after(D(2025, 6, 30)), D(2025, 8, 31))

    @freeze_time("2025-03-05 10:00:00")
    def test_as08_weekly_start_mismatch(self):
        template = self.template(
            [self.a], cycle_type="weekly", weekday="0", interval=3, start_date=D(2025, 3, 10)
        )
        with self.assertRaisesRegex(ValidationError, "does not match"), self.env.cr.savepoint():
            template.write({"start_date": D(2025, 3, 11)})
        template.invalidate_recordset()
        self.assertEqual(template.start_date, D(2025, 3, 10))

    def test_as09_interval_bounds(self):
        for interval in (0, 256):
            with (
                self.assertRaisesRegex(ValidationError, "between 1 and 255"),
                self.env.cr.savepoint(),
            ):
                self.template(
                    [self.a], interval=interval, code=f"N{interval}", start_date=D(2025, 1, 1)
                )
        template = self.template([self.a], interval=255, start_date=D(2025, 1, 1))
        self.assertEqual(template.interval, 255)

    @freeze_time("2025-03-10 10:00:00")
    def test_as10_cycle_change_recomputes(self):
        template = self.template([self.a], month_day=15)
        template.next_date = D(2025, 3, 20)
        template.name = "Other name"
        self.assertEqual(template.next_date, D(2025, 3, 20))
        template.month_day = 5
        self.assertEqual(template.next_date, D(2025, 4, 5))
        template.write({"month_day": 7, "next_date": D(2025, 6, 1)})
        self.assertEqual(template.next_date, D(2025, 6, 1), "explicit value wins")

    @freeze_time("2025-03-05 10:00:00")
    def test_as06_weekly_hidden_start(self):
        template = self.template(
            [self.a], cycle_type="weekly", weekday="0", start_date=D(2025, 3, 3)
        )
        self.assertFalse(template.start_date, "N = 1 clears the start date")
        self.assertEqual(template.next_date, D(2025, 3, 10))

    def test_as58_code_validation(self):
        with (
            self.assertRaisesRegex(ValidationError, "at most 40 characters"),
            self.env.cr.savepoint(),
        ):
            self.template([self.a], code="X" * 41)
        self.assertFalse(self.Template.search([("code", "=like", "XXXX%")]))
        with (
            self.assertRaisesRegex(ValidationError, "at most 50 characters"),
            self.env.cr.savepoint(),
        ):
            self.template([self.a], code="LONG", name="N" * 51)
        self.template([self.a], code="ABON")
        with (
            self.assertRaisesRegex(ValidationError, "with code abon already exists"),
            self.env.cr.savepoint(),
        ):
            self.template([self.a], code="abon ")

    def test_as59_product_and_partner_rules(self):
        choice = self.env["product.combo"].create(
            {"name": "Wybór", "combo_item_ids": [Command.create({"product_id": self.t2.id})]}
        )
        combo = self.env["product.product"].create(
            {"name": "Zestaw", "type": "combo", "combo_ids": [Command.set(choice.ids)]}
        )
        with self.assertRaisesRegex(ValidationError, "Combo products"), self.env.cr.savepoint():
            self.template([self.a], lines=[{"product_id": combo.id, "price_unit": 1}])
        template = self.template(
            [self.a],
            code="T59",
            lines=[
                {"product_id": self.t1.id, "price_unit": 5},
                {"product_id": self.t3.id, "price_unit": 1},
            ],
        )
        with (
            self.assertRaisesRegex(UserError, "cannot be deleted: it is used on the recurring"),
            self.env.cr.savepoint(),
        ):
            self.a.unlink()
        self.a.action_archive()
        self.assertFalse(self.a.active)
        self.t3.unlink()
        self.assertEqual(template.line_ids.product_id, self.t1)

    @freeze_time("2025-03-10 10:00:00")
    def test_as27_contract_date_validation(self):
        template = self.template([])
        with (
            self.assertRaisesRegex(ValidationError, r"\(09.03.2025\) cannot be earlier"),
            self.env.cr.savepoint(),
        ):
            template.party_ids = [
                Command.create({"partner_id": self.a.id, "date_to": D(2025, 3, 9)})
            ]
        template.party_ids = [Command.create({"partner_id": self.a.id, "date_to": D(2025, 3, 10)})]
        self.assertEqual(len(template.party_ids), 1)
        with (
            self.assertRaisesRegex(ValidationError, "cannot be later than its end date"),
            self.env.cr.savepoint(),
        ):
            template.party_ids = [
                Command.create(
                    {"partner_id": self.b.id, "date_from": D(2025, 5, 1), "date_to": D(2025, 4, 30)}
                )
            ]
        with freeze_time("2025-06-01"):
            template.party_ids.write({"recipient_id": self.c.id})
        self.assertEqual(template.party_ids.recipient_id, self.c, "expired rows stay editable")

    def test_as57_cash_with_immediate_due(self):
        vals = {
            "save_mode": "posted",
            "payment_mode": "fixed",
            "payment_method_line_id": self.cash_line.id,
        }
        with (
            self.assertRaisesRegex(ValidationError, "Cash sales invoices due immediately"),
            self.env.cr.savepoint(),
        ):
            self.template([self.a], **vals)
        template = self.template([self.a], document_kind="fpf", journal_id=self.pf.id, **vals)
        run = self.generate(template.with_context(tz="Europe/Warsaw"))
        moves = self.moves(template)
        self.assertEqual(len(moves), 1, run.summary)
        self.assertTrue(moves.optima_proforma_confirmed)
        self.assertEqual(moves.state, "draft")
        with (
            self.assertRaisesRegex(UserError, "pro forma invoice cannot be posted"),
            self.env.cr.savepoint(),
        ):
            moves.action_post()

    def test_journal_currency_must_match(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        journal = self.env["account.journal"].create(
            {"name": "FV EUR", "code": "FVE", "type": "sale", "currency_id": eur.id}
        )
        with self.assertRaisesRegex(ValidationError, "currency differs"), self.env.cr.savepoint():
            self.template([self.a], journal_id=journal.id)

    def test_journal_domain_by_kind(self):
        template = self.template([self.a], journal_id=None)
        self.assertFalse(template.journal_id.optima_is_proforma)
        template.document_kind = "fpf"
        self.assertTrue(template.journal_id.optima_is_proforma)

    def test_as61_copy(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        group = self.env["res.partner.category"].create({"name": "VIP"})
        template = self.template(
            [self.a, self.b],
            currency_id=eur.id,
            rate_type="manual",
            manual_rate=4.30,
            lines=[
                {"product_id": self.t1.id, "price_unit": 10},
                {"product_id": self.t2.id, "price_mode": "individual"},
            ],
        )
        template.party_ids = [Command.create({"kind": "group", "category_id": group.id})]
        line = template.line_ids.filtered(lambda line: line.price_mode == "individual")
        self.assertEqual(len(line.value_ids), 3)
        for price, value in zip((1.0, 2.0, 3.0), line.value_ids, strict=True):
            value.price_unit = price
        template.last_generation_date = D(2025, 1, 1)
        copy = template.copy()
        self.assertEqual(copy.code, "ABON (2)")
        self.assertEqual(template.copy().code, "ABON (3)")
        self.assertEqual(copy.currency_id, eur)
        self.assertEqual(copy.manual_rate, 4.30)
        self.assertEqual(copy.line_ids.mapped("price_unit")[0], 10)
        self.assertEqual(len(copy.party_ids), 3)
        copy_line = copy.line_ids.filtered(lambda line: line.price_mode == "individual")
        self.assertEqual(sorted(copy_line.value_ids.mapped("price_unit")), [1.0, 2.0, 3.0])
        self.assertEqual(copy_line.value_ids.party_id, copy.party_ids)
        self.assertFalse(copy.move_ids)
        self.assertFalse(copy.last_generation_date)
        long_template = self.template([self.a], code="L" * 40)
        self.assertEqual(long_template.copy().code, "L" * 36 + " (2)")

    def test_delete_keeps_invoices(self):
        template = self.template([self.a])
        self.generate(template)
        move = self.moves(template)
        template.unlink()
        self.assertTrue(move.exists())
        self.assertFalse(move.optima_ri_template_id)

    def test_search_by_contractor(self):
        group = self.env["res.partner.category"].create({"name": "VIP"})
        self.c.category_id = group
        t_subject = self.template([self.a], code="S1")
        t_group = self.template([], code="G1")
        t_group.party_ids = [Command.create({"kind": "group", "category_id": group.id})]
        found = self.Template.search([("search_partner_id", "in", self.a.ids)])
        self.assertEqual(found, t_subject)
        found = self.Template.search([("search_partner_id", "in", self.c.ids)])
        self.assertEqual(found, t_group)

    @freeze_time("2025-03-10 10:00:00")
    def test_serial_add_with_one_period(self):
        template = self.template([self.a])
        action = template.action_add_subjects()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        wizard.write(
            {
                "partner_ids": [Command.set((self.a | self.b | self.c).ids)],
                "date_to": D(2025, 12, 31),
            }
        )
        wizard.action_add()
        self.assertEqual(template.subject_ids.partner_id, self.a | self.b | self.c)
        added = template.subject_ids.filtered(lambda p: p.partner_id != self.a)
        self.assertEqual(set(added.mapped("date_to")), {D(2025, 12, 31)})
        action = template.action_add_subjects()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        wizard.write({"partner_ids": [Command.set(self.b.ids)], "date_to": D(2025, 3, 1)})
        with self.assertRaisesRegex(UserError, "not yet added"), self.env.cr.savepoint():
            wizard.action_add()
        wizard.write(
            {"partner_ids": [Command.set(self.env["res.partner"].create({"name": "Nowy"}).ids)]}
        )
        with self.assertRaisesRegex(ValidationError, "cannot be earlier"), self.env.cr.savepoint():
            wizard.action_add()

    def test_fixed_price_default_in_template_currency(self):
        """RI-10: the default fixed price is lst_price at the template's rate."""
        eur = self.env.ref("base.EUR")
        eur.active = True
        template = self.template(
            [self.a], currency_id=eur.id, rate_type="manual", manual_rate=5.0, lines=[]
        )
        template.line_ids = [Command.create({"product_id": self.t1.id})]
        self.assertAlmostEqual(template.line_ids.price_unit, 10.0)

    def test_cash_method_fallback(self):
        """RI-30: without a configured method, the first cash journal's inbound line."""
        self.company.optima_ri_cash_payment_method_line_id = False
        cash = self.company._optima_ri_cash_method_line()
        self.assertEqual(cash.journal_id.type, "cash")
        self.assertEqual(cash.payment_type, "inbound")

    def test_access_and_companies(self):
        """RI-31: templates need the recurring invoice group and stay in their company."""
        template = self.template([self.a])
        outsider = new_test_user(self.env, login="ri_outsider", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.Template.with_user(outsider).search([]).read(["code"])
        self.assertEqual(self.Template.with_user(self.user).search([]), template)
        other = self.env["res.company"].create({"name": "Inna firma"})
        self.user.write({"company_ids": [Command.link(other.id)]})
        self.assertFalse(
            self.Template.with_user(self.user)
            .with_company(other)
            .search([("id", "=", template.id)])
        )
