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
    "depends": ["optima_mail_ext", "account"],
    "data": [
        "views/optima_recurring_invoice_menus.xml",
    ],
}
