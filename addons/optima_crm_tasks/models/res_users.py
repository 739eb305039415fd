# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    optima_acronym = fields.Char(
        string="Acronym",
        compute="_compute_optima_acronym",
        store=True,
        readonly=False,
        help="Optima: Akronim operatora. Shown in participant lists and in the "
        "availability column; defaults to the upper-cased login before '@'.",
    )

    # Informacje bieżące: which tiles the user sees (set by the CRM administrator).
    optima_info_today_all = fields.Boolean(
        string="Tasks for today", compute="_compute_optima_info_all", store=True, readonly=False
    )
    optima_info_tomorrow_all = fields.Boolean(
        string="Tasks for tomorrow", compute="_compute_optima_info_all", store=True, readonly=False
    )
    optima_info_overdue_all = fields.Boolean(
        string="Overdue tasks", compute="_compute_optima_info_all", store=True, readonly=False
    )
    optima_info_today_mine = fields.Boolean(string="Operator's tasks for today", default=True)
    optima_info_tomorrow_mine = fields.Boolean(string="Operator's tasks for tomorrow", default=True)
    optima_info_overdue_mine = fields.Boolean(string="Operator's overdue tasks", default=True)

    @api.depends("group_ids")
    def _compute_optima_info_all(self):
        """All-operator tiles start on only for users who may see others' tasks (A20)."""
        readers_group = self.env.ref(
            "optima_crm_tasks.group_task_read_others", raise_if_not_found=False
        )
        readers = self.filtered(lambda u: readers_group and readers_group in u.all_group_ids)
        for user in self:
            value = user in readers
            user.optima_info_today_all = value
            user.optima_info_tomorrow_all = value
            user.optima_info_overdue_all = value

    @api.depends("login")
    def _compute_optima_acronym(self):
        for user in self:
            if not user.optima_acronym and user.login:
                user.optima_acronym = user.login.split("@", 1)[0].upper()

    @property
    def SELF_READABLE_FIELDS(self):
        return super().SELF_READABLE_FIELDS + ["optima_acronym"]
