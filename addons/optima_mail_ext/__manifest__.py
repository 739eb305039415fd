# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Optima CRM: Mailbox, Templates and SMS",
    "summary": "Skrzynka pocztowa, szablony z makrami, SMS, automatyczna wysyłka faktur – "
    "Optima's mailbox, templates and macros, SMS gateway and invoice auto-sender",
    "version": "19.0.1.0.0",
    "website": "https://github.com/optima-crm-odoo/optima-crm",
    "author": "Optima CRM for Odoo contributors",
    "maintainers": ["optima-crm-odoo"],
    "license": "LGPL-3",
    "installable": True,
    "category": "Sales/CRM",
    "depends": ["optima_crm_tasks", "mail", "sms"],
    "data": [
        "views/optima_mail_ext_menus.xml",
    ],
}
