#!/usr/bin/env python3
"""Developer commands of the Optima CRM suite: check, bootstrap, demo, test, wheels.

Run through the Makefile (``make demo``, ``make test``...). Odoo 19.0 must already
be installed in the interpreter that runs this script (``python3`` or
``$ODOO_PYTHON``); this script never installs Odoo itself.

Only the standard library is imported at module level so that a missing Odoo or
PostgreSQL is reported in a sentence, not a traceback.
"""

import argparse
import configparser
import importlib.metadata
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS_DIR = ROOT / "addons"
CONFIG_FILE = ROOT / "odoo.conf"
ADDONS = [
    "optima_crm_tasks",
    "optima_mail_ext",
    "optima_recurring_invoice",
    "optima_dunning",
    "optima_offers",
    "optima_survey_ext",
]
# Installed before the suite so the company gets the Polish chart of accounts.
LOCALIZATION = "l10n_pl"
DEMO_DB = "optima_demo"
CHECK_TIMEOUT = 8


class SetupError(Exception):
    """A missing prerequisite, explained in plain words."""


def say(message):
    print(f"[optima] {message}", flush=True)


# ---------------------------------------------------------------- prerequisites
def odoo_python():
    return os.environ.get("ODOO_PYTHON") or sys.executable


def check_odoo():
    python = odoo_python()
    probe = "import odoo.release as r; print(r.version_info[0], r.version)"
    try:
        out = subprocess.run(
            [python, "-c", probe],
            capture_output=True,
            text=True,
            timeout=CHECK_TIMEOUT,
            check=False,
        )
    except FileNotFoundError as exc:
        raise SetupError(
            f"The Python interpreter {python!r} does not exist. Set ODOO_PYTHON to the "
            "python3 in which Odoo 19.0 is installed."
        ) from exc
    except subprocess.TimeoutExpired as exc:
        raise SetupError(f"Importing odoo with {python} took over {CHECK_TIMEOUT}s.") from exc
    if out.returncode != 0 or not out.stdout.strip():
        raise SetupError(
            f"Odoo is not importable by {python} ('import odoo' failed).\n"
            "  Install Odoo 19.0 Community from source into this interpreter (see README, "
            "'Prerequisites'):\n"
            "    pip install -r <odoo>/requirements.txt and make <odoo> importable "
            "(e.g. a .pth file in site-packages),\n"
            "  or point ODOO_PYTHON at the python3 that already has it."
        )
    major, version = out.stdout.split()
    if major != "19":
        raise SetupError(f"{python} imports Odoo {version}; this suite needs Odoo 19.0.")
    return version


def db_settings():
    parser = configparser.ConfigParser()
    parser.read(CONFIG_FILE)
    options = parser["options"] if parser.has_section("options") else {}
    return {
        "host": os.environ.get("PGHOST") or options.get("db_host", "127.0.0.1"),
        "port": os.environ.get("PGPORT") or options.get("db_port", "5432"),
        "user": os.environ.get("PGUSER") or options.get("db_user", "odoo"),
        "password": os.environ.get("PGPASSWORD") or None,
        "superuser": os.environ.get("PGSUPERUSER", "postgres"),
    }


def pg_connect(dbname="postgres", user=None):
    import psycopg2  # shipped with Odoo's requirements

    settings = db_settings()
    return psycopg2.connect(
        host=settings["host"],
        port=settings["port"],
        user=user or settings["user"],
        password=settings["password"],
        dbname=dbname,
        connect_timeout=5,
    )


def check_postgres():
    """Reach PostgreSQL with the suite's own role, creating the role when missing."""
    try:
        import psycopg2
    except ImportError as exc:
        raise SetupError(
            f"psycopg2 is missing: install Odoo's requirements.txt into {odoo_python()}."
        ) from exc
    settings = db_settings()
    where = f"{settings['host']}:{settings['port']}"
    if settings["user"] == "postgres":
        raise SetupError(
            "Odoo refuses the 'postgres' role: set PGUSER (or db_user) to another role."
        )
    try:
        pg_connect().close()
        return
    except psycopg2.OperationalError as exc:
        if "does not exist" not in str(exc) or "role" not in str(exc):
            raise SetupError(
                f"PostgreSQL is not reachable at {where} as role {settings['user']!r}: "
                f"{str(exc).strip()}\n  Start PostgreSQL (>= 13) or set PGHOST/PGPORT."
            ) from exc
    say(f"Creating the PostgreSQL role {settings['user']!r}")
    try:
        conn = pg_connect(user=settings["superuser"])
    except psycopg2.OperationalError as exc:
        raise SetupError(
            f"The role {settings['user']!r} does not exist at {where} and the superuser "
            f"{settings['superuser']!r} cannot create it: {str(exc).strip()}\n"
            f"  Create it yourself: createuser --createdb {settings['user']}"
        ) from exc
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(f'CREATE ROLE "{settings["user"]}" LOGIN CREATEDB')  # role name from config
    conn.close()


