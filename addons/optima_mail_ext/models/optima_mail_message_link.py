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
    record_ref = fields.Reference(
        selection="_selection_record_ref",
        compute="_compute_record_ref",
        inverse="_inverse_record_ref",
        string="Linked record",
        help="Pick the kind of document, then the record (MAIL-26).",
    )

    _link_unique = models.Constraint(
        "unique(message_id, res_model, res_id)", "The document is already linked."
    )

    @api.model
    def _selection_record_ref(self):
        """Documents a mail is usually linked to, plus every procedure's model."""
        names = ["account.move", "res.partner", "optima.crm.task"]
        names += self.env["optima.mail.procedure"].sudo().search([]).mapped("model")
        names += ["sale.order", "purchase.order"]
        models_ = self.env["ir.model"].sudo().search([("model", "in", names)])
        return [(m.model, m.name) for m in models_ if m.model in self.env]

    @api.depends("res_model", "res_id")
    def _compute_record_ref(self):
        choices = {key for key, _label in self._selection_record_ref()}
        for link in self:
            if link.res_model in choices and link.res_id:
                link.record_ref = f"{link.res_model},{link.res_id}"
            else:
                link.record_ref = False

    def _inverse_record_ref(self):
        for link in self.filtered("record_ref"):
            # In an onchange the referenced record is a new-record copy of the real one.
            record = link.record_ref._origin or link.record_ref
            link.res_model = record._name
            link.res_id = record.id

    @api.onchange("record_ref")
    def _onchange_record_ref(self):
        self._inverse_record_ref()

    @api.model_create_multi
    def create(self, vals_list):
        # The reference is only a picker; the stored columns must be set before the insert.
        for vals in vals_list:
            ref = vals.get("record_ref")
            if ref and not vals.get("res_model"):
                model, _sep, res_id = ref.partition(",")
                vals.update(res_model=model, res_id=int(res_id))
        return super().create(vals_list)

    @api.depends("res_model", "res_id")
    def _compute_record_name(self):
        for link in self:
            if link.res_model not in self.env or not link.res_id:
                link.record_name = ""
                continue
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
