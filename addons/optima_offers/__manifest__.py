# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Optima CRM: Commercial Offers",
    "summary": "Oferty handlowe – Optima's commercial offers on top of Odoo quotations",
    "version": "19.0.1.0.0",
    "website": "https://github.com/optima-crm-odoo/optima-crm",
    "author": "Optima CRM for Odoo contributors",
    "maintainers": ["optima-crm-odoo"],
    "license": "LGPL-3",
    "installable": True,
    "category": "Sales/Sales",
    "depends": ["optima_mail_ext", "sale_management"],
    "data": [
        "views/optima_offers_menus.xml",
    ],
}
