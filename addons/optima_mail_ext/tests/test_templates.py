# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Macros, templates, signatures and mail parameters: AC-21 … AC-24, AC-34, AC-43."""

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..tools import macros
from .common import OptimaMailCase, utc


@tagged("post_install", "-at_install")
class TestTemplates(OptimaMailCase):
    def _fv48(self):
        return self.invoice(
            self.abc, amount=102.11, invoice_date="2025-02-28", invoice_date_due="2025-03-07"
        )

    def test_as21_macros(self):
        move = self._fv48()
        template = self.env["mail.template"].create(
            {
                "name": "Faktura z dnia",
                "model_id": self.env.ref("account.model_account_move").id,
                "subject": "Faktura z dnia {eData} dla {ePodmiotNazwa}",
                "body_html": "<p>W załączniku przesyłamy fakturę nr {eNumer} na kwotę {eKwotaDok} "
                "{eWalutaRoz}. Termin płatności upływa {eTermin}.</p>",
            }
        )
        rendered = self.env["optima.mail.service"].render_template(template, move)
        self.assertEqual(rendered["subject"], "Faktura z dnia 2025-02-28 dla F.H. ABC sp. z o.o.")
        self.assertIn(
            f"W załączniku przesyłamy fakturę nr {move.name} na kwotę 102.11 PLN. "
            "Termin płatności upływa 2025-03-07.",
            rendered["body"],
        )
        self.assertEqual(rendered["notes"], [])

    def test_as21_macro_values_credit_note_and_escaping(self):
        refund = self.invoice(self.abc, amount=10.5, move_type="out_refund")
        values = self.env["optima.mail.service"]._optima_macro_values(refund)
        self.assertEqual(values["eDoZaplaty"], "-10.50")
        self.assertEqual(values["eKwotaDok"], "10.50")
        self.assertEqual(values["ePodmiotKod"], "ABC")
        self.assertEqual(values["eTypDok"], "account.move:out_refund")
        text, _unknown, _forbidden = macros.expand(
            "{ePodmiotNazwa}", {"ePodmiotNazwa": "A&B"}, html=True
        )
        self.assertEqual(text, "A&amp;B")
        self.assertEqual(macros.format_macro_amount(1234567.5), "1234567.50")

    def test_as22_predefined_template(self):
        with self.assertRaisesRegex(UserError, "predefined template cannot be changed"):
            self.template.with_user(self.anna).sudo().write({"body_html": "<p>inna</p>"})
        with self.assertRaises(UserError):
            self.template.sudo().unlink()
        copy = self.template.copy()
        self.assertFalse(copy.optima_predefined)
        copy.write({"subject": "Kopia {eNumer}"})
        move = self._fv48()
        rendered = self.env["optima.mail.service"].render_template(self.template, move)
        self.assertEqual(rendered["subject"], f"Faktura {move.name}")
        self.assertIn("102.11", rendered["body"])
        self.assertIn("2025-03-07", rendered["body"])

    def test_as23_getsql_refused(self):
        getsql = "{GetSQL('SELECT Knt_Email FROM cdn.Kontrahenci','f')}"
        with self.assertRaisesRegex(ValidationError, "GetSQL function is not supported"):
            self.env["mail.template"].create({"name": "SQL", "optima_email_bcc": getsql})
        # A legacy template imported with GetSQL: rendered empty, noted, nothing executed.
        legacy = self.env["mail.template"].create({"name": "Legacy", "subject": "Stara"})
        self.env.cr.execute(
            "UPDATE mail_template SET optima_email_bcc = %s WHERE id = %s", (getsql, legacy.id)
        )
        legacy.invalidate_recordset()
        move = self._fv48()
        message = self.env["optima.mail.service"].send_email(
            record=move, template=legacy, account=self.biuro, operator=self.anna, mode="draft"
        )
        self.assertFalse(message.email_bcc)
        self.assertIn(
            "The GetSQL function is not supported and was left empty.",
            message.history_ids.mapped("comment"),
        )

    def test_as24_unknown_macro(self):
        with self.assertRaisesRegex(ValidationError, r"Unknown macro: \{eNumerek\}"):
            self.env["mail.template"].create({"name": "Zły", "body_html": "<p>{eNumerek}</p>"})
        with self.assertRaisesRegex(ValidationError, r"Unknown macro: \{eAdrNabywca\}"):
            # address macros belong to DO/DW/UDW only
            self.env["mail.template"].create({"name": "Zły", "subject": "{eAdrNabywca}"})
        ok = self.env["mail.template"].create(
            {"name": "Dobry", "email_to": "{eAdrPrzedstawicieleNabywcy}"}
        )
        rendered = self.env["optima.mail.service"].render_template(ok, self._fv48())
        self.assertEqual(rendered["email_to"], ["jan.kowalski@abc.test"])

    def test_as34_signatures(self):
        Signature = self.env["optima.mail.signature"]
        formal = Signature.with_user(self.anna).create(
            {"name": "Formalny", "is_default": True, "body": "<p>Z poważaniem, Anna Nowak</p>"}
        )
        short = Signature.with_user(self.anna).create({"name": "Krótki", "body": "<p>AN</p>"})
        short.write({"is_default": True})
        self.assertFalse(formal.is_default)
        self.assertTrue(short.is_default)
        self.assertFalse(Signature.with_user(self.piotr).search([]))
        message = self.env["optima.mail.service"].send_email(
            account=self.biuro,
            operator=self.anna,
            subject="Test",
            body="<p>Treść</p>",
            email_to=["jan.kowalski@abc.test"],
            mode="draft",
        )
        self.assertTrue(str(message.body).rstrip().endswith("<p>AN</p>"))

    def test_as43_prefix_too_long(self):
        params = self.env["ir.config_parameter"].sudo()
        with self.assertRaisesRegex(ValidationError, "at most 20 characters"):
            self.env["res.config.settings"].create(
                {"optima_mail_thread_prefix": "OPTIMA-BIURO-OGRODNIK"}
            ).execute()
        self.assertEqual(params.get_param("optima_mail_ext.thread_prefix", "OPT!MA"), "OPT!MA")

    def test_task_macros(self):
        task = self.env["optima.crm.task"].create(
            {
                "partner_id": self.abc.id,
                "tz": "Europe/Warsaw",
                "subject": "Spotkanie",
                "kind": "task",
                "date_from": utc(2025, 3, 12, 10, 0),
                "date_to": utc(2025, 3, 12, 11, 30),
            }
        )
        values = self.env["optima.mail.service"]._optima_macro_values(task)
        self.assertEqual(values["eTerminOd"], "2025-03-12 10:00")
        self.assertEqual(values["eTerminDo"], "2025-03-12 11:30")
        self.assertEqual(values["ePodmiotKod"], "ABC")
        self.assertEqual(values["eOpis"], "Spotkanie")
