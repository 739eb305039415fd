# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The recurring-invoice generator (RI-15, RI-16, RI-18, RI-19, RI-21).

One savepoint per template: a failing template rolls back its own invoices, keys and
log and is recorded as one error line; the others go on. The exactly-once key is the
partial unique index on account.move (template, period, buyer, recipient), written in
the same transaction as the invoice; the automaton commits per template.
"""

import logging
from datetime import datetime, timedelta

import psycopg2

from odoo import api, fields, models, modules
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_round

from ..tools import cycle, macros

_logger = logging.getLogger(__name__)

ADVISORY_NAMESPACE = 71_150  # pg_advisory lock class of recurring templates
CHUNK = 200


class TemplateError(Exception):
    """A template-level refusal: no invoice, next date unchanged, one error line."""


class OptimaRecurringGenerator(models.AbstractModel):
    _name = "optima.recurring.generator"
    _description = "Recurring invoice generator"

    # ------------------------------------------------------------------ runs
    @api.model
    def _run(self, templates, origin="manual", snapshots=None, rate_overrides=None):
        """Generate each template once for its current period; returns the run log."""
        run = (
            self.env["optima.recurring.run"]
            .sudo()
            .create({"origin": origin, "user_id": self.env.uid, "company_id": self.env.company.id})
        )
        for template in templates:
            self._process_template(template, run, snapshots, rate_overrides)
        run.write({"state": "done", "date_end": fields.Datetime.now()})
        return run

    @api.model
    def _recipient_count(self, templates):
        """Subjects plus group members, counted with two queries (RI-14 threshold)."""
        subjects = self.env["optima.recurring.template.party"].search_count(
            [("template_id", "in", templates.ids), ("kind", "=", "subject")]
        )
        categories = templates.group_ids.category_id
        members = (
            self.env["res.partner"].search_count([("category_id", "in", categories.ids)])
            if categories
            else 0
        )
        return subjects + members

    @api.model
    def _start_background_run(self, templates, snapshots):
        run = (
            self.env["optima.recurring.run"]
            .sudo()
            .create(
                {
                    "origin": "manual",
                    "user_id": self.env.uid,
                    "company_id": self.env.company.id,
                    "pending_template_ids": [(6, 0, templates.ids)],
                    "snapshots": {str(key): str(value) for key, value in snapshots.items()},
                }
            )
        )
        self.env.ref("optima_recurring_invoice.ir_cron_recurring_background").sudo()._trigger()
        return run

    @api.model
    def _continue_run(self, run):
        cron = self.env["ir.cron"]
        snapshots = {
            int(key): fields.Date.to_date(value) for key, value in (run.snapshots or {}).items()
        }
        templates = run.pending_template_ids.sorted(lambda t: (t.code, t.id))
        for index, template in enumerate(templates):
            self._process_template(template, run, snapshots, chunked=True)
            run.sudo().pending_template_ids = [(3, template.id)]
            if self._commit(cron, len(templates) - index - 1) <= 0:
                return
        run.sudo().write({"state": "done", "date_end": fields.Datetime.now()})
        self._commit(cron, None)

    @api.model
    def _process_template(
        self, template, run, snapshots=None, rate_overrides=None, automaton=False, chunked=False
    ):
        """One template; ``chunked`` (crons) commits every CHUNK invoices under a session
        advisory lock, so that a big group never outlives the cron's time budget."""
        if chunked and not self._session_lock(template):
            self._log_error(run, template, self._busy_message(template))
            return False
        handled, all_moves = set(), self.env["account.move"]
        try:
            while True:
                try:
                    with self.env.cr.savepoint():
                        moves, done = self._generate_template(
                            template,
                            run,
                            (snapshots or {}).get(template.id),
                            (rate_overrides or {}).get(template.id),
                            automaton,
                            chunk=CHUNK if chunked else None,
                            handled=handled,
                        )
                except (TemplateError, UserError, ValidationError, psycopg2.Error) as error:
                    self.env.invalidate_all()
                    message = error.args[0] if error.args else str(error)
                    if isinstance(error, psycopg2.Error):
                        _logger.warning("Recurring template %s failed: %s", template.id, error)
                        message = self.env._("Database error: %(error)s", error=str(error).strip())
                    self._log_error(run, template, message)
                    return all_moves or False
                all_moves |= moves
                if done:
                    return all_moves
                self._commit(self.env["ir.cron"], None)
        finally:
            if chunked:
                self.env.cr.execute(
                    "SELECT pg_advisory_unlock(%s, %s)", (ADVISORY_NAMESPACE, template.id)
                )

    @api.model
    def _log_error(self, run, template, message):
        self.env["optima.recurring.run.line"].sudo().create(
            {"run_id": run.id, "template_id": template.id, "level": "error", "message": message}
        )

    @api.model
    def _busy_message(self, template):
        return self.env._(
            "Template %(code)s is being generated by another user or the automaton. "
            "Try again in a moment.",
            code=template.code,
        )

    @api.model
    def _session_lock(self, template):
        """Held across the chunk commits; PostgreSQL frees it if the process dies."""
        self.env.cr.execute(
            "SELECT pg_try_advisory_lock(%s, %s)", (ADVISORY_NAMESPACE, template.id)
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _advisory_lock(self, template):
        self.env.cr.execute(
            "SELECT pg_try_advisory_xact_lock(%s, %s)", (ADVISORY_NAMESPACE, template.id)
        )
        return self.env.cr.fetchone()[0]

    # ------------------------------------------------------------------ template checks
    @api.model
    def _check_template(self, template, snapshot, automaton=False):
        """RI-15 template-level checks in the spec's order; returns the period P."""
        env = self.env
        template = template.with_context(active_test=False)
        if not template.active:
            raise TemplateError(
                env._(
                    "Template %(code)s is inactive – no invoices were generated.",
                    code=template.code,
                )
            )
        if not template.try_lock_for_update() or not self._advisory_lock(template):
            raise TemplateError(self._busy_message(template))
        template.invalidate_recordset(
            ["next_date", "in_progress_period", "active", "last_auto_date"]
        )
        today = fields.Date.context_today(template)
        if template.in_progress_period:
            # A chunked run was interrupted: finish that period first (RI-19 step 1).
            return template.in_progress_period, today
        period = template.next_date
        # Another worker may have generated it after this one read the list (RI-19 step 3).
        stale = (snapshot and snapshot != period) or (
            automaton and not self._automaton_condition(template, today)
        )
        if stale:
            raise TemplateError(
                env._(
                    "Template %(code)s has changed in the meantime (generation date: %(date)s). "
                    "Refresh the list and try again.",
                    code=template.code,
                    date=period.strftime("%d.%m.%Y"),
                )
            )
        if template.company_id.optima_ri_block_other_date and period != today:
            raise TemplateError(
                env._(
                    "Documents will not be generated. The template's generation date %(date)s "
                    "differs from the current date.",
                    date=period.strftime("%d.%m.%Y"),
                )
            )
        if not template.journal_id.active:
            raise TemplateError(
                env._(
                    "Invoices will not be generated. Numbering scheme %(journal)s of template "
                    "%(code)s is inactive.",
                    journal=template.journal_id.name,
                    code=template.code,
                )
            )
        if not template.party_ids or not template.line_ids:
            raise TemplateError(
                env._(
                    "Template %(code)s has no subjects or lines – no invoices were generated.",
                    code=template.code,
                )
            )
        return period, today

    @api.model
    def _rate(self, template, issue, sale, override=None):
        """RI-18: (company currency per 1 unit, rate date); P2 when no row exists."""
        if template.currency_id == template.company_currency_id:
            return 1.0, None
        if override:
            return override
        if template.rate_type == "manual" and template.manual_rate:
            return template.manual_rate, None
        limit = min(issue, sale) - timedelta(days=1)
        rate, rate_date = template._optima_ri_table_rate(limit)
        if not rate:
            raise TemplateError(
                self.env._(
                    "No %(currency)s rate on %(date)s or earlier – invoices of template "
                    "%(code)s were not generated.",
                    currency=template.currency_id.name,
                    date=limit.strftime("%d.%m.%Y"),
                    code=template.code,
                )
            )
        return rate, rate_date

    # ------------------------------------------------------------------ recipients
    @api.model
    def _recipients(self, template):
        """Subject rows in order, then group members (ref, name, id); first one wins."""
        result, seen_pairs, seen_partners = [], set(), set()
        for party in template.subject_ids.sorted(lambda p: (p.sequence, p.id)):
            pair = (party.partner_id.id, party.recipient_id.id)
            if pair in seen_pairs:
                continue
            seen_pairs.add(pair)
            seen_partners.add(party.partner_id.id)
            result.append((party, party.partner_id, party.recipient_id))
        groups = template.group_ids.sorted(lambda p: (p.sequence, p.id))
        if groups:
            members = self.env["res.partner"].search(
                [
                    ("category_id", "in", groups.category_id.ids),
                    ("optima_subject_type", "=", "contractor"),
                ],
                order="ref, name, id",
            )
            by_tag = {}
            for partner in members:
                for tag in partner.category_id:
                    by_tag.setdefault(tag.id, []).append(partner)
            for party in groups:
                for partner in by_tag.get(party.category_id.id, []):
                    if partner.id in seen_partners:
                        continue
                    seen_partners.add(partner.id)
                    result.append((party, partner, self.env["res.partner"]))
        return result

    @api.model
    def _existing_keys(self, template, period):
        moves = (
            self.env["account.move"]
            .sudo()
            .search(
                [
                    ("optima_ri_template_id", "=", template.id),
                    ("optima_ri_period_date", "=", period),
                    ("state", "!=", "cancel"),
                ]
            )
        )
        return {(move.partner_id.id, move.optima_ri_recipient_id.id): move for move in moves}

    # ------------------------------------------------------------------ generation
    @api.model
    def _generate_template(
        self,
        template,
        run,
        snapshot=None,
        override=None,
        automaton=False,
        chunk=None,
        handled=None,
    ):
        """Invoices of one template for its period; returns (moves, period finished).

        With ``chunk`` at most that many invoices are made; the period stays open in
        ``in_progress_period`` until the last chunk. ``handled`` holds the (buyer,
        recipient) keys already dealt with by earlier chunks of this run.
        """
        handled = set() if handled is None else handled
        period, today = self._check_template(template, snapshot, automaton)
        resuming = bool(template.in_progress_period)
        issue = cycle.document_date(
            template.issue_date_mode, today, template.issue_date, template.issue_day
        )
        sale = cycle.document_date(
            template.sale_date_mode, today, template.sale_date, template.sale_day
        )
        rate, rate_date = self._rate(template, issue, sale, override)
        context = _Context(self.env, template, period, issue, sale, rate, rate_date, run)
        existing = self._existing_keys(template, period)
        vals_list, meta, more = [], [], False
        for party, partner, recipient in self._recipients(template):
            key = (partner.id, recipient.id)
            if key in handled:
                continue
            if key in existing:
                handled.add(key)
                self._log_existing(context, partner, existing[key], resuming)
                continue
            if chunk and len(vals_list) >= chunk:
                more = True
                break
            handled.add(key)
            vals = self._invoice_vals(context, party, partner, recipient)
            if vals:
                vals_list.append(vals)
                meta.append(partner)
        moves = self.env["account.move"]
        for start in range(0, len(vals_list), CHUNK):
            moves |= (
                self.env["account.move"]
                .with_context(
                    optima_skip_sale_checks=True,
                    tracking_disable=True,
                    mail_create_nolog=True,
                    mail_notrack=True,
                    check_move_validity=False,
                )
                .create(vals_list[start : start + CHUNK])
            )
        self._save(context, moves)
        for move, partner in zip(moves, meta, strict=True):
            number = move.name if move.name and move.name != "/" else self.env._("draft")
            context.log(
                "info",
                self.env._("Invoice %(number)s created.", number=number),
                partner=partner,
                move=move,
            )
        if more:
            template.sudo().in_progress_period = period
            context.flush_log()
            return moves, False
        template.sudo().write(
            {
                "last_generation_date": today,
                "next_date": template._next_after(period),
                "in_progress_period": False,
            }
        )
        context.flush_log()
        return moves, True

    @api.model
    def _log_existing(self, context, partner, move, resuming):
        """Key 4 hit: P14 for a repeated period; info when resuming an interrupted one."""
        if resuming:
            context.log(
                "info",
                self.env._(
                    "Invoice %(number)s was generated before the interruption.",
                    number=move.name or self.env._("draft"),
                ),
                partner=partner,
            )
            return
        context.log(
            "warning",
            self.env._(
                "Skipped %(subject)s: the invoice for period %(date)s has already been "
                "generated (%(number)s).",
                subject=partner.display_name,
                date=context.period.strftime("%d.%m.%Y"),
                number=move.name,
            ),
            partner=partner,
            skipped=True,
        )

    @api.model
    def _invoice_vals(self, context, party, partner, recipient):
        template = context.template
        env = self.env
        if not partner.active:
            context.log(
                "warning",
                env._(
                    "Skipped %(subject)s: the subject is inactive.", subject=partner.display_name
                ),
                partner=partner,
                skipped=True,
            )
            return None
        sale = context.sale
        if (party.date_from and sale < party.date_from) or (party.date_to and sale > party.date_to):
            context.log(
                "warning",
                env._(
                    "Skipped %(subject)s: sale date %(date)s is outside the contract period.",
                    subject=partner.display_name,
                    date=sale.strftime("%d.%m.%Y"),
                ),
                partner=partner,
                skipped=True,
            )
            return None
        line_vals = []
        for line in context.lines:
            vals = context.line_vals(line, party, partner)
            if vals:
                line_vals.append((0, 0, vals))
        if not line_vals:
            context.log(
                "warning",
                env._(
                    "Skipped %(subject)s: no lines to invoice (zero-price lines skipped).",
                    subject=partner.display_name,
                ),
                partner=partner,
                skipped=True,
            )
            return None
        vals = {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "partner_shipping_id": (recipient or partner).id,
            "journal_id": template.journal_id.id,
            "company_id": template.company_id.id,
            "currency_id": template.currency_id.id,
            "invoice_date": context.issue,
            "taxable_supply_date": sale,
            "invoice_origin": template.code,
            "narration": template.description or False,
            "invoice_user_id": env.uid,
            "auto_post": "no",
            "optima_ri_template_id": template.id,
            "optima_ri_period_date": context.period,
            "optima_ri_recipient_id": recipient.id,
            "optima_ri_run_id": context.run.id,
            "optima_ri_rate_date": context.rate_date,
            "invoice_line_ids": line_vals,
        }
        if template.currency_id != template.company_currency_id:
            vals["invoice_currency_rate"] = 1.0 / context.rate
        vals.update(context.payment_vals(partner))
        return vals

    # ------------------------------------------------------------------ save mode
    @api.model
    def _save(self, context, moves):
        """RI-16: post FS (cash due immediately stays draft), confirm FPF."""
        template = context.template
        if template.save_mode != "posted" or not moves:
            return
        if template.document_kind == "fpf":
            moves.write({"optima_proforma_confirmed": True})
            return
        to_post = self.env["account.move"]
        for move in moves:
            if (
                move.preferred_payment_method_line_id.journal_id.type == "cash"
                and move.invoice_date_due == move.invoice_date
            ):
                context.log(
                    "warning",
                    self.env._(
                        "Invoice for %(subject)s saved as draft: cash payment due immediately "
                        "cannot be posted.",
                        subject=move.partner_id.display_name,
                    ),
                    partner=move.partner_id,
                    move=move,
                )
            else:
                to_post |= move
        try:
            with self.env.cr.savepoint():
                to_post.with_context(optima_skip_sale_checks=True)._post(soft=False)
            return
        except (UserError, ValidationError, psycopg2.Error):
            self.env.invalidate_all()
        for move in to_post:
            try:
                with self.env.cr.savepoint():
                    move.with_context(optima_skip_sale_checks=True)._post(soft=False)
            except (UserError, ValidationError, psycopg2.Error) as error:
                self.env.invalidate_all()
                context.log(
                    "warning",
                    self.env._(
                        "Invoice for %(subject)s left in draft: %(error)s",
                        subject=move.partner_id.display_name,
                        error=error.args[0] if error.args else str(error),
                    ),
                    partner=move.partner_id,
                    move=move,
                )

    # ------------------------------------------------------------------ automaton
    @api.model
    def _cron_automaton(self):
        """RI-21: each company's automaton after its hour, one period per template a day."""
        cron = self.env["ir.cron"]
        companies = self.env["res.company"].sudo().search([("optima_ri_auto_enabled", "=", True)])
        for company in companies:
            operator = company.optima_ri_auto_user_id
            if not operator:
                continue
            generator = (
                self.with_user(operator)
                .with_company(company)
                .with_context(tz=operator.tz or "Europe/Warsaw", allowed_company_ids=[company.id])
            )
            if not generator._automaton_due(company):
                continue
            templates = generator._automaton_templates(company)
            if not templates:
                continue
            run = (
                generator.env["optima.recurring.run"]
                .sudo()
                .create({"origin": "auto", "user_id": operator.id, "company_id": company.id})
            )
            today = fields.Date.context_today(generator)
            for index, template in enumerate(templates):
                moves = generator._process_template(template, run, automaton=True, chunked=True)
                template.sudo().last_auto_date = today
                remaining = len(templates) - index - 1
                budget = self._commit(cron, remaining)
                if moves and template.send_email:
                    # After the invoices are committed: a failure never rolls them back.
                    generator._send_invoices(template, run, moves, company, operator)
                    self._commit(cron, None)
                if budget <= 0 and remaining:
                    break
            run.write({"state": "done", "date_end": fields.Datetime.now()})
            self._commit(cron, None)

    @api.model
    def _send_invoices(self, template, run, moves, company, operator):
        """RI-22: e-mail each invoice through optima_mail_ext from the automaton account."""
        env = self.env
        log = []
        for move in moves:
            if not move.partner_id.email:
                log.append(
                    (
                        move,
                        "warning",
                        env._(
                            "Invoice %(number)s: the contractor has no e-mail address – the "
                            "message was not sent.",
                            number=move.name,
                        ),
                    )
                )
                continue
            if company.optima_ri_auto_send_mode == "drafts":
                move.sudo().activity_schedule(
                    act_type_xmlid="mail.mail_activity_data_todo",
                    user_id=operator.id,
                    summary=env._(
                        "Send invoice %(number)s to the contractor by e-mail.", number=move.name
                    ),
                )
                continue
            try:
                service = env["optima.mail.service"]
                if move.state != "posted" or move.optima_is_proforma:
                    # Drafts and pro formas go out as Odoo's proforma print (RI-22).
                    service = service.with_context(proforma_invoice=True)
                with env.cr.savepoint():
                    service.send_email(
                        record=move,
                        template=template.mail_template_id or None,
                        account=company.optima_ri_auto_account_id or None,
                        operator=operator,
                        report=template.report_id or None,
                        mode="send",
                        automat=True,
                    )
                    move.sudo().is_move_sent = True
            except (UserError, ValidationError, AccessError, psycopg2.Error) as error:
                log.append((move, "error", error.args[0] if error.args else str(error)))
        env["optima.recurring.run.line"].sudo().create(
            [
                {
                    "run_id": run.id,
                    "template_id": template.id,
                    "partner_id": move.partner_id.id,
                    "move_id": move.id,
                    "level": level,
                    "message": message,
                }
                for move, level, message in log
            ]
        )

    @api.model
    def _commit(self, cron, remaining):
        """_commit_progress per template; tests run in one transaction and cannot commit."""
        if modules.module.current_test:
            return float("inf")
        if remaining is None:
            return cron._commit_progress(0)
        return cron._commit_progress(1, remaining=remaining)

    @api.model
    def _automaton_condition(self, template, today):
        """The automaton's selection condition, re-checked under the lock."""
        if template.last_auto_date == today:
            return False
        if template.company_id.optima_ri_block_other_date:
            return template.next_date == today
        return template.next_date <= today

    @api.model
    def _automaton_due(self, company):
        now = fields.Datetime.context_timestamp(self, datetime.now())
        return now.hour + now.minute / 60.0 >= company.optima_ri_auto_hour

    @api.model
    def _automaton_templates(self, company):
        today = fields.Date.context_today(self)
        operator = "=" if company.optima_ri_block_other_date else "<="
        return self.env["optima.recurring.template"].search(
            [
                ("company_id", "=", company.id),
                ("auto_generate", "=", True),
                ("next_date", operator, today),
                "|",
                ("last_auto_date", "=", False),
                ("last_auto_date", "!=", today),
            ],
            order="next_date, code, id",
        )


class _Context:
    """Per-template generation state: dates, rate, caches and the pending log."""

    def __init__(self, env, template, period, issue, sale, rate, rate_date, run):
        self.env = env
        self.template = template
        self.company = template.company_id
        self.period = period
        self.issue = issue
        self.sale = sale
        self.rate = rate
        self.rate_date = rate_date
        self.run = run
        self.lines = template.line_ids.sorted(lambda line: (line.sequence, line.id))
        self.products = self.lines.product_id
        self.price_digits = max(2, env["decimal.precision"].precision_get("Product Price"))
        self.values = {
            (value.line_id.id, value.party_id.id): value for value in self.lines.value_ids
        }
        self.price_cache = {}
        self.fpos_cache = {}
        self.net_cache = {}
        self.cash_line = self.company._optima_ri_cash_method_line()
        self.log_vals = []

    # -- log
    def log(self, level, message, partner=None, move=None, skipped=False):
        self.log_vals.append(
            {
                "run_id": self.run.id,
                "template_id": self.template.id,
                "partner_id": partner.id if partner else False,
                "move_id": move.id if move else False,
                "level": level,
                "message": message,
                "skipped": skipped,
            }
        )

    def flush_log(self):
        self.env["optima.recurring.run.line"].sudo().create(self.log_vals)
        self.log_vals = []

    # -- prices
    def _pricelist_prices(self, pricelist, quantity):
        key = (pricelist.id, quantity)
        if key not in self.price_cache:
            self.price_cache[key] = pricelist._get_products_price(
                self.products, quantity, currency=pricelist.currency_id, date=self.sale
            )
        return self.price_cache[key], pricelist.currency_id

    def _to_template_currency(self, amount, currency):
        template = self.template
        company_currency = template.company_currency_id
        if currency == template.currency_id:
            return amount
        if currency != company_currency:
            amount = currency._convert(amount, company_currency, self.company, self.sale)
        if template.currency_id != company_currency:
            amount = amount / self.rate
        return float_round(amount, precision_digits=self.price_digits)

    def _price(self, line, party, partner, quantity):
        mode = line.price_mode
        if mode == "fixed":
            return line.price_unit
        if mode == "individual":
            value = self.values.get((line.id, party.id))
            return value.price_unit if value else 0.0
        if mode == "pricelist":
            prices, currency = self._pricelist_prices(line.pricelist_id, quantity)
            return self._to_template_currency(prices[line.product_id.id], currency)
        pricelist = partner.property_product_pricelist
        if partner.optima_subject_type == "contractor" and pricelist:
            prices, currency = self._pricelist_prices(pricelist, quantity)
            return self._to_template_currency(prices[line.product_id.id], currency)
        return self._to_template_currency(
            line.product_id.lst_price, line.product_id.currency_id or self.company.currency_id
        )

    def _quantity(self, line, party):
        if line.qty_mode == "fixed":
            return line.quantity
        value = self.values.get((line.id, party.id))
        return value.quantity if value else 0.0

    def _taxes(self, line, partner):
        key = partner.id
        if key not in self.fpos_cache:
            self.fpos_cache[key] = (
                self.env["account.fiscal.position"]
                .with_company(self.company)
                ._get_fiscal_position(partner)
            )
        taxes = line.product_id.taxes_id._filter_taxes_by_company(self.company)
        return self.fpos_cache[key].map_tax(taxes)

    def _basis_price(self, price, taxes):
        """RI-15 net/gross: convert a template price to the taxes' own convention."""
        gross = self.template.price_basis == "gross"
        to_convert = taxes.filtered(lambda tax: tax.price_include != gross)
        if not to_convert or not price:
            return price
        key = (tuple(taxes.ids), price, gross)
        if key not in self.net_cache:
            result = taxes.with_context(force_price_include=gross).compute_all(
                price, currency=self.template.currency_id, rounding_method="round_globally"
            )
            self.net_cache[key] = result["total_excluded" if gross else "total_included"]
        return self.net_cache[key]

    def _amount_hint(self, price, quantity, taxes):
        """The line's accounting amounts as account's tax sync will compute them.

        The sync recomputes every base line after create and writes it only when its
        result differs from the stored values; a line created with balance 0 gets one
        write per line (a quarter of the generation time). So the plain case (price
        excluding taxes, company currency) is given up front, with the base tax tags;
        any other case, or a hint that is off, is still corrected by the sync itself.
        """
        template = self.template
        if template.currency_id != template.company_currency_id or any(
            tax.price_include for tax in taxes
        ):
            return {}
        key = ("tags", tuple(taxes.ids))
        if key not in self.net_cache:
            self.net_cache[key] = taxes.invoice_repartition_line_ids.filtered(
                lambda rep: rep.repartition_type == "base"
            ).tag_ids.ids
        amount = -template.currency_id.round(price * quantity)
        return {
            "amount_currency": amount,
            "balance": amount,
            "tax_tag_ids": [(6, 0, self.net_cache[key])],
        }

    def line_vals(self, line, party, partner):
        env = self.env
        quantity = self._quantity(line, party)
        if quantity <= 0:
            self.log(
                "warning",
                env._(
                    "Skipped line %(product)s for %(subject)s: no individual quantity.",
                    product=line.product_id.display_name,
                    subject=partner.display_name,
                ),
                partner=partner,
            )
            return None
        price = float_round(
            self._price(line, party, partner, quantity), precision_digits=self.price_digits
        )
        if not price and not self.company.optima_ri_keep_zero_price_lines:
            return None
        taxes = self._taxes(line, partner)
        if line.price_mode in ("fixed", "individual"):
            price = self._basis_price(price, taxes)
        if self.company.optima_ri_name_from_product:
            name = line.product_id.name
        elif line.product_id.type == "service":
            name = macros.expand(line.name, self.sale)
        else:
            name = line.name
        vals = {
            "product_id": line.product_id.id,
            "name": name,
            "quantity": quantity,
            "product_uom_id": line.product_id.uom_id.id,
            "price_unit": price,
            "tax_ids": [(6, 0, taxes.ids)],
        }
        vals.update(self._amount_hint(price, quantity, taxes))
        template = self.template
        if template.category_mode == "fixed":
            vals["analytic_distribution"] = template.analytic_distribution or False
        elif partner.optima_subject_type != "contractor":
            vals["analytic_distribution"] = False
        return vals

    def payment_vals(self, partner):
        """RI-08: payment method, term and due date of one invoice."""
        template = self.template
        if template.payment_mode == "fixed":
            vals = {
                "preferred_payment_method_line_id": template.payment_method_line_id.id,
                "invoice_payment_term_id": template.payment_term_id.id,
            }
            if template.due_on_month_day and template.term_is_deferred:
                vals["invoice_payment_term_id"] = False
                vals["invoice_date_due"] = cycle.day_after(self.issue, template.due_month_day)
            elif not template.payment_term_id:
                vals["invoice_date_due"] = self.issue
            return vals
        if partner.optima_subject_type == "contractor":
            vals = {
                "preferred_payment_method_line_id": (
                    partner.property_inbound_payment_method_line_id.id
                ),
                "invoice_payment_term_id": partner.property_payment_term_id.id,
            }
            if not partner.property_payment_term_id:
                vals["invoice_date_due"] = self.issue
            return vals
        return {
            "preferred_payment_method_line_id": self.cash_line.id,
            "invoice_payment_term_id": False,
            "invoice_date_due": self.issue,
        }