def _requirement_names():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            yield re.split(r"[<>=!~;\[ ]", line, maxsplit=1)[0]


def ensure_requirements():
    missing = []
    for name in _requirement_names():
        try:
            importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            missing.append(name)
    if not missing:
        return
    say(f"Installing missing Python packages: {', '.join(missing)}")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as constraints:
        # Some of Odoo's pinned packages only build with an older setuptools.
        constraints.write("setuptools<70\n")
    env = dict(os.environ, PIP_CONSTRAINT=constraints.name)
    subprocess.run(
        [odoo_python(), "-m", "pip", "install", "-q", "-r", str(ROOT / "requirements.txt")],
        check=True,
        env=env,
    )


def check_all(requirements=True):
    deadline = time.monotonic()
    version = check_odoo()
    check_postgres()
    say(f"Odoo {version} found; PostgreSQL reachable ({time.monotonic() - deadline:.1f}s)")
    if requirements:
        ensure_requirements()


# ---------------------------------------------------------------- databases
def odoo_cmd(*args):
    return [odoo_python(), "-m", "odoo", "-c", str(CONFIG_FILE), *args]


def run_odoo(*args):
    say("odoo " + " ".join(args))
    subprocess.run(odoo_cmd(*args), check=True, cwd=ROOT)


def db_exists(dbname):
    conn = pg_connect()
    with conn.cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,))
        found = bool(cr.fetchone())
    conn.close()
    return found


def module_states(dbname):
    conn = pg_connect(dbname)
    with conn.cursor() as cr:
        cr.execute("SELECT name, state FROM ir_module_module")
        states = dict(cr.fetchall())
    conn.close()
    return states


def set_company_country(dbname, code):
    """Give the main company its country before 'account' picks a chart of accounts."""
    conn = pg_connect(dbname)
    with conn, conn.cursor() as cr:
        cr.execute(
            """UPDATE res_partner SET country_id = (SELECT id FROM res_country WHERE code = %s)
                WHERE id = (SELECT partner_id FROM res_company ORDER BY id LIMIT 1)""",
            (code,),
        )
    conn.close()


def bootstrap(dbname, modules, demo, quiet=False):
    """Create or update ``dbname`` with ``modules``; safe to run any number of times."""
    demo_flag = (["--with-demo"] if demo else []) + (["--log-level=warn"] if quiet else [])
    if not db_exists(dbname):
        say(f"Creating database {dbname} ({'with' if demo else 'without'} demo data)")
        run_odoo("-d", dbname, "-i", "base", "--stop-after-init", "--no-http", *demo_flag)
        set_company_country(dbname, "PL")
    states = module_states(dbname)
    if states.get(LOCALIZATION) != "installed":
        run_odoo("-d", dbname, "-i", LOCALIZATION, "--stop-after-init", "--no-http", *demo_flag)
    states = module_states(dbname)
    to_install = [m for m in modules if states.get(m) != "installed"]
    to_update = [m for m in modules if states.get(m) == "installed"]
    args = ["-d", dbname, "--stop-after-init", "--no-http", *demo_flag]
    if to_install:
        args += ["-i", ",".join(to_install)]
    if to_update:
        args += ["-u", ",".join(to_update)]
    run_odoo(*args)


def drop_database(dbname):
    conn = pg_connect()
    conn.autocommit = True
    with conn.cursor() as cr:
        cr.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')  # name built here
    conn.close()
    filestore = Path.home() / ".local/share/Odoo/filestore" / dbname
    shutil.rmtree(filestore, ignore_errors=True)


def addon_closure(selected):
    """The selected project addons plus the project addons they depend on."""
    import ast

    result = []

    def visit(name):
        if name in result or name not in ADDONS:
            return
        manifest = ast.literal_eval((ADDONS_DIR / name / "__manifest__.py").read_text())
        for dep in manifest.get("depends", []):
            visit(dep)
        result.append(name)

    for name in selected:
        if name not in ADDONS:
            raise SetupError(f"Unknown addon {name!r}; choose among {', '.join(ADDONS)}.")
        visit(name)
    return result


