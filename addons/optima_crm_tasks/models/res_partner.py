# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    optima_subject_type = fields.Selection(
        [
            ("contractor", "Contractor"),
            ("employee", "Employee"),
            ("associate", "Associate"),
            ("bank", "Bank"),
            ("tax_office", "Public office"),
        ],
        string="Subject type",
        default="contractor",
        required=True,
        index=True,
        help="Optima: rodzaj podmiotu (kontrahent, pracownik, wspólnik, bank, urząd). "
        "Optima keeps each kind in its own register; here they are all partners.",
    )
    optima_is_default_representative = fields.Boolean(
        string="Default representative",
        help="Optima: domyślny przedstawiciel. The contact person proposed first on "
        "tasks, offers and reminders of the contractor.",
    )
    optima_attribute_ids = fields.One2many(
        "optima.partner.attribute", "partner_id", string="Attributes"
    )
    optima_task_ids = fields.One2many(
        "optima.crm.task", "partner_id", string="CRM contacts and tasks"
    )
    optima_task_count = fields.Integer(
        compute="_compute_optima_task_count", string="Contacts and tasks count"
    )

    def _compute_optima_task_count(self):
        counts = dict(
            self.env["optima.crm.task"]._read_group(
                [("partner_id", "child_of", self.commercial_partner_id.ids)],
                ["partner_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.optima_task_count = sum(
                count
                for task_partner, count in counts.items()
                if task_partner.commercial_partner_id == partner.commercial_partner_id
            )

    def action_view_optima_tasks(self):
        """Smart button "Zadania i kontakty" (Optima: Historia kontrahenta)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "optima_crm_tasks.action_optima_crm_task"
        )
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
