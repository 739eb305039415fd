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
        """Tiles as dicts: key, title, user_field (the user's on/off choice), model and
        domain (the list a click opens), all_operators, and for task tiles slot_domain:
        the same condition on the occurrence table, which counts it with one index range.
        """
        task = self.env["optima.crm.task"]
        uid = self.env.uid
        mine_tasks = ["|", ("user_id", "=", uid), ("participant_ids.user_id", "in", [uid])]
        # Slot attendees are the operator and the participants: "mine" in one join (A20).
        mine_slots = [("attendee_user_ids", "in", [uid])]
        titles = {
            ("today", True): _("Tasks for today"),
            ("tomorrow", True): _("Tasks for tomorrow"),
            ("overdue", True): _("Overdue tasks"),
            ("today", False): _("Operator's tasks for today"),
            ("tomorrow", False): _("Operator's tasks for tomorrow"),
            ("overdue", False): _("Operator's overdue tasks"),
        }
        panels = []
        for all_operators in (True, False):
            for flag in ("today", "tomorrow", "overdue"):
                suffix = "all" if all_operators else "mine"
                panels.append(
                    {
                        "key": f"{flag}_{suffix}",
                        "title": titles[flag, all_operators],
                        "user_field": f"optima_info_{flag}_{suffix}",
                        "model": "optima.crm.task",
                        "domain": task._due_domain(flag) + ([] if all_operators else mine_tasks),
                        # Overdue is read on the task (earliest pending day); others on slots.
                        "slot_domain": None
                        if flag == "overdue"
                        else task._due_slot_domain(flag) + ([] if all_operators else mine_slots),
                        "all_operators": all_operators,
                    }
                )
        return panels

    @api.model
    def get_panels(self):
        """Tiles the current user chose, each with its count and a short summary."""
        user = self.env.user
        return [
            self._panel_data(panel)
            for panel in self._panel_definitions()
            if not panel.get("user_field") or user[panel["user_field"]]
        ]

    @api.model
    def _panel_order(self, model):
        """Earliest first, on an own column: ordering by a many2one would join and sort all."""
        return "list_date_from, id" if model == "optima.crm.task" else None

    @api.model
    def _panel_data(self, panel):
        # All-operator tiles ignore the task locks, as in Optima (A20).
        sudo = panel.get("all_operators")
        if panel.get("slot_domain") is not None:
            count, records = self._slot_panel(panel["slot_domain"], sudo)
        else:
            model = self.env[panel["model"]].sudo(sudo)
            count = model.search_count(panel["domain"])
            records = model.search(
                panel["domain"], order=self._panel_order(panel["model"]), limit=SUMMARY_ROWS
            )
        return {
            "key": panel["key"],
            "title": panel["title"],
            "model": panel["model"],
            "domain": panel["domain"],
            "count": count,
            "rows": records._current_info_rows(),
        }

    @api.model
    def _slot_panel(self, slot_domain, sudo):
        """Count and earliest tasks of a due tile straight from the occurrence index."""
        slots = self.env["optima.crm.task.occurrence"].sudo(sudo)
        # A search through a stored computed many2many does not flush it by itself.
        slots.flush_model(["attendee_user_ids"])
        [[count]] = slots._read_group(slot_domain, aggregates=["task_id:count_distinct"])
        earliest = slots._read_group(
            slot_domain, ["task_id"], ["date_from:min"], order="date_from:min", limit=SUMMARY_ROWS
        )
        return count, self.env["optima.crm.task"].sudo(sudo).concat(*(t for t, _d in earliest))
