# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Scale benchmark of optima_recurring_invoice: generation and the proposal scan.

In one throwaway database and on the same data, measures:
 (a) generating and posting N invoices (3 lines each) from templates through the
     generator (locks, exactly-once key, prices, taxes, log);
 (b) the same N invoices by plain batched account.move.create + action_post (the
     floor Odoo itself sets);
 (c) the same N invoices by the cron of OCA's ``contract`` addon (one contract with
     3 lines per subject, same products and prices), posted by one batched
     action_post (contract does not post); skipped when ``contract`` is not
     installed: pip install --no-deps "odoo-addon-contract>=19.0,<19.1";
 (d) the proposal scan over C contractors x 13 months of posted invoices (bulk SQL:
     the scan reads, it does not care how the invoices were made), at C/2 and at C
     contractors to show it is linear, each next to a plain SQL pass over the same
     invoice lines (the floor: reading them once); best of two runs of each.
(a), (b) and (c) start from the same state: each is rolled back after it is measured.
The machine's load average is printed with every figure: the runs share 2 cores.
Run: python3 tests/bench/bench_recurring_invoice.py [--invoices 2000 --contractors 5000]
"""

import argparse
import importlib.util
import os
import sys
import time
from datetime import date
from pathlib import Path

from dateutil.relativedelta import relativedelta

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import optima_dev

TEMPLATE_SIZE = 200  # subjects per template (one group each)
CONTRACT_INSTALL = 'pip install --no-deps "odoo-addon-contract>=19.0,<19.1"'
CONTEXT = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_notrack": True,
    "optima_skip_sale_checks": True,
}


def build_generation_data(env, invoices):
    """N contractors in groups of 200, 3 service products, one template per group."""
    tax = env["account.tax"].create(
        {"name": "Bench VAT 23", "amount": 23, "amount_type": "percent", "type_tax_use": "sale"}
    )
    products = env["product.product"].create(
        [
            {
                "name": f"Bench service {i}",
                "type": "service",
                "list_price": 10.0 * i,
                "taxes_id": [(6, 0, tax.ids)],
            }
            for i in (1, 2, 3)
        ]
    )
    journal = env["account.journal"].search(
        [("type", "=", "sale"), ("optima_is_proforma", "=", False)], limit=1
    )
    templates = env["optima.recurring.template"]
    partners = env["res.partner"]
    for index in range(invoices // TEMPLATE_SIZE):
        tag = env["res.partner.category"].create({"name": f"Bench group {index}"})
        partners |= env["res.partner"].create(
            [
                {
                    "name": f"Bench K{index:02d}-{i:04d}",
                    "ref": f"BK{index:02d}{i:04d}",
                    "is_company": True,
                    "category_id": [(6, 0, tag.ids)],
                }
                for i in range(TEMPLATE_SIZE)
            ]
        )
        templates |= templates.create(
            {
                "code": f"BENCH{index:02d}",
                "name": f"Bench template {index}",
                "journal_id": journal.id,
                "save_mode": "posted",
                "month_day": 1,
                "party_ids": [(0, 0, {"kind": "group", "category_id": tag.id})],
                "line_ids": [
                    (
                        0,
                        0,
                        {"product_id": product.id, "quantity": 1, "price_unit": product.lst_price},
                    )
                    for product in products
                ],
            }
        )
    return templates, partners, products, journal, tax


def load():
    return "load %.1f/%.1f/%.1f" % os.getloadavg()


def measure(env, func):
    env.invalidate_all()
    before = env.cr.sql_log_count
    started = time.perf_counter()
    result = func()
    env.flush_all()
    return result, time.perf_counter() - started, env.cr.sql_log_count - before


def bench_templates(env, templates):
    """(a): the generator over every template, rolled back afterwards."""
    generator = env["optima.recurring.generator"].with_context(**CONTEXT)
    savepoint = env.cr.savepoint(flush=True)
    run, seconds, queries = measure(env, lambda: generator._run(templates))
    count = env["account.move"].search_count(
        [("optima_ri_run_id", "=", run.id), ("state", "=", "posted")]
    )
    savepoint.close(rollback=True)
    env.invalidate_all()
    return count, seconds, queries


def bench_plain(env, partners, products, journal, tax):
    """(b): the same invoices by batched account.move.create + action_post."""
    today = date.today()
    savepoint = env.cr.savepoint(flush=True)

    def plain():
        moves = env["account.move"]
        vals = [
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "journal_id": journal.id,
                "invoice_date": today,
                "invoice_line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": product.id,
                            "name": product.name,
                            "quantity": 1,
                            "price_unit": product.lst_price,
                            "tax_ids": [(6, 0, tax.ids)],
                        },
                    )
                    for product in products
                ],
            }
            for partner in partners
        ]
        Move = env["account.move"].with_context(**CONTEXT)
        for start in range(0, len(vals), TEMPLATE_SIZE):
            chunk = Move.create(vals[start : start + TEMPLATE_SIZE])
            chunk.action_post()
            moves |= chunk
        return moves

    moves, seconds, queries = measure(env, plain)
    count = len(moves.filtered(lambda m: m.state == "posted"))
    savepoint.close(rollback=True)
    env.invalidate_all()
    return count, seconds, queries


def contract_available():
    """OCA's contract is optional: the rest of the benchmark runs without it."""
    try:
        return importlib.util.find_spec("odoo.addons.contract") is not None
    except ImportError:
        return False


