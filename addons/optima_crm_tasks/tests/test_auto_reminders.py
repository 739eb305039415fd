# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""TASK-24 automatic reminders (cron C2), AS-15 and AS-41, and the TASK-06 "Automat" column.

E-mails really leave: each test class starts an aiosmtpd SMTP server on loopback and the
company's reminder account points at it. Odoo skips SMTP while tests run, so
``ir.mail_server._disable_send`` is switched off around the deliveries.
"""

import socket
from contextlib import contextmanager
from datetime import date, timedelta
from email import message_from_bytes, policy
from unittest.mock import patch

from aiosmtpd.controller import Controller
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OptimaTaskCase, utc

ACCOUNT_MESSAGE = (
    "To choose the e-mail form, first select an e-mail account in the configuration of the "
    "automatic reminders."
)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpSink:
    """aiosmtpd handler keeping every received message."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted"

    def bodies(self):
        return [
            message.get_body(("html", "plain")).get_content() for _rcpt, message in self.messages
        ]


@tagged("post_install", "-at_install")
class TestAutoReminders(OptimaTaskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sink = SmtpSink()
        cls.smtp = Controller(cls.sink, hostname="127.0.0.1", port=free_port())
        cls.smtp.start()
        cls.addClassCleanup(cls.smtp.stop)
        cls.server = cls.env["ir.mail_server"].create(
            {
                "name": "Loopback",
                "smtp_host": "127.0.0.1",
                "smtp_port": cls.smtp.port,
                "smtp_encryption": "none",
            }
        )
        cls.template = cls.env["mail.template"].create(
            {
                "name": "Przypomnienie o spotkaniu",
                "model_id": cls.env["ir.model"]._get_id("optima.crm.task"),
                "subject": "Przypomnienie: {{ object.display_subject }}",
                "body_html": "<p>Termin rozpoczęcia: <t t-out='object.date_from_display'/></p>",
                # Ignored: the configured account always sends (TASK-24).
                "email_from": "someone.else@example.com",
            }
        )
        cls.env.company.write(
            {
                "optima_auto_reminders_enabled": True,
                "optima_auto_reminder_mail_server_id": cls.server.id,
                "optima_auto_reminder_email_from": "crm@firma.pl",
                "optima_auto_client_default": True,
                "optima_auto_client_channel": "email",
                "optima_auto_client_mail_template_id": cls.template.id,
                "optima_auto_client_lead": "1d",
            }
        )
        cls.Log = cls.env["optima.crm.task.reminder.log"]
        (cls.jan | cls.ewa | cls.krzysztof | cls.jolanta).write({"email": False})

    def setUp(self):
        super().setUp()
        self.sink.messages.clear()

    @contextmanager
    def smtp_enabled(self):
        with patch.object(type(self.env["ir.mail_server"]), "_disable_send", lambda *a: False):
            yield

    def run_c2(self, now):
        """One C2 pass at ``now``: claim the due keys, then deliver them."""
        with self.smtp_enabled():
            logs = self.Log._claim_due(now=now)
            logs._deliver()
        return logs

    def meeting(self, **vals):
        base = {
            "kind": "task",
            "user_id": self.jan.id,
            "contact_person_id": self.anna.id,
            "subject": "Spotkanie wdrożeniowe",
            "date_from": utc(2025, 3, 20, 10),
            "date_to": utc(2025, 3, 20, 11),
        }
        return self.task(**{**base, **vals})

    # ------------------------------------------------------------------ AS-41
    def test_as41_automatic_client_reminder(self):
        task = self.meeting()
        self.assertTrue(task.auto_client, "the company's client defaults are on")
        self.assertEqual(task.auto_client_email, "anna@abc.pl")
        self.assertEqual(task.auto_client_mail_template_id, self.template)
        self.assertEqual(task.occurrence_ids.auto_client_at, utc(2025, 3, 19, 10))

        self.assertFalse(self.run_c2(utc(2025, 3, 19, 9, 54)), "not due yet")
        self.assertFalse(self.sink.messages)

        [log] = self.run_c2(utc(2025, 3, 19, 10, 2))
        self.assertEqual(len(self.sink.messages), 1, "exactly one e-mail")
        rcpt, message = self.sink.messages[0]
        self.assertEqual(rcpt, ["anna@abc.pl"])
        self.assertIn("crm@firma.pl", message["From"])
        self.assertEqual(message["Subject"], "Przypomnienie: Spotkanie wdrożeniowe")
        self.assertIn("20.03.2025 10:00", self.sink.bodies()[0])
        self.assertEqual(
            (log.state, log.channel, log.recipient, log.term, log.attempts),
            ("sent", "email", "client", utc(2025, 3, 20, 10), 1),
        )
        self.assertEqual(log.message_id.model, "optima.crm.task")
        self.assertEqual(log.message_id.res_id, task.id)
        self.assertEqual(log.message_id.message_type, "email_outgoing")
        self.assertIn("20.03.2025 10:00", str(log.message_id.body))
        # TASK-21: the reminder shows in the task's e-mail/SMS rows as "E".
        self.assertEqual(task.message_link_ids.message_id, log.message_id)
        self.assertEqual(task.message_link_ids.kind_code, "E")

        self.assertFalse(self.run_c2(utc(2025, 3, 19, 10, 7)), "a second run sends nothing")
        self.assertEqual(len(self.sink.messages), 1)

    def test_as41_email_needs_an_account(self):
        self.env.company.write(
            {"optima_auto_reminder_mail_server_id": False, "optima_auto_client_default": False}
        )
        count = self.Task.search_count([])
        # The request's transaction is rolled back on the error, as the savepoint does here.
        with self.assertRaisesRegex(ValidationError, ACCOUNT_MESSAGE), self.env.cr.savepoint():
            self.meeting(auto_client=True, auto_client_channel="email")
        self.assertEqual(self.Task.search_count([]), count, "nothing saved")
        task = self.meeting(auto_client=True, auto_client_channel="sms")
        with self.assertRaisesRegex(ValidationError, ACCOUNT_MESSAGE):
            task.auto_client_channel = "email"
        with self.assertRaisesRegex(ValidationError, ACCOUNT_MESSAGE):
            self.env.company.write(
                {"optima_auto_operator_default": True, "optima_auto_operator_channel": "email"}
            )

    # ------------------------------------------------------------------ AS-15
    def test_as15_participant_reminder_contact_missing(self):
        self.env.company.write(
            {
                "optima_auto_client_default": False,
                "optima_auto_operator_default": True,
                "optima_auto_operator_channel": "email",
            }
        )
        self.jan.email = "jan.nowak@firma.pl"
        count = self.Task.search_count([])
        vals = {
            "kind": "task",
            "user_id": self.jan.id,
            "date_from": utc(2025, 3, 14, 9),
            "date_to": utc(2025, 3, 14, 10),
        }
        with (
            self.assertRaisesRegex(
                ValidationError,
                "Participant Krzysztof Krajewski has the reminder checked, but the field "
                "E-mail address is empty. Fill it in on the Participants tab.",
            ),
            self.env.cr.savepoint(),
        ):
            self.task(**vals, participant_ids=[Command.create({"user_id": self.krzysztof.id})])
        self.assertEqual(self.Task.search_count([]), count, "nothing saved")
        task = self.task(
            **vals,
            participant_ids=[
                Command.create({"user_id": self.krzysztof.id, "email": "k.krajewski@firma.pl"})
            ],
        )
        self.assertEqual(
            task.participant_ids.filtered(lambda p: p.user_id == self.krzysztof).email,
            "k.krajewski@firma.pl",
        )
        # SMS form: the phone cell is needed instead; unchecking the reminder lifts the rule.
        with self.assertRaisesRegex(ValidationError, "the field Phone is empty"):
            task.auto_operator_channel = "sms"
        task.action_participants_remind_none()
        task.auto_operator_channel = "sms"
        self.assertFalse(any(task.participant_ids.mapped("reminder")))
        with self.assertRaisesRegex(ValidationError, "the field Phone is empty"):
            task.action_participants_remind_all()

    # ------------------------------------------------------------------ exactly once
    def test_c2_crash_after_claim_never_sends_twice(self):
        task = self.meeting()
        claimed = self.Log._claim_due(now=utc(2025, 3, 19, 10))
        self.assertEqual(len(claimed), 1)
        # The worker dies here: its key is committed, the message may have left.
        self.assertFalse(self.run_c2(utc(2025, 3, 19, 10, 5)))
        self.assertFalse(self.sink.messages)
        self.assertEqual(self.Log.search([("task_id", "=", task.id)]).state, "sending")

    def test_c2_second_worker_cannot_claim_the_same_key(self):
        task = self.meeting()
        slot = task.occurrence_ids
        rows = self.Log._recipients(slot, utc(2025, 3, 19, 10))
        self.assertEqual(len(self.Log._insert_claims(rows)), 1)
        self.assertFalse(self.Log._insert_claims(rows), "ON CONFLICT: the key is taken")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.Log.create(
                {
                    "occurrence_id": slot.id,
                    "task_id": task.id,
                    "company_id": task.company_id.id,
                    "term": slot.date_from,
                    "recipient_kind": "client",
                    "recipient": "client",
                    "channel": "email",
                }
            )

    def test_c2_new_term_is_reminded_again(self):
        task = self.meeting()
        self.run_c2(utc(2025, 3, 19, 10))
        task.write({"date_from": utc(2025, 3, 21, 10), "date_to": utc(2025, 3, 21, 11)})
        self.assertFalse(self.run_c2(utc(2025, 3, 19, 12)))
        [log] = self.run_c2(utc(2025, 3, 20, 10))
        self.assertEqual(log.term, utc(2025, 3, 21, 10))
        self.assertEqual(len(self.sink.messages), 2)
        self.assertIn("21.03.2025 10:00", self.sink.bodies()[1])

    def test_c2_closed_or_started_tasks_are_not_reminded(self):
        closed = self.meeting()
        closed.action_close()
        self.meeting(subject="Past", date_from=utc(2025, 3, 1, 10), date_to=utc(2025, 3, 1, 11))
        self.assertFalse(self.run_c2(utc(2025, 3, 19, 10)).filtered(lambda l: l.task_id == closed))
        self.assertFalse(self.run_c2(utc(2025, 3, 19, 10)))
        self.env.company.optima_auto_reminders_enabled = False
        self.meeting(date_from=utc(2025, 3, 25, 10), date_to=utc(2025, 3, 25, 11))
        self.assertFalse(self.run_c2(utc(2025, 3, 24, 10)), "the automat is off")

    def test_c2_failure_logged_and_retried_at_most_three_times(self):
        task = self.meeting()
        self.server.smtp_port = free_port()  # nothing listens there
        [log] = self.run_c2(utc(2025, 3, 19, 10))
        self.assertEqual((log.state, log.attempts), ("failed", 1))
        self.assertTrue(log.error)
        notes = task.message_ids.filtered(lambda m: "could not be sent" in str(m.body))
        self.assertEqual(len(notes), 1)
        self.assertIn("anna@abc.pl", str(notes.body))
        self.assertFalse(
            task.message_ids.filtered(lambda m: m.message_type == "email_outgoing"),
            "a failed e-mail leaves nothing posted but the note",
        )
        for attempt in (2, 3, 4):
            self.assertEqual(self.run_c2(utc(2025, 3, 19, 10, 5 * attempt)), log)
            self.assertEqual(log.attempts, attempt)
        self.assertFalse(self.run_c2(utc(2025, 3, 19, 11)), "three retries, then it stops")
        self.assertEqual(log.state, "failed")
        # A retry that finds the server back sends it once.
        log.attempts = 3
        self.server.smtp_port = self.smtp.port
        self.run_c2(utc(2025, 3, 19, 11, 5))
        self.assertEqual((log.state, len(self.sink.messages)), ("sent", 1))

    def test_c2_woken_at_the_next_send_moment(self):
        cron = self.env.ref("optima_crm_tasks.cron_send_auto_reminders")
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=3)
        self.meeting(date_from=start, date_to=start + timedelta(hours=1))
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        self.assertIn(start - timedelta(days=1), triggers.mapped("call_at"))

    # ------------------------------------------------------------------ channels and recipients
    def test_c2_sms_to_the_client(self):
        sms_template = self.env["sms.template"].create(
            {
                "name": "SMS przypomnienie",
                "model_id": self.env["ir.model"]._get_id("optima.crm.task"),
                "body": "Spotkanie {{ object.date_from_display }}",
            }
        )
        task = self.meeting(auto_client_channel="sms", auto_client_sms_template_id=sms_template.id)
        self.assertEqual(task.auto_client_phone, "+48 600 100 200")
        [log] = self.run_c2(utc(2025, 3, 19, 10))
        self.assertEqual((log.state, log.channel), ("sent", "sms"))
        self.assertEqual(log.message_id.message_type, "sms")
        sms = self.env["sms.sms"].sudo().search([("mail_message_id", "=", log.message_id.id)])
        self.assertEqual(sms.mapped("number"), ["+48600100200"])
        self.assertEqual(sms.state, "outgoing", "queued for the SMS gateway")
        self.assertEqual(sms.body, "Spotkanie 20.03.2025 10:00")
        self.assertFalse(self.sink.messages)

    def test_c2_operators_and_copies(self):
        self.env.company.optima_auto_client_default = False
        self.jan.email = "jan.nowak@firma.pl"
        task = self.meeting(
            auto_operator=True,
            auto_operator_channel="email",
            auto_operator_lead="1h",
            auto_operator_copy_to="szef@firma.pl; biuro@firma.pl",
            participant_ids=[
                Command.create({"user_id": self.krzysztof.id, "reminder": False}),
                Command.create({"user_id": self.ewa.id, "email": "ewa@firma.pl"}),
            ],
        )
        self.assertEqual(task.occurrence_ids.auto_operator_at, utc(2025, 3, 20, 9))
        self.assertFalse(self.run_c2(utc(2025, 3, 20, 8, 59)))
        logs = self.run_c2(utc(2025, 3, 20, 9))
        self.assertEqual(sorted(logs.mapped("address")), ["ewa@firma.pl", "jan.nowak@firma.pl"])
        self.assertEqual(set(logs.mapped("state")), {"sent"})
        rcpts = sorted(rcpt[0] for rcpt, _message in self.sink.messages)
        self.assertEqual(
            rcpts,
            [
                "biuro@firma.pl",
                "biuro@firma.pl",
                "ewa@firma.pl",
                "jan.nowak@firma.pl",
                "szef@firma.pl",
                "szef@firma.pl",
            ],
            "each copy is a separate message with a single recipient",
        )

    def test_c2_one_reminder_per_pending_occurrence(self):
        self.env.company.optima_auto_client_lead = "1h"
        series = self.meeting(
            is_cyclic=True,
            cycle_start_time=10.0,
            cycle_duration=1.0,
            cycle_mode="daily",
            cycle_interval=1,
            cycle_start_date=date(2025, 3, 20),
            cycle_end_mode="count",
            cycle_count=3,
        )
        first, second, third = series.occurrence_ids.sorted("date_from")
        first.is_done = True
        self.assertFalse(self.run_c2(utc(2025, 3, 20, 9)), "a done occurrence is not reminded")
        [log] = self.run_c2(utc(2025, 3, 21, 9))
        self.assertEqual(log.occurrence_id, second)
        self.assertIn("21.03.2025 10:00", self.sink.bodies()[0])
        self.assertEqual(series.date_from_display, "20.03.2025 10:00")
        self.assertTrue(third)

    # ------------------------------------------------------------------ defaults and column
    def test_defaults_automat_column_linked_and_contacts(self):
        task = self.meeting()
        self.assertEqual(task.auto_reminder_label, "Yes")
        contact = self.task(kind="contact")
        self.assertFalse(contact.auto_client or contact.auto_operator)
        self.assertEqual(contact.auto_reminder_label, "No")
        plain = self.meeting(auto_client=False)
        self.assertEqual(plain.auto_reminder_label, "No")
        # AS-16: a linked task takes the company's defaults, not the main task's.
        self.env.company.optima_auto_client_default = False
        main = self.meeting(auto_client=True)
        action = main.action_new_linked_task()
        linked = self.Task.with_context(**action["context"]).create({"tz": "Europe/Warsaw"})
        self.assertTrue(main.auto_client)
        self.assertFalse(linked.auto_client)

    def test_extraction_copies_automatic_reminder_settings(self):
        series = self.meeting(
            is_cyclic=True,
            auto_client_copy_to="szef@firma.pl",
            cycle_start_time=10.0,
            cycle_duration=1.0,
            cycle_mode="daily",
            cycle_interval=1,
            cycle_start_date=date(2025, 3, 20),
            cycle_end_mode="count",
            cycle_count=2,
        )
        action = series.occurrence_ids.sorted("date_from")[0].action_extract()
        extracted = self.Task.browse(action["res_id"])
        self.assertTrue(extracted.auto_client)
        self.assertEqual(extracted.auto_client_copy_to, "szef@firma.pl")
        self.assertEqual(extracted.auto_client_mail_template_id, self.template)

    def test_reminder_log_rights_acting_as_users(self):
        task = self.meeting()
        [log] = self.run_c2(utc(2025, 3, 19, 10))
        self.assertEqual(self.Log.with_user(self.jan).search([]), log, "Jan reads his task's log")
        self.assertFalse(self.Log.with_user(self.ewa).search([]), "Ewa (G0) does not")
        with self.assertRaises(AccessError):
            log.with_user(self.jan).write({"state": "failed"})
        with self.assertRaises(AccessError):
            self.Log.with_user(self.jan).create(
                {
                    "occurrence_id": task.occurrence_ids.id,
                    "task_id": task.id,
                    "company_id": task.company_id.id,
                    "term": utc(2025, 3, 1),
                    "recipient_kind": "client",
                    "recipient": "client",
                    "channel": "sms",
                }
            )
