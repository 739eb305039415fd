# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""IMAP and POP3 access for the mailbox synchronisation (MAIL-09 … MAIL-13).

Small classes over imaplib/poplib so the synchronisation can be run against a real local
server in tests. IMAP is read by UID with BODY.PEEK (the server's \\Seen is never changed).
"""

import base64
import imaplib
import logging
import poplib
import re

_logger = logging.getLogger(__name__)

LIST_RE = re.compile(rb'\((?P<flags>[^)]*)\) (?P<delim>"[^"]*"|NIL) (?P<name>.+)')


def imap_utf7_encode(text):
    """RFC 3501 modified UTF-7 (Polish letters in folder names round-trip)."""
    result, buffer = [], []

    def flush():
        if buffer:
            raw = "".join(buffer).encode("utf-16-be")
            result.append("&" + base64.b64encode(raw).decode().rstrip("=").replace("/", ",") + "-")
            buffer.clear()

    for char in text:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            result.append("&-" if char == "&" else char)
        else:
            buffer.append(char)
    flush()
    return "".join(result)


def imap_utf7_decode(text):
    def _decode(match):
        chunk = match.group(1)
        if not chunk:
            return "&"
        padded = chunk.replace(",", "/") + "=" * (-len(chunk) % 4)
        return base64.b64decode(padded).decode("utf-16-be")

    return re.sub(r"&([^-]*)-", _decode, text)


def _quote(name):
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


class StoreError(Exception):
    pass


class _Store:
    """Connection settings shared by the IMAP and POP3 stores."""

    def __init__(self, host, port, ssl, user, password, timeout=30):
        self.host, self.port, self.ssl = host, port, ssl
        self.user, self.password, self.timeout = user, password, timeout
        self.conn = None


class ImapStore(_Store):
    def login(self):
        try:
            cls = imaplib.IMAP4_SSL if self.ssl else imaplib.IMAP4
            self.conn = cls(self.host, self.port, timeout=self.timeout)
            self.conn.login(self.user, self.password)
        except (imaplib.IMAP4.error, OSError) as exc:
            self.conn = None
            raise StoreError(str(exc)) from exc
        return self

    def close(self):
        if self.conn is not None:
            try:
                self.conn.logout()
            except (imaplib.IMAP4.error, OSError) as exc:
                _logger.debug("IMAP logout failed: %s", exc)
            self.conn = None

    def _check(self, result, what):
        typ, data = result
        if typ != "OK":
            raise StoreError(f"{what}: {data!r}")
        return data

    def list_folders(self):
        """[(name, delimiter, flags, subscribed)] with names decoded from modified UTF-7."""
        data = self._check(self.conn.list(), "LIST")
        subscribed = {f[0] for f in self._parse_list(self._check(self.conn.lsub(), "LSUB"))}
        return [
            (name, delim, flags, name in subscribed)
            for name, delim, flags in self._parse_list(data)
        ]

    def _parse_list(self, data):
        result = []
        for line in data:
            if not line:
                continue
            if isinstance(line, tuple):
                line = line[0] + b'"' + line[1] + b'"'
            match = LIST_RE.match(line)
            if not match:
                continue
            delim = (
                match.group("delim").strip(b'"').decode() if match.group("delim") != b"NIL" else ""
            )
            raw = match.group("name").strip().strip(b'"').decode()
            flags = match.group("flags").decode().split()
            result.append((imap_utf7_decode(raw), delim, flags))
        return result

    def select(self, name, readonly=True):
        """Select a folder; return its UIDVALIDITY."""
        self._check(self.conn.select(_quote(imap_utf7_encode(name)), readonly=readonly), "SELECT")
        _code, data = self.conn.response("UIDVALIDITY")
        value = data[0] if data else b""
        return value.decode() if isinstance(value, bytes) else str(value or "")

    def uids_after(self, last_uid):
        data = self._check(self.conn.uid("SEARCH", None, f"UID {last_uid + 1}:*"), "SEARCH")
        uids = [int(u) for u in (data[0] or b"").split()]
        # "n:*" always returns the last message even when its UID is below n.
        return sorted(u for u in uids if u > last_uid)

    def fetch(self, uid):
        """(raw bytes, flags) of a message, without setting \\Seen."""
        data = self._check(self.conn.uid("FETCH", str(uid), "(FLAGS BODY.PEEK[])"), "FETCH")
        raw, flags = b"", []
        for part in data:
            if isinstance(part, tuple):
                raw = part[1]
                flags_match = re.search(rb"FLAGS \(([^)]*)\)", part[0])
                if flags_match:
                    flags = flags_match.group(1).decode().split()
        return raw, flags

    def uid_exists(self, uid):
        """Whether the selected folder still holds ``uid``."""
        data = self._check(self.conn.uid("SEARCH", None, f"UID {uid}"), "SEARCH")
        return str(uid).encode() in (data[0] or b"").split()

    def fetch_many(self, uids):
        """``{uid: (raw bytes, flags)}`` of several messages in one UID FETCH (no \\Seen)."""
        if not uids:
            return {}
        data = self._check(
            self.conn.uid("FETCH", ",".join(map(str, uids)), "(UID FLAGS BODY.PEEK[])"), "FETCH"
        )
        result = {}
        for part in data:
            if not isinstance(part, tuple):
                continue
            uid_match = re.search(rb"UID (\d+)", part[0])
            flags_match = re.search(rb"FLAGS \(([^)]*)\)", part[0])
            if uid_match:
                flags = flags_match.group(1).decode().split() if flags_match else []
                result[int(uid_match.group(1))] = (part[1], flags)
        return result

    def append(self, name, raw, flags=""):
        self._check(self.conn.append(_quote(imap_utf7_encode(name)), flags, None, raw), "APPEND")

    def create_folder(self, name):
        self._check(self.conn.create(_quote(imap_utf7_encode(name))), "CREATE")
        self.conn.subscribe(_quote(imap_utf7_encode(name)))

    def rename_folder(self, old, new):
        """RENAME (children follow on the server); the new name is subscribed."""
        self._check(
            self.conn.rename(_quote(imap_utf7_encode(old)), _quote(imap_utf7_encode(new))),
            "RENAME",
        )
        self.conn.subscribe(_quote(imap_utf7_encode(new)))

    def move(self, uid, target):
        """Copy to ``target`` and expunge here (works without the MOVE extension)."""
        self._check(self.conn.uid("COPY", str(uid), _quote(imap_utf7_encode(target))), "COPY")
        self._check(self.conn.uid("STORE", str(uid), "+FLAGS.SILENT", "(\\Deleted)"), "STORE")
        self.conn.expunge()

    def delete_message(self, uid):
        self._check(self.conn.uid("STORE", str(uid), "+FLAGS.SILENT", "(\\Deleted)"), "STORE")
        self.conn.expunge()


class Pop3Store(_Store):
    def login(self):
        try:
            cls = poplib.POP3_SSL if self.ssl else poplib.POP3
            self.conn = cls(self.host, self.port, timeout=self.timeout)
            self.conn.user(self.user)
            self.conn.pass_(self.password)
        except (poplib.error_proto, OSError) as exc:
            self.conn = None
            raise StoreError(str(exc)) from exc
        return self

    def close(self):
        if self.conn is not None:
            try:
                self.conn.quit()
            except (poplib.error_proto, OSError) as exc:
                _logger.debug("POP3 quit failed: %s", exc)
            self.conn = None

    def uidls(self):
        """{uidl: message number} of the server inbox."""
        _resp, lines, _octets = self.conn.uidl()
        result = {}
        for line in lines:
            num, uidl = line.decode().split(" ", 1)
            result[uidl] = int(num)
        return result

    def retrieve(self, number):
        _resp, lines, _octets = self.conn.retr(number)
        return b"\r\n".join(lines) + b"\r\n"

    def delete(self, number):
        self.conn.dele(number)


def open_store(account):
    """The store of an ``optima.mail.account`` (sudo: it reads the password)."""
    cls = ImapStore if account.protocol == "imap" else Pop3Store
    return cls(
        account.incoming_host,
        account.incoming_port,
        account.incoming_ssl,
        account.incoming_user,
        account.incoming_password,
    )
