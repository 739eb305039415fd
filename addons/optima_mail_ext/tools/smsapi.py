# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""SMSAPI.pl REST client (https://api.smsapi.pl/sms.do), the first SMS provider (SMS-01).

One request per number: ``to``, ``message``, ``from``, ``format=json``, the Odoo SMS uuid
as ``idx`` with ``check_idx=1`` so the gateway refuses a second message with the same key
(SMS-08: a retry after a lost answer never sends twice; the refusal counts as sent).
"""

import requests

# SMSAPI error codes -> Odoo sms provider states (sms/tools/sms_api.py contract).
ERROR_STATES = {
    8: "server_error",  # error in request
    11: "wrong_number_format",  # message too long / no recipients
    13: "wrong_number_format",  # no valid phone numbers
    14: "server_error",  # wrong sender name
    101: "unregistered",  # authorisation failed
    102: "unregistered",
    103: "insufficient_credit",  # not enough points
    105: "unregistered",  # IP not allowed
}
DUPLICATE_IDX = 53  # "message with this idx was already sent"
TRANSIENT_HTTP = {408, 429, 500, 502, 503, 504}


class SmsApiPlClient:
    """Talk to SMSAPI.pl (or a compatible gateway at ``base_url``)."""

    def __init__(self, base_url, token, sender=None, timeout=10, session=None, test=False):
        self.test = test
        self.notify_url = None
        self.base_url = (base_url or "https://api.smsapi.pl").rstrip("/")
        self.token = token or ""
        self.sender = sender
        self.timeout = timeout or 10
        self.session = session or requests.Session()

    def _headers(self):
        return {"Authorization": f"Bearer {self.token}"}

    def ping(self):
        """Test connection: the account's points balance (GET /profile)."""
        response = self.session.get(
            f"{self.base_url}/profile", headers=self._headers(), timeout=self.timeout
        )
        response.raise_for_status()
        return response.json()

    def send(self, number, text, idx):
        """Send one SMS; return a dict with state (Odoo provider state), id and reason."""
        data = {
            "to": number.lstrip("+"),
            "message": text,
            "format": "json",
            "encoding": "utf-8",
            "idx": idx,
            "check_idx": 1,
        }
        if self.sender:
            data["from"] = self.sender
        if self.test:
            data["test"] = 1
        if self.notify_url:
            data["notify_url"] = self.notify_url
        try:
            response = self.session.post(
                f"{self.base_url}/sms.do",
                data=data,
                headers=self._headers(),
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            return {"state": "server_error", "transient": True, "reason": str(exc)}
        if response.status_code in TRANSIENT_HTTP:
            return {
                "state": "server_error",
                "transient": True,
                "reason": f"HTTP {response.status_code}",
            }
        if response.status_code in (401, 403):
            return {"state": "unregistered", "reason": f"HTTP {response.status_code}"}
        if response.status_code == 402:
            return {"state": "insufficient_credit", "reason": "HTTP 402"}
        try:
            payload = response.json()
        except ValueError:
            return {
                "state": "server_error",
                "transient": response.status_code >= 500,
                "reason": f"HTTP {response.status_code}: {response.text[:200]}",
            }
        error = payload.get("error")
        if error == DUPLICATE_IDX:
            return {"state": "success", "id": payload.get("id") or "", "reason": False}
        if error:
            return {
                "state": ERROR_STATES.get(int(error), "server_error"),
                "reason": f"{error}: {payload.get('message', '')}",
            }
        if response.status_code >= 400:
            return {"state": "server_error", "reason": f"HTTP {response.status_code}"}
        items = payload.get("list") or [{}]
        return {"state": "success", "id": str(items[0].get("id") or ""), "reason": False}
