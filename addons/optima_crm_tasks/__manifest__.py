# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Optima CRM: Tasks and Contacts",
    "summary": "Zadania i kontakty, Terminarz, Przypominacz, Informacje bieżące – "
    "CRM tasks, calendar, reminders and today's overview as in Comarch ERP Optima",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/optima-crm-odoo/optima-crm",
    "author": "Optima CRM for Odoo contributors",
    "maintainers": ["optima-crm-odoo"],
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["mail", "sms", "account"],
    "external_dependencies": {"python": ["python-dateutil"]},
    "data": [
        "security/optima_crm_security.xml",
        "security/ir.model.access.csv",
        "security/optima_crm_task_rules.xml",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "views/optima_crm_menus.xml",
        "views/optima_crm_task_views.xml",
        "views/optima_crm_terminarz_views.xml",
        "views/account_move_views.xml",
        "views/optima_crm_attribute_views.xml",
        "views/res_partner_views.xml",
        "views/res_users_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": [
        "demo/res_company_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/product_demo.xml",
        "demo/optima_crm_attribute_demo.xml",
        "demo/account_move_demo.xml",
        "demo/res_users_demo.xml",
        "demo/optima_crm_task_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "optima_crm_tasks/static/src/views/*.js",
            "optima_crm_tasks/static/src/views/*.xml",
        ],
        "web.assets_tests": [
            "optima_crm_tasks/static/tests/tours/*.js",
        ],
    },
}
