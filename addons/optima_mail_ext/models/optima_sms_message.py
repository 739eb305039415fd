# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models

_logger = logging.getLogger(__name__)

# SMS-08: transient failures retried after 1, 5, 15, 60 minutes; error after the 5th.
SMS_RETRY_MINUTES = [1, 5, 15, 60]
GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà^{}\\[~]|€"
)


def sms_parts(text):
    """Number of SMS parts: GSM-7 160/153, otherwise UCS-2 70/67 (SMS-04)."""
    text = text or ""
    if all(ch in GSM7 for ch in text):
        single, multi = 160, 153
        length = sum(2 if ch in "^{}\\[~]|€" else 1 for ch in text)
    else:
        single, multi = 70, 67
        length = len(text)
    if length <= single:
        return 1 if length else 0
    return -(-length // multi)


class OptimaSmsMessage(models.Model):
    """A persistent SMS with its delivery state (Optima: Formularz SMS, SMS-03)."""

    _name = "optima.sms.message"
    _description = "SMS message (Optima: SMS)"
    _order = "create_date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner", string="Entity", index=True, help="Optima: Podmiot."
    )
    number = fields.Char(help="E.164 number the SMS goes to.")
    number_input = fields.Char(string="Number as given")
    body = fields.Text(string="Text", required=True)
    parts = fields.Integer(compute="_compute_parts", store=True)
    state = fields.Selection(
        [
            ("outgoing", "To send"),
            ("sent", "Sent"),
            ("delivered", "Delivered"),
            ("error", "Error"),
            ("canceled", "Cancelled"),
        ],
        default="outgoing",
        required=True,
        index=True,
    )
    failure_type = fields.Char(readonly=True)
    error = fields.Text(readonly=True)
    sent_date = fields.Datetime(string="Sent on", readonly=True)
    user_id = fields.Many2one("res.users", string="Operator", default=lambda self: self.env.user)
    origin = fields.Selection(
        [
            ("manual", "Manual"),
            ("dunning", "Dunning"),
            ("reminder", "Reminder"),
            ("survey", "Survey"),
        ],
        default="manual",
        required=True,
    )
    provider_id = fields.Char(string="Provider message ID", readonly=True)
    sms_uuid = fields.Char(string="SMS UUID", index=True, readonly=True, copy=False)
    attempts = fields.Integer(readonly=True)
    next_attempt = fields.Datetime(readonly=True, index=True)
    res_model = fields.Char(string="Document model", index=True)
    res_id = fields.Many2oneReference(string="Document", model_field="res_model")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    mail_message_ids = fields.Many2many(
        "mail.message",
        "optima_sms_message_mail_message_rel",
        string="Chatter entries",
        readonly=True,
        copy=False,
        help="The chatter entries recording this SMS; CRM contacts/tasks link these.",
    )

    _uuid_unique = models.Constraint("unique(sms_uuid)", "The SMS key must be unique.")

    @api.depends("body")
    def _compute_parts(self):
        for sms in self:
            sms.parts = sms_parts(sms.body)

    # ------------------------------------------------------------------ queue
    @api.model
    def _queue_sms(self, body, partner=None, number=None, record=None, origin="manual"):
        partner = partner or self.env["res.partner"]
        given = number or (partner._optima_sms_number() if partner else "")
        vals = {
            "partner_id": partner.id or False,
            "number_input": given,
            "body": body,
            "origin": origin,
            "res_model": record._name if record else False,
            "res_id": record.id if record else False,
        }
        if not given:
            vals.update(
                state="error",
                failure_type="sms_number_missing",
                error=_("No SMS phone number."),
            )
            return self.create(vals)
        country = partner.country_id or self.env.company.country_id
        formatted = self.env["res.partner"]._phone_format(
            number=given, country=country, force_format="E164"
        )
        if not formatted:
            vals.update(
                state="error",
                failure_type="sms_number_format",
                error=_("Invalid phone number: %s", given),
            )
            return self.create(vals)
        vals["number"] = formatted
        sms = self.create(vals)
        sms._create_transport()
        sms._post_note()
        return sms

    def _create_transport(self):
        """Odoo's sms.sms carries the message; its uuid is our idempotency key."""
        SmsSms = self.env["sms.sms"].sudo()
        for sms in self:
            transport = SmsSms.search([("uuid", "=", sms.sms_uuid)]) if sms.sms_uuid else SmsSms
            if transport:
                transport.write({"state": "outgoing", "failure_type": False, "to_delete": False})
                continue
            vals = {
                "number": sms.number,
                "body": sms.body,
                "partner_id": sms.partner_id.id,
                "state": "outgoing",
                "optima_company_id": sms.company_id.id,
            }
            if sms.sms_uuid:
                vals["uuid"] = sms.sms_uuid
            transport = SmsSms.create(vals)
            sms.sms_uuid = transport.uuid

    def _post_note(self):
        """Record the SMS in the chatter of its recipient (and of its document).

        The note is an "sms" message addressed to the recipient, so CRM contacts/tasks
        can link it like any other SMS of the contractor ("Dodaj istniejący e-mail/SMS",
        SMS-07); an SMS posted on a task is linked to it at once.
        """
        for sms in self:
            targets = [sms.partner_id]
            if sms.res_model and sms.res_id:
                targets.append(self.env[sms.res_model].browse(sms.res_id))
            for target in targets:
                if target and hasattr(target, "message_post"):
                    message = target.sudo().message_post(
                        body=Markup("%s<br/>%s") % (_("SMS to %s", sms.number), sms.body),
                        message_type="sms",
                        subtype_xmlid="mail.mt_note",
                    )
                    # Written after posting: as a recipient of the post it would be
                    # notified by e-mail, which the SMS itself already did.
                    if sms.partner_id:
                        message.partner_ids = sms.partner_id
                    sms.mail_message_ids |= message

    def action_send_now(self):
        """Hand the queued SMS to the gateway at once (the sms queue cron does it too)."""
        transports = (
            self.env["sms.sms"]
            .sudo()
            .search(
                [
                    (
                        "uuid",
                        "in",
                        self.filtered(lambda s: s.state == "outgoing").mapped("sms_uuid"),
                    ),
                    ("state", "=", "outgoing"),
                ]
            )
        )
        transports.send(unlink_failed=False, unlink_sent=True, raise_exception=False)
        return True

    def action_retry(self):
        """ "Ponów": re-queue after fixing the account or the number."""
        todo = self.filtered(lambda s: s.state == "error" and s.number)
        todo.write({"state": "outgoing", "error": False, "failure_type": False, "attempts": 0})
        todo._create_transport()
        return True

    @api.model
    def _cron_retry(self):
        """Re-send transient failures whose back-off elapsed (same uuid = same key)."""
        due = self.search(
            [
                ("state", "=", "outgoing"),
                ("attempts", ">", 0),
                ("next_attempt", "<=", fields.Datetime.now()),
            ],
            limit=500,
        )
        if due:
            due._create_transport()
            due.action_send_now()
        return True

    # ------------------------------------------------------------------ results
    @api.model
    def _apply_results(self, results):
        by_uuid = {r["uuid"]: r for r in results}
        records = self.sudo().search([("sms_uuid", "in", list(by_uuid))])
        now = fields.Datetime.now()
        account_errors = self.browse()
        for sms in records:
            result = by_uuid[sms.sms_uuid]
            state = result["state"]
            if state in ("success", "processing", "sent", "delivered"):
                sms.write(
                    {
                        "state": "delivered" if state == "delivered" else "sent",
                        "provider_id": result.get("optima_provider_id") or sms.provider_id,
                        "sent_date": now,
                        "error": False,
                        "failure_type": False,
                        "next_attempt": False,
                    }
                )
                continue
            attempts = sms.attempts + 1
            reason = result.get("failure_reason") or state
            if result.get("optima_transient") and attempts < 5:
                sms.write(
                    {
                        "attempts": attempts,
                        "error": reason,
                        "next_attempt": now + timedelta(minutes=SMS_RETRY_MINUTES[attempts - 1]),
                    }
                )
                continue
            failure_type = {
                "insufficient_credit": "sms_credit",
                "unregistered": "sms_acc",
                "wrong_number_format": "sms_number_format",
            }.get(state, "sms_server")
            if failure_type == "sms_credit":
                reason = _("Insufficient credit on the SMS account.")
            sms.write(
                {
                    "state": "error",
                    "attempts": attempts,
                    "error": reason,
                    "failure_type": failure_type,
                    "next_attempt": False,
                }
            )
            if failure_type in ("sms_credit", "sms_acc"):
                account_errors |= sms
        if account_errors:
            account_errors._notify_admins()

    def _notify_admins(self):
        """Account-level failures (401/402): an activity for the administrators, once."""
        admin = self.env.ref("base.user_admin", raise_if_not_found=False)
        if not admin:
            return
        summary = _("SMS gateway: %s", self[:1].error)
        # res.company has no chatter: the activity sits on the administrator's partner.
        partner_admin = admin.partner_id
        Activity = self.env["mail.activity"].sudo()
        exists = Activity.search_count(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", partner_admin.id),
                ("summary", "=", summary),
                ("user_id", "=", admin.id),
            ]
        )
        if not exists:
            partner_admin.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=summary,
                note=_("%(count)s SMS failed: %(error)s", count=len(self), error=self[:1].error),
                user_id=admin.id,
            )
