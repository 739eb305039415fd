# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A separate Odoo process running the invoice auto-sender (AC-14 with real workers).

Usage: autosend_worker.py CONFIG DATABASE MODE BARRIER_DIR NAME
MODE is ``cron`` (the 5-minute cron) or ``now`` ("Uruchom teraz"). The worker loads its own
registry, announces ``NAME.ready`` in BARRIER_DIR and starts when ``go`` appears there, so
both workers run at the same moment; then it delivers the Outbox, as the cron does.
"""

import sys
import time
from pathlib import Path


def main(config, dbname, mode, barrier, name):
    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config.parse_config(["-c", config, "-d", dbname, "--log-level=warn"])
    registry = Registry(dbname)
    barrier = Path(barrier)
    (barrier / f"{name}.ready").touch()
    deadline = time.monotonic() + 120
    while not (barrier / "go").exists():
        if time.monotonic() > deadline:
            raise SystemExit("no go signal")
        time.sleep(0.01)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        Run = env["optima.invoice.autosend.run"]
        company = env.ref("base.main_company")
        if mode == "cron":
            Run._cron_autosend()
        else:
            Run._run(company, manual=True)
        cr.commit()  # pylint: disable=invalid-commit
        env["optima.mail.message"]._process_outbox(force=True, limit=1000)
        cr.commit()  # pylint: disable=invalid-commit


if __name__ == "__main__":
    main(*sys.argv[1:6])
