# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Scale benchmark of optima_crm_tasks: Informacje bieżące tiles and a Terminarz month.

Creates (in a throwaway database) 200,000 tasks and 1,000,000 occurrences with bulk
SQL, then times the ORM calls the web client makes and counts their SQL queries.
Run: make bench  (or: python3 tests/bench/bench_crm_tasks.py --tasks 200000)
Data are generated with SQL on purpose: the benchmark measures reading at scale,
not the creation path (which the tests cover).
"""

import argparse
import os
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import optima_dev

CYCLIC_SHARE = 10  # one task in ten is cyclic
OCCURRENCES_PER_CYCLE = 41  # so that 200k tasks give about 1M occurrences


def build_data(cr, tasks, operators):
    cr.execute("SELECT id FROM res_company ORDER BY id LIMIT 1")
    [company_id] = cr.fetchone()
    cr.execute("SELECT id FROM ir_sequence WHERE code = 'optima.crm.task' LIMIT 1")
    [sequence_id] = cr.fetchone()
    cr.execute("SELECT id FROM res_users WHERE login LIKE 'bench_op_%%' ORDER BY id")
    users = [row[0] for row in cr.fetchall()]
    cr.execute("SELECT id FROM res_partner WHERE name = 'Bench contractor'")
    [partner_id] = cr.fetchone()
    # Past tasks are mostly closed, as in a living database; about 2 % stay open.
    cr.execute(
        """
        INSERT INTO optima_crm_task (name, numbering_id, numbering_name, number_seq, kind,
            company_id,
            partner_id, user_id, service_phase, start_datetime, tz, state, priority,
            date_from, date_to, list_date_from, list_date_to, display_subject, subject,
            description,
            is_cyclic, total_time, percent_done, create_uid, write_uid, create_date, write_date)
        SELECT 'BENCH/' || g, %(seq)s, 'CRM', g, 'task', %(company)s, %(partner)s,
               (%(users)s::int[])[1 + (g / %(cyclic)s) %% %(nusers)s], 'pre', s, 'Europe/Warsaw',
               CASE WHEN s < now() - interval '1 day' AND g %% 50 <> 0 THEN 'done'
                    ELSE 'in_progress' END,
               '1', s, s + interval '1 hour', s, s + interval '1 hour',
               'Zadanie ' || g, 'Zadanie ' || g, 'Opis zadania ' || g,
               g %% %(cyclic)s = 0, 0, 0, 1, 1, now(), now()
          FROM generate_series(1, %(tasks)s) AS g,
               LATERAL (SELECT now() - interval '730 days'
                               + (g::float / %(tasks)s) * interval '800 days' AS s) AS t
        """,
        {
            "seq": sequence_id,
            "company": company_id,
            "partner": partner_id,
            "users": users,
            "nusers": len(users),
            "tasks": tasks,
            "cyclic": CYCLIC_SHARE,
        },
    )
    cr.execute("UPDATE optima_crm_task SET thread_root_id = id WHERE thread_root_id IS NULL")
    cr.execute(
        """
        INSERT INTO optima_crm_task_participant (task_id, user_id, company_id, reminder,
            create_uid, write_uid, create_date, write_date)
        SELECT id, user_id, company_id, true, 1, 1, now(), now()
          FROM optima_crm_task WHERE name LIKE 'BENCH/%%'
        """
    )
    # Plain tasks: one slot; cyclic ones: a weekly series.
    cr.execute(
        """
        INSERT INTO optima_crm_task_occurrence (task_id, is_single, date_from, date_to,
            slot_end, day_from, day_to, state, user_id, task_state, task_kind, company_id,
            task_name, display_subject, partner_id, partner_name, description, priority,
            is_cyclic, calendar_color, create_uid, write_uid, create_date, write_date)
        SELECT t.id, NOT t.is_cyclic, t.date_from + w * interval '7 days',
               t.date_to + w * interval '7 days', t.date_to + w * interval '7 days',
               ((t.date_from + w * interval '7 days') AT TIME ZONE 'UTC'
                   AT TIME ZONE 'Europe/Warsaw')::date,
               ((t.date_to + w * interval '7 days') AT TIME ZONE 'UTC'
                   AT TIME ZONE 'Europe/Warsaw')::date,
               CASE WHEN t.state = 'done' THEN 'done' ELSE 'pending' END,
               t.user_id, t.state, t.kind, t.company_id,
               t.name, t.display_subject, t.partner_id, p.name, t.description, t.priority,
               t.is_cyclic,
               CASE WHEN t.state = 'done' THEN 0 ELSE 2 END, 1, 1, now(), now()
          FROM optima_crm_task t JOIN res_partner p ON p.id = t.partner_id,
               LATERAL generate_series(0, CASE WHEN t.is_cyclic THEN %(n)s - 1 ELSE 0 END) AS w
         WHERE t.name LIKE 'BENCH/%%'
        """,
        {"n": OCCURRENCES_PER_CYCLE},
    )
    cr.execute(
        """
        INSERT INTO optima_crm_task_occurrence_attendee_rel (occurrence_id, user_id)
        SELECT o.id, o.user_id FROM optima_crm_task_occurrence o
          JOIN optima_crm_task t ON t.id = o.task_id WHERE t.name LIKE 'BENCH/%%'
        """
    )
    # The stored "earliest pending slot" columns, as the ORM computes them.
    cr.execute(
        """
        UPDATE optima_crm_task t SET pending_day_to = o.day_to, list_date_from = o.date_from,
               list_date_to = o.date_to
          FROM (SELECT DISTINCT ON (task_id) task_id, day_to, date_from, date_to
                  FROM optima_crm_task_occurrence WHERE state = 'pending'
                 ORDER BY task_id, date_from) o
         WHERE o.task_id = t.id
        """
    )
    cr.execute("ANALYZE")
    cr.execute("SELECT count(*) FROM optima_crm_task")
    [task_count] = cr.fetchone()
    cr.execute("SELECT count(*) FROM optima_crm_task_occurrence")
    [occurrence_count] = cr.fetchone()
    return task_count, occurrence_count


def measure(env, label, func, repeat=5):
    func()  # warm caches, as a user's second click would
    best = None
    for _run in range(repeat):
        env.invalidate_all()
        before = env.cr.sql_log_count
        started = time.perf_counter()
        func()
        elapsed = (time.perf_counter() - started) * 1000
        queries = env.cr.sql_log_count - before
        best = min(best or elapsed, elapsed)
    print(f"{label:<40} {best:8.1f} ms  {queries:3d} queries", flush=True)
    return best, queries


def run_measurements(dbname):
    import odoo
    from odoo.modules.registry import Registry

    odoo.tools.config["db_name"] = dbname
    registry = Registry(dbname)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "Europe/Warsaw"})
        user = env["res.users"].search([("login", "=", "bench_op_1")])
        env = env(user=user.id)
        info = env["optima.crm.current.info"]
        results = {}
        for panel in info._panel_definitions():
            results[panel["key"]] = measure(
                env, f"panel {panel['title']}", lambda p=panel: info._panel_data(p)
            )
        action = env.ref("optima_crm_tasks.action_optima_terminarz").sudo()
        from odoo.tools.safe_eval import safe_eval

        base_domain = safe_eval(action.domain)
        today = date.today()
        start = datetime(today.year, today.month, 1)
        end = start + timedelta(days=42)  # the month grid shows six weeks
        # Every field the calendar arch (views/optima_crm_terminarz_views.xml) reads.
        fields = [
            "date_from",
            "date_to",
            "display_name",
            "calendar_color",
            "partner_name",
            "priority",
            "description",
            "is_cyclic",
            "attendee_user_ids",
        ]

        def month():
            env["optima.crm.task.occurrence"].search_read(
                base_domain
                + [
                    ("date_from", "<", end),
                    ("date_to", ">=", start),
                    ("attendee_user_ids", "in", [user.id]),
                ],
                fields,
            )

        results["terminarz_month"] = measure(env, "Terminarz month (one operator)", month)
        cr.rollback()
    return results


def report(results):
    slow = [k for k, (ms, _q) in results.items() if ms > (300 if k == "terminarz_month" else 50)]
    print(
        "targets: each panel < 50 ms, a Terminarz month < 300 ms:",
        "met" if not slow else f"missed by {', '.join(slow)}",
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=200_000)
    parser.add_argument("--operators", type=int, default=20)
    parser.add_argument("--keep", action="store_true", help="keep the database for --reuse")
    parser.add_argument(
        "--reuse", metavar="DATABASE", help="measure again on a database kept by --keep"
    )
    args = parser.parse_args()
    optima_dev.check_all(requirements=False)
    if args.reuse:
        import odoo.tools

        odoo.tools.config.parse_config(
            ["-c", str(optima_dev.CONFIG_FILE), "-d", args.reuse, "--log-level=warn"]
        )
        report(run_measurements(args.reuse))
        return
    dbname = f"optima_bench_{os.getpid()}"
    print(f"database: {dbname}", flush=True)
    try:
        optima_dev.bootstrap(dbname, ["optima_crm_tasks"], demo=False, quiet=True)
        import odoo
        from odoo.modules.registry import Registry

        odoo.tools.config.parse_config(
            ["-c", str(optima_dev.CONFIG_FILE), "-d", dbname, "--log-level=warn"]
        )
        registry = Registry(dbname)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env["res.partner"].create({"name": "Bench contractor", "is_company": True})
            env["res.users"].create(
                [
                    {
                        "name": f"Bench operator {i}",
                        "login": f"bench_op_{i}",
                        "group_ids": [(4, env.ref("optima_crm_tasks.group_task_read_others").id)],
                        "optima_info_today_all": True,
                        "optima_info_tomorrow_all": True,
                        "optima_info_overdue_all": True,
                    }
                    for i in range(1, args.operators + 1)
                ]
            )
            started = time.perf_counter()
            tasks, occurrences = build_data(cr, args.tasks, args.operators)
            print(
                f"data: {tasks} tasks, {occurrences} occurrences "
                f"({time.perf_counter() - started:.0f}s to generate)",
                flush=True,
            )
            cr.commit()
        report(run_measurements(dbname))
    finally:
        if not args.keep:
            optima_dev.drop_database(dbname)


if __name__ == "__main__":
    main()
