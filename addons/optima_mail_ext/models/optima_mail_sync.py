# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Synchronisation of one account: folder list, local changes, Outbox, new messages (MAIL-09).

Never loses or duplicates a message: each fetched message is stored raw and committed in
the same transaction that advances the folder's last UID (IMAP, per UIDVALIDITY) or the
seen UIDL list (POP3); a rerun after a crash fetches from the last committed position and
de-duplicates by Message-ID within the account.
"""

import email
import email.policy
import logging
from email.utils import make_msgid, parsedate_to_datetime

import pytz

from odoo import _, api, fields, models
from odoo.tools.mail import decode_message_header, email_split_and_format

from ..tools.mail_store import StoreError, open_store
from .optima_mail_account import SYNC_LOCK

_logger = logging.getLogger(__name__)

SPECIAL_USE = {"\\Sent": "sent", "\\Drafts": "drafts", "\\Trash": "deleted"}
DONE_FOLDER = "Załatwione"
COMMIT_EVERY = 20


class OptimaMailSync(models.AbstractModel):
    _name = "optima.mail.sync"
    _description = "Mailbox synchronisation (Optima: Wyślij/ Odbierz)"

    # ================================================================== entry points
    @api.model
    def synchronise(self, account, user=None, force_outbox=False):
        """One cycle for ``account``; False when another synchronisation holds the lock."""
        account = account.sudo()
        cr = self.env.cr
        cr.execute("SELECT pg_try_advisory_lock(%s, %s)", (SYNC_LOCK, account.id))
        if not cr.fetchone()[0]:
            return False
        store = open_store(account)
        try:
            store.login()
            if account.protocol == "imap":
                self._sync_imap(account, store)
            else:
                self._sync_pop3(account, store)
            account.write({"last_sync": fields.Datetime.now(), "last_error": False})
            account.has_fetched = True
        except (StoreError, OSError) as exc:
            self._sync_failed(account, str(exc), user)
        finally:
            store.close()
            cr.execute("SELECT pg_advisory_unlock(%s, %s)", (SYNC_LOCK, account.id))
        self.env["optima.mail.message"]._process_outbox(force=force_outbox, account=account)
        self._commit()
        return True

    @api.model
    def _cron_sync(self):
        now = fields.Datetime.now()
        accounts = self.env["optima.mail.account"].sudo().search([("incoming_host", "!=", False)])
        for account in accounts:
            due = not account.last_sync or (
                (now - account.last_sync).total_seconds() >= account.fetch_interval * 60
            )
            if due:
                self.synchronise(account)

    def _commit(self):
        self.env["optima.mail.service"]._commit_point()

    # ================================================================== failures
    def _sync_failed(self, account, text, user=None):
        """MAIL-11/AMB-17: error on the account and at most one report a day in the Inbox."""
        account.write({"last_error": text, "last_error_date": fields.Datetime.now()})
        user = user or account.owner_id
        subject = _("Synchronisation error of account %s", account.symbol)
        today = fields.Datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
        Message = self.env["optima.mail.message"].sudo()
        if Message.search_count(
            [
                ("account_id", "=", account.id),
                ("subject", "=", subject),
                ("note", "=", text),
                ("date", ">=", today),
            ]
        ):
            return
        Message.create(
            {
                "account_id": account.id,
                "direction": "in",
                "state": "received",
                "folder_id": account._folder("inbox").id,
                "user_id": user.id,
                "subject": subject,
                "body": _("The synchronisation failed: %s", text),
                "note": text,
                "email_from": account.email,
                "origin": "sync_error",
            }
        )

    # ================================================================== IMAP
    def _sync_imap(self, account, store):
        folders, gone = self._sync_imap_folders(account, store)
        self._push_imap_changes(account, store, folders, gone)
        for folder in folders.values():
            if folder.subscribed or folder.folder_type != "user":
                self._fetch_imap_folder(account, store, folder)

    def _sync_imap_folders(self, account, store):
        """Server folders appear locally (subscription from the server on creation, except
        for a folder renamed on the server).

        :return: ``({server name: folder}, folders gone from the server since the last sync)``
        """
        Folder = self.env["optima.mail.folder"].sudo()
        by_name = {f.imap_name: f for f in account.folder_ids if f.imap_name}
        result = {}
        listing = sorted(store.list_folders())
        listed = {entry[0] for entry in listing}
        # MAIL-11: a folder deleted or renamed on the server stays here as a local folder.
        gone = account.folder_ids.filtered(
            lambda f: f.folder_type == "user" and f.imap_name and f.imap_name not in listed
        )
        # RENAME keeps the mailbox's UIDVALIDITY (RFC 3501 6.3.5): that is how a new server
        # folder is told from a renamed one.
        renamed_from = {f.uidvalidity for f in gone if f.uidvalidity}
        for name, delim, flags, subscribed in listing:
            if "\\Noselect" in flags or "\\NonExistent" in flags:
                continue
            folder = by_name.get(name)
            if not folder:
                folder = self._map_system_folder(account, name, flags)
                if folder:
                    folder.imap_name = name
            if not folder:
                parts = name.split(delim) if delim else [name]
                if any(ch in part for part in parts for ch in '"/\\'):
                    continue  # names Optima cannot represent are not synchronised
                parent = result.get(delim.join(parts[:-1])) if len(parts) > 1 else None
                twin = account.folder_ids.filtered(
                    lambda f, leaf=parts[-1], parent=parent: (
                        f.folder_type == "user"
                        and f.name == leaf
                        and f.parent_id == (parent or Folder)
                    )
                )[:1]
                if twin.imap_rename_pending:
                    continue  # renamed here to this name: the RENAME is refused, then it appears
                if twin and not twin.imap_name:
                    # A local folder of the same name becomes that server folder.
                    twin.write({"imap_name": name, "subscribed": subscribed})
                    result[name] = twin
                    continue
                if subscribed and renamed_from and store.select(name) in renamed_from:
                    # MAIL-11: renamed on the server, it shows up unsubscribed; the old
                    # folder keeps its messages here as a local folder.
                    subscribed = False
                folder = Folder.create(
                    {
                        "account_id": account.id,
                        "name": parts[-1],
                        "folder_type": "user",
                        "parent_id": parent.id if parent else False,
                        "imap_name": name,
                        "subscribed": subscribed,
                    }
                )
            result[name] = folder
        gone.write({"imap_name": False, "subscribed": False, "imap_rename_pending": False})
        return result, gone

    def _map_system_folder(self, account, name, flags):
        if name.upper() == "INBOX":
            return account._folder("inbox")
        for flag, ftype in SPECIAL_USE.items():
            if flag in flags:
                folder = account._folder(ftype)
                return folder if not folder.imap_name else None
        if name == DONE_FOLDER:
            return account._folder("done")
        return None

    def _fetch_imap_folder(self, account, store, folder):
        uidvalidity = store.select(folder.imap_name, readonly=True)
        if folder.uidvalidity != uidvalidity:
            # New UIDVALIDITY: a full re-scan; Message-IDs prevent duplicates.
            folder.write({"uidvalidity": uidvalidity, "last_uid": 0})
        pending = []
        try:
            for uid, (raw, flags) in self._fetch_in_batches(
                store, store.uids_after(folder.last_uid)
            ):
                self.env["optima.mail.message"]._ingest(
                    account,
                    folder,
                    raw,
                    imap_uid=uid,
                    uidvalidity=uidvalidity,
                    draft="\\Draft" in flags,
                    pending=pending,
                )
                if len(pending) >= COMMIT_EVERY:
                    self._store_fetched(account, folder, pending)
        except (StoreError, OSError):
            # What was fetched before the connection failed is kept, with its last UID.
            self._store_fetched(account, folder, pending)
            raise
        self._store_fetched(account, folder, pending)

    def _fetch_in_batches(self, store, uids):
        """(uid, (raw, flags)) in UID order, COMMIT_EVERY messages per FETCH command."""
        for start in range(0, len(uids), COMMIT_EVERY):
            chunk = uids[start : start + COMMIT_EVERY]
            fetched = store.fetch_many(chunk)
            for uid in chunk:
                if uid in fetched:  # expunged meanwhile by another client
                    yield uid, fetched[uid]

    def _store_fetched(self, account, folder, pending):
        """Store a batch of fetched messages: the messages and the last UID are committed
        together (never one without the other)."""
        if not pending:
            return
        self.env["optima.mail.message"]._ingest_batch(account, folder, pending)
        folder.last_uid = pending[-1]["imap_uid"]
        pending.clear()
        self._commit()

    def _push_imap_changes(self, account, store, folders, gone):
        """Create new server folders, upload new drafts (\\Draft), replay local moves."""
        self._push_renames(account, store)
        self._push_new_folders(account, store, folders)
        self._push_purges(account, store)
        drafts = account._folder("drafts")
        if drafts.imap_name:
            self._push_edited_drafts(account, store, drafts)
            new_drafts = (
                self.env["optima.mail.message"]
                .sudo()
                .search(
                    [
                        ("account_id", "=", account.id),
                        ("folder_id", "=", drafts.id),
                        ("imap_uid", "=", 0),
                        ("imap_folder_id", "=", False),
                    ]
                )
            )
            for draft in new_drafts:
                raw = draft._draft_bytes()
                if raw:
                    store.append(drafts.imap_name, raw, "(\\Draft)")
                    # The next fetch of Drafts finds it by Message-ID and records its UID.
                    draft.imap_folder_id = drafts
                    self._commit()
        self._push_uploads(account, store)
        pending = (
            self.env["optima.mail.message"]
            .sudo()
            .search([("account_id", "=", account.id), ("imap_move_pending", "=", True)])
        )
        for message in pending:
            target = message.folder_id
            if target.folder_type == "done" and not target.imap_name:
                store.create_folder(DONE_FOLDER)
                target.write({"imap_name": DONE_FOLDER, "subscribed": True})
            if target in gone and message.imap_folder_id.imap_name:
                self._undo_move(account, message)  # MAIL-11: the target was deleted there
                continue
            if not target.imap_name or not message.imap_folder_id.imap_name:
                message.imap_move_pending = False
                continue
            try:
                store.select(message.imap_folder_id.imap_name, readonly=False)
                if not store.uid_exists(message.imap_uid):
                    self._undo_move(account, message)
                    continue
                store.move(message.imap_uid, target.imap_name)
            except StoreError as exc:
                message._history("error", comment=str(exc)[:250])
                continue
            # The copy gets a new UID in the target; the fetch finds it by Message-ID.
            message.write({"imap_move_pending": False, "imap_folder_id": target.id, "imap_uid": 0})
            self._commit()

    def _undo_move(self, account, message):
        """MAIL-11: moved on the server meanwhile (or deleted there): the server wins. The
        local move is undone, the fetch follows the message to the server's folder, and the
        operator who moved it gets an informational message in the Inbox."""
        target = message.folder_id
        mover = message.history_ids.filtered(lambda h: h.action == "moved")[-1:].user_id
        message.write({"folder_id": message.imap_folder_id.id, "imap_move_pending": False})
        text = _(
            "The message %(name)s (%(subject)s) or the folder %(folder)s was moved or deleted "
            "on the server meanwhile: your move to %(folder)s was undone.",
            name=message.name,
            subject=message.subject,
            folder=target.display_name,
        )
        message._history("moved", comment=text)
        self.env["optima.mail.message"].sudo().create(
            {
                "account_id": account.id,
                "direction": "in",
                "state": "received",
                "folder_id": account._folder("inbox").id,
                "user_id": (mover or account.owner_id).id,
                "subject": _("Move of message %s undone", message.name),
                "body": text,
                "email_from": account.email,
                "origin": "sync_info",
            }
        )
        self._commit()

    def _push_edited_drafts(self, account, store, drafts):
        """MAIL-14. A draft whose server copy is gone was edited (or sent, or deleted) in
        another client: the local draft gives way to what the fetch brings (its document
        links are lost, as in Optima). If it was edited here as well, both versions stay:
        the local one is uploaded as a new draft. A draft edited only here replaces its
        server copy."""
        Message = self.env["optima.mail.message"].sudo()
        uidvalidity = store.select(drafts.imap_name, readonly=False)
        local = Message.search(
            [
                ("account_id", "=", account.id),
                ("folder_id", "=", drafts.id),
                ("imap_folder_id", "=", drafts.id),
                ("imap_uid", "!=", 0),
                ("imap_uidvalidity", "=", uidvalidity),
            ]
        )
        if not local:
            return
        on_server = set(store.uids_after(0))
        domain = (account.email or "localhost").rpartition("@")[2] or "localhost"
        gone = local.filtered(lambda m: m.imap_uid not in on_server)
        both = gone.filtered("imap_draft_edited")
        # Both edited: a new Message-ID keeps the two versions apart on the next fetch.
        for draft in both:
            draft.write(
                {
                    "imap_uid": 0,
                    "imap_folder_id": False,
                    "imap_draft_edited": False,
                    "message_id": make_msgid(domain=domain),
                }
            )
        (gone - both).unlink()
        for draft in (local - gone).filtered("imap_draft_edited"):
            raw = draft._draft_bytes()
            if not raw:
                continue
            store.append(drafts.imap_name, raw, "(\\Draft)")
            store.select(drafts.imap_name, readonly=False)
            store.delete_message(draft.imap_uid)
            # The next fetch finds the new copy by Message-ID and records its UID.
            draft.write({"imap_uid": 0, "imap_draft_edited": False})
        self._commit()

    def _push_uploads(self, account, store):
        """MAIL-02/11: messages moved into this account's server folders from elsewhere are
        uploaded with their original bytes and headers; flags of the local copy are not
        transferred. The fetch of the folder then records their UIDs by Message-ID."""
        uploads = (
            self.env["optima.mail.message"]
            .sudo()
            .search([("account_id", "=", account.id), ("imap_upload_pending", "=", True)])
        )
        for message in uploads:
            folder = message.folder_id
            if not folder.imap_name:
                message.imap_upload_pending = False  # a local folder keeps it local
                continue
            raw = message.raw_attachment_id.raw or message._draft_bytes()
            if not raw:
                continue
            try:
                store.append(folder.imap_name, raw, "")
            except StoreError as exc:
                message._history("error", comment=str(exc)[:250])
                continue
            message.write({"imap_upload_pending": False, "imap_folder_id": folder.id})
            self._commit()

    def _push_renames(self, account, store):
        """MAIL-10: folders renamed or moved in Odoo are renamed on the server (parents first,
        the server moves the children along). A refusal restores the folder's local name and
        place and reports the server's error."""
        delimiter = next((d for _n, d, _f, _s in store.list_folders() if d), ".")
        todo = account.folder_ids.filtered("imap_rename_pending").sorted(
            lambda f: len(f.parent_path or "")
        )
        for folder in todo:
            old = folder.imap_name
            parent_name = folder.parent_id.imap_name if folder.parent_id else ""
            new = f"{parent_name}{delimiter}{folder.name}" if parent_name else folder.name
            if new != old:
                try:
                    store.rename_folder(old, new)
                except StoreError as exc:
                    parent_name, _sep, leaf = old.rpartition(delimiter)
                    parent = account.folder_ids.filtered(
                        lambda f, name=parent_name: name and f.imap_name == name
                    )
                    folder.write({"name": leaf, "parent_id": parent[:1].id})
                    folder.imap_rename_pending = False
                    self._sync_failed(account, str(exc))
                    self._commit()
                    continue
                for moved in account.folder_ids.filtered(
                    lambda f, old=old: f.imap_name and f.imap_name.startswith(old + delimiter)
                ):
                    moved.imap_name = new + moved.imap_name[len(old) :]
            folder.write({"imap_name": new, "imap_rename_pending": False})
            self._commit()

    def _push_purges(self, account, store):
        remaining = []
        for line in (account.imap_purge or "").splitlines():
            uidvalidity, uid, name = line.split("\t", 2)
            try:
                if store.select(name, readonly=False) == uidvalidity or not uidvalidity:
                    store.delete_message(int(uid))
            except StoreError:
                remaining.append(line)
        account.imap_purge = "\n".join(remaining) or False

    def _push_new_folders(self, account, store, folders):
        """Own folders marked for the server (subscribed, or under a server folder) are
        created there; a refusal leaves them local and reports the server's error."""
        delimiter = next((d for _n, d, _f, _s in store.list_folders() if d), ".")
        todo = account.folder_ids.filtered(
            lambda f: (
                f.folder_type == "user"
                and not f.imap_name
                and (f.subscribed or f.parent_id.imap_name)
            )
        ).sorted(lambda f: len(f.parent_path or ""))
        for folder in todo:
            if folder.parent_id and not folder.parent_id.imap_name:
                continue  # a local parent keeps its children local
            name = folder.name
            if folder.parent_id:
                name = f"{folder.parent_id.imap_name}{delimiter}{folder.name}"
            try:
                store.create_folder(name)
            except StoreError as exc:
                self._sync_failed(account, str(exc))
                continue
            folder.write({"imap_name": name, "subscribed": True})
            # MAIL-11: a local folder subscribed here takes its messages to the server.
            folder.message_ids.filtered(lambda m: not m.imap_folder_id).write(
                {"imap_upload_pending": True}
            )
            folders[name] = folder
            self._commit()

    # ================================================================== POP3
    def _sync_pop3(self, account, store):
        uidls = store.uidls()
        to_delete = set((account.pop_purge_uidls or "").split())
        for uidl in to_delete & set(uidls):
            store.delete(uidls[uidl])
        if to_delete:
            account.pop_purge_uidls = False
        seen = set((account.pop_seen_uidls or "").split())
        inbox = account._folder("inbox")
        for uidl, number in sorted(uidls.items(), key=lambda item: item[1]):
            if uidl in seen or uidl in to_delete:
                continue
            raw = store.retrieve(number)
            self.env["optima.mail.message"]._ingest(account, inbox, raw, pop_uidl=uidl)
            seen.add(uidl)
            account.pop_seen_uidls = "\n".join(sorted(seen))
            self._commit()

    # ================================================================== parsing
    @api.model
    def _parse(self, raw):
        """Headers, body and attachments of a fetched message.

        Core's ``message_parse`` also looks up alias domains, aliases and bounce addresses
        for routing (three queries per message); a mailbox keeps every message as it is,
        so only the headers are decoded and core extracts the body and attachments.
        """
        message = email.message_from_bytes(raw, policy=email.policy.SMTP)

        def addresses(*names):
            found = []
            for name in names:
                for address in email_split_and_format(
                    decode_message_header(message, name, separator=",")
                ):
                    if address not in found:
                        found.append(address)
            return found

        email_from = decode_message_header(message, "From", separator=",")
        values = {
            "message_id": (message.get("Message-Id") or "").strip() or False,
            "subject": decode_message_header(message, "Subject"),
            "email_from": (email_split_and_format(email_from) or [email_from])[0],
            "to": ",".join(addresses("Delivered-To", "To")),
            "cc": ",".join(addresses("Cc")),
            "references": decode_message_header(message, "References"),
            "in_reply_to": decode_message_header(message, "In-Reply-To").strip(),
            "date": False,
        }
        try:
            date = parsedate_to_datetime(decode_message_header(message, "Date"))
            date = date.replace(tzinfo=pytz.utc) if date.utcoffset() is None else date
            values["date"] = fields.Datetime.to_string(date.astimezone(pytz.utc))
        except (TypeError, ValueError, IndexError):
            # No or unreadable Date: the message is stored with the fetch time.
            _logger.debug("No readable Date in %s", values["message_id"])
        values.update(self.env["mail.thread"]._message_parse_extract_payload(message, values))
        return values