def bench_contract(env, partners, products, journal):
    """(c): one monthly contract per subject, invoiced by contract's own cron."""
    today = date.today()
    savepoint = env.cr.savepoint(flush=True)
    contracts = env["contract.contract"].with_context(**CONTEXT)
    lines = [
        (
            0,
            0,
            {
                "product_id": product.id,
                "name": product.name,
                "quantity": 1,
                "uom_id": product.uom_id.id,
                "price_unit": product.lst_price,
            },
        )
        for product in products
    ]
    for start in range(0, len(partners), TEMPLATE_SIZE):
        contracts |= contracts.create(
            [
                {
                    "name": f"Bench contract {partner.ref}",
                    "partner_id": partner.id,
                    "invoice_partner_id": partner.id,
                    "contract_type": "sale",
                    "journal_id": journal.id,
                    "recurring_rule_type": "monthly",
                    "recurring_interval": 1,
                    "recurring_invoicing_type": "pre-paid",
                    "date_start": today,
                    "contract_line_ids": lines,
                }
                for partner in partners[start : start + TEMPLATE_SIZE]
            ]
        )
    env.flush_all()
    env.cr.execute("SELECT coalesce(max(id), 0) FROM account_move")
    [last_move_id] = env.cr.fetchone()

    def from_contracts():
        contracts.cron_recurring_create_invoice(today)
        moves = env["account.move"].with_context(**CONTEXT).search([("id", ">", last_move_id)])
        moves.action_post()
        return moves

    moves, seconds, queries = measure(env, from_contracts)
    count = len(moves.filtered(lambda m: m.state == "posted"))
    savepoint.close(rollback=True)
    env.invalidate_all()
    return count, seconds, queries


