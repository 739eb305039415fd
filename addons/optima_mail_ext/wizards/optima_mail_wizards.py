# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models


class OptimaMailDoneWizard(models.TransientModel):
    """ "Załatw": comment, and a warning when the threads hold unread messages (MAIL-18)."""

    _name = "optima.mail.done.wizard"
    _description = "Mark messages done (Optima: Załatw)"

    message_ids = fields.Many2many("optima.mail.message")
    comment = fields.Char()
    unread_count = fields.Integer(compute="_compute_unread_count")
    warning = fields.Char(compute="_compute_unread_count")

    @api.depends("message_ids")
    def _compute_unread_count(self):
        for wizard in self:
            count = wizard.message_ids._unread_in_threads()
            wizard.unread_count = count
            wizard.warning = (
                _("The thread contains unread messages (%s). Continue?", count) if count else False
            )

    def action_confirm(self):
        self.message_ids.action_done(comment=self.comment)
        return {"type": "ir.actions.act_window_close"}


class OptimaMailMoveWizard(models.TransientModel):
    """ "Przenieś do folderu…" (MAIL-08)."""

    _name = "optima.mail.move.wizard"
    _description = "Move messages to a folder (Optima: Przenieś do folderu)"

    message_ids = fields.Many2many("optima.mail.message")
    folder_id = fields.Many2one("optima.mail.folder", required=True)

    def action_confirm(self):
        self.message_ids._move_to(self.folder_id)
        return {"type": "ir.actions.act_window_close"}


class OptimaMailHandoverWizard(models.TransientModel):
    """ "Przekaż": another operator of the same account, with a comment (MAIL-18)."""

    _name = "optima.mail.handover.wizard"
    _description = "Hand messages over (Optima: Przekaż)"

    message_ids = fields.Many2many("optima.mail.message")
    allowed_user_ids = fields.Many2many("res.users", compute="_compute_allowed_user_ids")
    user_id = fields.Many2one(
        "res.users", string="Operator", required=True, domain="[('id', 'in', allowed_user_ids)]"
    )
    comment = fields.Char()

    @api.depends("message_ids")
    def _compute_allowed_user_ids(self):
        for wizard in self:
            accounts = wizard.message_ids.account_id.sudo()
            wizard.allowed_user_ids = accounts.user_ids | accounts.owner_id

    def action_confirm(self):
        self.message_ids._hand_over(self.user_id, self.comment)
        return {"type": "ir.actions.act_window_close"}


class OptimaMailAttachmentRename(models.TransientModel):
    """ "Zmień" of a file on the [Załączniki] tab (MAIL-23)."""

    _name = "optima.mail.attachment.rename"
    _description = "Rename a message attachment (Optima: Zmień załącznik)"

    message_id = fields.Many2one("optima.mail.message", required=True, ondelete="cascade")
    attachment_id = fields.Many2one(
        "ir.attachment",
        required=True,
        domain="[('id', 'in', allowed_attachment_ids)]",
    )
    allowed_attachment_ids = fields.Many2many(
        "ir.attachment", related="message_id.attachment_ids", string="Message files"
    )
    name = fields.Char(string="File name")

    @api.onchange("attachment_id")
    def _onchange_attachment_id(self):
        self.name = self.attachment_id.name

    def action_confirm(self):
        self.ensure_one()
        self.message_id._rename_attachment(self.attachment_id, self.name)
        return {"type": "ir.actions.act_window_close"}
