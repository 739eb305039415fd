# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""AC-14 with two real Odoo processes racing over the same committed invoices."""

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from odoo import Command, api, sql_db
from odoo.tests import tagged
from odoo.tests.common import TransactionCase
from odoo.tools import config

from .servers import SmtpSink

WORKER = Path(__file__).with_name("autosend_worker.py")
INVOICES = 20
AUTOSEND_FIELDS = [
    "optima_autosend_enabled",
    "optima_autosend_user_id",
    "optima_autosend_account_id",
    "optima_autosend_template_id",
    "optima_autosend_mode",
    "optima_autosend_scope",
    "optima_autosend_date_basis",
    "optima_autosend_date_from",
    "optima_autosend_report_id",
    "optima_autosend_report_foreign_id",
    "optima_autosend_start",
    "optima_autosend_repeat",
    "optima_autosend_end",
]


@tagged("post_install", "-at_install")
class TestAutosendTwoWorkers(TransactionCase):
    """The test's own transaction is never committed, so the workers could not see its data:
    the fixture is committed through a separate connection and removed afterwards."""

    def setUp(self):
        super().setUp()
        self.sink = SmtpSink().start()
        self.addCleanup(self.sink.stop)
        self.cr2 = sql_db.db_connect(self.env.cr.dbname).cursor()
        self.addCleanup(self.cr2.close)
        self.env2 = api.Environment(self.cr2, api.SUPERUSER_ID, {})
        self.addCleanup(self._remove_fixture)
        self._commit_fixture()

    def _commit_fixture(self):
        env = self.env2
        self.company = env.ref("base.main_company")
        self.saved = self.company.read(AUTOSEND_FIELDS, load=None)[0]
        admin = env.ref("base.user_admin")
        server = env["ir.mail_server"].create(
            {
                "name": "AC-14 sink",
                "smtp_host": "127.0.0.1",
                "smtp_port": self.sink.port,
                "smtp_encryption": "none",
            }
        )
        self.account = env["optima.mail.account"].create(
            {
                "symbol": "AC14WORKERS",
                "email": "biuro@ogrodnik.test",
                "protocol": "imap",
                "incoming_host": "127.0.0.1",
                "incoming_port": 10143,
                "incoming_user": "biuro",
                "incoming_password": "biuro",
                "mail_server_id": server.id,
                "user_ids": [Command.set([admin.id])],
                "owner_id": admin.id,
            }
        )
        partner = env["res.partner"].create(
            {
                "name": "AC-14 buyer",
                "is_company": True,
                "email": "faktury@ac14.test",
                "optima_invoice_mail_consent": True,
            }
        )
        self.moves = env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "company_id": self.company.id,
                    "invoice_date": "2025-03-11",
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Usługa", "price_unit": 100 + i, "tax_ids": [Command.clear()]}
                        )
                    ],
                }
                for i in range(INVOICES)
            ]
        )
        self.moves.action_post()
        self.company.write(
            {
                "optima_autosend_enabled": True,
                "optima_autosend_user_id": admin.id,
                "optima_autosend_account_id": self.account.id,
                "optima_autosend_template_id": env.ref(
                    "optima_mail_ext.mail_template_invoice_customer"
                ).id,
                "optima_autosend_mode": "send",
                "optima_autosend_scope": "posted",
                "optima_autosend_date_basis": "issue",
                "optima_autosend_date_from": "2025-03-01",
                # No printout: the workers are not serving the report assets.
                "optima_autosend_report_id": False,
                "optima_autosend_report_foreign_id": False,
                # 00:00 without repeat: today's only slot is due whenever the test runs.
                "optima_autosend_start": 0.0,
                "optima_autosend_repeat": "0",
                "optima_autosend_end": 0.0,
            }
        )
        self.partner, self.server = partner, server
        self.cr2.commit()  # pylint: disable=invalid-commit

    def _remove_fixture(self):
        env, cr = self.env2, self.cr2
        cr.rollback()
        env.invalidate_all()
        runs = env["optima.invoice.autosend.run"].search([("company_id", "=", self.company.id)])
        cr.execute(
            "DELETE FROM optima_invoice_autosend_slot WHERE company_id = %s", (self.company.id,)
        )
        runs.line_ids.unlink()
        runs.unlink()
        self.company.write({k: v for k, v in self.saved.items() if k != "id"})
        messages = (
            env["optima.mail.message"]
            .with_context(active_test=False)
            .search([("account_id", "=", self.account.id)])
        )
        cr.execute("DELETE FROM optima_mail_message WHERE id = ANY(%s)", (messages.ids,))
        cr.execute("DELETE FROM optima_mail_folder WHERE account_id = %s", (self.account.id,))
        env.invalidate_all()
        self.moves.button_draft()
        self.moves.with_context(force_delete=True).unlink()
        self.account.unlink()
        self.server.unlink()
        self.partner.unlink()
        cr.commit()  # pylint: disable=invalid-commit

    def _start_workers(self, modes):
        barrier = Path(tempfile.mkdtemp(prefix="ac14-"))
        self.addCleanup(shutil.rmtree, barrier, ignore_errors=True)
        workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    str(WORKER),
                    config["config"],
                    self.env.cr.dbname,
                    mode,
                    str(barrier),
                    f"w{i}",
                ],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            for i, mode in enumerate(modes)
        ]
        deadline = time.monotonic() + 120
        while len(list(barrier.glob("*.ready"))) < len(workers):
            self.assertLess(time.monotonic(), deadline, "workers did not start")
            self.assertTrue(all(w.poll() is None for w in workers), "a worker died")
            time.sleep(0.05)
        (barrier / "go").touch()
        for worker in workers:
            output = worker.communicate(timeout=180)[0].decode()
            self.assertEqual(worker.returncode, 0, output)

    def test_as14_two_processes_mail_each_invoice_once(self):
        # The 00:00 cron of one worker and "Uruchom teraz" of another, at the same moment.
        self._start_workers(["cron", "now"])
        # A rerun by both finds nothing left.
        self._start_workers(["cron", "now"])
        self.cr2.rollback()
        self.env2.invalidate_all()
        received = [
            self.sink.parsed(i)["Subject"].split(" [")[0] for i in range(len(self.sink.messages))
        ]
        self.assertEqual(len(received), INVOICES)
        self.assertEqual(sorted(received), sorted(f"Faktura {m.name}" for m in self.moves))
        self.assertTrue(all(self.moves.mapped("optima_mail_created_at")))
        lines = self.env2["optima.invoice.autosend.line"].search(
            [("move_id", "in", self.moves.ids), ("result", "=", "created")]
        )
        self.assertEqual(sorted(lines.move_id.ids), sorted(self.moves.ids))
        self.assertEqual(
            self.env2["optima.mail.message"].search_count([("account_id", "=", self.account.id)]),
            INVOICES,
        )
        # The slot was consumed by exactly one run.
        runs = self.env2["optima.invoice.autosend.run"].search(
            [("company_id", "=", self.company.id)]
        )
        self.assertEqual(len(runs.filtered(lambda r: r.slot_keys)), 1)
        self.assertEqual(len(runs), 3)  # the cron once (slot), "Uruchom teraz" twice
        self.assertEqual(sum(runs.mapped("created_count")), INVOICES)
