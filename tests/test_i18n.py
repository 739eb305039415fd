# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Polish is the users' language: every term of every addon has a Polish translation."""

from pathlib import Path

import polib

from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools.translate import TranslationModuleReader

ADDONS_DIR = Path(__file__).resolve().parent.parent / "addons"
SUITE = sorted(p.name for p in ADDONS_DIR.iterdir() if (p / "__manifest__.py").exists())


@tagged("post_install", "-at_install")
class TestPolishTranslations(TransactionCase):
    def _installed_suite(self):
        return (
            self.env["ir.module.module"]
            .search([("name", "in", SUITE), ("state", "=", "installed")])
            .mapped("name")
        )

    def test_every_term_has_a_polish_translation(self):
        checked = 0
        for addon in self._installed_suite():
            with self.subTest(addon=addon):
                reader = TranslationModuleReader(self.env.cr, modules=[addon])
                sources = {row[4] for row in reader if row[0] == addon}
                po_path = ADDONS_DIR / addon / "i18n" / "pl.po"
                self.assertTrue(po_path.exists(), f"{addon} has no i18n/pl.po")
                po = polib.pofile(str(po_path))
                translated = {entry.msgid for entry in po if entry.translated()}
                missing = sorted(sources - translated)
                self.assertFalse(
                    missing, f"{addon}: terms without Polish translation (run make i18n): {missing}"
                )
                checked += len(sources)
        self.assertGreater(checked, 20)

    def test_polish_labels_are_loaded(self):
        self.env["res.lang"]._activate_lang("pl_PL")
        self.env["ir.module.module"].search([("name", "in", SUITE)])._update_translations(["pl_PL"])
        menu = self.env.ref("optima_crm_tasks.menu_optima_crm_contractors").with_context(
            lang="pl_PL"
        )
        self.assertEqual(menu.name, "Kontrahenci")
        field = self.env["res.partner"].with_context(lang="pl_PL")._fields["optima_subject_type"]
        self.assertEqual(
            field._description_string(self.env(context={"lang": "pl_PL"})), "Rodzaj podmiotu"
        )
