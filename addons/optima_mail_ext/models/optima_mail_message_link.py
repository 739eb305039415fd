# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class OptimaMailMessageLink(models.Model):
    """A record a mailbox message belongs to (Optima: zakładka Dokumenty, MAIL-26)."""

    _name = "optima.mail.message.link"
    _description = "Mailbox message document (Optima: Dokument powiązany z e-mailem)"
    _order = "id"

    message_id = fields.Many2one(
        "optima.mail.message", required=True, ondelete="cascade", index=True
    )
    res_model = fields.Char(string="Model", required=True, index=True)
    res_id = fields.Many2oneReference(string="Record", model_field="res_model", required=True)
    record_name = fields.Char(compute="_compute_record_name", string="Document")

    _link_unique = models.Constraint(
        "unique(message_id, res_model, res_id)", "The document is already linked."
    )

    @api.depends("res_model", "res_id")
    def _compute_record_name(self):
        for link in self:
            record = self.env[link.res_model].browse(link.res_id).exists()
            link.record_name = record.sudo().display_name if record else ""

    def action_open_record(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
