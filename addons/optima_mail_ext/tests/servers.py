# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Real servers on loopback the tests start and stop themselves (spec §6).

- ``SmtpSink``: aiosmtpd storing envelope and raw bytes; 550 for listed recipients,
  451 on demand; stopping it makes the SMTP server unreachable.
- ``SmsGateway``: http.server speaking SMSAPI.pl's ``/sms.do`` with idempotency by ``idx``,
  scripted answers and a request log.
- ``Dovecot``: a private Dovecot instance (IMAP + POP3) in a temporary directory.
"""

import email.policy
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# ---------------------------------------------------------------------- SMTP
class _SinkHandler:
    def __init__(self, sink):
        self.sink = sink

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.sink.temp_fail:
            return "451 4.3.0 Try again later"
        if address.lower() in self.sink.reject:
            return "550 5.1.1 User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.sink.messages.append(
            {
                "mail_from": envelope.mail_from,
                "rcpt_tos": list(envelope.rcpt_tos),
                "data": envelope.original_content or envelope.content,
            }
        )
        return "250 Message accepted"


class SmtpSink:
    def __init__(self, port=None):
        self.port = port or free_port()
        self.messages = []
        self.reject = set()
        self.temp_fail = False
        self.controller = None

    def start(self):
        from aiosmtpd.controller import Controller

        self.controller = Controller(
            _SinkHandler(self), hostname="127.0.0.1", port=self.port, decode_data=False
        )
        self.controller.start()
        return self

    def stop(self):
        if self.controller:
            self.controller.stop()
            self.controller = None

    def parsed(self, index=-1):
        return message_from_bytes(self.messages[index]["data"], policy=email.policy.default)


# ---------------------------------------------------------------------- SMS
class SmsGateway:
    """SMSAPI.pl-compatible gateway: POST /sms.do (Bearer token), GET /profile."""

    def __init__(self, token="t0k3n"):
        self.port = free_port()
        self.token = token
        self.requests = []
        self.delivered = {}
        self.script = []  # next answers: HTTP status codes or (status, payload)
        self.server = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, payload):
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.headers.get("Authorization") != f"Bearer {gateway.token}":
                    return self._answer(401, {"error": 101, "message": "Authorization failed"})
                return self._answer(200, {"points": 100.0})

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                gateway.requests.append(form)
                if self.headers.get("Authorization") != f"Bearer {gateway.token}":
                    return self._answer(401, {"error": 101, "message": "Authorization failed"})
                if gateway.script:
                    item = gateway.script.pop(0)
                    status, payload = item if isinstance(item, tuple) else (item, {"error": 0})
                    if status != 200:
                        return self._answer(status, payload)
                idx = form.get("idx")
                if idx in gateway.delivered:
                    return self._answer(200, {"error": 53, "message": "Not unique idx"})
                number = form.get("to", "")
                if not number.isdigit() or len(number) < 9:
                    return self._answer(200, {"error": 13, "message": "No correct phone numbers"})
                message_id = f"SMS{len(gateway.delivered) + 1:05d}"
                gateway.delivered[idx] = {**form, "id": message_id}
                return self._answer(
                    200,
                    {"count": 1, "list": [{"id": message_id, "number": number, "status": "QUEUE"}]},
                )

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self.server:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


# ---------------------------------------------------------------------- Dovecot
DOVECOT = "/usr/sbin/dovecot"
DOVECOT_CONF = """
protocols = imap pop3
listen = 127.0.0.1
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
info_log_path = {base}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {login_user}
default_internal_user = {user}
default_internal_group = {group}
mail_location = maildir:{base}/mail/%u
mail_uid = {uid}
mail_gid = {gid}
first_valid_uid = 0
first_valid_gid = 0
pop3_uidl_format = %08Xu%08Xv
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {base}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={base}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap_port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    address = 127.0.0.1
    port = {pop3_port}
  }}
  inet_listener pop3s {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
service pop3-login {{
  chroot =
}}
namespace inbox {{
  inbox = yes
  separator = .
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Trash {{
    special_use = \\Trash
    auto = subscribe
  }}
}}
"""


class Dovecot:
    def __init__(self, users):
        self.users = dict(users)
        self.base = tempfile.mkdtemp(prefix="optima-dovecot-")
        self.imap_port = free_port()
        self.pop3_port = free_port()
        self.process = None

    def _write(self):
        import grp
        import pwd

        entry = pwd.getpwuid(os.getuid())
        login_user = internal_user = entry.pw_name
        if os.getuid() == 0:
            # Dovecot refuses to run its login processes as root.
            login_user, internal_user = "dovenull", "dovecot"
        os.chmod(self.base, 0o755)
        mail_uid, mail_gid = os.getuid(), os.getgid()
        if mail_uid == 0:
            # …and mail processes as uid 0: the mail store belongs to the dovecot user.
            owner = pwd.getpwnam("dovecot")
            mail_uid, mail_gid = owner.pw_uid, owner.pw_gid
        for sub in ("run", "state", "mail", "home"):
            os.makedirs(os.path.join(self.base, sub), exist_ok=True)
            if sub in ("mail", "home"):
                os.chown(os.path.join(self.base, sub), mail_uid, mail_gid)
        with open(os.path.join(self.base, "dovecot.conf"), "w") as conf:
            conf.write(
                DOVECOT_CONF.format(
                    base=self.base,
                    login_user=login_user,
                    user=internal_user,
                    group=grp.getgrgid(os.getgid()).gr_name,
                    uid=mail_uid,
                    gid=mail_gid,
                    imap_port=self.imap_port,
                    pop3_port=self.pop3_port,
                )
            )
        self.set_passwords()

    def set_passwords(self, **changes):
        self.users.update(changes)
        path = os.path.join(self.base, "passwd")
        with open(path, "w") as passwd:
            passwd.writelines(
                f"{user}:{{PLAIN}}{password}::::::\n" for user, password in self.users.items()
            )
        # Dovecot re-reads the file when its mtime (in seconds) changes.
        self._mtime = getattr(self, "_mtime", time.time()) + 2
        os.utime(path, (self._mtime, self._mtime))

    def start(self):
        self._write()
        self.process = subprocess.Popen(
            [DOVECOT, "-F", "-c", os.path.join(self.base, "dovecot.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.time() + 15
        while time.time() < deadline:
            try:
                with (
                    socket.create_connection(("127.0.0.1", self.imap_port), timeout=1),
                    socket.create_connection(("127.0.0.1", self.pop3_port), timeout=1),
                ):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode()) from None
                time.sleep(0.1)
        raise RuntimeError("Dovecot did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process = None
        shutil.rmtree(self.base, ignore_errors=True)

    def imap(self, user):
        import imaplib

        conn = imaplib.IMAP4("127.0.0.1", self.imap_port)
        conn.login(user, self.users[user])
        return conn
