# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""S/MIME signing (python ``cryptography``) and verification (system ``openssl cms``).

``cryptography`` builds PKCS#7 signatures but cannot verify them, so verification runs
Debian's ``openssl cms -verify`` on the stored raw bytes (MAIL-40). Signing wraps the final
MIME body: what is signed is exactly what is sent (MAIL-39).
"""

import base64
import calendar
import copy
import email
import email.policy
import os
import subprocess
import tempfile
import uuid
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.serialization import pkcs7, pkcs12
from cryptography.x509.oid import ExtensionOID, NameOID

# Re-serialising must not refold what was signed.
RAW_POLICY = email.policy.SMTP.clone(refold_source="none", max_line_length=None)
ENVELOPE_KEEP = ("content-type", "content-transfer-encoding", "content-disposition")


class SmimeError(Exception):
    pass


def load_certificate(content, password=None):
    """(certificate, private key or None) from PKCS#12 or PEM bytes."""
    if b"-----BEGIN" in content:
        cert = x509.load_pem_x509_certificate(content)
        key = None
        if b"PRIVATE KEY-----" in content:
            key = serialization.load_pem_private_key(
                content, password=password.encode() if password else None
            )
        return cert, key
    try:
        key, cert, _extra = pkcs12.load_key_and_certificates(
            content, password.encode() if password else None
        )
    except ValueError as exc:
        raise SmimeError("wrong password or damaged certificate file") from exc
    return cert, key


def certificate_info(cert):
    def _name(name):
        values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
        return values[0].value if values else name.rfc4514_string()

    emails = [a.value for a in cert.subject.get_attributes_for_oid(NameOID.EMAIL_ADDRESS)]
    san = next((e for e in cert.extensions if e.oid == ExtensionOID.SUBJECT_ALTERNATIVE_NAME), None)
    if san is not None:
        emails += san.value.get_values_for_type(x509.RFC822Name)
    return {
        "subject": _name(cert.subject),
        "issuer": _name(cert.issuer),
        "email": (emails[0] if emails else "").lower(),
        "serial": format(cert.serial_number, "X"),
        "not_before": cert.not_valid_before,
        "not_after": cert.not_valid_after,
    }


def sign_message(message, cert, key):
    """Return a new EmailMessage: multipart/signed (application/pkcs7-signature, sha-256)."""
    inner = copy.deepcopy(message)
    for header in list(inner.keys()):
        if header.lower() not in ENVELOPE_KEEP:
            del inner[header]
    inner_bytes = inner.as_bytes(policy=RAW_POLICY.clone(linesep="\r\n"))
    signature = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(inner_bytes)
        .add_signer(cert, key, hashes.SHA256())
        .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature])
    )
    boundary = f"----=_smime_{uuid.uuid4().hex}"
    head = [
        f"{name}: {value}"
        for name, value in message.items()
        if name.lower() not in ENVELOPE_KEEP and name.lower() != "mime-version"
    ]
    head += [
        "MIME-Version: 1.0",
        (
            'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; '
            f'micalg=sha-256; boundary="{boundary}"'
        ),
    ]
    b64 = base64.encodebytes(signature).decode().replace("\n", "\r\n")
    body = (
        "\r\n".join(head).encode()
        + b"\r\n\r\nThis is an S/MIME signed message\r\n\r\n--"
        + boundary.encode()
        + b"\r\n"
        + inner_bytes
        + b"\r\n--"
        + boundary.encode()
        + b"\r\nContent-Type: application/pkcs7-signature; name=smime.p7s\r\n"
        b"Content-Transfer-Encoding: base64\r\n"
        b"Content-Disposition: attachment; filename=smime.p7s\r\n\r\n"
        + b64.encode()
        + b"\r\n--"
        + boundary.encode()
        + b"--\r\n"
    )
    return email.message_from_bytes(body, policy=RAW_POLICY)


def is_signed(raw):
    head = raw[:8192].lower()
    return (
        b"multipart/signed" in head
        or b"application/pkcs7-mime" in head
        or (b"application/x-pkcs7-mime" in head)
    )


def verify_message(raw, ca_pems, signing_time=None, sender=None):
    """Verify a signed message; return dict(valid, reason, info)."""
    with tempfile.TemporaryDirectory(prefix="optima-smime-") as tmp:
        msg_path = os.path.join(tmp, "msg.eml")
        ca_path = os.path.join(tmp, "ca.pem")
        signer_path = os.path.join(tmp, "signer.pem")
        with open(msg_path, "wb") as handle:
            handle.write(raw)
        with open(ca_path, "wb") as handle:
            handle.write(b"\n".join(ca_pems))
        # First the signer certificate and the digest, without a time or chain check.
        digest = subprocess.run(
            [
                "openssl",
                "cms",
                "-verify",
                "-in",
                msg_path,
                "-noverify",
                "-signer",
                signer_path,
                "-out",
                os.devnull,
            ],
            capture_output=True,
            check=False,
        )
        info = {}
        if os.path.exists(signer_path):
            with open(signer_path, "rb") as handle:
                info = certificate_info(x509.load_pem_x509_certificate(handle.read()))
        if digest.returncode != 0:
            text = digest.stderr.decode(errors="replace")
            if "digest failure" in text or "content verify error" in text:
                return {"valid": False, "reason": "modified", "info": info}
            return {"valid": False, "reason": "unreadable", "info": info}
        when = signing_time or datetime.now(UTC).replace(tzinfo=None)
        if info and not info["not_before"] <= when <= info["not_after"]:
            reason = "expired" if when > info["not_after"] else "not_yet_valid"
            return {"valid": False, "reason": reason, "info": info}
        args = [
            "openssl",
            "cms",
            "-verify",
            "-in",
            msg_path,
            "-purpose",
            "any",
            "-out",
            os.devnull,
            "-CAfile",
            ca_path,
        ]
        if info:
            moment = min(max(when, info["not_before"]), info["not_after"])
            args += ["-attime", str(calendar.timegm(moment.utctimetuple()))]
        chain = subprocess.run(args, capture_output=True, check=False)
        if chain.returncode != 0:
            return {"valid": False, "reason": "untrusted", "info": info}
        if sender and info.get("email") and info["email"] != sender.lower():
            return {"valid": False, "reason": "email_mismatch", "info": info}
        return {"valid": True, "reason": False, "info": info}
