# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.http import request

DELIVERED = {"DELIVERED"}
FAILED = {"UNDELIVERED", "FAILED", "EXPIRED", "REJECTED", "NOT_FOUND"}


class OptimaSmsCallback(http.Controller):
    @http.route(
        "/optima_mail_ext/smsapi/callback",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        csrf=False,
    )
    def smsapi_callback(self, **params):
        """SMSAPI.pl delivery report (SMS-09). Authenticated by the pair idx (our uuid, never
        shown to anybody) and MsgId (the provider's id stored on the SMS)."""
        idx = (params.get("idx") or "").split(",")
        msg_ids = (params.get("MsgId") or "").split(",")
        statuses = (params.get("status_name") or params.get("status") or "").split(",")
        Sms = request.env["optima.sms.message"].sudo()
        for uuid, msg_id, status in zip(idx, msg_ids, statuses, strict=False):
            sms = Sms.search([("sms_uuid", "=", uuid), ("provider_id", "=", msg_id)], limit=1)
            if not sms or not uuid or not msg_id:
                continue
            if status.upper() in DELIVERED:
                sms.state = "delivered"
            elif status.upper() in FAILED:
                sms.write({"state": "error", "error": status})
        return request.make_response("OK", headers=[("Content-Type", "text/plain")])
