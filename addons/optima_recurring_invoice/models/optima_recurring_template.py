# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from ..tools import cycle

CYCLE_FIELDS = {"cycle_type", "interval", "weekday", "month_day", "start_date"}
WEEKDAYS = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]
DATE_MODES = [
    ("today", "Current"),
    ("fixed", "Specified"),
    ("day", "Set to day"),
    ("prev_month_end", "Last day of the previous month"),
]
CODE_SIZE = 40
NAME_SIZE = 50


class OptimaRecurringTemplate(models.Model):
    _name = "optima.recurring.template"
    _description = "Recurring invoice template (Optima: wzorzec faktury cyklicznej)"
    _inherit = ["mail.thread", "mail.activity.mixin", "analytic.mixin"]
    _order = "code, id"
    _rec_name = "code"
    _check_company_auto = True

    # Identity (RI-02)
    code = fields.Char(required=True, tracking=True, help="Optima: Kod wzorca (max 40).")
    name = fields.Char(required=True, tracking=True, help="Optima: Nazwa wzorca (max 50).")
    note = fields.Text(string="Notes", help="Optima: Uwagi. Never copied to invoices.")
    active = fields.Boolean(default=True, help="Optima: Nieaktywny = archived.")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        help="Opiekun: receives the reminders of this template.",
    )

    # Cycle (RI-03, RI-04, RI-05)
    cycle_type = fields.Selection(
        [("weekly", "Weekly"), ("monthly", "Monthly")],
        string="Period",
        required=True,
        default="monthly",
        help="Optima: Okres (tygodniowy/miesięczny). Quarterly = monthly every 3.",
    )
    interval = fields.Integer(
        string="Every", required=True, default=1, help="Optima: Generuj co N tygodni/miesięcy."
    )
    weekday = fields.Selection(WEEKDAYS, string="Day of week", default="0")
    month_day = fields.Integer(string="Day of month", default=1, help="Optima: Dzień miesiąca.")
    start_date = fields.Date(string="Starting from", help="Optima: począwszy od (only when N > 1).")
    next_date = fields.Date(
        string="Next generation date",
        required=True,
        index=True,
        tracking=True,
        default=fields.Date.context_today,
        help="Optima: Data kolejnego generowania faktur.",
    )
    last_generation_date = fields.Date(
        string="Last generation date",
        copy=False,
        readonly=True,
        help="Optima: Data ostatniej generacji.",
    )
    in_progress_period = fields.Date(copy=False, readonly=True)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", string="Overdue")
    reminder = fields.Boolean(help="Optima: Przypomnienie.")
    reminder_days = fields.Integer(
        string="Days before", default=0, help="Optima: ile dni przed terminem (0-99)."
    )

    # Header (RI-06..RI-08)
    document_kind = fields.Selection(
        [("fs", "FA"), ("fpf", "FPF")],
        string="Type",
        required=True,
        default="fs",
        help="Optima: Typ generowanego dokumentu: FA = Faktura Sprzedaży, FPF = Faktura Pro Forma.",
    )
    journal_id = fields.Many2one(
        "account.journal",
        string="Numbering scheme",
        required=True,
        check_company=True,
        domain="[('type', '=', 'sale'), ('optima_is_proforma', '=', document_kind == 'fpf')]",
        compute="_compute_journal_id",
        store=True,
        readonly=False,
        precompute=True,
        context={"active_test": False},
        help="Optima: Dokument (schemat numeracji).",
    )
    category_mode = fields.Selection(
        [("partner", "Contractor's"), ("fixed", "Fixed")],
        string="Category",
        required=True,
        default="partner",
        help="Optima: Kategoria (kontrahenta/ustalona) = analytic distribution.",
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
        help="Optima: Waluta. The invoice currency always comes from the template.",
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company currency"
    )
    rate_type = fields.Selection(
        [("default", "Default"), ("manual", "Manual")],
        string="Rate type",
        required=True,
        default="default",
        help="Optima: Typ kursu (domyślny = rate table, ręczny = rate on the template).",
    )
    manual_rate = fields.Float(
        digits=(12, 4), string="Rate", help="Manual rate: company currency per 1 unit."
    )
    price_basis = fields.Selection(
        [("net", "Net"), ("gross", "Gross")],
        string="Invoice calculated from",
        required=True,
        default="net",
        help="Optima: Faktura liczona od (netto/brutto).",
    )
    save_mode = fields.Selection(
        [("draft", "Draft"), ("posted", "Posted")],
        string="Save invoices",
        required=True,
        default="draft",
        help="Optima: Zapisuj faktury (do bufora / na stałe).",
    )
    issue_date_mode = fields.Selection(
        DATE_MODES,
        string="Issue date",
        required=True,
        default="today",
        help="Optima: Data wystawienia.",
    )
    issue_date = fields.Date(string="Specified issue date")
    issue_day = fields.Integer(string="Issue day", default=1)
    sale_date_mode = fields.Selection(
        DATE_MODES,
        string="Sale date",
        required=True,
        default="today",
        help="Optima: Data sprzedaży.",
    )
    sale_date = fields.Date(string="Specified sale date")
    sale_day = fields.Integer(string="Sale day", default=1)
    payment_mode = fields.Selection(
        [("partner", "Contractor's"), ("fixed", "Fixed")],
        string="Payment",
        required=True,
        default="partner",
        help="Optima: Formy płatności (kontrahenta/ustalona).",
    )
    payment_method_line_id = fields.Many2one(
        "account.payment.method.line",
        string="Payment method",
        domain="[('payment_type', '=', 'inbound')]",
    )
    payment_term_id = fields.Many2one("account.payment.term", string="Payment term")
    term_is_deferred = fields.Boolean(compute="_compute_term_is_deferred")
    due_on_month_day = fields.Boolean(
        string="Set the due date on a day of the month",
        help="Optima: Ustal termin płatności na D dzień miesiąca.",
    )
    due_month_day = fields.Integer(string="Due day", default=10)
    description = fields.Html(help="Optima: Opis. Copied to the invoice's terms.")

    # Automaton (RI-21, RI-22)
    auto_generate = fields.Boolean(
        string="Generate automatically",
        index=True,
        help="Optima: Generuj faktury automatycznie.",
    )
    auto_enabled = fields.Boolean(related="company_id.optima_ri_auto_enabled")
    send_email = fields.Boolean(
        string="Send e-mail with the invoice print",
        help="Optima: Wyślij e-mail z wydrukiem faktury.",
    )
    report_id = fields.Many2one(
        "ir.actions.report",
        string="Print template",
        default=lambda self: self.env.ref("account.account_invoices", raise_if_not_found=False),
        domain="[('model', '=', 'account.move'), ('report_type', '=', 'qweb-pdf')]",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail template",
        domain="[('model', '=', 'account.move')]",
        default=lambda self: self.env.ref(
            "account.email_template_edi_invoice", raise_if_not_found=False
        ),
    )
    mail_cc = fields.Char(
        related="mail_template_id.email_cc",
        string="Send copies to",
        help="Optima: Wysyłaj kopie wiadomości na adres (the template's Cc).",
    )
    last_auto_date = fields.Date(copy=False, readonly=True)

    # Relations
    party_ids = fields.One2many(
        "optima.recurring.template.party", "template_id", string="Subjects and groups"
    )
    subject_ids = fields.One2many(
        "optima.recurring.template.party",
        "template_id",
        domain=[("kind", "=", "subject")],
        string="Subjects",
    )
    group_ids = fields.One2many(
        "optima.recurring.template.party",
        "template_id",
        domain=[("kind", "=", "group")],
        string="Contractor groups",
    )
    line_ids = fields.One2many(
        "optima.recurring.template.line", "template_id", string="Invoice lines", copy=False
    )
    move_ids = fields.One2many(
        "account.move", "optima_ri_template_id", string="Documents", copy=False
    )
    move_count = fields.Integer(compute="_compute_move_count", string="Documents count")
    search_partner_id = fields.Many2one(
        "res.partner",
        string="Contractor",
        compute="_compute_search_partner_id",
        search="_search_search_partner_id",
        help="Templates where the partner is a subject row or a member of a group row.",
    )

    _code_company_uniq = models.UniqueIndex("(company_id, lower(btrim(code)))")
    _auto_idx = models.Index("(company_id, next_date) WHERE active AND auto_generate")

    # ------------------------------------------------------------------ computes
    @api.depends("next_date")
    @api.depends_context("tz")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for template in self:
            template.is_overdue = bool(template.next_date and template.next_date < today)

    @api.depends("document_kind", "company_id")
    def _compute_journal_id(self):
        for template in self:
            if template.journal_id and template.journal_id.optima_is_proforma == (
                template.document_kind == "fpf"
            ):
                continue
            template.journal_id = self.env["account.journal"].search(
                [
                    ("type", "=", "sale"),
                    ("company_id", "=", template.company_id.id or self.env.company.id),
                    ("optima_is_proforma", "=", template.document_kind == "fpf"),
                ],
                order="sequence, id",
                limit=1,
            )

    @api.depends("payment_term_id")
    def _compute_term_is_deferred(self):
        for template in self:
            template.term_is_deferred = template._term_deferred(template.payment_term_id)

    @api.model
    def _term_deferred(self, term):
        return any(line.nb_days > 0 or line.delay_type != "days_after" for line in term.line_ids)

    def _compute_move_count(self):
        counts = dict(
            self.env["account.move"]._read_group(
                [("optima_ri_template_id", "in", self.ids)], ["optima_ri_template_id"], ["__count"]
            )
        )
        for template in self:
            template.move_count = counts.get(template, 0)

    def _compute_search_partner_id(self):
        self.search_partner_id = False

    def _search_search_partner_id(self, operator, value):
        """RI-01 Kontrahent: two indexed sub-queries (subject rows, group tags)."""
        if operator not in ("in", "any"):
            return NotImplemented
        partners = self.env["res.partner"].with_context(active_test=False)
        if operator == "any":
            partners = partners.search(Domain(value))
        else:
            partners = partners.browse(value)
        party = self.env["optima.recurring.template.party"]
        subject_rows = party._search([("kind", "=", "subject"), ("partner_id", "in", partners.ids)])
        group_rows = party._search(
            [("kind", "=", "group"), ("category_id", "in", partners.category_id.ids)]
        )
        return ["|", ("party_ids", "any", subject_rows), ("party_ids", "any", group_rows)]

    # ------------------------------------------------------------------ checks
    @api.constrains("code", "name")
    def _check_code_name(self):
        for template in self:
            if len(template.code or "") > CODE_SIZE:
                raise ValidationError(
                    self.env._("The template code may have at most 40 characters.")
                )
            if len(template.name or "") > NAME_SIZE:
                raise ValidationError(
                    self.env._("The template name may have at most 50 characters.")
                )
            others = template._code_taken(template.code, template.company_id.id)
            if others:
                template._raise_code_taken(template.code)

    def _code_taken(self, code, company_id):
        """RI-02 [P7]: codes compare trimmed and case-insensitively within a company."""
        self.env.cr.execute(
            "SELECT 1 FROM optima_recurring_template WHERE company_id = %s AND id != ALL(%s)"
            " AND lower(btrim(code)) = %s LIMIT 1",
            (company_id, list(self.ids) or [0], (code or "").strip().lower()),
        )
        return bool(self.env.cr.fetchone())

    def _raise_code_taken(self, code):
        raise ValidationError(
            self.env._(
                "A recurring invoice template with code %(code)s already exists.",
                code=(code or "").strip(),
            )
        )

    @api.constrains(
        "interval", "month_day", "reminder_days", "issue_day", "sale_day", "due_month_day"
    )
    def _check_ranges(self):
        for template in self:
            if not 1 <= template.interval <= 255:
                raise ValidationError(
                    self.env._('The value of "Generate every…" must be between 1 and 255.')
                )
            for day in (
                template.month_day,
                template.issue_day,
                template.sale_day,
                template.due_month_day,
            ):
                if not 1 <= day <= 31:
                    raise ValidationError(
                        self.env._("The day of the month must be between 1 and 31.")
                    )
            if not 0 <= template.reminder_days <= 99:
                raise ValidationError(self.env._("The reminder days must be between 0 and 99."))

    @api.constrains("cycle_type", "interval", "start_date", "month_day", "weekday")
    def _check_start_date(self):
        for template in self:
            if template.interval <= 1:
                continue
            if not template.start_date:
                raise ValidationError(self.env._("The start date is required when N > 1."))
            if not cycle.is_occurrence_start(
                template.cycle_type,
                template.start_date,
                template.month_day,
                int(template.weekday or 0),
            ):
                raise ValidationError(
                    self.env._(
                        "The start date %(date)s does not match the set generation day (%(day)s).",
                        date=template.start_date.strftime("%d.%m.%Y"),
                        day=template._cycle_day_label(),
                    )
                )

    def _cycle_day_label(self):
        if self.cycle_type == "monthly":
            return str(self.month_day)
        return dict(self._fields["weekday"]._description_selection(self.env))[self.weekday or "0"]

    @api.constrains("currency_id", "journal_id")
    def _check_journal_currency(self):
        for template in self:
            journal_currency = template.journal_id.currency_id
            if journal_currency and journal_currency != template.currency_id:
                raise ValidationError(
                    self.env._(
                        "The numbering scheme's currency differs from the template currency."
                    )
                )

    @api.constrains(
        "document_kind",
        "save_mode",
        "payment_mode",
        "payment_method_line_id",
        "payment_term_id",
        "due_on_month_day",
    )
    def _check_cash_posted(self):
        """RI-16 [P9]: FS na stałe cannot be paid in cash due immediately."""
        for template in self:
            if (
                template.document_kind == "fs"
                and template.save_mode == "posted"
                and template.payment_mode == "fixed"
                and template.payment_method_line_id.journal_id.type == "cash"
                and not template.due_on_month_day
                and not self._term_deferred(template.payment_term_id)
            ):
                raise ValidationError(
                    self.env._(
                        "Cash sales invoices due immediately cannot be posted. Change the payment "
                        "method or save the invoices as drafts."
                    )
                )

    # ------------------------------------------------------------------ cycle
    def _first_occurrence(self, on_or_after):
        self.ensure_one()
        return cycle.first_occurrence(
            self.cycle_type,
            self.interval,
            on_or_after,
            self.month_day,
            int(self.weekday or 0),
            self.start_date if self.interval > 1 else None,
        )

    def _next_after(self, period):
        self.ensure_one()
        return cycle.next_occurrence(
            self.cycle_type,
            self.interval,
            period,
            self.month_day,
            int(self.weekday or 0),
            self.start_date if self.interval > 1 else None,
        )

    def _recompute_next_date(self):
        today = fields.Date.context_today(self)
        for template in self:
            template.with_context(optima_ri_keep_next=True).next_date = template._first_occurrence(
                today
            )

    @api.onchange("month_day")
    def _onchange_month_day(self):
        """RI-03: changing D moves A to eff(A's month, D)."""
        if self.start_date and self.cycle_type == "monthly" and 1 <= self.month_day <= 31:
            self.start_date = cycle.eff(self.start_date.year, self.start_date.month, self.month_day)

    @api.onchange("weekday")
    def _onchange_weekday(self):
        """RI-03: changing W moves A to the first W on or after A (or today)."""
        if self.cycle_type == "weekly" and self.interval > 1:
            base = self.start_date or fields.Date.context_today(self)
            self.start_date = base + timedelta(days=(int(self.weekday or 0) - base.weekday()) % 7)

    @api.onchange("interval")
    def _onchange_interval(self):
        if self.interval == 1:
            self.start_date = False

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("interval", 1) == 1:
                vals["start_date"] = False
            self._precheck_code(vals)
        templates = super().create(vals_list)
        for template, vals in zip(templates, vals_list, strict=True):
            if "next_date" not in vals:
                template._recompute_next_date()
        return templates

    def write(self, vals):
        if vals.get("interval") == 1:
            vals = dict(vals, start_date=False)
        if "code" in vals:
            for template in self:
                template._precheck_code(dict(vals, company_id=template.company_id.id))
        if "next_date" in vals and not self.env.context.get("optima_ri_keep_next"):
            self._close_reminders()
        result = super().write(vals)
        if CYCLE_FIELDS & set(vals) and "next_date" not in vals:
            self._recompute_next_date()
            self._close_reminders()
        return result

    def _precheck_code(self, vals):
        """Checked before the insert, so that the user sees P7, not the index error."""
        if vals.get("code") and len(vals["code"]) <= CODE_SIZE:
            company_id = vals.get("company_id") or self.env.company.id
            if self._code_taken(vals["code"], company_id):
                self._raise_code_taken(vals["code"])

    def copy_data(self, default=None):
        default = dict(default or {})
        vals_list = super().copy_data(default)
        for template, vals in zip(self, vals_list, strict=True):
            if "code" not in default:
                vals["code"] = template._free_copy_code()
            vals["next_date"] = template.next_date
        return vals_list

    def copy(self, default=None):
        """RI-24: lines with their individual values, subjects and groups are copied."""
        new_templates = super().copy(default)
        for template, new in zip(self, new_templates, strict=True):
            party_map = {}
            for party in template.party_ids:
                party_map[party] = party.copy({"template_id": new.id})
            for line in template.line_ids:
                line.copy(
                    {
                        "template_id": new.id,
                        "value_ids": [
                            (
                                0,
                                0,
                                {
                                    "party_id": party_map[value.party_id].id,
                                    "quantity": value.quantity,
                                    "price_unit": value.price_unit,
                                },
                            )
                            for value in line.value_ids
                        ],
                    }
                )
        return new_templates

    def _free_copy_code(self):
        """First free '<Kod> (n)', the base shortened so that the total stays <= 40."""
        base = self.code.strip()
        self.env.cr.execute(
            "SELECT lower(btrim(code)) FROM optima_recurring_template WHERE company_id = %s",
            (self.company_id.id,),
        )
        existing = {row[0] for row in self.env.cr.fetchall()}
        number = 2
        while True:
            suffix = f" ({number})"
            candidate = base[: CODE_SIZE - len(suffix)] + suffix
            if candidate.lower() not in existing:
                return candidate
            number += 1

    # ------------------------------------------------------------------ currency
    def _optima_ri_table_rate(self, on_or_before, currency=None):
        """Latest rate row on or before the date, as res.currency._get_rates picks it
        (company rows first); (company currency per 1 unit, row date) or (0, None)."""
        self.ensure_one()
        row = (
            self.env["res.currency.rate"]
            .sudo()
            .search(
                [
                    ("currency_id", "=", (currency or self.currency_id).id),
                    ("name", "<=", on_or_before),
                    ("company_id", "in", (False, self.company_id.root_id.id)),
                ],
                order="company_id.id, name DESC",
                limit=1,
            )
        )
        if not row or not row.rate:
            return 0.0, None
        return 1.0 / row.rate, row.name

    def _optima_ri_today_rate(self):
        """The rate of a price conversion today: the manual rate or today's table rate."""
        self.ensure_one()
        if self.currency_id == self.company_currency_id:
            return 1.0
        if self.rate_type == "manual" and self.manual_rate:
            return self.manual_rate
        return self._optima_ri_table_rate(fields.Date.context_today(self))[0]

    @api.onchange("rate_type", "currency_id")
    def _onchange_rate_type(self):
        """RI-06: switching to ręczny prefills today's table rate."""
        if self.rate_type == "manual" and not self.manual_rate and self.currency_id:
            self.manual_rate = self._optima_ri_table_rate(fields.Date.context_today(self))[0]

    # ------------------------------------------------------------------ reminders
    def _close_reminders(self):
        """RI-05: generation or a new next date closes the open reminder."""
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", self.env.ref("mail.mail_activity_data_todo").id),
                ]
            )
        )
        if activities:
            activities.action_feedback()

    @api.model
    def _cron_reminders(self):
        """RI-05: one To-Do per due template, for its Opiekun, created in batch."""
        today = fields.Date.context_today(self)
        self.flush_model(["next_date", "reminder", "reminder_days", "active"])
        self.env.cr.execute(
            """
            SELECT t.id FROM optima_recurring_template t
             WHERE t.active AND t.reminder AND t.next_date - t.reminder_days <= %s
               AND NOT EXISTS (
                   SELECT 1 FROM mail_activity a
                    WHERE a.res_model = %s AND a.res_id = t.id AND a.active
                      AND a.activity_type_id = %s)
            """,
            (today, self._name, self.env.ref("mail.mail_activity_data_todo").id),
        )
        templates = self.browse([row[0] for row in self.env.cr.fetchall()])
        model_id = self.env["ir.model"]._get_id(self._name)
        todo = self.env.ref("mail.mail_activity_data_todo")
        self.env["mail.activity"].sudo().create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": template.id,
                    "activity_type_id": todo.id,
                    "user_id": (template.user_id or template.create_uid).id,
                    "date_deadline": template.next_date,
                    "summary": template._reminder_summary(),
                }
                for template in templates
            ]
        )
        return templates

    def _reminder_summary(self):
        return self.env._(
            "Generate recurring invoices: %(code)s (%(date)s)",
            code=self.code,
            date=self.next_date.strftime("%d.%m.%Y"),
        )

    # ------------------------------------------------------------------ actions
    @api.model
    def _today_domain(self):
        """RI-25: due today and not generated today yet."""
        today = fields.Date.context_today(self)
        return [("next_date", "=", today), ("last_generation_date", "!=", today)]

    def _current_info_rows(self):
        return [
            {
                "id": template.id,
                "name": f"{template.code} – {template.name}",
                "operator": template.user_id.name or "",
                "date_from": template.next_date.strftime("%d.%m.%Y"),
                "date_to": "",
                "subject": template.currency_id.name,
            }
            for template in self
        ]

    def action_change_currency(self):
        """RI-13: the currency of a template with lines changes through the M3 question."""
        self.ensure_one()
        wizard = self.env["optima.recurring.currency.change.wizard"].create(
            {"template_id": self.id, "currency_id": self.currency_id.id}
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Change currency"),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    @api.model
    def action_open_proposals(self):
        """RI-01 header button "Propozycje faktur cyklicznych"."""
        return self.env["optima.recurring.proposal"].action_open_list()

    def action_add_subjects(self):
        """RI-09 Dodaj: multi-select subjects with one contract period."""
        self.ensure_one()
        return self.env["optima.recurring.party.add.wizard"]._action_open(self, "subject")

    def action_add_groups(self):
        self.ensure_one()
        return self.env["optima.recurring.party.add.wizard"]._action_open(self, "group")

    def action_generate(self):
        """RI-14: open the generation wizard for the selected templates."""
        return self.env["optima.recurring.generate.wizard"]._action_open(self)

    def action_view_documents(self):
        """RI-23: the invoices generated from this template."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account.action_move_out_invoice_type"
        )
        action["domain"] = [("optima_ri_template_id", "=", self.id)]
        action["context"] = {"create": False, "search_default_optima_ri_template_id": self.id}
        return action
