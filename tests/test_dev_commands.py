# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The developer commands: clear messages without prerequisites, idempotent bootstrap."""

import os
import subprocess
import sys
import time
import uuid
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEV = [sys.executable, str(ROOT / "scripts" / "optima_dev.py")]


def _clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ODOO", "PYTEST"))}
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def python_without_odoo(tmp_path_factory):
    """An interpreter that cannot import odoo (a bare virtual environment)."""
    target = tmp_path_factory.mktemp("no_odoo_venv")
    venv.EnvBuilder(with_pip=False, system_site_packages=False).create(target)
    python = target / "bin" / "python"
    probe = subprocess.run([python, "-c", "import odoo"], capture_output=True, check=False)
    assert probe.returncode != 0, "the bare venv unexpectedly imports odoo"
    return str(python)


@pytest.mark.parametrize("target", ["test", "demo"])
def test_make_without_odoo_stops_quickly_with_message(python_without_odoo, target):
    started = time.monotonic()
    result = subprocess.run(
        ["make", "-s", target],
        cwd=ROOT,
        env=_clean_env(ODOO_PYTHON=python_without_odoo),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    elapsed = time.monotonic() - started
    assert result.returncode != 0
    assert elapsed < 10, f"took {elapsed:.1f}s"
    assert "Odoo is not importable" in result.stderr
    assert "ODOO_PYTHON" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_unreachable_postgres_is_explained():
    started = time.monotonic()
    result = subprocess.run(
        [*DEV, "check"],
        cwd=ROOT,
        env=_clean_env(PGHOST="127.0.0.1", PGPORT="1"),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert time.monotonic() - started < 10
    assert "PostgreSQL is not reachable at 127.0.0.1:1" in result.stderr
    assert "Traceback" not in result.stderr


def test_postgres_role_is_refused():
    result = subprocess.run(
        [*DEV, "check"],
        cwd=ROOT,
        env=_clean_env(PGUSER="postgres"),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "Odoo refuses the 'postgres' role" in result.stderr


def _snapshot(dbname):
    sys.path.insert(0, str(ROOT / "scripts"))
    import optima_dev

    conn = optima_dev.pg_connect(dbname)
    queries = {
        "modules": "SELECT name, state FROM ir_module_module WHERE name LIKE 'optima%%' "
        "OR name = 'l10n_pl' ORDER BY name",
        "company": "SELECT c.name, cur.name, c.chart_template, p.vat FROM res_company c "
        "JOIN res_currency cur ON cur.id = c.currency_id "
        "JOIN res_partner p ON p.id = c.partner_id WHERE p.vat LIKE 'PL%%' ORDER BY c.id",
        "partners": "SELECT count(*) FROM res_partner",
        "invoices": "SELECT count(*), sum(m.amount_total) FROM account_move m "
        "JOIN res_company c ON c.id = m.company_id WHERE c.name = 'Optima Demo Sp. z o.o.' "
        "AND m.move_type = 'out_invoice' AND m.state = 'posted'",
        "products": "SELECT count(*) FROM product_product",
        "attributes": "SELECT count(*) FROM optima_crm_attribute",
    }
    result = {}
    with conn.cursor() as cr:
        for key, query in queries.items():
            cr.execute(query)
            result[key] = cr.fetchall()
    conn.close()
    return result


def test_demo_bootstrap_is_idempotent():
    dbname = f"optima_boot_{uuid.uuid4().hex[:8]}"
    sys.path.insert(0, str(ROOT / "scripts"))
    import optima_dev

    try:
        for _run in range(2):
            subprocess.run(
                [*DEV, "bootstrap", dbname, "--quiet"],
                cwd=ROOT,
                env=_clean_env(),
                check=True,
                capture_output=True,
                timeout=1200,
            )
            if _run == 0:
                first = _snapshot(dbname)
        second = _snapshot(dbname)
    finally:
        optima_dev.drop_database(dbname)
    assert first == second
    states = dict(first["modules"])
    for addon in optima_dev.ADDONS + ["l10n_pl"]:
        assert states.get(addon) == "installed", addon
    assert ("Optima Demo Sp. z o.o.", "PLN", "pl", "PL9412772426") in first["company"]
    invoice_count, _total = first["invoices"][0]
    assert invoice_count >= 60, "13 months of demo invoices expected"
    assert first["products"][0][0] >= 10
