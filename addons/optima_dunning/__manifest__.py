# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Optima CRM: Dunning",
    "summary": "Windykacja należności – "
    "Optima's dunning schemes, stages, on-demand runs and event history",
    "version": "19.0.1.0.0",
    "website": "https://github.com/optima-crm-odoo/optima-crm",
    "author": "Optima CRM for Odoo contributors",
    "maintainers": ["optima-crm-odoo"],
    "license": "LGPL-3",
    "installable": True,
    "category": "Accounting/Accounting",
    "depends": ["optima_mail_ext", "account", "sale"],
    "data": [
        "views/optima_dunning_menus.xml",
    ],
}
