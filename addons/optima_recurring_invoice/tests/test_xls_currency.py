# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""RI-12 spreadsheet export/import and RI-13 currency change (AS-24, AS-37..AS-39)."""

import base64
import io

import openpyxl
import xlsxwriter
import xlwt
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import RecurringCase


@tagged("post_install", "-at_install")
class TestXls(RecurringCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.vip = cls.env["res.partner.category"].create({"name": "VIP", "optima_code": "VIP"})
        cls.k001 = cls.env["res.partner"].create({"name": "Firma K001", "ref": "K001"})
        cls.nowak = cls.env["res.partner"].create({"name": "Jan Nowak", "ref": "Nowak"})
        cls.outsider = cls.env["res.partner"].create({"name": "Obcy", "ref": "OBCY"})

    def setUp(self):
        super().setUp()
        self.tpl = self.template(
            [],
            lines=[{"product_id": self.t1.id, "qty_mode": "individual", "price_unit": 50.0}],
        )
        self.tpl.party_ids = [
            Command.create({"kind": "group", "category_id": self.vip.id}),
            Command.create({"kind": "subject", "partner_id": self.k001.id}),
            Command.create({"kind": "subject", "partner_id": self.nowak.id}),
        ]
        self.line = self.tpl.line_ids
        for party, quantity in zip(self.tpl.party_ids, (2, 5, 1), strict=True):
            self.value(party).quantity = quantity

    def value(self, party):
        return self.line.value_ids.filtered(lambda v: v.party_id == party)

    def quantities(self):
        return {v.party_id.code: v.quantity for v in self.line.value_ids}

    @staticmethod
    def xlsx(rows):
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet()
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                if cell is not None:
                    sheet.write(r, c, cell)
        workbook.close()
        return buffer.getvalue()

    def do_import(self, content, column="quantity"):
        wizard = self.line._xls_wizard(column)
        wizard.file = base64.b64encode(content)
        return wizard.action_import()

    def test_as37_xls_round_trip(self):
        wizard = self.line._xls_wizard("quantity")
        action = wizard._action_export()
        self.assertIn("download=true", action["url"])
        book = openpyxl.load_workbook(io.BytesIO(base64.b64decode(wizard.file)))
        rows = [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
        self.assertEqual(
            rows,
            [
                ["Kod", "Typ", "Ilość", "Cena"],
                ["VIP", "G", 2, None],
                ["K001", "K", 5, None],
                ["Nowak", "K", 1, None],
            ],
        )
        rows[2][2] = 7
        self.do_import(self.xlsx(rows))
        self.assertEqual(self.quantities(), {"VIP": 2, "K001": 7, "Nowak": 1})
        self.assertEqual(self.line.price_unit, 50.0)

    def test_as38_unknown_type(self):
        rows = [
            ["Kod", "Typ", "Ilość", "Cena"],
            ["VIP", "G", 2, None],
            ["K001", "K", 7, None],
            ["Nowak", None, 1, None],
        ]
        with self.assertRaisesRegex(
            UserError,
            "Subject code Nowak read from the Excel sheet was not found in the database!",
        ):
            self.do_import(self.xlsx(rows))
        self.assertEqual(self.quantities()["K001"], 5)

    def test_as39_bad_numbers(self):
        rows = [
            ["Kod", "Typ", "Ilosc", "Cena"],
            ["VIP", "g", "abc", None],
            ["K001", "K", -3, None],
            ["Nowak", "K", "12,5", None],
        ]
        with self.assertRaises(UserError) as error:
            self.do_import(self.xlsx(rows))
        message = str(error.exception)
        self.assertIn("Row 2: invalid value in column Ilość: “abc”.", message)
        self.assertIn("Row 3: invalid value in column Ilość: “-3”.", message)
        self.assertEqual(self.quantities(), {"VIP": 2, "K001": 5, "Nowak": 1})
        self.do_import(self.xlsx([rows[0], ["Nowak", "K", "12,5", None]]))
        self.assertEqual(self.quantities()["Nowak"], 12.5)

    def test_not_on_template_duplicate_format_header(self):
        rows = [
            ["Typ", "Kod", "Ilość", "Cena"],
            ["K", "OBCY", 1, None],
            ["K", "K001", 1, None],
            ["K", "K001", 2, None],
        ]
        with self.assertRaises(UserError) as error:
            self.do_import(self.xlsx(rows))
        message = str(error.exception)
        self.assertIn("Row 2: subject OBCY (K) is not assigned to the template.", message)
        self.assertIn("Row 4: subject K001 (K) appears in the sheet more than once.", message)
        with self.assertRaisesRegex(UserError, "Unsupported file format"):
            self.do_import(b"Kod;Typ;Ilosc;Cena\n")
        with self.assertRaisesRegex(UserError, "required columns: Kod, Typ, Ilość, Cena"):
            self.do_import(self.xlsx([["Kod", "Typ", "Ilość"]]))
        self.assertEqual(self.quantities(), {"VIP": 2, "K001": 5, "Nowak": 1})

    def test_legacy_xls_prices_only(self):
        self.line.price_mode = "individual"
        book = xlwt.Workbook()
        sheet = book.add_sheet("Arkusz1")
        for r, row in enumerate([["Kod", "Typ", "Ilość", "Cena"], ["K001", "K", 99, 12.34567]]):
            for c, cell in enumerate(row):
                sheet.write(r, c, cell)
        buffer = io.BytesIO()
        book.save(buffer)
        self.do_import(buffer.getvalue(), column="price")
        self.assertEqual(self.value(self.tpl.party_ids[1]).price_unit, 12.3457)
        self.assertEqual(self.quantities()["K001"], 5, "the other column is never written")


@tagged("post_install", "-at_install")
class TestCurrencyChange(RecurringCase):
    def test_as24_currency_change(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        self.env["res.currency.rate"].search([("currency_id", "=", eur.id)]).unlink()
        self.env["res.currency.rate"].create(
            {
                "currency_id": eur.id,
                "name": "2025-03-10",
                "rate": 1 / 4.5101,
                "company_id": self.company.id,
            }
        )
        for answer, expected in (
            ("action_yes", [100.0, 200.0, 400.0]),
            ("action_no", [451.01, 902.02, 1804.04]),
        ):
            template = self.template(
                [self.a, self.b],
                code=answer,
                lines=[
                    {"product_id": self.t1.id, "price_unit": 451.01},
                    {"product_id": self.t2.id, "price_mode": "individual"},
                ],
            )
            values = template.line_ids[1].value_ids
            values[0].price_unit, values[1].price_unit = 902.02, 1804.04
            with freeze_time("2025-03-10 10:00:00"):
                action = template.action_change_currency()
                wizard = self.env[action["res_model"]].browse(action["res_id"])
                wizard.currency_id = eur
                self.assertIn("changed to EUR.", wizard.question)
                self.assertTrue(wizard.question.endswith("Rate: 1 EUR = 4,5101 PLN"))
                getattr(wizard, answer)()
            self.assertEqual(template.currency_id, eur)
            self.assertEqual(
                [template.line_ids[0].price_unit] + values.mapped("price_unit"), expected
            )