def build_scan_data(cr, contractors, months, product_ids=None):
    """C contractors x 13 monthly posted invoices with 1-3 products, by bulk SQL.
    Returns the number of invoices of the scan data in the database."""
    cr.execute("SELECT id, currency_id FROM res_company ORDER BY id LIMIT 1")
    company_id, currency_id = cr.fetchone()
    cr.execute(
        "SELECT id FROM account_journal WHERE type = 'sale' AND company_id = %s LIMIT 1",
        (company_id,),
    )
    [journal_id] = cr.fetchone()
    cr.execute("SELECT id FROM account_account WHERE account_type = 'income' LIMIT 1")
    [account_id] = cr.fetchone()
    product_ids = product_ids or []
    cr.execute(
        """
        INSERT INTO res_partner (name, ref, active, is_company, type, optima_subject_type,
                                 autopost_bills, create_date, write_date)
        SELECT 'Scan K' || g, 'SK' || g, true, true, 'contact', 'contractor', 'ask',
               now(), now()
          FROM generate_series(1, %s) g RETURNING id
        """,
        (contractors,),
    )
    partner_ids = [row[0] for row in cr.fetchall()]
    cr.execute(
        """
        CREATE TEMPORARY TABLE bench_scan_move ON COMMIT DROP AS
        WITH inserted AS (
        INSERT INTO account_move (move_type, state, auto_post, company_id, journal_id,
                                  currency_id, partner_id, partner_shipping_id, date,
                                  invoice_date, name, create_date, write_date)
        SELECT 'out_invoice', 'posted', 'no', %(company)s, %(journal)s, %(currency)s, p,
               p, d, d, 'SCAN/' || p || '/' || m, now(), now()
          FROM unnest(%(partners)s::int[]) p,
               generate_series(0, %(months)s - 1) m,
               LATERAL (SELECT (date_trunc('month', current_date) - m * interval '1 month'
                                + ((p %% 25) + (m %% 3)) * interval '1 day')::date AS d) x
        RETURNING id)
        SELECT id FROM inserted
        """,
        {
            "company": company_id,
            "journal": journal_id,
            "currency": currency_id,
            "partners": partner_ids,
            "months": months,
        },
    )
    cr.execute(
        """
        INSERT INTO account_move_line (move_id, display_type, product_id, currency_id,
                                       company_id, journal_id, date, name, quantity, account_id)
        SELECT m.id, 'product', pr, m.currency_id, m.company_id, m.journal_id, m.date,
               'Bench', 1, %(account)s
          FROM account_move m
          JOIN bench_scan_move b ON b.id = m.id
          CROSS JOIN LATERAL unnest(%(products)s::int[]) WITH ORDINALITY AS u(pr, n)
         WHERE u.n <= 1 + (m.partner_id %% 3)
        """,
        {"products": product_ids, "account": account_id},
    )
    cr.execute("DROP TABLE bench_scan_move")
    cr.execute("ANALYZE account_move")
    cr.execute("ANALYZE account_move_line")
    cr.execute("SELECT count(*) FROM account_move WHERE name LIKE 'SCAN/%%'")
    return cr.fetchone()[0]


LABELS = {"a": "(a) templates:  ", "b": "(b) plain batch:", "c": "(c) contract:   "}


def run_generation(env, invoices, with_contract, repeat):
    """(a), (b), (c) on the same data; with --repeat the order alternates (a b c, then
    c b a) so that a load that drifts during the run does not favour one of them, and
    the best run of each counts."""
    started = time.perf_counter()
    templates, partners, products, journal, tax = build_generation_data(env, invoices)
    env.flush_all()
    print(
        f"data: {len(templates)} templates, {len(partners)} subjects "
        f"({time.perf_counter() - started:.0f}s)",
        flush=True,
    )
    benches = {
        "a": lambda: bench_templates(env, templates),
        "b": lambda: bench_plain(env, partners, products, journal, tax),
        "c": lambda: bench_contract(env, partners, products, journal),
    }
    if not with_contract:
        del benches["c"]
        print(f"(c) skipped: OCA contract is not installed; run {CONTRACT_INSTALL}", flush=True)
    best = {}
    for round_ in range(repeat):
        for key in sorted(benches, reverse=bool(round_ % 2)):
            count, seconds, queries = benches[key]()
            rate = count / seconds
            print(
                f"{LABELS[key]} {count} posted invoices in {seconds:6.1f}s = "
                f"{rate:6.1f} invoices/s, {queries / max(count, 1):5.1f} queries/invoice "
                f"({load()})",
                flush=True,
            )
            if key not in best or rate > best[key][0]:
                best[key] = (rate, queries / max(count, 1))
    (rate_a, q_a), (rate_b, q_b) = best["a"], best["b"]
    if repeat > 1:
        print(
            "best of %d: " % repeat
            + ", ".join(f"{key} {rate:.1f}/s" for key, (rate, _q) in sorted(best.items()))
        )
    print(
        f"ratio a/b = {rate_a / rate_b:.2f} (target >= 0.8); queries/invoice a - b = "
        f"{q_a - q_b:+.1f} (target <= +2)",
        flush=True,
    )
    if "c" in best:
        rate_c = best["c"][0]
        print(
            f"ratio a/c = {rate_a / rate_c:.2f} (target >= 2); c/b = {rate_c / rate_b:.2f} "
            f"(a/c >= 2 needs a/b >= 2 x c/b = {2 * rate_c / rate_b:.2f})",
            flush=True,
        )


