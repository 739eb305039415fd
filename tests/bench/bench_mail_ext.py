# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Scale benchmark of optima_mail_ext: the invoice auto-sender and the IMAP synchronisation.

In a throwaway database: N posted invoices (default 1,000) are mailed by the auto-sender to a
loopback SMTP sink, then the same invoices by Odoo's own batch send (account.move.send) in the
same run, and the ratio is printed. Odoo's batch send renders a batch in one wkhtmltopdf call
with one input document per invoice, which a wkhtmltopdf without patched Qt (Debian's)
refuses: the bench tries it on two invoices, prints the refusal and then sends one invoice
per call, the only way Odoo's send gets through there. Then M messages (default 10,000) are
fetched from a private Dovecot by the IMAP synchronisation. Times and SQL query counts are printed.
Run: make bench  (or: python3 tests/bench/bench_mail_ext.py --invoices 1000 --messages 10000;
--unbatched N adds the auto-sender rendering one PDF per call over N invoices)
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import optima_dev


def timed(cr, label, func):
    before = cr.sql_log_count
    started = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - started
    queries = cr.sql_log_count - before
    print(f"{label:<52} {elapsed:8.1f} s  {queries:7d} queries", flush=True)
    return elapsed, queries, result


def setup(env, sink, dovecot, invoices):
    from odoo import Command

    company = env.company
    partner = env["res.partner"].create(
        {
            "name": "Bench buyer",
            "is_company": True,
            "email": "faktury@bench.test",
            "optima_invoice_mail_consent": True,
        }
    )
    server = env["ir.mail_server"].create(
        {
            "name": "Bench sink",
            "smtp_host": "127.0.0.1",
            "smtp_port": sink.port,
            "smtp_encryption": "none",
        }
    )
    account = env["optima.mail.account"].create(
        {
            "symbol": "BENCH",
            "email": "bench@ogrodnik.test",
            "protocol": "imap",
            "incoming_host": "127.0.0.1",
            "incoming_port": dovecot.imap_port,
            "incoming_ssl": False,
            "incoming_user": "biuro",
            "incoming_password": "biuro",
            "mail_server_id": server.id,
            "user_ids": [Command.set([env.user.id])],
            "owner_id": env.user.id,
        }
    )
    product = env["product.product"].create({"name": "Bench service"})
    moves = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": "2025-03-11",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "price_unit": 100 + i,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
            for i in range(invoices)
        ]
    )
    moves.action_post()
    report = env.ref("account.account_invoices")
    company.write(
        {
            "optima_autosend_enabled": True,
            "optima_autosend_user_id": env.user.id,
            "optima_autosend_account_id": account.id,
            "optima_autosend_template_id": env.ref(
                "optima_mail_ext.mail_template_invoice_customer"
            ).id,
            "optima_autosend_date_from": "2025-03-01",
            "optima_autosend_report_id": report.id,
            "optima_autosend_report_foreign_id": report.id,
        }
    )
    return company, account, moves


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invoices", type=int, default=1000)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument(
        "--unbatched",
        type=int,
        default=0,
        help="also run the auto-sender over this many invoices rendering one PDF per call",
    )
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--database", help="database name (default: optima_bench_mail_<pid>)")
    args = parser.parse_args()
    optima_dev.check_all(requirements=False)
    dbname = args.database or f"optima_bench_mail_{os.getpid()}"
    try:
        optima_dev.bootstrap(dbname, ["optima_mail_ext"], demo=False, quiet=True)
        import odoo
        from odoo.modules.registry import Registry

        odoo.tools.config.parse_config(
            ["-c", str(optima_dev.CONFIG_FILE), "-d", dbname, "--log-level=warn"]
        )
        from odoo.exceptions import UserError
        from odoo.service import server as odoo_server

        from odoo.addons.optima_mail_ext.tests.servers import Dovecot, SmtpSink, free_port

        # wkhtmltopdf fetches the report assets from Odoo: serve HTTP on a free port.
        http_port = free_port()
        odoo.tools.config["http_port"] = http_port
        odoo.tools.config["http_interface"] = "127.0.0.1"
        httpd = odoo_server.ThreadedServer(odoo.http.root)
        httpd.http_spawn()
        sink = SmtpSink().start()
        dovecot = Dovecot({"biuro": "biuro"}).start()
        try:
            registry = Registry(dbname)
            with registry.cursor() as cr:
                env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tz": "Europe/Warsaw"})
                env["ir.config_parameter"].set_param("report.url", f"http://127.0.0.1:{http_port}")
                env["ir.config_parameter"].set_param(
                    "web.base.url", f"http://127.0.0.1:{http_port}"
                )
                company, account, moves = setup(env, sink, dovecot, args.invoices)
                cr.commit()
                if moves:
                    print(f"data: {len(moves)} posted invoices", flush=True)
                    Run = env["optima.invoice.autosend.run"]
                    ours, ours_q, run = timed(
                        cr,
                        f"auto-sender: {len(moves)} invoices (render, PDF, SMTP)",
                        lambda: Run._run(company, manual=True),
                    )
                    env["optima.mail.message"]._process_outbox(force=True, limit=len(moves) * 2)
                    cr.commit()
                    print(f"  created {run.created_count}, sink received {len(sink.messages)}")
                    pdfs = sum(
                        1
                        for message in sink.messages
                        if b"application/pdf" in message.get("data", b"")
                    )
                    print(f"  {pdfs} of them carry a PDF", flush=True)
                    # The same invoices through Odoo's own batch send.
                    moves.write({"optima_mail_created_at": False, "is_move_sent": False})
                    cr.commit()
                    sink.messages.clear()
                    template = env.ref("account.email_template_edi_invoice")

                    # Odoo's batch send renders all invoices in one wkhtmltopdf call; a
                    # wkhtmltopdf without patched Qt (Debian's) refuses that: try it on two.
                    try:
                        with cr.savepoint():
                            env["account.move.send"]._generate_and_send_invoices(
                                moves[:2],
                                sending_methods={"email"},
                                mail_template=template,
                                allow_fallback_pdf=True,
                            )
                        batch_ok = True
                        print("  Odoo's batch render works here (patched Qt)", flush=True)
                    except UserError as exc:
                        batch_ok = False
                        print(f"  Odoo's batch render refused: {exc}", flush=True)
                    env.invalidate_all()
                    moves.invoice_pdf_report_id.unlink()
                    sink.messages.clear()

                    def odoo_send():
                        # Without patched Qt, one call per invoice is the only way Odoo's
                        # send gets through: it then pays one wkhtmltopdf start per invoice.
                        for chunk in [moves] if batch_ok else moves:
                            env["account.move.send"]._generate_and_send_invoices(
                                chunk,
                                sending_methods={"email"},
                                mail_template=template,
                                allow_fallback_pdf=True,
                            )
                        env["mail.mail"].process_email_queue()

                    theirs, theirs_q, _r = timed(
                        cr, f"Odoo account.move.send: {len(moves)} invoices", odoo_send
                    )
                    print(f"  sink received {len(sink.messages)}")
                    print(
                        f"ratio auto-sender / Odoo batch send: {ours / theirs:.2f} (time), "
                        f"{ours_q / max(theirs_q, 1):.2f} (queries)",
                        flush=True,
                    )
                    cr.commit()
                    if args.unbatched and not batch_ok:
                        # Like for like: the auto-sender also rendering one invoice per call.
                        subset = moves[: args.unbatched]
                        subset.action_optima_clear_mail_date()
                        env["ir.config_parameter"].set_param("account.pdf_generation_batch", "1")
                        cr.commit()
                        single, _single_q, _r = timed(
                            cr,
                            f"auto-sender, one PDF per call: {len(subset)} invoices",
                            lambda: Run._run(company, manual=True),
                        )
                        env["ir.config_parameter"].set_param("account.pdf_generation_batch", "80")
                        share = theirs * len(subset) / len(moves)
                        print(
                            f"  per invoice: auto-sender batched {ours / len(moves):.2f} s, "
                            f"one per call {single / len(subset):.2f} s, "
                            f"Odoo {theirs / len(moves):.2f} s; one per call / Odoo "
                            f"{single / share:.2f}",
                            flush=True,
                        )
                        cr.commit()
                # IMAP synchronisation of many messages.
                conn = dovecot.imap("biuro")
                started = time.perf_counter()
                for i in range(args.messages):
                    conn.append(
                        "INBOX",
                        None,
                        None,
                        (
                            f"From: klient{i % 50}@firma.test\r\nTo: bench@ogrodnik.test\r\n"
                            f"Subject: Wiadomosc {i}\r\nMessage-ID: <bench-{i}@firma.test>\r\n\r\n"
                            f"Tresc {i}\r\n"
                        ).encode(),
                    )
                conn.logout()
                print(f"seeded {args.messages} messages in {time.perf_counter() - started:.0f}s")
                _t, sync_q, _r = timed(
                    cr,
                    f"IMAP sync: {args.messages} messages",
                    lambda: env["optima.mail.sync"].synchronise(account),
                )
                print(f"  {sync_q / max(args.messages, 1):.2f} queries per message", flush=True)
                timed(
                    cr,
                    "IMAP sync again (nothing new)",
                    lambda: env["optima.mail.sync"].synchronise(account),
                )
                fetched = env["optima.mail.message"].search_count(
                    [("account_id", "=", account.id), ("folder_type", "=", "inbox")]
                )
                print(f"  inbox holds {fetched} messages")
        finally:
            sink.stop()
            dovecot.stop()
            httpd.httpd.shutdown()
    finally:
        if not args.keep:
            optima_dev.drop_database(dbname)


if __name__ == "__main__":
    main()
