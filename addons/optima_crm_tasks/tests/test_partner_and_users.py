# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools.safe_eval import safe_eval


@tagged("post_install", "-at_install")
class TestPartnerAndUsers(TransactionCase):
    def test_new_partner_is_a_contractor(self):
        partner = self.env["res.partner"].create({"name": "Nowy kontrahent"})
        self.assertEqual(partner.optima_subject_type, "contractor")

    def test_subject_types_are_optimas(self):
        selection = dict(self.env["res.partner"]._fields["optima_subject_type"].selection)
        self.assertEqual(
            list(selection), ["contractor", "employee", "associate", "bank", "tax_office"]
        )

    def test_contractor_action_lists_only_contractors(self):
        action = self.env.ref("optima_crm_tasks.action_optima_contractors")
        bank = self.env["res.partner"].create({"name": "Bank X", "optima_subject_type": "bank"})
        firm = self.env["res.partner"].create({"name": "Firma Y", "is_company": True})
        found = self.env["res.partner"].search(safe_eval(action.domain))
        self.assertIn(firm, found)
        self.assertNotIn(bank, found)

    def test_acronym_from_login(self):
        user = new_test_user(self.env, login="jan.nowak@firma.pl", name="Jan Nowak")
        self.assertEqual(user.optima_acronym, "JAN.NOWAK")
        user.optima_acronym = "JNOWAK"
        user.login = "jnowak@firma.pl"
        self.assertEqual(user.optima_acronym, "JNOWAK", "a chosen acronym is kept")

    def test_admin_is_crm_manager(self):
        admin = self.env.ref("base.user_admin")
        self.assertTrue(admin.has_group("optima_crm_tasks.group_optima_crm_manager"))
        self.assertTrue(admin.has_group("optima_crm_tasks.group_optima_crm_user"))

    def test_settings_toggle_reaches_company(self):
        settings = self.env["res.config.settings"].create(
            {"optima_transfer_partner_attributes": True}
        )
        settings.execute()
        self.assertTrue(self.env.company.optima_transfer_partner_attributes)