def plain_line_pass(cr, company):
    """The floor of (d): read once every product line the scan reads, with the scan's
    filters (steps 1-2 of RI-26) and the columns its rule needs (kind, buyer, recipient,
    date, currency, product), without grouping, de-duplicating or detecting anything."""
    cr.execute(
        """
        SELECT l.move_id, m.optima_is_proforma, m.partner_id, m.partner_shipping_id,
               m.invoice_date, m.currency_id, l.product_id
          FROM account_move_line l
          JOIN account_move m ON m.id = l.move_id
         WHERE m.company_id = %(company)s AND m.move_type = 'out_invoice'
           AND m.invoice_date BETWEEN %(from)s AND CURRENT_DATE
           AND m.state <> 'cancel'
           AND ((m.state = 'posted' AND NOT COALESCE(m.optima_is_proforma, FALSE))
                OR (m.optima_is_proforma AND m.optima_proforma_confirmed))
           AND m.reversed_entry_id IS NULL AND m.optima_ri_template_id IS NULL
           AND m.partner_id <> %(undefined)s
           AND l.display_type = 'product' AND l.product_id IS NOT NULL
        """,
        {
            "company": company.id,
            "from": date.today() - relativedelta(months=13),
            "undefined": company.optima_undefined_partner_id.id or 0,
        },
    )
    return len(cr.fetchall())


def run_scan(env, contractors, months, products):
    cr = env.cr
    started = time.perf_counter()
    moves = build_scan_data(cr, contractors, months, products.ids)
    print(f"scan data: {moves} invoices ({time.perf_counter() - started:.0f}s)", flush=True)
    # Each measured twice, alternating, the best counting (as with --repeat above): the
    # first scan of a process also pays for loading the ORM's caches, and the second
    # starts from the same state because the first is rolled back.
    proposal = env["optima.recurring.proposal"]
    plain = seconds = float("inf")
    for _round in range(2):
        rows, plain_seconds, _queries = measure(env, lambda: plain_line_pass(cr, env.company))
        plain = min(plain, plain_seconds)
        savepoint = cr.savepoint(flush=True)
        found, scan_seconds, queries = measure(env, lambda: proposal._scan(env.company))
        found = len(found)
        savepoint.close(rollback=True)
        env.invalidate_all()
        seconds = min(seconds, scan_seconds)
    print(
        f"(d) proposal scan, {contractors} contractors: {seconds:6.2f}s = "
        f"{seconds / moves * 1e6:5.1f} us/invoice, {queries} queries, {found} proposals "
        f"({load()})\n"
        f"    plain SQL pass over the same {rows} invoice lines: {plain:6.2f}s; "
        f"scan / plain = {seconds / plain:.1f} (target <= 3)",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=2000)
    parser.add_argument("--contractors", type=int, default=5000)
    parser.add_argument("--months", type=int, default=13)
    parser.add_argument("--database", help="reuse this database (default: a throwaway one)")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--skip-generation", action="store_true", help="only the scan (d)")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of (a), (b), (c), alternating their order"
    )
    args = parser.parse_args()
    optima_dev.check_all(requirements=False)
    dbname = args.database or f"optima_bench_ri_{os.getpid()}"
    with_contract = not args.skip_generation and contract_available()
    modules = ["optima_recurring_invoice"] + (["contract"] if with_contract else [])
    try:
        optima_dev.bootstrap(dbname, modules, demo=False, quiet=True)
        import odoo
        from odoo.modules.registry import Registry

        odoo.tools.config.parse_config(
            ["-c", str(optima_dev.CONFIG_FILE), "-d", dbname, "--log-level=warn"]
        )
        registry = Registry(dbname)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "Europe/Warsaw"})
            print(f"start: {load()} on {os.cpu_count()} CPUs", flush=True)
            if not args.skip_generation:
                run_generation(env, args.invoices, with_contract, args.repeat)
            products = env["product.product"].create(
                [{"name": f"Scan product {i}", "type": "service"} for i in (1, 2, 3)]
            )
            env.flush_all()
            half = args.contractors // 2
            for contractors in (half, args.contractors):
                savepoint = cr.savepoint(flush=True)
                run_scan(env, contractors, args.months, products)
                savepoint.close(rollback=True)
                env.invalidate_all()
            cr.rollback()
    finally:
        if not args.keep and not args.database:
            optima_dev.drop_database(dbname)


if __name__ == "__main__":
    main()
