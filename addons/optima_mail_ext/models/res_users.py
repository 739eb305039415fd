# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    optima_mail_signature_ids = fields.One2many(
        "optima.mail.signature", "user_id", string="E-mail signatures"
    )
    optima_manual_invoice_sends = fields.Integer(
        string="Invoices e-mailed manually",
        copy=False,
        help="Counter for the auto-sender hint shown after the fifth manual send (AUTO-09).",
    )
    optima_autosend_hint_done = fields.Boolean(copy=False)
    optima_mail_send_action = fields.Selection(
        [("reply", "Reply"), ("forward", "Forward"), ("reply_all", "Reply all")],
        string="Mailbox Send button",
        default="reply",
        help="Optima: Parametry Wyślij – what Send on the mailbox list does.",
    )
