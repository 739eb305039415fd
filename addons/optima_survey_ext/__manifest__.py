# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Optima CRM: Contractor Surveys",
    "summary": "Ankietowanie – Optima's contractor surveys on top of Odoo Surveys",
    "version": "19.0.1.0.0",
    "website": "https://github.com/optima-crm-odoo/optima-crm",
    "author": "Optima CRM for Odoo contributors",
    "maintainers": ["optima-crm-odoo"],
    "license": "LGPL-3",
    "installable": True,
    "category": "Marketing/Surveys",
    "depends": ["optima_mail_ext", "survey"],
    "data": [
        "views/optima_survey_ext_menus.xml",
    ],
}
