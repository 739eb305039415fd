# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""S/MIME: AC-35 (signing checked by openssl cms), AC-36 (verification), AC-37 (no certificate)."""

import base64
import os
import subprocess
import tempfile
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from ..tools import smime
from .common import OptimaMailCase


def make_cert(
    common_name, email_address, issuer=None, issuer_key=None, start=None, end=None, ca=False
):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if email_address:
        attrs.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email_address))
    subject = x509.Name(attrs)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start or datetime(2025, 1, 1))
        .not_valid_after(end or datetime(2035, 12, 31))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if email_address:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(email_address)]), critical=False
        )
    cert = builder.sign(issuer_key or key, hashes.SHA256())
    return cert, key


@tagged("post_install", "-at_install")
class TestSmime(OptimaMailCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ca, cls.ca_key = make_cert("Ogrodnik Test CA", None, ca=True)
        cls.ca_pem = cls.ca.public_bytes(serialization.Encoding.PEM)
        cls.biuro_cert, cls.biuro_key = make_cert(
            "Biuro Ogrodnik", "biuro@ogrodnik.test", cls.ca, cls.ca_key
        )
        cls.jan_cert, cls.jan_key = make_cert(
            "Jan Kowalski", "jan.kowalski@abc.test", cls.ca, cls.ca_key
        )
        cls.old_cert, cls.old_key = make_cert(
            "Jan Kowalski",
            "jan.kowalski@abc.test",
            cls.ca,
            cls.ca_key,
            start=datetime(2023, 1, 1),
            end=datetime(2024, 1, 1),
        )
        cls.env["optima.mail.certificate"].create(
            {"scope": "ca", "content": base64.b64encode(cls.ca_pem)}
        )

    def _p12(self, cert, key, password=b"haslo"):
        return base64.b64encode(
            pkcs12.serialize_key_and_certificates(
                b"biuro", key, cert, None, serialization.BestAvailableEncryption(password)
            )
        )

    def test_as35_sign_outgoing(self):
        certificate = self.env["optima.mail.certificate"].create(
            {
                "account_id": self.biuro.id,
                "content": self._p12(self.biuro_cert, self.biuro_key),
                "password": "haslo",
            }
        )
        self.assertEqual(certificate.email, "biuro@ogrodnik.test")
        self.assertEqual(certificate.issuer, "Ogrodnik Test CA")
        self.biuro.sign_outgoing = True
        message = (
            self.env["optima.mail.service"]
            .with_user(self.anna)
            .send_email(
                account=self.biuro,
                subject="Podpisana",
                body="<p>Zażółć gęślą jaźń</p>",
                email_to="jan.kowalski@abc.test",
            )
        )
        self.outbox()
        self.assertEqual(message.state, "sent")
        self.assertTrue(message.is_signed)
        raw = self.sink.messages[0]["data"]
        sent = self.sink.parsed()
        self.assertEqual(sent.get_content_type(), "multipart/signed")
        self.assertEqual(sent.get_param("protocol"), "application/pkcs7-signature")
        self.assertEqual(sent.get_param("micalg"), "sha-256")
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "m.eml"), "wb") as handle:
                handle.write(raw)
            with open(os.path.join(tmp, "ca.pem"), "wb") as handle:
                handle.write(self.ca_pem)
            result = subprocess.run(
                [
                    "openssl",
                    "cms",
                    "-verify",
                    "-in",
                    os.path.join(tmp, "m.eml"),
                    "-CAfile",
                    os.path.join(tmp, "ca.pem"),
                    "-purpose",
                    "any",
                    "-out",
                    os.devnull,
                ],
                capture_output=True,
                check=False,
            )
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_certificate_refusals(self):
        Certificate = self.env["optima.mail.certificate"]
        with self.assertRaisesRegex(ValidationError, "cannot be read"):
            Certificate.create(
                {
                    "account_id": self.biuro.id,
                    "password": "zle",
                    "content": self._p12(self.biuro_cert, self.biuro_key),
                }
            )
        with self.assertRaisesRegex(ValidationError, "not for the account address"):
            Certificate.create(
                {
                    "account_id": self.biuro.id,
                    "password": "haslo",
                    "content": self._p12(self.jan_cert, self.jan_key),
                }
            )
        with self.assertRaisesRegex(ValidationError, "no private key"):
            Certificate.create(
                {
                    "account_id": self.biuro.id,
                    "content": base64.b64encode(
                        self.biuro_cert.public_bytes(serialization.Encoding.PEM)
                    ),
                }
            )

    def _signed_incoming(self, cert, key, body="Oferta w załączeniu", date=None):
        message = EmailMessage()
        message["Subject"] = "Podpisana oferta"
        message["From"] = "jan.kowalski@abc.test"
        message["To"] = "biuro@ogrodnik.test"
        message["Message-ID"] = make_msgid(domain="abc.test")
        message["Date"] = format_datetime(date or datetime(2025, 3, 10, 9, 0).astimezone())
        message.set_content(body)
        return smime.sign_message(message, cert, key).as_bytes(policy=smime.RAW_POLICY)

    def test_as36_verify_incoming(self):
        inbox = self.biuro._folder("inbox")
        Message = self.env["optima.mail.message"]
        intact = Message._ingest(
            self.biuro, inbox, self._signed_incoming(self.jan_cert, self.jan_key)
        )
        altered_raw = self._signed_incoming(self.jan_cert, self.jan_key).replace(
            b"Oferta w za", b"Oferta XX za"
        )
        altered = Message._ingest(self.biuro, inbox, altered_raw)
        expired = Message._ingest(
            self.biuro, inbox, self._signed_incoming(self.old_cert, self.old_key)
        )
        self.assertEqual(intact.signature_state, "valid")
        self.assertIn("Jan Kowalski", intact.signature_info)
        self.assertIn("Ogrodnik Test CA", intact.signature_info)
        self.assertEqual(altered.signature_state, "invalid")
        self.assertIn("content modified", altered.signature_info)
        self.assertEqual(expired.signature_state, "invalid")
        self.assertIn("certificate expired", expired.signature_info)
        for message in intact | altered | expired:
            self.assertTrue(message.is_signed)
            self.assertIn("Oferta", message.body_preview)

    def test_as37_no_certificate(self):
        self.biuro.sign_outgoing = True
        draft = (
            self.env["optima.mail.service"]
            .with_user(self.anna)
            .send_email(
                account=self.biuro,
                subject="x",
                body="<p>x</p>",
                email_to="jan@abc.test",
                mode="draft",
            )
        )
        with self.assertRaisesRegex(UserError, "no signing certificate was selected"):
            draft.with_user(self.anna).action_send()
        self.assertEqual(draft.folder_type, "drafts")
        self.outbox()
        self.assertEqual(self.sink.messages, [])

    def test_as37_personal_certificate_choice(self):
        self.biuro.sign_outgoing = True
        personal = (
            self.env["optima.mail.certificate"]
            .with_user(self.anna)
            .create(
                {
                    "scope": "personal",
                    "user_id": self.anna.id,
                    "password": "haslo",
                    "content": self._p12(self.biuro_cert, self.biuro_key),
                }
            )
        )
        draft = (
            self.env["optima.mail.service"]
            .with_user(self.anna)
            .send_email(
                account=self.biuro,
                subject="x",
                body="<p>x</p>",
                email_to="jan@abc.test",
                mode="draft",
            )
        )
        action = draft.with_user(self.anna).action_send()
        self.assertEqual(action["res_model"], "optima.mail.cert.pick")
        picker = (
            self.env["optima.mail.cert.pick"]
            .with_user(self.anna)
            .with_context(**action["context"])
            .create({})
        )
        self.assertEqual(picker.certificate_id, personal)
        # "Anuluj": not sent, stays in Drafts.
        with self.assertRaisesRegex(UserError, "no signing certificate was selected"):
            picker.action_cancel()
        self.assertEqual(draft.folder_type, "drafts")
        # "Tak": sent signed, the certificate joins the account.
        picker.action_remember()
        self.outbox()
        self.assertEqual(len(self.sink.messages), 1)
        self.assertEqual(self.sink.parsed().get_content_type(), "multipart/signed")
        self.assertEqual(self.biuro.certificate_ids.email, "biuro@ogrodnik.test")
