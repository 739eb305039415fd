# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

# System folders in Optima's fixed order (MAIL-05).
# Session advisory lock (SYNC_LOCK, account id) held while an account synchronises.
SYNC_LOCK = 74_010

SYSTEM_FOLDERS = [
    ("inbox", "Inbox"),
    ("outbox", "Outbox"),
    ("sent", "Sent"),
    ("done", "Done"),
    ("deleted", "Deleted"),
    ("drafts", "Drafts"),
]


class OptimaMailAccount(models.Model):
    """An e-mail account of the mailbox, shared by its operators (MAIL-01)."""

    _name = "optima.mail.account"
    _description = "E-mail account (Optima: Konto e-mail)"
    _order = "symbol, id"
    _check_company_auto = True
    _rec_name = "symbol"

    symbol = fields.Char(required=True, help="Optima: Symbol, shown in the column Konto.")
    name = fields.Char(string="Display name", help="The sender name shown to recipients.")
    email = fields.Char(string="E-mail address", required=True)
    active = fields.Boolean(default=True, help="Optima: Nieaktywne when off.")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    protocol = fields.Selection([("imap", "IMAP"), ("pop3", "POP3")], required=True, default="imap")
    protocol_locked = fields.Boolean(compute="_compute_protocol_locked")
    incoming_host = fields.Char(string="Incoming server")
    incoming_port = fields.Integer(string="Incoming port", default=993)
    incoming_ssl = fields.Boolean(string="Incoming SSL/TLS", default=True)
    incoming_user = fields.Char(string="Incoming user")
    incoming_password = fields.Char(string="Incoming password", groups="base.group_system")
    mail_server_id = fields.Many2one(
        "ir.mail_server",
        string="Outgoing server (SMTP)",
        help="Odoo outgoing mail server the account sends through.",
    )
    user_ids = fields.Many2many(
        "res.users",
        "optima_mail_account_user_rel",
        "account_id",
        "user_id",
        string="Operators",
        domain=[("share", "=", False)],
    )
    owner_id = fields.Many2one(
        "res.users",
        domain=[("share", "=", False)],
        help="Optima: opiekun konta. Receives new incoming threads.",
    )
    fetch_interval = fields.Integer(string="Fetch every (minutes)", default=5)
    pop_delete_on_purge = fields.Boolean(
        string="Delete from server after deleting from Deleted Items",
        help="Optima: Usuń z serwera po usunięciu z folderu Elementy usunięte (POP3 only).",
    )
    sign_outgoing = fields.Boolean(
        string="Add a digital signature to sent messages",
        help="Optima: Dodaj podpis cyfrowy do wysłanych wiadomości (S/MIME).",
    )
    certificate_ids = fields.One2many(
        "optima.mail.certificate", "account_id", string="Signature certificates"
    )
    folder_ids = fields.One2many("optima.mail.folder", "account_id", string="Folders")
    pop_seen_uidls = fields.Text(string="Fetched POP3 UIDLs", readonly=True, copy=False)
    pop_purge_uidls = fields.Text(
        string="POP3 UIDLs to delete",
        readonly=True,
        copy=False,
        help="Permanently deleted messages removed from the server at the next cycle (MAIL-12).",
    )
    imap_purge = fields.Text(
        string="IMAP messages to expunge",
        readonly=True,
        copy=False,
        help="Permanently deleted messages expunged on the server at the next cycle.",
    )
    last_sync = fields.Datetime(string="Last synchronisation", readonly=True, copy=False)
    last_error = fields.Text(string="Last error", readonly=True, copy=False)
    last_error_date = fields.Datetime(string="Last error time", readonly=True, copy=False)
    has_fetched = fields.Boolean(readonly=True, copy=False)

    _symbol_unique = models.Constraint(
        "unique(symbol, company_id)", "The account symbol must be unique."
    )
    _fetch_interval_positive = models.Constraint(
        "CHECK(fetch_interval >= 1)", "The fetch interval is at least one minute."
    )

    @api.depends("has_fetched")
    def _compute_protocol_locked(self):
        for account in self:
            account.protocol_locked = account.has_fetched

    @api.model_create_multi
    def create(self, vals_list):
        accounts = super().create(vals_list)
        accounts._ensure_system_folders()
        return accounts

    def write(self, vals):
        if "protocol" in vals and any(
            a.has_fetched and a.protocol != vals["protocol"] for a in self
        ):
            raise UserError(
                _(
                    "The protocol cannot be changed after messages were fetched. "
                    "Create a new account for this address."
                )
            )
        return super().write(vals)

    def _ensure_system_folders(self):
        Folder = self.env["optima.mail.folder"].sudo()
        existing = Folder.search_fetch(
            [("account_id", "in", self.ids), ("folder_type", "!=", "user")],
            ["account_id", "folder_type"],
        )
        have = {(f.account_id.id, f.folder_type) for f in existing}
        labels = dict(SYSTEM_FOLDERS)
        vals = [
            {
                "account_id": account.id,
                "folder_type": ftype,
                "name": labels[ftype],
                "sequence": index,
            }
            for account in self
            for index, (ftype, _label) in enumerate(SYSTEM_FOLDERS)
            if (account.id, ftype) not in have
        ]
        if vals:
            Folder.with_context(lang="en_US").create(vals)

    def _folder(self, folder_type):
        self.ensure_one()
        return self.folder_ids.filtered(lambda f: f.folder_type == folder_type and not f.parent_id)[
            :1
        ]

    def _is_operator(self, user=None):
        user = user or self.env.user
        return user in self.user_ids or user == self.owner_id

    def _check_can_send(self, user=None):
        """Sending ("OD") only from active accounts of which the operator is user or owner."""
        user = user or self.env.user
        for account in self:
            if not account.active or not account._is_operator(user):
                raise AccessError(
                    _(
                        "%(user)s may not send from the e-mail account %(account)s.",
                        user=user.name,
                        account=account.symbol,
                    )
                )

    @api.model
    def _sending_accounts(self, user=None):
        user = user or self.env.user
        return (
            self.sudo()
            .search(["|", ("user_ids", "in", user.ids), ("owner_id", "=", user.id)])
            .filtered("active")
        )

    def _signing_certificate(self):
        """The account's valid certificate with a private key, if any (MAIL-39)."""
        now = fields.Datetime.now()
        return self.sudo().certificate_ids.filtered(
            lambda c: c.date_start and c.date_start <= now <= c.date_end
        )[:1]

    def _formatted_from(self):
        self.ensure_one()
        from email.utils import formataddr

        return formataddr((self.name or "", self.email)) if self.name else self.email

    def _synchronising(self):
        """Accounts whose synchronisation runs in another database session now (MAIL-06/09)."""
        if not self:
            return self
        self.env.cr.execute(
            """SELECT objid::integer FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND classid = %s
                  AND objid = ANY(%s::oid[]) AND objsubid = 2 AND pid <> pg_backend_pid()""",
            (SYNC_LOCK, self.ids),
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    def action_sync(self):
        """ "Wyślij/ Odbierz": synchronise now and retry every Outbox message."""
        for account in self:
            if not self.env["optima.mail.sync"].synchronise(
                account, user=self.env.user, force_outbox=True
            ):
                raise UserError(_("The account %s is being synchronised.", account.symbol))
        return True

    @api.model
    def action_sync_mine(self):
        """ "Wyślij/ Odbierz" in the mailbox: all accounts of the operator."""
        accounts = self._sending_accounts().filtered("incoming_host")
        for account in accounts:
            self.env["optima.mail.sync"].synchronise(account, user=self.env.user, force_outbox=True)
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    @api.model
    def _cron_sync(self):
        return self.env["optima.mail.sync"]._cron_sync()

    def action_test_connection(self):
        """ "Testuj połączenie": log in to the incoming and the outgoing server."""
        self.ensure_one()
        from ..tools.mail_store import open_store

        store = open_store(self.sudo())
        try:
            store.login()
        finally:
            store.close()
        if self.mail_server_id:
            self.mail_server_id.test_smtp_connection()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("Connection to %s succeeded.", self.symbol),
            },
        }
