# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Demo history: thirteen months of sales invoices for the demo contractors.

Generated in Python rather than XML because the dates must follow the install
date; loaded only with demo data (see demo/account_move_demo.xml).
"""

import logging
import random
from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.fields import Command

_logger = logging.getLogger(__name__)

DEMO_ORIGIN = "Optima demo history"

# (partner xmlid, day of month, month step, [(product xmlid, quantity)])
RECURRING_PATTERNS = [
    (
        "partner_mazur_it",
        5,
        1,
        [
            ("product_it_service_subscription", 1),
            ("product_hosting", 1),
            ("product_cloud_backup", 2),
        ],
    ),
    ("partner_kancelaria_nowak", 10, 1, [("product_bookkeeping", 1), ("product_ohs_service", 1)]),
    ("partner_hotel_wawel", 28, 1, [("product_office_rent", 1)]),
    ("partner_transbet", 15, 3, [("product_software_license", 4)]),
]
OCCASIONAL_PARTNERS = [
    "partner_bud_hurt",
    "partner_agro_pol",
    "partner_drukarnia_lux",
    "partner_apteka_zdrowie",
    "partner_eko_serwis",
]
OCCASIONAL_PRODUCTS = [
    "product_paper_a4",
    "product_toner",
    "product_office_chair",
    "product_consulting_hour",
    "product_training",
    "product_software_license",
]
DEMO_PRODUCTS = sorted(
    {product for _p, _d, _s, lines in RECURRING_PATTERNS for product, _q in lines}
    | set(OCCASIONAL_PRODUCTS)
    | {"product_bookkeeping", "product_ohs_service"}
)
DEMO_OPERATORS = ["user_jan_nowak", "user_ewa_kowalska", "user_krzysztof_krajewski"]
# (subject, kind, day offset from today, planned hours, state)
DEMO_TASKS = [
    ("Telefon w sprawie oferty", "contact", -20, 0, "done"),
    ("Wizyta u klienta – prezentacja", "task", -12, 2, "done"),
    ("Przygotowanie oferty serwisowej", "task", -6, 4, "in_progress"),
    ("Reklamacja dostawy tonera", "task", -4, 1, "in_progress"),
    ("Rozmowa o przedłużeniu umowy", "contact", -3, 0, "in_progress"),
    ("Wdrożenie modułu CRM", "task", -2, 6, "in_progress"),
    ("Szkolenie pracowników klienta", "task", -1, 3, "in_progress"),
    ("Spotkanie podsumowujące kwartał", "task", 0, 1, "in_progress"),
    ("Telefon – potwierdzenie zamówienia", "contact", 0, 0, "in_progress"),
    ("Przegląd kopii zapasowych", "task", 0, 2, "in_progress"),
    ("Wysyłka umowy do podpisu", "task", 0, 1, "in_progress"),
    ("Konsultacja księgowa", "task", 1, 2, "in_progress"),
    ("Prezentacja nowej wersji", "task", 1, 1, "in_progress"),
    ("Odbiór dokumentów", "contact", 1, 0, "in_progress"),
    ("Audyt stanowisk pracy", "task", 2, 4, "in_progress"),
    ("Negocjacje cenowe", "task", 3, 2, "in_progress"),
    ("Przegląd BHP", "task", 4, 3, "in_progress"),
    ("Telefon w sprawie płatności", "contact", -8, 0, "done"),
    ("Windykacja – rozmowa z dłużnikiem", "task", -9, 1, "in_progress"),
    ("Aktualizacja licencji", "task", 5, 1, "in_progress"),
    ("Wizyta serwisowa", "task", 6, 3, "in_progress"),
    ("Mail z ofertą promocyjną", "contact", -5, 0, "in_progress"),
    ("Kontrola sprzętu w hotelu", "task", 7, 2, "in_progress"),
    ("Spotkanie z zarządem", "task", 8, 2, "in_progress"),
    ("Zamówienie papieru", "contact", -15, 0, "done"),
    ("Instalacja drukarki", "task", -10, 2, "done"),
    ("Analiza potrzeb klienta", "task", 10, 3, "in_progress"),
    ("Rozmowa o referencjach", "contact", -1, 0, "in_progress"),
    ("Przygotowanie raportu miesięcznego", "task", 0, 5, "in_progress"),
    ("Umówienie wizyty", "contact", 2, 0, "in_progress"),
    ("Migracja danych z Optimy", "task", -3, 8, "in_progress"),
    ("Weryfikacja danych kontrahenta", "task", 1, 1, "in_progress"),
]
DEMO_CLOSED_SUBJECTS = [subject for subject, _k, _d, _h, state in DEMO_TASKS if state == "done"]
# Contractors that stopped paying: their recent invoices stay open and overdue.
DEBTORS = {"partner_bud_hurt", "partner_drukarnia_lux"}


class OptimaCrmDemo(models.AbstractModel):
    """Demo-only loaders, called from demo/*.xml; production code never uses them."""

    _name = "optima.crm.demo"
    _description = "Optima CRM demo data loader"

    @api.model
    def _setup_company(self, company_ids):
        """Load a chart of accounts on the demo company and make it the users' current one."""
        chart = self.env["account.chart.template"]
        templates = chart._get_chart_template_mapping()
        template = "pl" if templates.get("pl", {}).get("installed") else "generic_coa"
        users = self.env.ref("base.user_admin")
        users |= self.env.ref("base.user_demo", raise_if_not_found=False) or users.browse()
        for company in self.env["res.company"].browse(company_ids):
            if not company.chart_template:
                chart.try_loading(template, company, install_demo=False)
            users.write({"company_ids": [Command.link(company.id)], "company_id": company.id})

    @api.model
    def _load_invoice_history(self, company_ids):
        for company in self.env["res.company"].browse(company_ids):
            self._create_invoices(company)

    def _create_invoices(self, company):
        moves = self.env["account.move"].with_company(company)
        if moves.search_count(
            [("invoice_origin", "=", DEMO_ORIGIN), ("company_id", "=", company.id)], limit=1
        ):
            return
        journal = self.env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        )
        if not journal:
            _logger.warning("No sales journal in %s: demo invoice history skipped", company.name)
            return
        self._set_product_taxes(company)
        moves = moves.create(self._invoice_vals(journal))
        moves.action_post()
        self._register_payments(company, moves)
        _logger.info("Created %d demo invoices for %s", len(moves), company.name)

    def _set_product_taxes(self, company):
        """Demo products were created before this company existed: give them its VAT."""
        tax = company.account_sale_tax_id
        if not tax:
            return
        products = self.env["product.product"].browse(
            self.env.ref(f"optima_crm_tasks.{xmlid}").id for xmlid in DEMO_PRODUCTS
        )
        products.product_tmpl_id.write({"taxes_id": [Command.link(tax.id)]})

    def _invoice_vals(self, journal):
        rng = random.Random(2025)
        today = fields.Date.context_today(self)
        first_month = today.replace(day=1) - relativedelta(months=12)
        term = self.env.ref("account.account_payment_term_15days", raise_if_not_found=False)
        ref = self.env.ref

        def invoice(partner_xmlid, day, lines, month_start):
            last_day = (month_start + relativedelta(months=1, days=-1)).day
            date = month_start.replace(day=min(max(day + rng.randint(-2, 2), 1), last_day))
            if date > today:
                return None
            return {
                "move_type": "out_invoice",
                "journal_id": journal.id,
                "partner_id": ref(f"optima_crm_tasks.{partner_xmlid}").id,
                "invoice_date": date,
                "invoice_payment_term_id": term.id if term else False,
                "invoice_origin": DEMO_ORIGIN,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": ref(f"optima_crm_tasks.{product}").id, "quantity": qty}
                    )
                    for product, qty in lines
                ],
            }

        vals_list = []
        for month in range(13):
            month_start = first_month + relativedelta(months=month)
            for partner, day, step, lines in RECURRING_PATTERNS:
                if month % step == 0:
                    vals_list.append(invoice(partner, day, lines, month_start))
            for partner in OCCASIONAL_PARTNERS:
                if rng.random() < 0.45:
                    products = rng.sample(OCCASIONAL_PRODUCTS, rng.randint(1, 3))
                    lines = [(product, rng.randint(1, 10)) for product in products]
                    vals_list.append(invoice(partner, rng.randint(1, 28), lines, month_start))
        return [vals for vals in vals_list if vals]

    def _register_payments(self, company, moves):
        """Pay what a normal customer would have paid by now; debtors pay only old invoices."""
        today = fields.Date.context_today(self)
        debtors = self.env["res.partner"].browse(
            self.env.ref(f"optima_crm_tasks.{xmlid}").id for xmlid in DEBTORS
        )
        to_pay = moves.filtered(
            lambda move: (
                move.invoice_date_due < today - timedelta(days=20)
                and (
                    move.partner_id not in debtors
                    or move.invoice_date < today - relativedelta(months=5)
                )
            )
        )
        for payment_date, batch in to_pay.grouped(lambda move: move.invoice_date_due).items():
            self.env["account.payment.register"].with_company(company).with_context(
                active_model="account.move", active_ids=batch.ids
            ).create({"payment_date": payment_date, "group_payment": False})._create_payments()

    # ---------------------------------------------------------------- tasks
    @api.model
    def _load_tasks(self, company_ids):
        """Contacts and tasks around today: overdue, today, tomorrow, closed, threads."""
        for company in self.env["res.company"].browse(company_ids):
            tasks = self.env["optima.crm.task"].with_company(company)
            if tasks.search_count([("company_id", "=", company.id)], limit=1):
                continue
            created = tasks.create(self._task_vals(company))
            by_subject = {task.subject: task for task in created}
            main = by_subject["Migracja danych z Optimy"]
            for subject in ("Szkolenie pracowników klienta", "Weryfikacja danych kontrahenta"):
                by_subject[subject].parent_id = main
            tasks.create(self._cyclic_task_vals(company))

    def _cyclic_task_vals(self, company):
        ref = self.env.ref
        today = fields.Date.context_today(self)
        monday = today - timedelta(days=today.weekday())
        start = datetime.combine(monday, datetime.min.time())
        common = {
            "company_id": company.id,
            "kind": "task",
            "is_cyclic": True,
            "tz": "Europe/Warsaw",
            "user_id": ref("optima_crm_tasks.user_jan_nowak").id,
            "reminder": True,
        }
        return [
            {
                **common,
                "subject": "Cotygodniowe spotkanie zespołu",
                "partner_id": ref("optima_crm_tasks.partner_mazur_it").id,
                "date_from": start + timedelta(hours=8),
                "date_to": start + timedelta(hours=9),
                "cycle_mode": "weekly",
                "cycle_monday": True,
                "cycle_thursday": True,
                "cycle_start_time": 9.0,
                "cycle_duration": 1.0,
                "cycle_start_date": monday,
                "cycle_end_mode": "count",
                "cycle_count": 8,
                "participant_ids": [
                    Command.create({"user_id": ref("optima_crm_tasks.user_ewa_kowalska").id})
                ],
            },
            {
                **common,
                "subject": "Miesięczny przegląd serwisowy",
                "partner_id": ref("optima_crm_tasks.partner_hotel_wawel").id,
                "date_from": start + timedelta(hours=11),
                "date_to": start + timedelta(hours=13),
                "cycle_mode": "monthly",
                "cycle_monthly_kind": "day",
                "cycle_month_day": 31,
                "cycle_start_time": 12.0,
                "cycle_duration": 2.0,
                "cycle_start_date": today.replace(day=1) - timedelta(days=1),
                "cycle_end_mode": "count",
                "cycle_count": 6,
            },
        ]

    def _task_vals(self, company):
        ref = self.env.ref
        operators = [ref(f"optima_crm_tasks.{xmlid}") for xmlid in DEMO_OPERATORS]
        partners = [ref(f"optima_crm_tasks.{xmlid}") for xmlid in OCCASIONAL_PARTNERS[:3]]
        partners += [ref(f"optima_crm_tasks.{p}") for p, _d, _s, _l in RECURRING_PATTERNS]
        today = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        rng = random.Random(19)
        vals_list = []
        for index, (subject, kind, day_offset, hours, _state) in enumerate(DEMO_TASKS):
            start = today + timedelta(days=day_offset, hours=rng.choice((-2, -1, 0, 1, 2)))
            partner = partners[index % len(partners)]
            vals = {
                "company_id": company.id,
                "kind": kind,
                "subject": subject,
                "partner_id": partner.id,
                "user_id": operators[index % len(operators)].id,
                "start_datetime": start,
                "service_phase": "post" if index % 3 else "pre",
                "tz": "Europe/Warsaw",
                "description": f"{subject} – {partner.name}",
                "contact_time_now": rng.choice((0.25, 0.5, 1.0)) if kind == "contact" else 0.0,
            }
            if kind == "task":
                vals.update(
                    date_from=start,
                    date_to=start + timedelta(hours=hours),
                    priority=str(index % 4),
                    reminder=index % 2 == 0,
                    percent_done=(index % 5) * 25,
                )
                helper = operators[(index + 1) % len(operators)]
                if index % 4 == 0:
                    vals["participant_ids"] = [Command.create({"user_id": helper.id})]
            vals_list.append(vals)
        return vals_list

    @api.model
    def _close_demo_tasks(self, company_ids):
        tasks = self.env["optima.crm.task"].search(
            [("company_id", "in", company_ids), ("subject", "in", DEMO_CLOSED_SUBJECTS)]
        )
        tasks.with_context(optima_confirmed=True).action_close()
