# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Browser tour: log in, open the CRM app and every section, no JavaScript error."""

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCrmAppTour(HttpCase):
    def test_crm_app_sections_admin(self):
        self.start_tour("/odoo", "optima_crm_app_sections", login="admin", timeout=180)

    def test_crm_app_sections_plain_user(self):
        new_test_user(
            self.env,
            login="optima_tour_user",
            password="optima_tour_user",
            groups="optima_crm_tasks.group_optima_crm_user",
        )
        self.start_tour(
            "/odoo", "optima_crm_app_sections_user", login="optima_tour_user", timeout=180
        )
