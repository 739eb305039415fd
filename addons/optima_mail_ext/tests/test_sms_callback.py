# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""SMS-09: SMSAPI.pl delivery reports reach the SMS record over HTTP."""

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestSmsCallback(HttpCase):
    def test_delivery_report(self):
        sms = self.env["optima.sms.message"].create(
            {
                "body": "Test",
                "number": "+48601234567",
                "state": "sent",
                "sms_uuid": "abc123",
                "provider_id": "SMS00042",
            }
        )
        url = "/optima_mail_ext/smsapi/callback"
        # A wrong provider id changes nothing.
        response = self.url_open(f"{url}?MsgId=SMS99999&idx=abc123&status_name=DELIVERED")
        self.assertEqual(response.text, "OK")
        self.assertEqual(sms.state, "sent")
        self.url_open(f"{url}?MsgId=SMS00042&idx=abc123&status_name=DELIVERED")
        sms.invalidate_recordset()
        self.assertEqual(sms.state, "delivered")
