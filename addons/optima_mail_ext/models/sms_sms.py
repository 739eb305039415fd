# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import fields, models


class SmsSms(models.Model):
    _inherit = "sms.sms"

    optima_company_id = fields.Many2one("res.company", string="Company (Optima)")

    def _get_sms_company(self):
        return self.optima_company_id or super()._get_sms_company()

    def _split_by_api(self):
        """The base method always yields IAP: companies on SMSAPI.pl get their provider."""
        by_company = defaultdict(lambda: self.browse())
        others = self.browse()
        for sms in self:
            company = sms._get_sms_company()
            if company.optima_sms_provider == "smsapi":
                by_company[company] |= sms
            else:
                others |= sms
        for company, company_sms in by_company.items():
            sms_api = company._get_sms_api_class()(self.env)
            sms_api._set_company(company)
            yield sms_api, company_sms
        if others:
            yield from super(SmsSms, others)._split_by_api()

    def _handle_call_result_hook(self, results):
        self.env["optima.sms.message"]._apply_results(results)
        return super()._handle_call_result_hook(results)
