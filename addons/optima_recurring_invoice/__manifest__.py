# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Optima CRM: Recurring Invoices",
    "summary": "Faktury cykliczne, automat i propozycje faktur cyklicznych – "
    "Optima's recurring invoice templates, generator and proposals",
    "version": "19.0.1.0.0",
    "website": "https://github.com/optima-crm-odoo/optima-crm",
    "author": "Optima CRM for Odoo contributors",
    "maintainers": ["optima-crm-odoo"],
    "license": "LGPL-3",
    "installable": True,
    "category": "Accounting/Accounting",
    "depends": ["optima_mail_ext", "account", "analytic", "product", "uom"],
    "external_dependencies": {"python": ["python-dateutil", "xlsxwriter", "openpyxl", "xlrd"]},
    "data": [
        "security/optima_recurring_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "views/optima_recurring_template_views.xml",
        "views/optima_recurring_run_views.xml",
        "views/optima_recurring_proposal_views.xml",
        "wizards/optima_recurring_generate_wizard_views.xml",
        "wizards/optima_recurring_wizard_views.xml",
        "views/account_views.xml",
        "views/res_config_settings_views.xml",
        "views/optima_recurring_invoice_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "optima_recurring_invoice/static/src/js/*.js",
            "optima_recurring_invoice/static/src/xml/*.xml",
        ],
        "web.assets_tests": [
            "optima_recurring_invoice/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/optima_recurring_demo.xml",
    ],
}
