# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Odoo SMS provider (``SmsApiBase`` contract) for SMSAPI.pl, chosen by
``res.company._get_sms_api_class`` so Odoo's own SMS features use the same gateway."""

from odoo.addons.sms.tools.sms_api import SmsApiBase

from .smsapi import SmsApiPlClient


class SmsApiSmsApiPl(SmsApiBase):
    PROVIDER_TO_SMS_FAILURE_TYPE = SmsApiBase.PROVIDER_TO_SMS_FAILURE_TYPE | {
        "insufficient_credit": "sms_credit",
        "unregistered": "sms_acc",
    }

    def _client(self):
        company = (self.company or self.env.company).sudo()
        return SmsApiPlClient(
            company.optima_sms_url,
            company.optima_sms_token,
            sender=company.optima_sms_sender,
            timeout=company.optima_sms_timeout,
            test=company.optima_sms_test_mode,
        )

    def _send_sms_batch(self, messages, delivery_reports_url=False):
        """One request per number; the SMS uuid is the idempotency key (SMS-08)."""
        client = self._client()
        company = (self.company or self.env.company).sudo()
        client.notify_url = f"{company.get_base_url()}/optima_mail_ext/smsapi/callback"
        results = []
        for message in messages:
            for number_info in message.get("numbers") or []:
                answer = client.send(number_info["number"], message["content"], number_info["uuid"])
                results.append(
                    {
                        "uuid": number_info["uuid"],
                        "state": answer["state"],
                        "failure_reason": answer.get("reason") or False,
                        "optima_transient": bool(answer.get("transient")),
                        "optima_provider_id": answer.get("id") or False,
                    }
                )
        return results
