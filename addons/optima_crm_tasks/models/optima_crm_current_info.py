# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, models

SUMMARY_ROWS = 10


class OptimaCrmCurrentInfo(models.AbstractModel):
    """ "Informacje bieżące": today's, tomorrow's and overdue work as tiles (TASK-32).

    Other addons add tiles by extending ``_panel_definitions`` (e.g. the recurring
    invoices due today). Every tile costs two queries, whatever the data size.
    """

    _name = "optima.crm.current.info"
    _description = "Current information panels (Informacje bieżące)"

    @api.model
    def _panel_definitions(self):
        """(key, title, user field, model, domain, all operators?) per tile."""
        task = self.env["optima.crm.task"]
        mine = [
            "|",
            ("user_id", "=", self.env.uid),
            ("participant_ids.user_id", "in", [self.env.uid]),
        ]
        return [
            (
                "today_all",
                _("Tasks for today"),
                "optima_info_today_all",
                "optima.crm.task",
                task._due_domain("today"),
                True,
            ),
            (
                "tomorrow_all",
                _("Tasks for tomorrow"),
                "optima_info_tomorrow_all",
                "optima.crm.task",
                task._due_domain("tomorrow"),
                True,
            ),
            (
                "overdue_all",
                _("Overdue tasks"),
                "optima_info_overdue_all",
                "optima.crm.task",
                task._due_domain("overdue"),
                True,
            ),
            (
                "today_mine",
                _("Operator's tasks for today"),
                "optima_info_today_mine",
                "optima.crm.task",
                task._due_domain("today") + mine,
                False,
            ),
            (
                "tomorrow_mine",
                _("Operator's tasks for tomorrow"),
                "optima_info_tomorrow_mine",
                "optima.crm.task",
                task._due_domain("tomorrow") + mine,
                False,
            ),
            (
                "overdue_mine",
                _("Operator's overdue tasks"),
                "optima_info_overdue_mine",
                "optima.crm.task",
                task._due_domain("overdue") + mine,
                False,
            ),
        ]

    @api.model
    def get_panels(self):
        """Tiles the current user chose, each with its count and a short summary."""
        user = self.env.user
        return [
            self._panel_data(definition)
            for definition in self._panel_definitions()
            if not definition[2] or user[definition[2]]
        ]

    @api.model
    def _panel_order(self, model):
        """Earliest first, on an own column: ordering by a many2one would join and sort all."""
        return "list_date_from, id" if model == "optima.crm.task" else None

    @api.model
    def _panel_data(self, definition):
        key, title, _user_field, model, domain, all_operators = definition
        # All-operator tiles ignore the task locks, as in Optima (A20).
        records = self.env[model].sudo() if all_operators else self.env[model]
        return {
            "key": key,
            "title": title,
            "model": model,
            "domain": domain,
            "count": records.search_count(domain),
            "rows": records.search(
                domain, order=self._panel_order(model), limit=SUMMARY_ROWS
            )._current_info_rows(),
        }