# ---------------------------------------------------------------- commands
def cmd_check(_args):
    check_all()


def cmd_bootstrap(args):
    check_all()
    bootstrap(args.database, ADDONS, demo=not args.without_demo, quiet=args.quiet)


def wait_http(url, process, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(1)
    return False


def cmd_demo(args):
    check_all()
    bootstrap(args.database, ADDONS, demo=True)
    port = args.port
    server = subprocess.Popen(
        odoo_cmd("-d", args.database, f"--db-filter=^{args.database}$", f"--http-port={port}"),
        cwd=ROOT,
    )
    try:
        if wait_http(f"http://127.0.0.1:{port}/web/login", server):
            say(f"Odoo is ready: http://localhost:{port}  (login admin / password admin)")
        else:
            say("Odoo did not start; see its log above.")
        server.wait()
    except KeyboardInterrupt:
        server.send_signal(signal.SIGINT)
        server.wait()
    return server.returncode


def cmd_test(args):
    check_all()
    selected = [a for a in (args.addons or "").replace(",", " ").split() if a]
    modules = addon_closure(selected) if selected else ADDONS
    test_paths = [f"addons/{a}" for a in (selected or ADDONS)]
    if not selected:
        test_paths.append("tests")
    dbname = args.database or f"optima_test_{os.getpid()}"
    try:
        bootstrap(dbname, modules, demo=False, quiet=True)
        pytest_args = [
            odoo_python(),
            "-m",
            "pytest",
            f"--odoo-database={dbname}",
            f"--odoo-config={CONFIG_FILE}",
            "--odoo-http",
            "-p",
            "no:cacheprovider",
            *(["-k", args.k] if args.k else []),
            *test_paths,
        ]
        say(" ".join(pytest_args[1:]))
        env = dict(os.environ, OPTIMA_TEST_DB=dbname, OPTIMA_TEST_ADDONS=",".join(modules))
        returncode = subprocess.run(pytest_args, cwd=ROOT, env=env, check=False).returncode
    finally:
        if not args.keep:
            drop_database(dbname)
    return returncode


PL_PLURAL = (
    "nplurals=3; plural=(n==1 ? 0 : (n%10>=2 && n%10<=4) && (n%100<12 || n%100>14) ? 1 : 2);"
)


def merge_polish(addon):
    """Bring i18n/pl.po in line with the freshly exported template, keeping translations."""
    import polib

    i18n = ADDONS_DIR / addon / "i18n"
    template = polib.pofile(str(i18n / f"{addon}.pot"))
    po_path = i18n / "pl.po"
    po = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
    po.merge(template)
    for entry in po.obsolete_entries():
        po.remove(entry)
    po.metadata.update(
        {
            "Project-Id-Version": "Odoo Server 19.0",
            "Language": "pl",
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "",
            "Plural-Forms": PL_PLURAL,
        }
    )
    po.save(str(po_path))
    missing = [entry.msgid for entry in po if not entry.translated()]
    say(f"{addon}: {len(po)} terms, {len(missing)} without a Polish translation")


def cmd_i18n(args):
    check_all()
    dbname = args.database or f"optima_i18n_{os.getpid()}"
    created = not db_exists(dbname)
    try:
        bootstrap(dbname, ADDONS, demo=False)
        selected = [a for a in (args.addons or "").replace(",", " ").split() if a]
        for addon in selected or ADDONS:
            subprocess.run(
                [
                    odoo_python(),
                    "-m",
                    "odoo",
                    "i18n",
                    "export",
                    "-c",
                    str(CONFIG_FILE),
                    "-d",
                    dbname,
                    addon,
                    "-l",
                    "pot",
                ],
                check=True,
                cwd=ROOT,
            )
            merge_polish(addon)
    finally:
        if created and not args.keep:
            drop_database(dbname)


README_SECTIONS = [("DESCRIPTION", None), ("CONFIGURE", "Configuration"), ("USAGE", "Usage")]


def markdown_to_rst(text):
    """The little Markdown the readme fragments use (lists, nested lists, inline code,
    fenced code), as reStructuredText: rst needs blank lines around a nested list and an
    indented code-block directive where Markdown has a fence."""
    lines, in_code, list_indent = [], False, None
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            in_code = not in_code
            if in_code:
                language = line.strip().strip("`") or "text"
                lines += ["", f".. code-block:: {language}", ""]
            else:
                lines.append("")
            continue
        if in_code:
            lines.append(f"    {line}" if line else "")
            continue
        item = re.match(r"( *)[-*] ", line)
        indent = len(item.group(1)) if item else None
        if item and list_indent is not None and indent != list_indent and lines[-1]:
            lines.append("")  # a nested list starts or ends
        list_indent = indent if item else (list_indent if line.startswith(" ") else None)
        lines.append(line.replace("`", "``"))
    return "\n".join(lines)


def render_readme(addon):
    """README.rst from the readme/ fragments, the way OCA's readme generator lays it out."""
    import ast

    manifest = ast.literal_eval((ADDONS_DIR / addon / "__manifest__.py").read_text())
    title = manifest["name"]
    parts = [
        "=" * len(title),
        title,
        "=" * len(title),
        "",
        f"*{manifest['summary']}*",
        "",
        (
            f"Version {manifest['version']} · License {manifest['license']} · "
            f"Depends on: {', '.join(manifest['depends'])}"
        ),
        "",
    ]
    for fragment, heading in README_SECTIONS:
        path = ADDONS_DIR / addon / "readme" / f"{fragment}.md"
        if not path.exists():
            continue
        if heading:
            parts += [heading, "=" * len(heading), ""]
        parts += [markdown_to_rst(path.read_text().strip()), ""]
    parts += ["Credits", "=======", "", f"Authors: {manifest['author']}", ""]
    return "\n".join(parts)


def cmd_readme(_args):
    for addon in ADDONS:
        target = ADDONS_DIR / addon / "README.rst"
        target.write_text(render_readme(addon))
        say(f"wrote {target.relative_to(ROOT)}")


def cmd_wheels(args):
    out = ROOT / "dist"
    out.mkdir(exist_ok=True)
    for addon in ADDONS:
        subprocess.run(
            [
                odoo_python(),
                "-m",
                "build",
                "--wheel",
                "--outdir",
                str(out),
                str(ADDONS_DIR / addon),
            ],
            check=True,
            cwd=ROOT,
        )
    for wheel in sorted(out.glob("*.whl")):
        say(f"built {wheel.relative_to(ROOT)}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="check Odoo, PostgreSQL and the Python packages")
    boot = sub.add_parser("bootstrap", help="create or update a database with the suite")
    boot.add_argument("database")
    boot.add_argument("--without-demo", action="store_true")
    boot.add_argument("--quiet", action="store_true", help="Odoo logs warnings only")
    demo = sub.add_parser("demo", help="create/update the demo database and serve it")
    demo.add_argument("--database", default=DEMO_DB)
    demo.add_argument("--port", type=int, default=8069)
    test = sub.add_parser("test", help="run the tests in a throwaway database")
    test.add_argument("--addons", default=os.environ.get("ADDONS", ""))
    test.add_argument("--database", default=None, help="reuse/keep this database name")
    test.add_argument("--keep", action="store_true", help="do not drop the database")
    test.add_argument("-k", default=None, help="pytest -k expression")
    sub.add_parser("wheels", help="build one wheel per addon into dist/")
    sub.add_parser("readme", help="write each addon's README.rst from its readme/ fragments")
    i18n = sub.add_parser("i18n", help="export the .pot files and merge them into pl.po")
    i18n.add_argument("--database", default=None, help="use this database (kept)")
    i18n.add_argument("--keep", action="store_true")
    i18n.add_argument("--addons", default=os.environ.get("ADDONS", ""), help="only these addons")
    args = parser.parse_args(argv)
    handler = {
        "check": cmd_check,
        "bootstrap": cmd_bootstrap,
        "demo": cmd_demo,
        "test": cmd_test,
        "wheels": cmd_wheels,
        "i18n": cmd_i18n,
        "readme": cmd_readme,
    }[args.command]
    try:
        return handler(args) or 0
    except SetupError as exc:
        print(f"[optima] ERROR: {exc}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as exc:
        print(
            f"[optima] ERROR: command failed ({exc.returncode}): {' '.join(exc.cmd)}",
            file=sys.stderr,
        )
        return exc.returncode or 1


if __name__ == "__main__":
    sys.exit(main())
