# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class OptimaRecurringPartyAddWizard(models.TransientModel):
    """RI-09 Dodaj: several subjects or groups at once with one contract period."""

    _name = "optima.recurring.party.add.wizard"
    _description = "Add subjects or groups to a recurring invoice template (serial add)"

    template_id = fields.Many2one("optima.recurring.template", readonly=True)
    proposal_wizard_id = fields.Many2one(
        "optima.recurring.proposal.wizard",
        readonly=True,
        ondelete="cascade",
        help="RI-29: subjects added in step 1 of a template made from a proposal.",
    )
    kind = fields.Selection(
        [("subject", "Subjects"), ("group", "Contractor groups")], required=True, default="subject"
    )
    partner_ids = fields.Many2many("res.partner", string="Subjects")
    category_ids = fields.Many2many("res.partner.category", string="Contractor groups")
    date_from = fields.Date(string="Valid from")
    date_to = fields.Date(string="Valid to")

    @api.model
    def _action_open(self, template, kind):
        return self.create({"template_id": template.id, "kind": kind})._action_show()

    @api.model
    def _action_open_for_proposal(self, proposal_wizard):
        """RI-29 Dodaj: the same serial add, then back to the proposal wizard."""
        wizard = self.create({"proposal_wizard_id": proposal_wizard.id, "kind": "subject"})
        return wizard._action_show()

    def _action_show(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Add subjects"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def action_back(self):
        self.ensure_one()
        return self.proposal_wizard_id._reopen()

    def _add_to_proposal_wizard(self):
        wizard = self.proposal_wizard_id
        present = wizard.party_ids.filtered(
            lambda p: not p.recipient_id or p.recipient_id == p.partner_id
        ).partner_id
        partners = self.partner_ids - present
        if not partners:
            raise UserError(self.env._("Select at least one subject or group not yet added."))
        wizard.party_ids = [
            (
                0,
                0,
                {"partner_id": partner.id, "date_from": self.date_from, "date_to": self.date_to},
            )
            for partner in partners
        ]
        return wizard._reopen()

    def action_add(self):
        """One row per selection, all with the same period; rows already there are skipped."""
        self.ensure_one()
        if self.proposal_wizard_id:
            return self._add_to_proposal_wizard()
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
