# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""SMS gateway (SMSAPI.pl protocol) on a loopback HTTP server: AC-38 … AC-41."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.optima_sms_message import sms_parts
from .common import OptimaMailCase, SmsGatewayMixin


@tagged("post_install", "-at_install")
class TestSms(SmsGatewayMixin, OptimaMailCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.start_gateway()

    def setUp(self):
        super().setUp()
        self.gateway.requests.clear()
        self.gateway.delivered.clear()
        self.gateway.script.clear()

    def _send(self, record=None, partner=None, body="Test"):
        sms = (
            self.env["optima.mail.service"]
            .with_user(self.anna)
            .send_sms(record=record, partner=partner, body=body)
        )
        sms.action_send_now()
        return sms

    def test_as38_sms_success(self):
        move = self.invoice(self.abc)
        text = f"Przypominamy o terminie płatności {move.name}."
        sms = self._send(record=move, body="Przypominamy o terminie płatności {eNumer}.")
        self.assertEqual(len(self.gateway.requests), 1)
        request = self.gateway.requests[0]
        self.assertEqual(request["to"], "48601234567")
        self.assertEqual(request["from"], "OGRODNIK")
        self.assertEqual(request["message"], text)
        self.assertEqual(request["idx"], sms.sms_uuid)
        self.assertEqual(sms.number, "+48601234567")
        self.assertEqual(sms.state, "sent")
        self.assertEqual(sms.provider_id, "SMS00001")
        self.assertEqual(sms.partner_id, self.abc)
        self.assertEqual((sms.res_model, sms.res_id), ("account.move", move.id))
        self.assertIn(text, self.abc.message_ids[0].body)

    def test_as39_invalid_number(self):
        self.abc.optima_sms_phone = "12345"
        sms = self._send(partner=self.abc)
        self.assertEqual(self.gateway.requests, [])
        self.assertEqual(sms.state, "error")
        self.assertEqual(sms.error, "Invalid phone number: 12345")
        self.beta.phone = False
        missing = self._send(partner=self.beta)
        self.assertEqual(missing.failure_type, "sms_number_missing")
        with self.assertRaisesRegex(UserError, "cannot be empty"):
            self.env["optima.mail.service"].send_sms(partner=self.abc, body="  ")

    def test_as40_transient_retry_same_key(self):
        self.gateway.script = [503]
        start = fields.Datetime.now()
        with freeze_time(start):
            sms = self._send(partner=self.abc)
        self.assertEqual(sms.state, "outgoing")
        self.assertEqual(sms.attempts, 1)
        self.assertEqual(sms.next_attempt, start + timedelta(minutes=1))
        with freeze_time(start + timedelta(seconds=30)):
            self.env["optima.sms.message"]._cron_retry()
        self.assertEqual(len(self.gateway.requests), 1)
        with freeze_time(start + timedelta(minutes=1)):
            self.env["optima.sms.message"]._cron_retry()
        self.assertEqual(sms.state, "sent")
        self.assertEqual(len(self.gateway.requests), 2)
        self.assertEqual({r["idx"] for r in self.gateway.requests}, {sms.sms_uuid})
        self.assertEqual(len(self.gateway.delivered), 1)

    def test_lost_answer_is_not_sent_twice(self):
        sms = self.env["optima.mail.service"].send_sms(partner=self.abc, body="Raz")
        # The gateway delivered it but the answer was lost: the retry is refused by idx.
        self.gateway.delivered[sms.sms_uuid] = {"id": "SMS-EARLIER"}
        sms.action_send_now()
        self.assertEqual(sms.state, "sent")
        self.assertEqual(len(self.gateway.delivered), 1)

    def test_as41_no_credit(self):
        self.gateway.script = [402, 402, 402]
        start = fields.Datetime.now()
        with freeze_time(start):
            messages = self.env["optima.sms.message"]
            for partner_text in ("A", "B", "C"):
                messages |= self.env["optima.mail.service"].send_sms(
                    partner=self.abc, body=partner_text
                )
            messages.action_send_now()
        self.assertEqual(set(messages.mapped("state")), {"error"})
        self.assertEqual(set(messages.mapped("failure_type")), {"sms_credit"})
        with freeze_time(start + timedelta(hours=2)):
            self.env["optima.sms.message"]._cron_retry()
        self.assertEqual(len(self.gateway.requests), 3)
        admin = self.env.ref("base.user_admin")
        self.assertTrue(
            self.env["mail.activity"].search_count(
                [("user_id", "=", admin.id), ("summary", "ilike", "SMS gateway")]
            )
        )

    def test_odoo_sms_uses_the_gateway(self):
        """Core sms features reach the same provider through _get_sms_api_class."""
        transport = self.env["sms.sms"].create(
            {"number": "+48601234567", "body": "Z Odoo", "optima_company_id": self.env.company.id}
        )
        transport.send()
        self.assertEqual(self.gateway.requests[0]["message"], "Z Odoo")
        self.assertEqual(self.gateway.requests[0]["idx"], transport.uuid)

    def test_parts(self):
        self.assertEqual(sms_parts("a" * 160), 1)
        self.assertEqual(sms_parts("a" * 161), 2)
        self.assertEqual(sms_parts("ą" * 70), 1)
        self.assertEqual(sms_parts("ą" * 71), 2)

    def test_composer_from_invoice(self):
        move = self.invoice(self.abc)
        composer = (
            self.env["optima.sms.composer"]
            .with_user(self.anna)
            .with_context(active_model="account.move", active_id=move.id)
            .create({"body": "Faktura {eNumer} czeka na zapłatę"})
        )
        self.assertEqual(composer.partner_id, self.abc)
        self.assertEqual(composer.number, "601 234 567")
        self.assertEqual(composer.parts, 1)
        action = composer.action_send()
        sms = self.env["optima.sms.message"].browse(action["res_id"])
        self.assertEqual(sms.state, "sent")
        self.assertEqual(
            self.gateway.requests[0]["message"], f"Faktura {move.name} czeka na zapłatę"
        )
