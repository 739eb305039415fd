# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models


class OptimaRecurringDemo(models.AbstractModel):
    """Demo templates over the CRM demo contractors, built with the ORM so that they
    land in the demo company's own sale journal and follow the cycle rules."""

    _name = "optima.recurring.demo"
    _description = "Recurring invoices demo data loader"

    @api.model
    def _create_templates(self, company_xmlid):
        company = self.env.ref(company_xmlid)
        ref = self.env.ref
        env = self.with_company(company).env
        journal = env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        )
        proforma = journal.copy(
            {"name": "Faktury Pro Forma", "code": "FPF", "optima_is_proforma": True}
        )
        eur = ref("base.EUR")
        eur.active = True
        today = fields.Date.context_today(self)
        env["res.currency.rate"].create(
            [
                {
                    "currency_id": eur.id,
                    "company_id": company.id,
                    "name": today - timedelta(days=d),
                    "rate": 1 / (4.25 + d / 1000),
                }
                for d in range(1, 8)
            ]
        )
        subscription = ref("optima_crm_tasks.product_it_service_subscription")
        subscription.optima_allow_name_edit = True
        vip = env["res.partner.category"].create({"name": "Abonenci IT", "optima_code": "ABON"})
        for xmlid in ("partner_mazur_it", "partner_hotel_wawel", "partner_apteka_zdrowie"):
            ref(f"optima_crm_tasks.{xmlid}").category_id = [(4, vip.id)]
        Template = env["optima.recurring.template"]
        monthly = Template.create(
            {
                "code": "ABON-IT",
                "name": "Abonament serwisowy IT",
                "company_id": company.id,
                "journal_id": journal.id,
                "month_day": 1,
                "sale_date_mode": "prev_month_end",
                "reminder": True,
                "reminder_days": 3,
                "party_ids": [(0, 0, {"kind": "group", "category_id": vip.id})],
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": subscription.id,
                            "name": "Abonament IT za @MCSL @ROK",
                            "price_unit": 1200.0,
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "product_id": ref("optima_crm_tasks.product_hosting").id,
                            "qty_mode": "individual",
                            "price_unit": 300.0,
                        },
                    ),
                ],
            }
        )
        for value in monthly.line_ids[1].value_ids:
            value.quantity = 1
        Template.create(
            {
                "code": "CZYNSZ",
                "name": "Czynsz za biuro – koniec miesiąca",
                "company_id": company.id,
                "journal_id": journal.id,
                "month_day": 31,
                "save_mode": "posted",
                "party_ids": [
                    (0, 0, {"partner_id": ref("optima_crm_tasks.partner_kancelaria_nowak").id}),
                    (0, 0, {"partner_id": ref("optima_crm_tasks.partner_drukarnia_lux").id}),
                ],
                "line_ids": [
                    (0, 0, {"product_id": ref("optima_crm_tasks.product_office_rent").id})
                ],
            }
        )
        Template.create(
            {
                "code": "BACKUP-TYG",
                "name": "Kopia zapasowa w chmurze (tygodniowo)",
                "company_id": company.id,
                "journal_id": journal.id,
                "cycle_type": "weekly",
                "weekday": "0",
                "party_ids": [(0, 0, {"partner_id": ref("optima_crm_tasks.partner_transbet").id})],
                "line_ids": [
                    (0, 0, {"product_id": ref("optima_crm_tasks.product_cloud_backup").id})
                ],
            }
        )
        Template.create(
            {
                "code": "LIC-EUR",
                "name": "Licencja oprogramowania (EUR, kwartalnie)",
                "company_id": company.id,
                "journal_id": journal.id,
                "currency_id": eur.id,
                "interval": 3,
                "month_day": 15,
                "start_date": today.replace(day=15),
                "party_ids": [(0, 0, {"partner_id": ref("optima_crm_tasks.partner_bud_hurt").id})],
                "line_ids": [
                    (
                        0,
                        0,
                        {
                            "product_id": ref("optima_crm_tasks.product_software_license").id,
                            "price_unit": 250.0,
                        },
                    )
                ],
            }
        )
        Template.create(
            {
                "code": "FPF/BHP",
                "name": "Obsługa BHP – pro forma",
                "company_id": company.id,
                "document_kind": "fpf",
                "journal_id": proforma.id,
                "month_day": 10,
                "party_ids": [
                    (0, 0, {"partner_id": ref("optima_crm_tasks.partner_eko_serwis").id})
                ],
                "line_ids": [
                    (0, 0, {"product_id": ref("optima_crm_tasks.product_ohs_service").id})
                ],
            }
        )
