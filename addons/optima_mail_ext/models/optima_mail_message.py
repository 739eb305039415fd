# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import email
import email.policy
import email.utils
import logging
import os
import re
from datetime import UTC, timedelta
from email.utils import make_msgid

from markupsafe import Markup

from odoo import _, api, fields, models, modules
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, email_normalize, html2plaintext, plaintext2html

from ..tools import macros, smime
from ..tools.smtp_transport import SmtpDeliveryError, SmtpTransport

_logger = logging.getLogger(__name__)

# Back-off after the n-th transient failure (MAIL-28): 5, 10, 20, 40, then every 60 minutes.
RETRY_MINUTES = [5, 10, 20, 40, 60]
PRIORITY_HEADERS = {"low": "5", "normal": "3", "high": "1"}
ADDRESS_FIELDS = ("email_to", "email_cc", "email_bcc")


def _retry_delay(attempts):
    return timedelta(minutes=RETRY_MINUTES[min(attempts, len(RETRY_MINUTES)) - 1])


DRAFT_CONTENT = {"subject", "body", "email_to", "email_cc", "email_bcc", "attachment_ids"}


class OptimaMailMessage(models.Model):
    """A message of the operator mailbox (Optima: wiadomość Skrzynki pocztowej)."""

    _name = "optima.mail.message"
    _description = "Mailbox message (Optima: Wiadomość e-mail)"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Number", readonly=True, copy=False, default="AUTO")
    account_id = fields.Many2one(
        "optima.mail.account",
        required=True,
        index=True,
        check_company=True,
        default=lambda self: self.env["optima.mail.account"]._sending_accounts()[:1],
    )
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    folder_id = fields.Many2one(
        "optima.mail.folder",
        required=True,
        index=True,
        domain="[('account_id', '=', account_id)]",
        tracking=True,
    )
    folder_type = fields.Selection(related="folder_id.folder_type", store=True, index=True)
    all_folder_key = fields.Selection(
        selection="_selection_all_folder_key",
        compute="_compute_all_folder_key",
        store=True,
        index=True,
        string="Folders (all accounts)",
        help="[Wszystkie]: system folders merged by type, own folders one by one.",
    )
    direction = fields.Selection(
        [("in", "Incoming"), ("out", "Outgoing")], required=True, default="out"
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("outbox", "To send"),
            ("sent", "Sent"),
            ("error", "Error"),
            ("received", "Received"),
        ],
        default="draft",
        required=True,
        index=True,
        copy=False,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Operator",
        default=lambda self: self.env.user,
        index=True,
        help="Optima: Operator prowadzący.",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Entity", index=True, help="Optima: Podmiot."
    )
    partner2_id = fields.Many2one(
        "res.partner", string="Concerns entity", help="Optima: Dotyczy podmiotu."
    )
    subject = fields.Char()
    body = fields.Html(sanitize_style=True)
    body_preview = fields.Char(compute="_compute_body_preview")
    email_from = fields.Char(string="From")
    email_to = fields.Char(string="To", help="Optima: DO. Addresses separated by ';'.")
    email_cc = fields.Char(string="Cc", help="Optima: DW.")
    email_bcc = fields.Char(string="Bcc", help="Optima: UDW. Only in the SMTP envelope.")
    message_id = fields.Char(string="Message-ID", index=True, copy=False, readonly=True)
    in_reply_to = fields.Char(copy=False)
    references = fields.Text(copy=False)
    date = fields.Datetime(string="Received", default=fields.Datetime.now, index=True, copy=False)
    sent_date = fields.Datetime(string="Sent", readonly=True, copy=False)
    priority = fields.Selection(
        [("low", "Low"), ("normal", "Normal"), ("high", "High")], default="normal"
    )
    read_receipt = fields.Boolean(string="Request a read receipt")
    body_format = fields.Selection(
        [("html", "HTML"), ("plain", "Plain text")],
        string="Formatting",
        default="html",
        required=True,
        help="Optima: formatowanie. Plain text sends only the text of the body, without "
        "formatting, images or tables.",
    )
    flag = fields.Boolean()
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "optima_mail_message_attachment_rel",
        "message_id",
        "attachment_id",
        string="Attachments",
    )
    attachment_sizes = fields.Text(
        compute="_compute_attachment_count", string="Files", help="Name and size of each file."
    )
    attachment_tab = fields.Char(compute="_compute_attachment_count")
    attachment_count = fields.Integer(
        compute="_compute_attachment_count", string="Number of attachments"
    )
    raw_attachment_id = fields.Many2one("ir.attachment", string="Raw message", copy=False)
    size = fields.Integer(copy=False)
    send_attempts = fields.Integer(copy=False, readonly=True)
    next_attempt = fields.Datetime(copy=False, readonly=True, index=True)
    send_error = fields.Text(copy=False, readonly=True)
    error_permanent = fields.Boolean(copy=False, readonly=True)
    parse_error = fields.Text(copy=False, readonly=True)
    link_ids = fields.One2many("optima.mail.message.link", "message_id", string="Documents")
    history_ids = fields.One2many("optima.mail.message.history", "message_id")
    read_ids = fields.One2many("optima.mail.message.read", "message_id", string="Read marks")
    is_read = fields.Boolean(compute="_compute_is_read", search="_search_is_read", string="Read")
    thread_number = fields.Integer(string="Thread", index=True, copy=False)
    note = fields.Text(string="Error note", copy=False, readonly=True)
    imap_uid = fields.Integer(copy=False, index=True)
    imap_folder_id = fields.Many2one(
        "optima.mail.folder", string="Server folder", copy=False, help="Where the server holds it."
    )
    imap_move_pending = fields.Boolean(copy=False, help="A local move waits for the next sync.")
    imap_upload_pending = fields.Boolean(
        string="Upload to the server pending",
        copy=False,
        help="Moved here from another account or from a local folder: the next synchronisation "
        "uploads it to the server folder.",
    )
    imap_draft_edited = fields.Boolean(
        string="Draft edited since synchronised",
        copy=False,
        help="A server draft edited here; the next sync replaces the server copy.",
    )
    imap_uidvalidity = fields.Char(copy=False)
    pop_uidl = fields.Char(copy=False, index=True)
    is_signed = fields.Boolean(string="Signed", copy=False)
    sign_requested = fields.Boolean(string="Sign", help="Sign this message (S/MIME).")
    sign_certificate_id = fields.Many2one(
        "optima.mail.certificate",
        string="Signing certificate",
        copy=False,
        help="A personal certificate picked for this message (MAIL-39).",
    )
    signature_state = fields.Selection(
        [("valid", "Valid"), ("invalid", "Invalid")], copy=False, readonly=True
    )
    signature_info = fields.Text(copy=False, readonly=True)
    origin = fields.Char(copy=False, help="What created the message, e.g. the invoice auto-sender.")
    # Composer (MAIL-27/29/31/34): the template picked on the form and the addresses last
    # filled in automatically, so a changed template replaces only what the user did not type.
    template_id = fields.Many2one(
        "mail.template",
        copy=False,
        domain="[('id', 'in', available_template_ids)]",
        help="Optima: Wstaw szablon. Picking another template replaces the subject and body, "
        "and the addresses you have not typed yourself.",
    )
    signature_id = fields.Many2one(
        "optima.mail.signature",
        string="Insert signature",
        copy=False,
        domain="[('user_id', '=', uid)]",
        help="Optima: wstawianie podpisu. Appends one of your signatures to the text.",
    )
    procedure_id = fields.Many2one("optima.mail.procedure", compute="_compute_procedure_id")
    available_template_ids = fields.Many2many("mail.template", compute="_compute_procedure_id")
    auto_email_to = fields.Char(copy=False)
    auto_email_cc = fields.Char(copy=False)
    auto_email_bcc = fields.Char(copy=False)
    search_text = fields.Char(
        string="Text",
        compute="_compute_search_text",
        search="_search_search_text",
        help="Words of at least three characters; a phrase in quotes matches as a whole.",
    )

    def _compute_search_text(self):
        self.search_text = False

    @api.model
    def _search_search_text(self, operator, value):
        """MAIL-17: subject, addresses and body; „phrases” whole; short input refused."""
        if operator not in ("ilike", "="):
            return NotImplemented
        text = value or ""
        phrases = re.findall(r'["„“”]([^"„“”]+)["„“”]', text)
        words = re.sub(r'["„“”][^"„“”]*["„“”]', " ", text).split()
        terms = [p.strip() for p in phrases if p.strip()] + words
        if not terms or any(len(term) < 3 for term in terms):
            raise UserError(_("The search phrase must contain at least three characters."))
        domain = []
        for term in terms:
            domain.append(
                [
                    "|",
                    "|",
                    "|",
                    "|",
                    "|",
                    ("subject", "ilike", term),
                    ("body", "ilike", term),
                    ("email_from", "ilike", term),
                    ("email_to", "ilike", term),
                    ("email_cc", "ilike", term),
                    ("email_bcc", "ilike", term),
                ]
            )
        return fields.Domain.AND(domain)

    def _compute_body_preview(self):
        for message in self:
            message.body_preview = html2plaintext(message.body or "")[:120]

    @api.depends("attachment_ids")
    def _compute_attachment_count(self):
        for message in self:
            message.attachment_count = len(message.attachment_ids)
            message.attachment_tab = _("Attachments (%s)", message.attachment_count)
            message.attachment_sizes = "\n".join(
                f"{a.name} – {a.optima_size_display}" for a in message.attachment_ids
            )

    @api.depends_context("uid")
    def _compute_is_read(self):
        reads = (
            self.env["optima.mail.message.read"]
            .sudo()
            .search_fetch(
                [("message_id", "in", self.ids), ("user_id", "=", self.env.uid)], ["message_id"]
            )
        )
        read_ids = set(reads.message_id.ids)
        for message in self:
            message.is_read = message.id in read_ids

    def _search_is_read(self, operator, value):
        if operator not in ("=", "!="):
            return NotImplemented
        positive = (operator == "=") == bool(value)
        subquery = SQL(
            "SELECT message_id FROM optima_mail_message_read WHERE user_id = %s", self.env.uid
        )
        return [("id", "in" if positive else "not in", subquery)]

    # ------------------------------------------------------------------ create
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if not vals.get("message_id"):
                account = self.env["optima.mail.account"].browse(vals.get("account_id"))
                domain = (account.email or "localhost").rpartition("@")[2] or "localhost"
                # Fixed at creation: a retry never makes a second message (MAIL-28).
                vals["message_id"] = make_msgid(domain=domain)
            if vals.get("direction") == "out":
                # What the creator filled in counts as automatic, not typed (MAIL-31 rule 3).
                for field in ADDRESS_FIELDS:
                    vals.setdefault("auto_" + field, vals.get(field) or False)
            if not vals.get("folder_id") and vals.get("account_id"):
                account = self.env["optima.mail.account"].browse(vals["account_id"])
                vals["folder_id"] = (
                    account.sudo()
                    ._folder("inbox" if vals.get("direction") == "in" else "drafts")
                    .id
                )
        messages = super().create(vals_list)
        messages._assign_numbers()
        with_files = [
            m.id for m, v in zip(messages, vals_list, strict=True) if v.get("attachment_ids")
        ]
        self.browse(with_files)._own_template_attachments()
        self.env["optima.mail.message.history"].sudo().create(
            [
                {
                    "message_id": m.id,
                    "action": "received" if m.direction == "in" else "created",
                }
                for m in messages
            ]
        )
        return messages

    def write(self, vals):
        result = super().write(vals)
        if "attachment_ids" in vals:
            self._own_template_attachments()
        if DRAFT_CONTENT & set(vals):
            # MAIL-14: the server copy is replaced at the next synchronisation.
            edited = self.filtered(lambda m: m.state == "draft" and m.imap_uid)
            if edited:
                super(OptimaMailMessage, edited).write({"imap_draft_edited": True})
        return result

    def _assign_numbers(self):
        for direction, messages in self.grouped("direction").items():
            code = "optima.mail.message.in" if direction == "in" else "optima.mail.message.out"
            numbers = self._next_numbers(self._sequence(code), len(messages))
            for message, number in zip(messages, numbers, strict=True):
                message.name = number or "AUTO"

    @api.model
    def _next_numbers(self, sequence, count):
        """``count`` numbers of ``sequence`` in one query (a fetch stores many messages).

        ``ir.sequence._next`` looks its date range up and calls nextval once per number;
        for a standard (PostgreSQL) sequence the numbers are taken together and formatted
        as ``_next`` formats them. Other sequences go one by one.
        """
        if not sequence or count < 2 or sequence.implementation != "standard":
            return [sequence and sequence._next() for _i in range(count)]
        today = fields.Date.context_today(self)
        sequence_date = self.env.context.get("ir_sequence_date", today)
        formatter = sequence
        pg_name = f"ir_sequence_{sequence.id:03d}"
        if sequence.use_date_range:
            date_range = self.env["ir.sequence.date_range"].search(
                [
                    ("sequence_id", "=", sequence.id),
                    ("date_from", "<=", sequence_date),
                    ("date_to", ">=", sequence_date),
                ],
                limit=1,
            )
            if not date_range:
                # First number of a new period: _next creates the range.
                return [sequence._next()] + self._next_numbers(sequence, count - 1)
            formatter = sequence.with_context(ir_sequence_date_range=date_range.date_from)
            pg_name = f"ir_sequence_{sequence.id:03d}_{date_range.id:03d}"
        self.env.cr.execute(SQL("SELECT nextval(%s) FROM generate_series(1, %s)", pg_name, count))
        return [formatter.get_next_char(n) for n in sorted(r[0] for r in self.env.cr.fetchall())]

    @api.model
    def _sequence(self, code):
        """The sequence next_by_code would use, looked up once for a whole batch."""
        company_ids = [self.env.company.id, False]
        return (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [("code", "=", code), ("company_id", "in", company_ids)],
                order="company_id",
                limit=1,
            )
        )

    def _history(self, action, comment=False, user=None):
        self.env["optima.mail.message.history"].sudo().create(
            [
                {
                    "message_id": m.id,
                    "action": action,
                    "comment": comment,
                    "user_id": (user or self.env.user).id,
                }
                for m in self
            ]
        )

    def _link_records(self, records):
        Link = self.env["optima.mail.message.link"].sudo()
        existing = {(lnk.message_id.id, lnk.res_model, lnk.res_id) for lnk in self.link_ids}
        Link.create(
            [
                {"message_id": m.id, "res_model": r._name, "res_id": r.id}
                for m in self
                for r in records
                if (m.id, r._name, r.id) not in existing
            ]
        )

    def _assign_thread(self):
        """A new outgoing thread gets the next thread number (MAIL-25)."""
        enabled, _prefix = self.env["optima.mail.service"]._thread_settings()
        if not enabled:
            return
        todo = self.filtered(lambda m: not m.thread_number)
        if not todo:
            return
        numbers = self._next_numbers(self._sequence("optima.mail.thread"), len(todo))
        for message, number in zip(todo, numbers, strict=True):
            message.thread_number = int(number or 0)

    def _attach(self, files):
        """Attach ``(name, bytes)`` pairs or ``ir.attachment`` records (copied)."""
        Attachment = self.env["ir.attachment"].sudo()
        for message in self:
            vals = []
            for item in files:
                if isinstance(item, models.BaseModel):
                    for attachment in item:
                        vals.append(
                            {
                                "name": attachment.name,
                                "raw": attachment.raw,
                                "mimetype": attachment.mimetype,
                            }
                        )
                else:
                    name, content = item[0], item[1]
                    vals.append({"name": name, "raw": content})
            if vals:
                for v in vals:
                    v.update(res_model=message._name, res_id=message.id)
                message.attachment_ids = [(4, a.id) for a in Attachment.create(vals)]

    def _linked_records(self, model):
        ids = self.link_ids.filtered(lambda lnk: lnk.res_model == model).mapped("res_id")
        return self.env[model].browse(ids).exists()

    @api.model
    def _selection_all_folder_key(self):
        """MAIL-07 [Wszystkie]: one entry per system folder type, then every own folder
        labelled with its account, as two accounts may both have a "Klienci" folder."""
        system = [
            (key, label)
            for key, label in self.env["optima.mail.folder"]
            ._fields["folder_type"]
            ._description_selection(self.env)
            if key != "user"
        ]
        own = (
            self.env["optima.mail.folder"]
            .sudo()
            .search_fetch([("folder_type", "=", "user")], ["name", "account_id"])
        )
        return system + [
            (f"user-{folder.id}", f"{folder.name} ({folder.account_id.symbol})") for folder in own
        ]

    @api.depends("folder_id", "folder_type")
    def _compute_all_folder_key(self):
        for message in self:
            folder = message.folder_id
            message.all_folder_key = (
                f"user-{folder.id}" if folder.folder_type == "user" else folder.folder_type
            )

    # ------------------------------------------------------------------ read state
    def web_read(self, specification):
        # Onchanges read a new record too; only a stored message can be marked read.
        if self.env.context.get("optima_mark_read") and len(self) == 1 and isinstance(self.id, int):
            self._mark_read()
        return super().web_read(specification)

    @api.model
    def search_panel_select_range(self, field_name, **kwargs):
        """MAIL-07 [Wg kont]: the folder tree hangs under one node per account. An account
        node is not a folder: its id is negative, so choosing it lists nothing."""
        result = super().search_panel_select_range(field_name, **kwargs)
        if field_name != "folder_id" or "values" not in result or not result.get("parent_field"):
            return result
        values = result["values"]
        folders = self.env["optima.mail.folder"].browse([v["id"] for v in values])
        account_of = {f.id: f.account_id for f in folders}
        parent_field = result["parent_field"]
        accounts = self.env["optima.mail.account"]
        for value in values:
            account = account_of.get(value["id"])
            if account and not value.get(parent_field):
                value[parent_field] = -account.id
                accounts |= account
        nodes = [
            {"id": -account.id, "display_name": account.symbol, parent_field: False, "__count": 0}
            for account in accounts.sorted()
        ]
        result["values"] = nodes + values
        return result

    def _mark_read(self, user=None):
        user = user or self.env.user
        Read = self.env["optima.mail.message.read"].sudo()
        done = set(
            Read.search([("message_id", "in", self.ids), ("user_id", "=", user.id)]).message_id.ids
        )
        todo = self.filtered(lambda m: m.id not in done)
        if todo:
            Read.create([{"message_id": m.id, "user_id": user.id} for m in todo])
            first = todo.filtered(lambda m: not m.read_ids.filtered(lambda r: r.user_id != user))
            todo._history("read", user=user) if first else None

    def action_mark_read(self):
        self._check_not_outbox()
        self._mark_read()
        return True

    def action_mark_unread(self):
        self._check_not_outbox()
        self.env["optima.mail.message.read"].sudo().search(
            [("message_id", "in", self.ids), ("user_id", "=", self.env.uid)]
        ).unlink()
        return True

    def action_show_signature(self):
        """The list's signature icon opens the message on its signature info (MAIL-40)."""
        return self._action_open_form()

    def action_open_attachments(self):
        return self._action_open_form()

    def action_open_attachment_rename(self):
        """ "Zmień" on the [Załączniki] tab (MAIL-23)."""
        self.ensure_one()
        self._check_attachments_editable()
        return {
            "type": "ir.actions.act_window",
            "name": _("Rename attachment"),
            "res_model": "optima.mail.attachment.rename",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_message_id": self.id,
                "default_attachment_id": self.attachment_ids[:1].id,
            },
        }

    def _check_attachments_editable(self):
        if any(m.state != "draft" for m in self):
            raise UserError(_("Attachments can be changed only in a draft message."))

    def _rename_attachment(self, attachment, name):
        """MAIL-23 "Zmień": rename one of this draft's files.

        A name typed without an extension keeps the file's extension: the recipient's mail
        client picks the program to open the file by it.
        """
        self.ensure_one()
        self._check_attachments_editable()
        if attachment not in self.attachment_ids:
            raise UserError(_("The file is not an attachment of this message."))
        name = (name or "").strip()
        if not name:
            raise UserError(_("Enter the file name."))
        extension = os.path.splitext(attachment.name or "")[1]
        if extension and not os.path.splitext(name)[1]:
            name += extension
        # Template files are copied per message (_own_template_attachments), so the template
        # keeps its own name.
        attachment.sudo().name = name
        # The same draft on the server is replaced at the next synchronisation (MAIL-14).
        self.write({"attachment_ids": [(4, attachment.id)]})
        return name

    def _check_not_outbox(self):
        if any(m.folder_type == "outbox" for m in self):
            raise UserError(_("Read marks are not available in the Outbox."))

    # ------------------------------------------------------------------ folders
    def _move_to(self, folder, comment=False):
        for message in self:
            if message.folder_id == folder:
                continue
            label = folder.display_name
            note = _("folder changed to %s", label)
            if folder.account_id != message.account_id:
                note = _(
                    "folder changed to %(folder)s on account %(account)s",
                    folder=label,
                    account=folder.account_id.symbol,
                )
            vals = {"folder_id": folder.id, "account_id": folder.account_id.id}
            same_server = folder.account_id == message.account_id
            if message.imap_uid and message.account_id.protocol == "imap" and same_server:
                # Recorded first, replayed on the server by the synchronisation (MAIL-09).
                vals["imap_move_pending"] = True
            elif folder.account_id.protocol == "imap" and (
                (not same_server and folder.folder_type != "drafts")
                or (folder.folder_type == "user" and not message.imap_folder_id)
            ):
                # MAIL-02/11: absent from this server (another account, a POP3 archive, a
                # local folder): uploaded by the next synchronisation if the folder is there.
                vals.update(imap_upload_pending=True, imap_uid=0, imap_folder_id=False)
            message.write(vals)
            message._history("moved", comment=comment or note)

    def action_delete(self):
        """ "Usuń": to Deleted Items; in Deleted Items a permanent delete (MAIL-19/03)."""
        in_trash = self.filtered(lambda m: m.folder_type == "deleted")
        if in_trash and not self.env.user.has_group("optima_mail_ext.group_mail_purge"):
            raise AccessError(_("You are not allowed to delete messages permanently."))
        for message in self - in_trash:
            message._move_to(message.account_id._folder("deleted"))
        if in_trash:
            in_trash._purge()
        return True

    def _purge(self):
        """Permanent delete; POP3 accounts remember the UIDL to delete on the server."""
        for message in self.filtered(lambda m: m.imap_uid and m.imap_folder_id.imap_name):
            # IMAP: \\Deleted + EXPUNGE at the next synchronisation (MAIL-19).
            account = message.account_id.sudo()
            pending = (account.imap_purge or "").splitlines()
            pending.append(
                f"{message.imap_uidvalidity or ''}\t{message.imap_uid}\t"
                f"{message.imap_folder_id.imap_name}"
            )
            account.imap_purge = "\n".join(pending)
        for message in self.filtered("pop_uidl"):
            account = message.account_id.sudo()
            if account.protocol == "pop3" and account.pop_delete_on_purge:
                pending = (account.pop_purge_uidls or "").split()
                account.pop_purge_uidls = " ".join(pending + [message.pop_uidl])
        self.sudo().unlink()

    def action_done(self, comment=False):
        """ "Załatw": the messages and their whole threads go to Done (MAIL-18)."""
        messages = self._thread_messages()
        for message in messages:
            message._move_to(message.account_id._folder("done"), comment=comment)
            message._history("done", comment=comment)
        return True

    def _thread_messages(self):
        numbers = [n for n in self.mapped("thread_number") if n]
        if not numbers:
            return self
        return self | self.search([("thread_number", "in", numbers)])

    def _unread_in_threads(self):
        return len(self._thread_messages().filtered(lambda m: not m.is_read))

    # ------------------------------------------------------------------ sending
    def _validate_for_send(self):
        for message in self:
            addresses = [
                a
                for field in ("email_to", "email_cc", "email_bcc")
                for a in macros.split_addresses(message[field])
            ]
            for address in addresses:
                if not email_normalize(address, strict=True) or address.count("@") != 1:
                    raise UserError(_("Invalid e-mail address: %s", address))
            if not addresses:
                raise UserError(_("Enter at least one recipient."))
            if (
                message._signing_required()
                and not message.sign_certificate_id
                and not message.account_id._signing_certificate()
            ):
                raise UserError(_("The message was not sent: no signing certificate was selected."))
            max_mb = message.account_id.sudo().mail_server_id.max_email_size
            if max_mb and message._estimated_size() > max_mb * 1024 * 1024:
                raise UserError(_("The message exceeds the allowed size of %s MB.", max_mb))

    def _estimated_size(self):
        return len((self.body or "").encode()) + sum(self.attachment_ids.mapped("file_size"))

    def action_send(self):
        """Validate, put into the Outbox, commit, then deliver (MAIL-28)."""
        for message in self:
            message.account_id._check_can_send()
        picker = self._certificate_picker()
        if picker:
            return picker
        self._validate_for_send()
        self._queue()
        self._deliver_after_commit()
        hint = self._linked_records("account.move")._optima_count_manual_send()
        if hint:
            return self.env["optima.autosend.hint"]._open(hint)
        return True

    # ------------------------------------------------------------------ incoming
    @api.model
    def _ingest(
        self,
        account,
        folder,
        raw,
        imap_uid=0,
        uidvalidity=None,
        pop_uidl=None,
        draft=False,
        pending=None,
    ):
        """Store one fetched message (raw .eml kept); never fails on a broken message.

        With ``pending`` (a list) the message is only parsed (no query) and queued there: the
        caller stores the queue with :meth:`_ingest_batch`, one set of queries per batch.
        """
        item = self._ingest_parse(
            raw, imap_uid=imap_uid, uidvalidity=uidvalidity, pop_uidl=pop_uidl
        )
        if pending is not None:
            pending.append(item)
            return self.browse()
        return self._ingest_batch(account, folder, [item])

    @api.model
    def _ingest_parse(self, raw, imap_uid=0, uidvalidity=None, pop_uidl=None):
        parsed, error = {}, False
        try:
            parsed = self.env["optima.mail.sync"]._parse(raw)
        except Exception as exc:  # noqa: BLE001 - a broken message is kept, not dropped
            error = _("The message could not be read: %s", exc)
        defects = email.message_from_bytes(raw, policy=email.policy.compat32).defects
        if defects and not error:
            error = _("Broken MIME structure: %s", ", ".join(type(d).__name__ for d in defects))
        return {
            "raw": raw,
            "parsed": parsed,
            "error": error,
            "message_id": parsed.get("message_id") or False,
            "imap_uid": imap_uid,
            "uidvalidity": uidvalidity,
            "pop_uidl": pop_uidl,
        }

    @api.model
    def _ingest_batch(self, account, folder, items):
        """Store parsed messages (see :meth:`_ingest_parse`); return them in the same order.

        A message that depends on an earlier one of the same batch (same Message-ID, a reply
        to it, a thread token) starts a new chunk, so the result equals storing one by one.
        """
        enabled, prefix = self.env["optima.mail.service"]._thread_settings()
        token_re = self.env["optima.mail.service"]._thread_token_re(prefix) if enabled else None
        chunks, chunk_ids = [[]], set()
        for item in items:
            parsed = item["parsed"]
            refs = set(
                " ".join(
                    filter(None, [parsed.get("in_reply_to"), parsed.get("references")])
                ).split()
            )
            depends = (item["message_id"] and item["message_id"] in chunk_ids) or (refs & chunk_ids)
            if token_re and token_re.search(parsed.get("subject") or ""):
                depends = True
            if depends and chunks[-1]:
                chunks.append([])
                chunk_ids = set()
            chunks[-1].append(item)
            if item["message_id"]:
                chunk_ids.add(item["message_id"])
        result = self.sudo().browse()
        for chunk in chunks:
            if chunk:
                result = result.concat(self._ingest_chunk(account, folder, chunk))
        return result

    @api.model
    def _ingest_chunk(self, account, folder, items):
        Message = self.sudo()
        ids = [item["message_id"] for item in items if item["message_id"]]
        existing = {}
        if ids:
            # One search for the whole chunk: de-duplication by Message-ID within the account.
            for found in Message.search(
                [("account_id", "=", account.id), ("message_id", "in", ids)]
            ):
                existing.setdefault(found.message_id, found)
        result, new = [], []
        for item in items:
            found = existing.get(item["message_id"]) if item["message_id"] else None
            if found and item["imap_uid"]:
                vals = {
                    "imap_uid": item["imap_uid"],
                    "imap_uidvalidity": item["uidvalidity"],
                    "imap_folder_id": folder.id,
                }
                moved = found.imap_folder_id and found.imap_folder_id != folder
                if moved and found.folder_id == found.imap_folder_id:
                    # MAIL-11: moved on the server by another client; the mailbox follows.
                    vals["folder_id"] = folder.id
                    found._history(
                        "moved", comment=_("moved on the server to %s", folder.display_name)
                    )
                found.write(vals)
            if not found:
                new.append(item)
            result.append(found)
        created = iter(self._ingest_create(account, folder, new) if new else ())
        return Message.concat(*[found or next(created) for found in result])

    @api.model
    def _ingest_create(self, account, folder, items):
        Message = self.sudo()
        partners = Message._match_partners([item["parsed"].get("email_from") for item in items])
        outgoing = folder.folder_type in ("sent", "drafts")
        state = "draft" if folder.folder_type == "drafts" else ("sent" if outgoing else "received")
        vals_list, threads = [], []
        for item in items:
            parsed = item["parsed"]
            subject = parsed.get("subject") or ""
            email_from = parsed.get("email_from") or ""
            # Queries only for replies (a thread token or In-Reply-To/References).
            thread = Message._find_thread(
                subject, parsed.get("in_reply_to"), parsed.get("references")
            )
            threads.append(thread)
            partner = thread.partner_id or partners.get(email_normalize(email_from))
            vals_list.append(
                {
                    "account_id": account.id,
                    "folder_id": folder.id,
                    "direction": "out" if outgoing else "in",
                    "state": state,
                    "subject": subject,
                    "body": parsed.get("body") or "",
                    "email_from": email_from,
                    "email_to": parsed.get("to") or "",
                    "email_cc": parsed.get("cc") or "",
                    "message_id": item["message_id"],
                    "in_reply_to": parsed.get("in_reply_to") or False,
                    "references": parsed.get("references") or False,
                    "date": fields.Datetime.to_datetime(parsed.get("date"))
                    or fields.Datetime.now(),
                    "partner_id": partner.id if partner else False,
                    "user_id": Message._thread_operator(thread, account).id,
                    "thread_number": thread.thread_number or False,
                    "imap_uid": item["imap_uid"],
                    "imap_uidvalidity": item["uidvalidity"],
                    "imap_folder_id": folder.id if item["imap_uid"] else False,
                    "pop_uidl": item["pop_uidl"],
                    "size": len(item["raw"]),
                    "parse_error": item["error"],
                }
            )
        # A fetched mail's own history says "received"; no chatter log line per message.
        messages = Message.with_context(mail_create_nolog=True, mail_notrack=True).create(vals_list)
        messages.filtered(lambda m: not m.thread_number)._assign_thread()
        raw_names = [
            (item["parsed"].get("subject") or message.name or "message").replace("/", "_")[:60]
            + ".eml"
            for item, message in zip(items, messages, strict=True)
        ]
        raw_attachments = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": raw_name,
                        "raw": item["raw"],
                        "res_model": self._name,
                        "res_id": message.id,
                        "mimetype": "message/rfc822",
                    }
                    for item, message, raw_name in zip(items, messages, raw_names, strict=True)
                ]
            )
        )
        for item, message, thread, raw_name, raw_attachment in zip(
            items, messages, threads, raw_names, raw_attachments, strict=True
        ):
            message.raw_attachment_id = raw_attachment
            files = [(a.fname, a.content) for a in item["parsed"].get("attachments") or []]
            if item["error"]:
                files.append((raw_name, item["raw"]))
            if files:
                message._attach([(n, c if isinstance(c, bytes) else c.encode()) for n, c in files])
            message._verify_signature(item["raw"])
            if thread:
                message.link_ids = [
                    (0, 0, {"res_model": lnk.res_model, "res_id": lnk.res_id})
                    for lnk in thread.link_ids
                ]
        messages._post_to_chatters()
        return messages

    @api.model
    def _match_partners(self, addresses):
        """Normalised address -> Kontrahent for every address owned by exactly one (MAIL-20)."""
        normalized = {email_normalize(address or "") for address in addresses} - {False, None}
        if not normalized:
            return {}
        owners = {}
        for partner in (
            self.env["res.partner"].sudo().search([("email_normalized", "in", list(normalized))])
        ):
            owners.setdefault(partner.email_normalized, set()).add(partner.commercial_partner_id.id)
        Partner = self.env["res.partner"].sudo()
        return {key: Partner.browse(list(ids)) for key, ids in owners.items() if len(ids) == 1}

    @api.model
    def _match_partner(self, address):
        """Podmiot of an incoming mail: exactly one Kontrahent owns the address (MAIL-20)."""
        normalized = email_normalize(address or "")
        if not normalized:
            return self.env["res.partner"]
        partners = self.env["res.partner"].sudo().search([("email_normalized", "=", normalized)])
        commercial = partners.commercial_partner_id
        return commercial if len(commercial) == 1 else self.env["res.partner"]

    @api.model
    def _find_thread(self, subject, in_reply_to, references):
        """Token [prefix n] in the subject, else In-Reply-To/References (MAIL-25, AMB-16)."""
        enabled, prefix = self.env["optima.mail.service"]._thread_settings()
        if enabled:
            match = self.env["optima.mail.service"]._thread_token_re(prefix).search(subject or "")
            if match:
                found = self.sudo().search(
                    [("thread_number", "=", int(match.group(1)))], order="id desc", limit=1
                )
                if found:
                    return found
        ids = " ".join(filter(None, [in_reply_to, references])).split()
        if ids:
            return self.sudo().search([("message_id", "in", ids)], order="id desc", limit=1)
        return self.browse()

    @api.model
    def _thread_operator(self, thread, account):
        """The operator who answered last in the thread, else the account owner."""
        if thread and thread.thread_number:
            last_out = self.sudo().search(
                [("thread_number", "=", thread.thread_number), ("direction", "=", "out")],
                order="id desc",
                limit=1,
            )
            if last_out.user_id:
                return last_out.user_id
        return account.owner_id or self.env.user

    def _post_to_chatters(self):
        """Every message also lands in the chatter of its partner and linked documents."""
        for message in self:
            link = Markup('<a href="/odoo/optima.mail.message/%s">%s</a>') % (
                message.id,
                message.subject or message.name,
            )
            body = Markup("%s %s") % (_("E-mail from %s:", message.email_from or ""), link)
            targets = [message.partner_id] + [
                self.env[lnk.res_model].browse(lnk.res_id) for lnk in message.link_ids
            ]
            for target in targets:
                if target.exists() and hasattr(target, "message_post"):
                    target.sudo().message_post(
                        body=body, message_type="comment", subtype_xmlid="mail.mt_note"
                    )

    def _verify_signature(self, raw):
        """MAIL-40: verify on the stored raw bytes; an invalid signature never blocks reading."""
        if not smime.is_signed(raw):
            return False
        parsed_date = email.message_from_bytes(raw, policy=email.policy.compat32)["Date"]
        signing_time = None
        if parsed_date:
            try:
                signing_time = email.utils.parsedate_to_datetime(parsed_date)
                signing_time = signing_time.astimezone(UTC).replace(tzinfo=None)
            except (TypeError, ValueError):
                signing_time = None
        result = smime.verify_message(
            raw,
            self.env["optima.mail.certificate"]._trusted_pems(),
            signing_time=signing_time,
            sender=email_normalize(self.email_from or ""),
        )
        reasons = {
            "modified": _("content modified"),
            "expired": _("certificate expired"),
            "not_yet_valid": _("certificate not yet valid"),
            "untrusted": _("untrusted issuer"),
            "email_mismatch": _("signer e-mail differs from the sender"),
            "unreadable": _("unreadable signature"),
        }
        info = result["info"]
        lines = (
            [
                _(
                    "Signer: %(subject)s <%(email)s>",
                    subject=info.get("subject", ""),
                    email=info.get("email", ""),
                ),
                _("Issuer: %s", info.get("issuer", "")),
                _("Serial: %s", info.get("serial", "")),
                _(
                    "Valid: %(start)s - %(end)s",
                    start=info.get("not_before", ""),
                    end=info.get("not_after", ""),
                ),
            ]
            if info
            else []
        )
        if not result["valid"]:
            lines.insert(0, _("Invalid signature: %s", reasons[result["reason"]]))
        self.write(
            {
                "is_signed": True,
                "signature_state": "valid" if result["valid"] else "invalid",
                "signature_info": "\n".join(lines),
            }
        )
        return result["valid"]

    # ------------------------------------------------------------------ compose
    def _compose_from(self, subject_prefix, to, cc=None, copy_attachments=False):
        self.ensure_one()
        account = self.account_id
        if not account._is_operator():
            account = self.env["optima.mail.account"]._sending_accounts()[:1] or account
        quote = Markup("<br/><br/><blockquote>%s</blockquote>") % Markup(self.body or "")
        body = self.env["optima.mail.service"]._append_signature(
            Markup("<p><br/></p>"), self.env.user
        )
        subject = self.subject or ""
        if not subject.lower().startswith(subject_prefix.lower()):
            subject = f"{subject_prefix} {subject}"
        new = self.create(
            {
                "account_id": account.id,
                "direction": "out",
                "subject": subject,
                "body": Markup(body) + quote,
                "email_to": "; ".join(to),
                "email_cc": "; ".join(cc or []),
                "partner_id": self.partner_id.id,
                "thread_number": self.thread_number,
                "in_reply_to": self.message_id if subject_prefix == "Re:" else False,
                "references": " ".join(filter(None, [self.references, self.message_id])),
            }
        )
        if copy_attachments:
            new._attach(self.attachment_ids)
        new.link_ids = [
            (0, 0, {"res_model": lnk.res_model, "res_id": lnk.res_id}) for lnk in self.link_ids
        ]
        return new

    # ------------------------------------------------------------------ composer
    @api.depends("link_ids.res_model", "link_ids.res_id")
    def _compute_procedure_id(self):
        Procedure = self.env["optima.mail.procedure"]
        mailbox = self.env.ref("optima_mail_ext.procedure_mailbox", raise_if_not_found=False)
        for message in self:
            record = message._template_record(documents_only=True)
            # Only the model and invoice type are read: the procedure is known to anyone.
            procedure = Procedure._for_record(record.sudo()) if record else Procedure
            message.procedure_id = procedure or mailbox
            message.available_template_ids = message.procedure_id._available_templates()

    def _template_record(self, documents_only=False):
        """The record macros are taken from: the first linked document, else the Podmiot."""
        self.ensure_one()
        for link in self.link_ids:
            if link.res_model in self.env and link.res_id:
                record = self.env[link.res_model].browse(link.res_id).exists()
                if record:
                    return record
        if documents_only:
            return None
        return self.partner_id or None

    def _render_for_composer(self, template):
        """Subject, body and addresses (MAIL-31 rules 1, 2, 4 and 6) of ``template``."""
        service = self.env["optima.mail.service"]
        record = self._template_record()
        if record:
            rendered = service.render_template(template, record)
            return rendered, service._resolve_addresses(record, rendered)
        # Without a document or Podmiot the macros have no source: they expand to nothing.
        values = dict.fromkeys(
            list(service._optima_text_macros()) + list(macros.ADDRESS_MACROS), ""
        )
        rendered = {
            "subject": macros.expand(template.subject, values)[0],
            "body": macros.expand(str(template.body_html or ""), values, html=True)[0],
        }
        addresses = {
            field: macros.split_addresses(macros.expand(template[source], values)[0])
            for field, source in zip(
                ADDRESS_FIELDS, ("email_to", "email_cc", "optima_email_bcc"), strict=True
            )
        }
        return rendered, addresses

    def _apply_template(self, template):
        """Insert a template into a draft (MAIL-27): the subject and body are replaced, each
        address field the user has not typed into gets the template's value (MAIL-31 rule 3),
        the template's sender account replaces OD only for its operators (MAIL-34)."""
        self.ensure_one()
        rendered, addresses = self._render_for_composer(template)
        self.subject = rendered["subject"]
        self.body = self.env["optima.mail.service"]._append_signature(
            rendered["body"], self.env.user
        )
        for field in ADDRESS_FIELDS:
            auto = "auto_" + field
            if self._addresses_key(self[field]) == self._addresses_key(self[auto]):
                value = "; ".join(addresses.get(field) or []) or False
                self[field] = value
                self[auto] = value
        # Checked as superuser: an operator may not even see another team's account.
        account = template.sudo().optima_account_id
        if account and account.active and account._is_operator(self.env.user):
            self.account_id = account
            self.email_from = account.email
        previous = self._origin.template_id if self._origin else self.env["mail.template"]
        self.attachment_ids = (
            self.attachment_ids - previous.attachment_ids
        ) | template.attachment_ids

    @api.onchange("signature_id")
    def _onchange_signature_id(self):
        """MAIL-27/36: the form's "wstawianie" appends any own signature to the text."""
        if self.signature_id and self.state == "draft":
            self.body = Markup("%s<br/>%s") % (
                Markup(self.body or ""),
                Markup(self.signature_id.body or ""),
            )

    @api.model
    def _addresses_key(self, text):
        return [email_normalize(a) or a.lower() for a in macros.split_addresses(text)]

    @api.onchange("template_id")
    def _onchange_template_id(self):
        if self.template_id and self.state == "draft":
            self._apply_template(self.template_id)

    @api.onchange("account_id")
    def _onchange_account_id(self):
        """A new mail is saved in its account's Drafts (MAIL-05), sent from its address."""
        if not self.account_id or self.state != "draft" or self.direction != "out":
            return
        if self.folder_id.account_id != self.account_id:
            self.folder_id = self.account_id.sudo()._folder("drafts")
        self.email_from = self.account_id.email

    @api.onchange("email_to")
    def _onchange_email_to_partner(self):
        """MAIL-20: an empty Podmiot is filled when a DO address belongs to one partner."""
        if self.partner_id or self.direction != "out":
            return
        candidates = self.env["res.partner"]
        for address in macros.split_addresses(self.email_to):
            candidates |= self._match_partner(address)
        if len(candidates) == 1:
            self.partner_id = candidates

    @api.model
    def _action_mailbox_for_partner(self, partner):
        """MAIL-17: the mailbox limited to one Podmiot; "Dodaj" then starts a mail to it
        (MAIL-31 rule 6)."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "optima_mail_ext.action_optima_mail_message"
        )
        action["name"] = _("Mailbox – %s", partner.display_name)
        action["domain"] = [("partner_id", "=", partner.id)]
        action["context"] = {
            "optima_mark_read": True,
            "default_partner_id": partner.id,
            "default_email_to": partner.email or False,
            "default_direction": "out",
        }
        return action

    def action_send_default(self):
        """The list's "Wyślij": reply, forward or reply all as set in "Parametry Wyślij"."""
        if len(self) != 1:
            raise UserError(_("Select one message."))
        method = {
            "reply": self.action_reply,
            "reply_all": self.action_reply_all,
            "forward": self.action_forward,
        }[self.env.user.optima_mail_send_action or "reply"]
        return method()

    def action_open_add_representative(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "optima.mail.add.representative",
            "view_mode": "form",
            "target": "new",
            "name": _("Add representative"),
            "context": {"default_message_id": self.id},
        }

    def _own_template_attachments(self):
        """Template attachments are copied into the message (MAIL-23), so editing or
        deleting them on the message never touches the template."""
        for message in self:
            shared = message.attachment_ids.filtered(lambda a: a.res_model == "mail.template")
            if shared:
                message.attachment_ids = [(3, a.id) for a in shared]
                message._attach(shared.sudo())

    def action_open_templates(self):
        self.ensure_one()
        return self.procedure_id.action_open_templates()

    def action_save_as_template(self):
        """MAIL-29: a template made from the message, connected to the message's procedure."""
        self.ensure_one()
        procedure = self.procedure_id
        mailbox = self.env.ref("optima_mail_ext.procedure_mailbox", raise_if_not_found=False)
        model = self.env["ir.model"]._get(procedure.model) if procedure != mailbox else False
        template = self.env["mail.template"].create(
            {
                "name": self.subject or _("New template"),
                "model_id": model.id if model else False,
                "subject": self.subject,
                "body_html": self.body,
                "email_to": self.email_to,
                "email_cc": self.email_cc,
                "optima_email_bcc": self.email_bcc,
                "optima_procedure_ids": [(6, 0, procedure.ids)],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.template",
            "res_id": template.id,
            "view_mode": "form",
            "target": "new",
        }

    def _own_addresses(self):
        return {email_normalize(a.email) for a in self.env["optima.mail.account"].sudo().search([])}

    def action_reply(self):
        return self._compose_from(
            "Re:", macros.split_addresses(self.email_from)
        )._action_open_form()

    def action_reply_all(self):
        own = self._own_addresses()
        to = [
            a
            for a in macros.split_addresses(self.email_from) + macros.split_addresses(self.email_to)
            if email_normalize(a) not in own
        ]
        cc = [a for a in macros.split_addresses(self.email_cc) if email_normalize(a) not in own]
        return self._compose_from("Re:", to, cc)._action_open_form()

    def action_forward(self):
        return self._compose_from("Fwd:", [], copy_attachments=True)._action_open_form()

    def _open_wizard(self, model, name):
        return {
            "type": "ir.actions.act_window",
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "name": name,
            "context": {"default_message_ids": self.ids},
        }

    def action_open_done_wizard(self):
        return self._open_wizard("optima.mail.done.wizard", _("Mark done"))

    def action_open_move_wizard(self):
        return self._open_wizard("optima.mail.move.wizard", _("Move to folder"))

    def action_open_handover_wizard(self):
        return self._open_wizard("optima.mail.handover.wizard", _("Hand over"))

    def _hand_over(self, user, comment=False):
        """ "Przekaż": only to another operator of the same account (MAIL-18)."""
        for message in self:
            if not message.account_id._is_operator(user):
                raise UserError(
                    _(
                        "%(user)s is not an operator of the account %(account)s.",
                        user=user.name,
                        account=message.account_id.symbol,
                    )
                )
            message.user_id = user
            message._history("handed", comment=comment or user.name)

    def _create_vendor_bill(self, journal, attachments=None):
        """MAIL-42: a draft vendor bill from the attachments, linked both ways."""
        self.ensure_one()
        attachments = attachments or self.attachment_ids
        if not attachments:
            raise UserError(_("The message has no attachments."))
        copies = (
            self.env["ir.attachment"]
            .sudo()
            .create([{"name": a.name, "raw": a.raw, "mimetype": a.mimetype} for a in attachments])
        )
        bills = journal.with_context(
            default_move_type="in_invoice"
        )._create_document_from_attachment(copies.ids)
        self._link_records(bills)
        self.env["optima.mail.service"]._post_chatter_note_many(bills, self)
        return bills

    def action_create_vendor_bill(self):
        journal = self.env["account.journal"].search(
            [("type", "=", "purchase"), ("company_id", "=", self.env.company.id)], limit=1
        )
        if not journal:
            raise UserError(_("There is no purchase journal."))
        bills = self._create_vendor_bill(journal)
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": bills[:1].id,
            "view_mode": "form",
        }

    @api.model
    def _assign_partners(self, date_from, date_to):
        """ "Przypisz podmiot": messages without Podmiot whose From or To belongs to exactly
        one Kontrahent get it (MAIL-18, AMB-18)."""
        messages = self.search(
            [("partner_id", "=", False), ("date", ">=", date_from), ("date", "<=", date_to)]
        )
        assigned = self.browse()
        for message in messages:
            addresses = [message.email_from] + macros.split_addresses(message.email_to)
            candidates = self.env["res.partner"]
            for address in addresses:
                candidates |= self._match_partner(address)
            if len(candidates) == 1:
                message.partner_id = candidates
                assigned |= message
        return assigned

    def action_update_partner_email(self):
        """ "Aktualizuj e-mail podmiotu": the Podmiot's e-mail becomes the sender's address."""
        for message in self.filtered(lambda m: m.partner_id and m.email_from):
            message.partner_id.email = email_normalize(message.email_from)
        return True

    def action_create_partner(self):
        """ "Dodaj kontrahenta": a new partner with the sender's address."""
        self.ensure_one()
        from email.utils import parseaddr

        name, address = parseaddr(self.email_from or "")
        partner = self.env["res.partner"].create(
            {"name": name or address, "email": address, "is_company": True}
        )
        self.partner_id = partner
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": partner.id,
            "view_mode": "form",
        }

    def _certificate_picker(self):
        """MAIL-39: signing required, no account certificate, the operator has personal ones:
        let him pick ("-wybór z listy-")."""
        if len(self) != 1 or not self._signing_required() or self.sign_certificate_id:
            return False
        if self.account_id._signing_certificate():
            return False
        personal = (
            self.env["optima.mail.certificate"]
            .sudo()
            .search([("scope", "=", "personal"), ("user_id", "=", self.env.uid)])
        )
        if not personal:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": "optima.mail.cert.pick",
            "view_mode": "form",
            "target": "new",
            "name": _("Signing certificate"),
            "context": {"default_message_id": self.id, "default_certificate_id": personal[:1].id},
        }

    def _action_open_form(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def _queue(self):
        outbox = {m.account_id.id: m.account_id._folder("outbox") for m in self}
        for message in self:
            message.write(
                {
                    "state": "outbox",
                    "folder_id": outbox[message.account_id.id].id,
                    "next_attempt": fields.Datetime.now(),
                    "send_error": False,
                    "error_permanent": False,
                    "send_attempts": 0,
                }
            )

    def _deliver_after_commit(self):
        ids = self.ids
        dbname = self.env.cr.dbname

        @self.env.cr.postcommit.add
        def _deliver():
            registry = modules.registry.Registry(dbname)
            with registry.cursor() as cr:
                env = api.Environment(cr, api.SUPERUSER_ID, {})
                env["optima.mail.message"].browse(ids).exists()._deliver_locked(commit=True)

    @api.model
    def _process_outbox(self, force=False, account=None, limit=200):
        """Cron and "Wyślij/ Odbierz": deliver due Outbox messages (all of them when forced)."""
        domain = [("state", "=", "outbox"), ("error_permanent", "=", False)]
        if not force:
            domain.append(("next_attempt", "<=", fields.Datetime.now()))
        if account:
            domain.append(("account_id", "in", account.ids))
        messages = self.sudo().search(domain, order="next_attempt, id", limit=limit)
        return messages._deliver_locked(commit=not modules.module.current_test)

    def _deliver_locked(self, commit=False):
        """Send each message once: row lock (skip when another worker holds it), send, mark."""
        sent = self.browse()
        for message in self:
            self.env.cr.execute(
                "SELECT id FROM optima_mail_message WHERE id = %s AND state = 'outbox' "
                "FOR UPDATE SKIP LOCKED",
                (message.id,),
            )
            if not self.env.cr.fetchone():
                continue
            message.invalidate_recordset()
            if message._deliver_one():
                sent |= message
            if commit:
                # Delivered or failed: made durable before the next SMTP exchange (MAIL-28).
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return sent

    def _deliver_one(self):
        self.ensure_one()
        account = self.account_id.sudo()
        if not account.mail_server_id:
            self._delivery_failed(_("No outgoing server on account %s.", account.symbol), True)
            return False
        transport = SmtpTransport(account.mail_server_id)
        try:
            email = self._build_email(transport)
            transport.send(email)
        except SmtpDeliveryError as exc:
            self._delivery_failed(exc.text, exc.permanent)
            return False
        except UserError as exc:
            self._delivery_failed(str(exc), True)
            return False
        self.write(
            {
                "state": "sent",
                "folder_id": account._folder("sent").id,
                "sent_date": fields.Datetime.now(),
                "send_error": False,
                "next_attempt": False,
            }
        )
        self._history("sent")
        self._after_sent(email)
        return True

    def _after_sent(self, email):
        """Hooks after a delivery: invoices marked sent (AUTO-06), IMAP copy in Sent."""
        moves = self._linked_records("account.move")
        if moves:
            moves.sudo().write({"is_move_sent": True})
        self._append_to_server_sent(email)

    def _draft_bytes(self):
        """RFC 822 bytes of a draft for the server's Drafts folder (never signed)."""
        server = self.account_id.sudo().mail_server_id
        if not server:
            return False
        transport = SmtpTransport(server)
        return self.with_context(optima_no_sign=True)._build_email(transport).as_bytes()

    def _append_to_server_sent(self, email_message):
        """IMAP: the exact sent bytes go to the server's Sent folder (MAIL-10); the
        server copy of the draft it was sent from is removed."""
        account = self.account_id.sudo()
        sent = account._folder("sent")
        if account.protocol != "imap" or not account.incoming_host or not sent.imap_name:
            return
        from ..tools.mail_store import StoreError, open_store

        store = open_store(account)
        try:
            store.login()
            store.append(sent.imap_name, email_message.as_bytes(), "(\\Seen)")
            if self.imap_uid and self.imap_folder_id.folder_type == "drafts":
                store.select(self.imap_folder_id.imap_name, readonly=False)
                store.delete_message(self.imap_uid)
                self.write({"imap_uid": 0, "imap_folder_id": False})
        except (StoreError, OSError) as exc:
            _logger.info("Sent copy of %s not stored on the server: %s", self.name, exc)
        finally:
            store.close()

    def _delivery_failed(self, text, permanent):
        attempts = self.send_attempts + 1
        vals = {"send_attempts": attempts, "send_error": text, "error_permanent": permanent}
        vals["next_attempt"] = (
            False if permanent else fields.Datetime.now() + _retry_delay(attempts)
        )
        if permanent:
            vals["state"] = "outbox"
        self.write(vals)
        self._history("error", comment=text[:250])
        _logger.info("Mailbox message %s not delivered: %s", self.name, text)

    def _build_email(self, transport):
        account = self.account_id.sudo()
        headers = {"X-Priority": PRIORITY_HEADERS[self.priority or "normal"]}
        if self.priority == "high":
            headers["Importance"] = "High"
        elif self.priority == "low":
            headers["Importance"] = "Low"
        if self.read_receipt:
            headers["Disposition-Notification-To"] = account.email
        if self.in_reply_to:
            headers["In-Reply-To"] = self.in_reply_to
        email = transport.build(
            email_from=account._formatted_from(),
            email_to=macros.split_addresses(self.email_to),
            email_cc=macros.split_addresses(self.email_cc),
            email_bcc=macros.split_addresses(self.email_bcc),
            subject=self._outgoing_subject(),
            body=self._outgoing_body(),
            subtype="plain" if self.body_format == "plain" else "html",
            message_id=self.message_id,
            references=self.references or None,
            attachments=[(a.name, a.raw, a.mimetype) for a in self.attachment_ids.sudo()],
            headers=headers,
        )
        return self._sign_email(email)

    def _outgoing_body(self):
        if self.body_format == "plain":
            return html2plaintext(self.body or "")
        return self.body or ""

    @api.onchange("body_format")
    def _onchange_body_format(self):
        """Switching to plain text shows the body as the recipient will get it."""
        if self.body_format == "plain" and self.body:
            self.body = plaintext2html(html2plaintext(self.body))

    def _signing_required(self):
        return self.account_id.sign_outgoing or self.sign_requested

    def _sign_email(self, email_message):
        """S/MIME: multipart/signed with the account's certificate (never silently unsigned)."""
        if not self._signing_required() or self.env.context.get("optima_no_sign"):
            return email_message
        certificate = self.sign_certificate_id or self.account_id._signing_certificate()
        if not certificate:
            raise UserError(_("No signing certificate on account %s.", self.account_id.symbol))
        cert, key = certificate._load_pair()
        signed = smime.sign_message(email_message, cert, key)
        if not self.is_signed:
            self.is_signed = True
            self._history("signed", comment=certificate.name)
        return signed

    def _outgoing_subject(self):
        return self.env["optima.mail.service"]._thread_subject(self)

    def action_retry(self):
        self.filtered(lambda m: m.state == "outbox").write(
            {"error_permanent": False, "next_attempt": fields.Datetime.now()}
        )
        self._deliver_after_commit()
        return True

    def action_edit_draft(self):
        """Back to Drafts to correct a permanently refused message."""
        for message in self.filtered(lambda m: m.state == "outbox"):
            message.write(
                {
                    "state": "draft",
                    "folder_id": message.account_id._folder("drafts").id,
                    "error_permanent": False,
                }
            )
        return True
