# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class OptimaMailAttachWizard(models.TransientModel):
    """ "Zapisz załączniki w istniejącym dokumencie…" (MAIL-41)."""

    _name = "optima.mail.attach.wizard"
    _description = "Save attachments in an existing document (Optima: Zapisz załączniki)"

    message_id = fields.Many2one("optima.mail.message", required=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    record_ref = fields.Reference(
        selection="_selection_models",
        string="Document",
        required=True,
        help="Pre-filled with a document already linked to the mail's thread.",
    )

    @api.model
    def _selection_models(self):
        models_ = ["account.move", "res.partner", "optima.crm.task"]
        return [(m, self.env[m]._description) for m in models_ if m in self.env]

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        message = self.env["optima.mail.message"].browse(
            values.get("message_id") or self.env.context.get("active_id")
        )
        if message:
            values["message_id"] = message.id
            values.setdefault("attachment_ids", [(6, 0, message.attachment_ids.ids)])
            thread_links = message._thread_messages().link_ids
            allowed = dict(self._selection_models())
            link = thread_links.filtered(lambda lnk: lnk.res_model in allowed)[:1]
            if link:
                values.setdefault("record_ref", f"{link.res_model},{link.res_id}")
        return values

    def action_confirm(self):
        self.ensure_one()
        record = self.record_ref
        if not record or not self.attachment_ids:
            raise UserError(_("Choose a document and at least one attachment."))
        self.env["ir.attachment"].create(
            [
                {
                    "name": a.name,
                    "raw": a.raw,
                    "mimetype": a.mimetype,
                    "res_model": record._name,
                    "res_id": record.id,
                }
                for a in self.attachment_ids
            ]
        )
        self.message_id._link_records(record)
        self.env["optima.mail.service"]._post_chatter_note(record, self.message_id)
        return {"type": "ir.actions.act_window_close"}
