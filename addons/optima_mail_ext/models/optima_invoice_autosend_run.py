# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import split_every

from ..tools.schedule import due_slots

_logger = logging.getLogger(__name__)


class OptimaInvoiceAutosendRun(models.Model):
    """A run of the invoice auto-sender with its counts and lines (AUTO-12)."""

    _name = "optima.invoice.autosend.run"
    _description = "Invoice auto-sender run (Optima: Automatyczna wysyłka faktur – log)"
    _order = "id desc"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, index=True)
    slot_keys = fields.Char(string="Slots", help="Local slot times consumed by this run.")
    manual = fields.Boolean(string="Run now", help="Started with “Run now”; consumes no slot.")
    date_start = fields.Datetime(string="Start", default=fields.Datetime.now)
    date_end = fields.Datetime(string="End")
    created_count = fields.Integer(string="Created")
    outbox_count = fields.Integer(string="Sent to Outbox")
    draft_count = fields.Integer(string="Left in Drafts")
    no_address_count = fields.Integer(string="Skipped without address")
    error_count = fields.Integer(string="Errors")
    line_ids = fields.One2many("optima.invoice.autosend.line", "run_id", string="Invoices")
    note = fields.Text()

    @api.depends("date_start", "slot_keys")
    def _compute_display_name(self):
        for run in self:
            run.display_name = run.slot_keys or fields.Datetime.to_string(run.date_start)

    # ================================================================== scheduling
    @api.model
    def _cron_autosend(self):
        """Every 5 minutes: run each company whose slot is due, once per slot."""
        companies = self.env["res.company"].sudo().search([("optima_autosend_enabled", "=", True)])
        for company in companies:
            keys = self._claim_due_slots(company)
            if keys:
                self._run(company, slot_keys=keys)
        return True

    @api.model
    def _claim_due_slots(self, company):
        """Insert the due slots' keys; a second worker's insert conflicts and finds none."""
        tz = company.optima_autosend_user_id.tz or "Europe/Warsaw"
        consumed = set(
            self.env["optima.invoice.autosend.slot"]
            .sudo()
            .search([("company_id", "=", company.id)], order="id desc", limit=50)
            .mapped("slot_key")
        )
        keys = due_slots(
            tz,
            company.optima_autosend_start,
            int(company.optima_autosend_repeat or 0),
            company.optima_autosend_end,
            fields.Datetime.now(),
            consumed,
        )
        claimed = []
        for key in keys:
            self.env.cr.execute(
                """INSERT INTO optima_invoice_autosend_slot
                       (company_id, slot_key, create_uid, write_uid, create_date, write_date)
                   VALUES (%s, %s, %s, %s, now() at time zone 'UTC', now() at time zone 'UTC')
                   ON CONFLICT (company_id, slot_key) DO NOTHING RETURNING id""",
                (company.id, key, self.env.uid, self.env.uid),
            )
            if self.env.cr.fetchone():
                claimed.append(key)
        return claimed

    # ================================================================== run
    @api.model
    def _run(self, company, slot_keys=None, manual=False):
        run = self.sudo().create(
            {"company_id": company.id, "slot_keys": ", ".join(slot_keys or []), "manual": manual}
        )
        if slot_keys:
            self.env["optima.invoice.autosend.slot"].sudo().search(
                [("company_id", "=", company.id), ("slot_key", "in", slot_keys)]
            ).write({"run_id": run.id})
        error = run._configuration_error()
        if error:
            run._log(self.env["account.move"], "error", error)
            run._notify_operator(error)
        else:
            run._process_invoices()
        run.date_end = fields.Datetime.now()
        self.env["optima.mail.service"]._commit_point()
        return run

    def _configuration_error(self):
        """AUTO-13: nothing is created when the configuration cannot work."""
        company = self.company_id
        operator = company.optima_autosend_user_id
        account = company.optima_autosend_account_id.sudo()
        if not operator or not company.optima_autosend_template_id:
            return _("Fill in: Operator, E-mail account, E-mail template.")
        if not account or not account.active:
            return _("The auto-sender e-mail account is missing or inactive.")
        if not account._is_operator(operator):
            return _(
                "The operator %s has no access to the auto-sender e-mail account.", operator.name
            )
        if account.sign_outgoing and not account._signing_certificate():
            return _("No signing certificate on account %s.", account.symbol)
        if not account.mail_server_id:
            return _("The e-mail account %s has no outgoing server.", account.symbol)
        return False

    def _notify_operator(self, text):
        operator = self.company_id.optima_autosend_user_id or self.env.ref("base.user_admin")
        operator.partner_id.sudo().activity_schedule(
            "mail.mail_activity_data_todo",
            summary=_("Invoice auto-sender: configuration error"),
            note=text,
            user_id=operator.id,
        )

    def _qualifying_domain(self):
        company = self.company_id
        states = ["posted"] if company.optima_autosend_scope == "posted" else ["posted", "draft"]
        date_from = company.optima_autosend_date_from or fields.Date.context_today(self)
        domain = [
            ("company_id", "=", company.id),
            ("move_type", "=", "out_invoice"),
            ("state", "in", states),
            ("optima_mail_created_at", "=", False),
            ("commercial_partner_id.optima_invoice_mail_consent", "=", True),
        ]
        if company.optima_autosend_date_basis == "sale":
            domain += [
                "|",
                ("taxable_supply_date", ">=", date_from),
                "&",
                ("taxable_supply_date", "=", False),
                ("invoice_date", ">=", date_from),
            ]
        else:
            domain.append(("invoice_date", ">=", date_from))
        return domain

    def _process_invoices(self):
        company = self.company_id
        Move = self.env["account.move"].sudo().with_company(company)
        moves = Move.search(self._qualifying_domain(), order="invoice_date, name, id")
        moves = moves.filtered(lambda m: not m._optima_autosend_excluded())
        ready = Move
        for move in moves:
            waiting = move._optima_autosend_wait_reason()
            if waiting:
                self._log(move, "waiting", waiting)
            else:
                ready |= move
        # Printouts are rendered per batch, as Odoo's own batch send does (same parameter).
        batch_size = int(
            self.env["ir.config_parameter"].sudo().get_param("account.pdf_generation_batch", "80")
        )
        for batch in split_every(max(batch_size, 1), ready.ids, Move.browse):
            # Another worker may have mailed some meanwhile: do not render those.
            batch = batch.filtered_domain([("optima_mail_created_at", "=", False)])
            printouts = self._render_printouts(batch)
            for move in batch:
                self._process_one(move, printouts.get(move.id))
                self.env["optima.mail.service"]._commit_point(1)

    def _invoice_report(self, move):
        company = self.company_id
        if move.currency_id != company.currency_id:
            return company.optima_autosend_report_foreign_id
        return company.optima_autosend_report_id

    def _render_printouts(self, moves):
        """``{move id: PDF bytes}`` for ``moves``, a few wkhtmltopdf calls per report.

        A batch that fails to render is left out: each of its invoices is then rendered
        alone in its own transaction, so one faulty invoice is logged and the others go on.
        """
        printouts = {}
        Report = self.env["ir.actions.report"].sudo().with_company(self.company_id)
        for report, group in moves.grouped(self._invoice_report).items():
            if not report or len(group) < 2:
                continue
            try:
                with self.env.cr.savepoint():
                    printouts.update(Report._optima_render_pdf_batch(report.report_name, group.ids))
            except Exception:
                _logger.exception("Auto-sender: batch printout failed, rendering one by one")
        return printouts

    def _claim(self, move, retry=True):
        """Lock ``move`` if no worker has mailed or locked it; whether it was locked.

        Odoo's transactions are REPEATABLE READ: an invoice stamped by another worker
        after this transaction began cannot be locked here ("could not serialize"). It
        is looked at again once, in a fresh transaction, which sees that stamp.
        """
        cr = self.env.cr
        try:
            with cr.savepoint():
                cr.execute(
                    "SELECT id FROM account_move WHERE id = %s AND optima_mail_created_at IS NULL "
                    "FOR UPDATE SKIP LOCKED",
                    (move.id,),
                )
                return bool(cr.fetchone())
        except psycopg2.errors.SerializationFailure:
            if not retry:
                _logger.info(
                    "Auto-sender: invoice %s changed meanwhile, left to the next run", move.id
                )
                return False
            self.env["optima.mail.service"]._commit_point()
            return self._claim(move, retry=False)

    def _process_one(self, move, printout=None):
        """One invoice in its own transaction: lock, re-check the stamp, create, stamp, log."""
        cr = self.env.cr
        if not self._claim(move):
            return
        try:
            with cr.savepoint():
                move.invalidate_recordset(["optima_mail_created_at"])
                service = self.env["optima.mail.service"]
                if not service._document_addresses(move):
                    self._log(
                        move,
                        "no_address",
                        _("Invoice %s: no buyer e-mail address.", move.name or move.id),
                    )
                    return
                message = self._create_message(move, printout)
                move.optima_mail_created_at = fields.Datetime.now()
                self._log(move, "created", message.name, message=message)
        except Exception as exc:
            _logger.exception("Auto-sender failed on invoice %s", move.id)
            self._log(move, "error", str(exc)[:250])

    def _create_message(self, move, printout=None):
        company = self.company_id
        operator = company.optima_autosend_user_id
        report = self._invoice_report(move)
        mode = company.optima_autosend_mode
        message = (
            self.env["optima.mail.service"]
            .with_user(operator)
            .with_company(company)
            .send_email(
                record=move,
                template=company.optima_autosend_template_id,
                account=company.optima_autosend_account_id,
                operator=operator,
                report=report or None,
                report_content=printout if report else None,
                mode=mode,
                automat=True,
                origin=_("Invoice auto-sender"),
            )
        )
        return message.sudo()

    def _log(self, move, result, text, message=None):
        self.env["optima.invoice.autosend.line"].sudo().create(
            {
                "run_id": self.id,
                "move_id": move.id if move else False,
                "result": result,
                "text": text,
                "message_id": message.id if message else False,
            }
        )
        counter = {
            "created": "created_count",
            "no_address": "no_address_count",
            "error": "error_count",
        }.get(result)
        if counter:
            self[counter] += 1
        if result == "created":
            key = "outbox_count" if message.state == "outbox" else "draft_count"
            self[key] += 1

    # ================================================================== actions
    @api.model
    def action_run_now(self, company=None):
        """ "Uruchom teraz" (administrators): one run without consuming a slot."""
        if not self.env.user.has_group("optima_crm_tasks.group_optima_crm_manager"):
            raise UserError(_("Only CRM administrators may run the auto-sender now."))
        company = company or self.env.company
        run = self._run(company.sudo(), manual=True)
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": run.id,
            "view_mode": "form",
        }
