# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Every menu of the suite opens, for an administrator and for a plain CRM user."""

from odoo import fields
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import safe_eval as safe_eval_module
from odoo.tools.safe_eval import safe_eval

ROOT_MENU = "optima_crm_tasks.menu_optima_crm_root"


@tagged("post_install", "-at_install")
class TestSuiteMenus(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.root = cls.env.ref(ROOT_MENU)
        cls.admin = cls.env.ref("base.user_admin")
        cls.crm_user = new_test_user(
            cls.env,
            login="optima_plain_user",
            groups="optima_crm_tasks.group_optima_crm_user",
            name="Plain Optima CRM user",
        )

    def _visible_suite_menus(self, user):
        menus = self.env["ir.ui.menu"].with_user(user)
        visible = menus.browse(menus._visible_menu_ids())
        # A menu shows only when its whole ancestry is visible (as the web client builds it).
        visible_ids = {str(menu_id) for menu_id in visible.ids}
        prefix = f"{self.root.id}/"
        return visible.filtered(
            lambda m: (
                m.parent_path.startswith(prefix)
                and visible_ids.issuperset(m.parent_path.strip("/").split("/"))
            )
        )

    def _eval(self, expression, user):
        today = fields.Date.context_today(self.env["res.users"].with_user(user))
        return safe_eval(
            expression or "{}",
            {
                "uid": user.id,
                "context_today": lambda: today,
                "current_date": today.strftime("%Y-%m-%d"),
                "datetime": safe_eval_module.datetime,
                "relativedelta": safe_eval_module.dateutil.relativedelta.relativedelta,
                "allowed_company_ids": user.company_ids.ids,
                "active_id": False,
            },
        )

    def _open_menu(self, menu, user):
        """Load the views of the menu's window action and read its first page of records."""
        # The web client loads actions with sudo (/web/action/load); so does this test.
        action = menu.sudo().action
        if action._name == "ir.actions.client":
            # Client actions render in the browser: the tours open them.
            self.assertTrue(action.tag, menu.complete_name)
            return None
        if action._name == "ir.actions.server":
            # A server action computes the window action it opens (e.g. a settings record).
            action = action.with_user(user).run()
            self.assertEqual(action.get("type"), "ir.actions.act_window", menu.complete_name)
        else:
            self.assertEqual(action._name, "ir.actions.act_window", menu.complete_name)
            action = {
                "res_model": action.res_model,
                "context": action.context,
                "domain": action.domain,
                "view_mode": action.view_mode,
                "views": [(action.view_id.id, action.view_mode.split(",")[0])],
                "search_view_id": action.search_view_id.id,
            }
        return self._open_window_action(menu, action, user)

    def _open_window_action(self, menu, action, user):
        res_model = action["res_model"]
        model = self.env[res_model].with_user(user)
        context = action.get("context") or {}
        if isinstance(context, str):
            context = self._eval(context, user)
        model = model.with_context(**dict(context))
        modes = [mode.strip() for mode in (action.get("view_mode") or "list,form").split(",")]
        view_of = {mode: view_id for view_id, mode in action.get("views") or []}
        views = [(view_of.get(mode) or False, mode) for mode in modes]
        search_view = action.get("search_view_id") or False
        if isinstance(search_view, (list, tuple)):
            search_view = search_view[0]
        result = model.get_views(views, {"search_view_id": search_view})
        for mode in modes:
            self.assertIn(mode, result["views"], f"{menu.complete_name}: no {mode} view")
            self.assertTrue(result["views"][mode]["arch"])
        if "list" in modes:
            list_fields = list(result["models"][res_model]["fields"])[:20]
            domain = action.get("domain") or "[]"
            model.web_search_read(
                self._eval(domain, user) if isinstance(domain, str) else domain,
                {name: {} for name in list_fields if name in model._fields},
                limit=80,
            )
        return result

    def test_admin_opens_every_menu(self):
        menus = self._visible_suite_menus(self.admin)
        names = set(menus.mapped("name"))
        for expected in (
            "CRM",
            "Contractors",
            "Configuration",
            "Settings",
            "Attributes",
            "Commercial offers",
            "Recurring invoices",
            "Dunning",
            "Surveys",
        ):
            self.assertIn(expected, names)
        opened = 0
        for menu in menus.filtered("action"):
            with self.subTest(menu=menu.complete_name):
                self._open_menu(menu, self.admin)
                opened += 1
        self.assertGreaterEqual(opened, 8)

    def test_plain_user_opens_every_menu_they_see(self):
        menus = self._visible_suite_menus(self.crm_user)
        self.assertIn(self.root, menus)
        self.assertIn(self.env.ref("optima_crm_tasks.menu_optima_crm_contractors"), menus)
        # Configuration is for CRM administrators only.
        self.assertNotIn(self.env.ref("optima_crm_tasks.menu_optima_crm_config"), menus)
        for menu in menus.filtered("action"):
            with self.subTest(menu=menu.complete_name):
                self._open_menu(menu, self.crm_user)

    def test_root_menu_hidden_without_crm_group(self):
        outsider = new_test_user(self.env, login="optima_outsider", groups="base.group_user")
        self.assertNotIn(self.root, self._visible_suite_menus(outsider))
