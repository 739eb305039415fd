# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OptimaRecurringPartyAddWizard(models.TransientModel):
    """RI-09 Dodaj: several subjects or groups at once with one contract period."""

    _name = "optima.recurring.party.add.wizard"
    _description = "Add subjects or groups to a recurring invoice template (serial add)"

    template_id = fields.Many2one("optima.recurring.template", required=True, readonly=True)
    kind = fields.Selection(
        [("subject", "Subjects"), ("group", "Contractor groups")], required=True, default="subject"
    )
    partner_ids = fields.Many2many("res.partner", string="Subjects")
    category_ids = fields.Many2many("res.partner.category", string="Contractor groups")
    date_from = fields.Date(string="Valid from")
    date_to = fields.Date(string="Valid to")

    @api.model
    def _action_open(self, template, kind):
        wizard = self.create({"template_id": template.id, "kind": kind})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Add subjects"),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_add(self):
        """One row per selection, all with the same period; rows already there are skipped."""
        self.ensure_one()
        template = self.template_id
        if self.kind == "group":
            present = template.group_ids.category_id
            vals = [
                {"kind": "group", "category_id": category.id}
                for category in self.category_ids - present
            ]
        else:
            present = template.subject_ids.filtered(lambda p: not p.recipient_id).partner_id
            vals = [
                {"kind": "subject", "partner_id": partner.id}
                for partner in self.partner_ids - present
            ]
        if not vals:
            raise UserError(self.env._("Select at least one subject or group not yet added."))
        sequence = max(template.party_ids.mapped("sequence") or [0])
        for index, row in enumerate(vals, start=1):
            row.update(
                template_id=template.id,
                sequence=sequence + index,
                date_from=self.date_from,
                date_to=self.date_to,
            )
        self.env["optima.recurring.template.party"].create(vals)
        return {"type": "ir.actions.act_window_close"}
