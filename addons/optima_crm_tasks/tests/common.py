# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime

import pytz

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

WARSAW = pytz.timezone("Europe/Warsaw")


def utc(*args):
    """Naive UTC datetime of a Warsaw wall-clock time (the spec's scenarios are local)."""
    return WARSAW.localize(datetime(*args)).astimezone(pytz.utc).replace(tzinfo=None)


class OptimaTaskCase(TransactionCase):
    """The spec's cast: operators Jan, Ewa, Krzysztof, Jolanta and the contractor ABC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.tz = "Europe/Warsaw"
        cls.Task = cls.env["optima.crm.task"]
        user_group = "optima_crm_tasks.group_optima_crm_user"
        cls.jan = new_test_user(
            cls.env, login="jnowak", name="Jan Nowak", groups=user_group, tz="Europe/Warsaw"
        )
        cls.ewa = new_test_user(
            cls.env, login="ekowalska", name="Ewa Kowalska", groups=user_group, tz="Europe/Warsaw"
        )
        cls.krzysztof = new_test_user(
            cls.env,
            login="kkrajewski",
            name="Krzysztof Krajewski",
            groups=user_group,
            tz="Europe/Warsaw",
        )
        cls.jolanta = new_test_user(
            cls.env,
            login="jpiechocinska",
            name="Jolanta Piechocińska",
            groups=user_group,
            tz="Europe/Warsaw",
        )
        cls.abc = cls.env["res.partner"].create(
            {
                "name": "ABC Sp. z o.o.",
                "is_company": True,
                "ref": "ABC",
                "user_id": cls.ewa.id,
            }
        )
        cls.anna = cls.env["res.partner"].create(
            {
                "name": "Anna Zięba",
                "parent_id": cls.abc.id,
                "type": "contact",
                "email": "anna@abc.pl",
                "phone": "+48 600 100 200",
                "optima_is_default_representative": True,
            }
        )
        cls.xyz = cls.env["res.partner"].create(
            {"name": "XYZ S.A.", "is_company": True, "ref": "XYZ"}
        )
        cls.env.company.optima_task_percent_step = 25

    def task(self, user=None, **vals):
        vals.setdefault("partner_id", self.abc.id)
        vals.setdefault("tz", "Europe/Warsaw")
        model = self.Task.with_user(user) if user else self.Task
        return model.create(vals)
