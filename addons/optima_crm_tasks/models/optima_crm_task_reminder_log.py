# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .optima_crm_task_auto_reminder import no_account_message, split_addresses

_logger = logging.getLogger(__name__)

AUTO_BATCH = 100
# The first attempt plus at most three retries (TASK-24).
MAX_ATTEMPTS = 4


class OptimaCrmTaskReminderLog(models.Model):
    """Exactly-once log of the automatic reminders (TASK-24, cron C2).

    One row per (slot, term, recipient, channel) is inserted and committed *before* the
    message leaves, so a rerun, a crash after sending or a second worker never sends
    the same reminder twice. A row whose sending crashed half-way stays "sending": it
    may have left, so it is never resent. A changed Term from is a new term, hence a
    new key and a new reminder (A22).
    """

    _name = "optima.crm.task.reminder.log"
    _description = "CRM task automatic reminder log (Automat przypomnień)"
    _order = "id desc"
    _check_company_auto = True

    occurrence_id = fields.Many2one(
        "optima.crm.task.occurrence", required=True, ondelete="cascade", index=True
    )
    task_id = fields.Many2one("optima.crm.task", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    term = fields.Datetime(required=True, help="The slot's Term from the reminder was sent for.")
    recipient_kind = fields.Selection(
        [("client", "Client"), ("operator", "Operator")], required=True
    )
    recipient = fields.Char(required=True, help="client, or user:<id> for a participant.")
    participant_id = fields.Many2one("optima.crm.task.participant", ondelete="set null")
    channel = fields.Selection([("sms", "SMS"), ("email", "E-mail")], required=True)
    address = fields.Char(help="E-mail address or phone number the reminder went to.")
    state = fields.Selection(
        [("sending", "Sending"), ("sent", "Sent"), ("failed", "Failed"), ("skipped", "Skipped")],
        required=True,
        default="sending",
        index=True,
    )
    attempts = fields.Integer(default=0)
    sent_at = fields.Datetime()
    message_id = fields.Many2one("mail.message", ondelete="set null")
    error = fields.Text()

    _reminder_uniq = models.Constraint(
        "UNIQUE(occurrence_id, term, recipient, channel)",
        "This automatic reminder was already sent.",
    )

    # ------------------------------------------------------------------ C2
    @api.model
    def _cron_send_auto_reminders(self):
        """C2: claim a batch (committed), then send it; safe to rerun and to run twice."""
        cron = self.env["ir.cron"]
        retries = True
        while True:
            # Failed sends are retried once per run, not again within the same run.
            logs = self._claim_due(limit=AUTO_BATCH, retries=retries)
            retries = False
            if not logs:
                return
            # The exactly-once keys are committed before any message leaves.
            cron._commit_progress(0)
            logs._deliver()
            if not cron._commit_progress(len(logs)):
                return

    @api.model
    def _claim_due(self, now=None, limit=AUTO_BATCH, retries=True):
        """Insert the log rows of due reminders (and re-arm failed ones); return them."""
        now = now or fields.Datetime.now()
        self.env.flush_all()
        slots = self._due_slots(now, limit)
        rows = [row for slot in slots for row in self._recipients(slot, now)]
        claimed = self._insert_claims(rows)
        retried = self._claim_retries(limit) if retries else self.browse()
        return (claimed | retried).sudo()

    @api.model
    def _due_slots(self, now, limit):
        self.env.cr.execute(
            SQL(
                """SELECT o.id FROM optima_crm_task_occurrence o
                     JOIN optima_crm_task t ON t.id = o.task_id
                     JOIN res_company c ON c.id = t.company_id
                    WHERE o.state = 'pending' AND o.task_state = 'in_progress'
                      AND o.task_kind = 'task' AND c.optima_auto_reminders_enabled
                      AND o.slot_end > %(now)s
                      AND ((o.auto_client_at <= %(now)s AND NOT EXISTS (
                                SELECT 1 FROM optima_crm_task_reminder_log l
                                 WHERE l.occurrence_id = o.id AND l.term = o.date_from
                                   AND l.recipient_kind = 'client'))
                        OR (o.auto_operator_at <= %(now)s AND NOT EXISTS (
                                SELECT 1 FROM optima_crm_task_reminder_log l
                                 WHERE l.occurrence_id = o.id AND l.term = o.date_from
                                   AND l.recipient_kind = 'operator')))
                    ORDER BY o.date_from, o.id LIMIT %(limit)s
                      FOR UPDATE OF o SKIP LOCKED""",
                now=now,
                limit=limit,
            )
        )
        return (
            self.env["optima.crm.task.occurrence"]
            .sudo()
            .browse(row[0] for row in self.env.cr.fetchall())
        )

    @api.model
    def _recipients(self, slot, now):
        """Rows to claim for one slot: the client and every participant to be reminded."""
        task = slot.task_id
        base = {
            "occurrence_id": slot.id,
            "task_id": task.id,
            "company_id": task.company_id.id,
            "term": slot.date_from,
        }
        rows = []
        if task.auto_client and slot.auto_client_at and slot.auto_client_at <= now:
            channel = task.auto_client_channel
            rows.append(
                {
                    **base,
                    "recipient_kind": "client",
                    "recipient": "client",
                    "participant_id": None,
                    "channel": channel,
                    "address": task.auto_client_email
                    if channel == "email"
                    else task.auto_client_phone,
                }
            )
        if task.auto_operator and slot.auto_operator_at and slot.auto_operator_at <= now:
            channel = task.auto_operator_channel
            rows += [
                {
                    **base,
                    "recipient_kind": "operator",
                    "recipient": f"user:{line.user_id.id}",
                    "participant_id": line.id,
                    "channel": channel,
                    "address": line.email if channel == "email" else line.phone,
                }
                for line in task.participant_ids.filtered("reminder")
            ]
        return rows

    @api.model
    def _insert_claims(self, rows):
        """INSERT … ON CONFLICT DO NOTHING: a key another worker holds is not ours to send."""
        if not rows:
            return self.browse()
        columns = [
            "occurrence_id",
            "task_id",
            "company_id",
            "term",
            "recipient_kind",
            "recipient",
            "participant_id",
            "channel",
            "address",
        ]
        values = SQL(", ").join(
            SQL(
                "(%s, 'sending', 0, %s, %s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')",
                SQL(", ").join(row[column] or None for column in columns),
                self.env.uid,
                self.env.uid,
            )
            for row in rows
        )
        self.env.cr.execute(
            SQL(
                """INSERT INTO optima_crm_task_reminder_log
                        (%s, state, attempts, create_uid, write_uid, create_date, write_date)
                   VALUES %s
                   ON CONFLICT (occurrence_id, term, recipient, channel) DO NOTHING
                   RETURNING id""",
                SQL(", ").join(SQL.identifier(column) for column in columns),
                values,
            )
        )
        return self.browse(row[0] for row in self.env.cr.fetchall())

    @api.model
    def _claim_retries(self, limit):
        self.env.cr.execute(
            SQL(
                """UPDATE optima_crm_task_reminder_log SET state = 'sending'
                    WHERE id IN (SELECT id FROM optima_crm_task_reminder_log
                                  WHERE state = 'failed' AND attempts < %s
                                  ORDER BY id LIMIT %s FOR UPDATE SKIP LOCKED)
                RETURNING id""",
                MAX_ATTEMPTS,
                limit,
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.invalidate_model(["state"])
        return self.browse(ids)

    # ------------------------------------------------------------------ delivery
    def _deliver(self):
        """Send each claimed reminder in its own savepoint: one failure never stops the rest."""
        for log in self.sudo():
            if not log._still_due():
                log.write({"state": "skipped"})
                continue
            try:
                with self.env.cr.savepoint():
                    message = log._send()
            except Exception as error:  # noqa: BLE001 – any failure is logged and retried
                _logger.info("Automatic reminder %s failed: %s", log.id, error)
                log._record_failure(error)
            else:
                log.write(
                    {
                        "state": "sent",
                        "attempts": log.attempts + 1,
                        "sent_at": fields.Datetime.now(),
                        "message_id": message.id,
                        "error": False,
                    }
                )

    def _still_due(self):
        """A retried row only goes out for the same, still pending term."""
        slot, task = self.occurrence_id, self.task_id
        return (
            slot.state == "pending"
            and slot.date_from == self.term
            and task.state == "in_progress"
            and task.company_id.optima_auto_reminders_enabled
        )

    def _record_failure(self, error):
        reason = error.args[0] if isinstance(error, UserError) and error.args else str(error)
        self.write({"state": "failed", "attempts": self.attempts + 1, "error": reason})
        self.task_id.message_post(
            body=self.env._(
                "The automatic reminder to %(recipient)s (%(address)s) could not be sent "
                "(attempt %(attempt)s of %(max)s): %(reason)s",
                recipient=self._recipient_label(),
                address=self.address or "-",
                attempt=self.attempts,
                max=MAX_ATTEMPTS,
                reason=reason,
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _recipient_label(self):
        if self.recipient_kind == "client":
            return self.task_id.partner_id.display_name
        return self.participant_id.user_id.name or self.recipient

    def _send(self):
        if not self.address:
            raise UserError(
                self.env._(
                    "%(recipient)s has no address for this reminder form.",
                    recipient=self._recipient_label(),
                )
            )
        task = self.task_id.with_context(optima_occurrence_id=self.occurrence_id.id)
        if self.channel == "sms":
            return self._send_sms(task)
        return self._send_email(task)

    def _template(self, kind):
        return self.task_id[f"auto_{self.recipient_kind}_{kind}_template_id"]

    def _default_text(self, task):
        return self.env._(
            "Reminder: %(subject)s, %(start)s – %(end)s (%(number)s).",
            subject=task.display_subject or task.name,
            start=task.date_from_display,
            end=task.date_to_display,
            number=task.name,
        )

    def _send_sms(self, task):
        template = self._template("sms").with_context(optima_occurrence_id=self.occurrence_id.id)
        if template:
            body = template._render_field("body", task.ids, compute_lang=True)[task.id]
        else:
            body = self._default_text(task)
        message = task._message_sms(body, sms_numbers=[self.address], put_in_queue=True)
        failed = (
            self.env["sms.sms"]
            .sudo()
            .search([("mail_message_id", "=", message.id), ("state", "=", "error")], limit=1)
        )
        if failed:
            raise UserError(
                self.env._("Invalid phone number %(number)s.", number=self.address or "")
            )
        return message

    def _send_email(self, task):
        company = task.company_id
        server = company.optima_auto_reminder_mail_server_id
        if not server:
            raise UserError(no_account_message(self.env))
        # The configured account wins over the template's own server and sender.
        email_from = (
            company.optima_auto_reminder_email_from or server.from_filter or company.email_formatted
        )
        template = self._template("mail").with_context(optima_occurrence_id=self.occurrence_id.id)
        if template:
            subject = template._render_field("subject", task.ids, compute_lang=True)[task.id]
            body = template._render_field("body_html", task.ids, compute_lang=True)[task.id]
        else:
            subject = self.env._("Reminder: %(subject)s", subject=task.display_subject or task.name)
            body = Markup("<p>%s</p>") % escape(self._default_text(task))
        message = task.message_post(
            body=body,
            subject=subject,
            message_type="email_outgoing",
            subtype_xmlid="mail.mt_note",
            email_from=email_from,
        )
        copy_to = task[f"auto_{self.recipient_kind}_copy_to"]
        # Copies go as separate messages (mail.template has no BCC).
        mails = (
            self.env["mail.mail"]
            .sudo()
            .create(
                [
                    {
                        "mail_message_id": message.id,
                        "email_to": address,
                        "email_from": email_from,
                        "mail_server_id": server.id,
                        "subject": subject,
                        "body_html": body,
                        "auto_delete": False,
                    }
                    for address in [self.address, *split_addresses(copy_to)]
                ]
            )
        )
        mails.send(raise_exception=False)
        if mails[:1].state != "sent":
            raise UserError(mails[:1].failure_reason or self.env._("The e-mail was not sent."))
        return message
