# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestAttributes(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Attribute = cls.env["optima.crm.attribute"]
        cls.region = cls.Attribute.create(
            {
                "code": "REG",
                "name": "Region",
                "value_type": "list",
                "value_ids": [(0, 0, {"name": "North"}), (0, 0, {"name": "South"})],
            }
        )
        cls.size = cls.Attribute.create({"code": "SIZE", "name": "Size", "value_type": "number"})
        cls.partner = cls.env["res.partner"].create(
            {"name": "Kontrahent testowy", "is_company": True}
        )

    def test_display_name_shows_code(self):
        self.assertEqual(self.region.display_name, "[REG] Region")

    def test_code_unique_per_company(self):
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.Attribute.create({"code": "REG", "name": "Shared duplicate"})
        company = self.env.company.id
        self.Attribute.create({"code": "REG", "name": "Company's own", "company_id": company})
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.Attribute.create({"code": "REG", "name": "Again", "company_id": company})

    def test_partner_value_display_per_format(self):
        north = self.region.value_ids.filtered(lambda v: v.name == "North")
        lines = self.env["optima.partner.attribute"].create(
            [
                {
                    "partner_id": self.partner.id,
                    "attribute_id": self.region.id,
                    "value_list_id": north.id,
                },
                {"partner_id": self.partner.id, "attribute_id": self.size.id, "value_number": 42.5},
            ]
        )
        self.assertEqual(lines.mapped("value_display"), ["North", "42.5"])
        self.assertEqual(self.partner.optima_attribute_ids, lines)

    def test_list_value_must_belong_to_attribute(self):
        other = self.Attribute.create(
            {
                "code": "OTHER",
                "name": "Other",
                "value_type": "list",
                "value_ids": [(0, 0, {"name": "X"})],
            }
        )
        with self.assertRaisesRegex(ValidationError, "does not belong to the list"):
            self.env["optima.partner.attribute"].create(
                {
                    "partner_id": self.partner.id,
                    "attribute_id": self.region.id,
                    "value_list_id": other.value_ids.id,
                }
            )

    def test_one_line_per_attribute_and_partner(self):
        self.env["optima.partner.attribute"].create(
            {"partner_id": self.partner.id, "attribute_id": self.size.id, "value_number": 1}
        )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            self.env["optima.partner.attribute"].create(
                {"partner_id": self.partner.id, "attribute_id": self.size.id, "value_number": 2}
            )

    def test_attribute_company_must_match_partner(self):
        company_b = self.env["res.company"].create({"name": "Firma B"})
        restricted = self.Attribute.create(
            {"code": "B", "name": "B only", "company_id": company_b.id}
        )
        partner_a = self.env["res.partner"].create({"name": "A", "company_id": self.env.company.id})
        with self.assertRaises(UserError):
            self.env["optima.partner.attribute"].create(
                {"partner_id": partner_a.id, "attribute_id": restricted.id, "value_text": "x"}
            )

    def test_only_managers_edit_the_dictionary(self):
        user = new_test_user(
            self.env, login="attr_user", groups="optima_crm_tasks.group_optima_crm_user"
        )
        manager = new_test_user(
            self.env, login="attr_manager", groups="optima_crm_tasks.group_optima_crm_manager"
        )
        self.assertEqual(self.region.with_user(user).name, "Region")
        with self.assertRaises(AccessError):
            self.Attribute.with_user(user).create({"code": "U", "name": "By user"})
        created = self.Attribute.with_user(manager).create({"code": "M", "name": "By manager"})
        self.assertTrue(created.exists())
        # operators fill the values on their contractors' cards
        line = (
            self.env["optima.partner.attribute"]
            .with_user(user)
            .create(
                {"partner_id": self.partner.id, "attribute_id": self.size.id, "value_number": 7}
            )
        )
        self.assertEqual(line.value_display, "7.0")

    def test_other_company_attribute_invisible(self):
        company_b = self.env["res.company"].create({"name": "Firma C"})
        hidden = self.Attribute.create(
            {"code": "HID", "name": "Hidden", "company_id": company_b.id}
        )
        user = new_test_user(
            self.env, login="attr_reader", groups="optima_crm_tasks.group_optima_crm_user"
        )
        visible = self.Attribute.with_user(user).search([("code", "in", ("HID", "REG"))])
        self.assertEqual(visible, self.region)
        self.assertNotIn(hidden, visible)
