# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Fixture F of the spec (§4): Ogrodnik's operators, accounts, partners and servers."""

from datetime import datetime
from unittest.mock import patch

import pytz

from odoo import Command
from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

from .servers import SmsGateway, SmtpSink

WARSAW = pytz.timezone("Europe/Warsaw")


def utc(*args):
    """Naive UTC datetime of a Warsaw wall-clock time (the scenarios are local)."""
    return WARSAW.localize(datetime(*args)).astimezone(pytz.utc).replace(tzinfo=None)


class OptimaMailCase(TransactionCase):
    """Users anna, piotr, ewa; account BIURO on a real SMTP sink; partners ABC, BETA, GAMMA."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sink = SmtpSink().start()
        cls.addClassCleanup(cls.sink.stop)
        # Odoo never sends mail in tests; these tests deliver to the loopback sink.
        registry_class = cls.env.registry["ir.mail_server"]
        cls.startClassPatcher(patch.object(registry_class, "_disable_send", lambda *a: False))
        cls.env.user.tz = "Europe/Warsaw"
        user_group = "optima_crm_tasks.group_optima_crm_user"
        cls.anna = new_test_user(
            cls.env,
            login="anna",
            name="Anna Nowak",
            groups=user_group + ",base.group_partner_manager",
            tz="Europe/Warsaw",
            email="anna@ogrodnik.test",
        )
        cls.piotr = new_test_user(
            cls.env,
            login="piotr",
            name="Piotr Lis",
            groups=user_group,
            tz="Europe/Warsaw",
            email="piotr@ogrodnik.test",
        )
        cls.ewa = new_test_user(cls.env, login="ewa", name="Ewa", groups="base.group_user")
        cls.smtp_server = cls.env["ir.mail_server"].create(
            {
                "name": "Sink",
                "smtp_host": "127.0.0.1",
                "smtp_port": cls.sink.port,
                "smtp_encryption": "none",
                "smtp_authentication": "login",
            }
        )
        cls.biuro = cls.env["optima.mail.account"].create(
            {
                "symbol": "BIURO",
                "name": "Biuro Ogrodnik",
                "email": "biuro@ogrodnik.test",
                "protocol": "imap",
                "incoming_host": "127.0.0.1",
                "incoming_port": 10143,
                "incoming_ssl": False,
                "incoming_user": "biuro",
                "incoming_password": "biuro",
                "mail_server_id": cls.smtp_server.id,
                "user_ids": [Command.set([cls.anna.id, cls.piotr.id])],
                "owner_id": cls.anna.id,
            }
        )
        cls.pl = cls.env.ref("base.pl")
        cls.abc = cls.env["res.partner"].create(
            {
                "name": "F.H. ABC sp. z o.o.",
                "is_company": True,
                "ref": "ABC",
                "email": "faktury@abc.test",
                "country_id": cls.pl.id,
                "optima_invoice_mail_consent": True,
                "optima_sms_phone": "601 234 567",
            }
        )
        cls.jan = cls.env["res.partner"].create(
            {
                "name": "Jan Kowalski",
                "parent_id": cls.abc.id,
                "type": "contact",
                "email": "jan.kowalski@abc.test",
                "optima_title": "Pan",
                "optima_serial_mailing": True,
            }
        )
        cls.beta = cls.env["res.partner"].create(
            {"name": "Beta S.A.", "is_company": True, "email": "biuro@beta.test"}
        )
        cls.gamma = cls.env["res.partner"].create(
            {"name": "Gamma sp.j.", "is_company": True, "optima_invoice_mail_consent": True}
        )
        cls.product = cls.env["product.product"].create({"name": "Usługa ogrodnicza"})
        cls.template = cls.env.ref("optima_mail_ext.mail_template_invoice_customer")

    def setUp(self):
        super().setUp()
        self.sink.messages.clear()
        self.sink.reject.clear()
        self.sink.temp_fail = False

    def invoice(self, partner, amount=100.0, post=True, **vals):
        vals.setdefault("invoice_date", "2025-03-11")
        move = self.env["account.move"].create(
            {
                "move_type": vals.pop("move_type", "out_invoice"),
                "partner_id": partner.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": self.product.id,
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
                **vals,
            }
        )
        if post:
            move.action_post()
        return move

    def outbox(self):
        """Deliver due Outbox messages now (what the cron does after the commit)."""
        return self.env["optima.mail.message"]._process_outbox()


class SmsGatewayMixin:
    @classmethod
    def start_gateway(cls):
        cls.gateway = SmsGateway().start()
        cls.addClassCleanup(cls.gateway.stop)
        cls.env.company.write(
            {
                "optima_sms_provider": "smsapi",
                "optima_sms_url": cls.gateway.url,
                "optima_sms_token": "t0k3n",
                "optima_sms_sender": "OGRODNIK",
                "optima_sms_timeout": 2,
                "country_id": cls.env.ref("base.pl").id,
            }
        )
