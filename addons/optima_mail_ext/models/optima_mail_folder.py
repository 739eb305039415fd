# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

FOLDER_TYPES = [
    ("inbox", "Inbox"),
    ("outbox", "Outbox"),
    ("sent", "Sent"),
    ("done", "Done"),
    ("deleted", "Deleted Items"),
    ("drafts", "Drafts"),
    ("user", "Own folder"),
]
IMAP_FORBIDDEN = set('"./\\')


class OptimaMailFolder(models.Model):
    """A folder of an account's mailbox: system folders and own/IMAP folders (MAIL-05/06/10)."""

    _name = "optima.mail.folder"
    _description = "Mailbox folder (Optima: Folder skrzynki pocztowej)"
    _parent_store = True
    _order = "account_id, sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True)
    account_id = fields.Many2one(
        "optima.mail.account", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    folder_type = fields.Selection(FOLDER_TYPES, required=True, default="user", index=True)
    sequence = fields.Integer(default=100)
    parent_id = fields.Many2one(
        "optima.mail.folder", ondelete="restrict", index=True, check_company=True
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("optima.mail.folder", "parent_id")
    imap_name = fields.Char(string="Server folder", help="Encoded IMAP name; empty: local only.")
    subscribed = fields.Boolean(help="Subscribed server folders are fetched.")
    is_local = fields.Boolean(
        string="Local only",
        compute="_compute_is_local",
        store=True,
        help="An IMAP account's folder that exists only in Odoo (shown in italics).",
    )
    imap_rename_pending = fields.Boolean(
        string="Rename on the server pending",
        copy=False,
        help="Renamed or moved here; the next synchronisation renames it on the server.",
    )
    uidvalidity = fields.Char(string="UIDVALIDITY", copy=False)
    last_uid = fields.Integer(string="Last fetched UID", copy=False)
    message_ids = fields.One2many("optima.mail.message", "folder_id")
    unread_count = fields.Integer(compute="_compute_unread_count", string="Unread")

    @api.depends("name", "folder_type", "account_id.symbol")
    def _compute_display_name(self):
        labels = dict(self._fields["folder_type"]._description_selection(self.env))
        for folder in self:
            name = labels[folder.folder_type] if folder.folder_type != "user" else folder.name
            folder.display_name = f"{folder.account_id.symbol}: {name}"

    @api.depends("imap_name", "account_id.protocol")
    def _compute_is_local(self):
        # POP3: every folder is local, so none is marked (MAIL-10).
        for folder in self:
            folder.is_local = folder.account_id.protocol == "imap" and not folder.imap_name

    @api.depends_context("uid")
    def _compute_unread_count(self):
        """Per-operator counters (MAIL-16): messages without a read mark of this user."""
        self.env["optima.mail.message"].flush_model()
        self.env.cr.execute(
            """SELECT m.folder_id, count(*) FROM optima_mail_message m
                WHERE m.folder_id = ANY(%s)
                  AND NOT EXISTS (SELECT 1 FROM optima_mail_message_read r
                                   WHERE r.message_id = m.id AND r.user_id = %s)
                GROUP BY m.folder_id""",
            (self.ids, self.env.uid),
        )
        counts = dict(self.env.cr.fetchall())
        for folder in self:
            folder.unread_count = counts.get(folder.id, 0)

    @api.constrains("name", "parent_id", "account_id")
    def _check_name(self):
        for folder in self.filtered(lambda f: f.folder_type == "user"):
            if folder.account_id.protocol == "imap" and IMAP_FORBIDDEN & set(folder.name):
                raise ValidationError(
                    _('IMAP folder names must not contain the characters: " . / \\')
                )
            twins = self.search_count(
                [
                    ("account_id", "=", folder.account_id.id),
                    ("parent_id", "=", folder.parent_id.id),
                    ("name", "=", folder.name),
                    ("id", "!=", folder.id),
                ]
            )
            if twins:
                raise ValidationError(
                    _("A folder named %s already exists on this level.", folder.name)
                )
            if folder.parent_id and folder.parent_id.account_id != folder.account_id:
                raise ValidationError(_("Folders move only within one account."))

    def write(self, vals):
        moved = {"name", "parent_id"} & set(vals)
        if {"name", "parent_id", "account_id", "folder_type"} & set(vals) and any(
            f.folder_type != "user" for f in self
        ):
            raise UserError(_("System folders cannot be renamed or moved."))
        if moved:
            self._check_not_synchronising()
        if "parent_id" in vals:
            self._check_same_status(self.browse(vals["parent_id"]))
        result = super().write(vals)
        if moved:
            # Replayed by the next synchronisation (MAIL-09: the database first).
            super(OptimaMailFolder, self.filtered("imap_name")).write({"imap_rename_pending": True})
        return result

    def _check_not_synchronising(self):
        busy = self.account_id._synchronising()
        if busy:
            raise UserError(
                _(
                    "The account %s is being synchronised: try again when it has finished.",
                    busy[0].symbol,
                )
            )

    def _check_same_status(self, parent):
        """MAIL-10: a server folder moves under server folders, a local one under local ones."""
        for folder in self.filtered(lambda f: f.account_id.protocol == "imap"):
            if parent and bool(parent.imap_name) != bool(folder.imap_name):
                raise ValidationError(
                    _(
                        "The folder %s can only be moved to a folder of the same kind: "
                        "local to local, server to server.",
                        folder.name,
                    )
                )

    def unlink(self):
        self._check_not_synchronising()
        for folder in self:
            if folder.folder_type != "user" and not self.env.context.get("optima_account_unlink"):
                raise UserError(_("System folders cannot be deleted."))
            if folder.message_ids or folder.child_ids:
                raise UserError(
                    _("The folder %s is not empty: delete its messages first.", folder.name)
                )
        return super().unlink()
