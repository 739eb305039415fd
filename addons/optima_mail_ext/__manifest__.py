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
    "depends": ["optima_crm_tasks", "mail", "sms", "account", "phone_validation"],
    "external_dependencies": {"python": ["phonenumbers", "cryptography", "requests"]},
    "data": [
        "security/optima_mail_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "data/ir_cron_data.xml",
        "data/optima_mail_data.xml",
        "views/optima_mail_address_book_views.xml",
        "report/optima_mail_message_report.xml",
        "views/optima_mail_list_wizard_views.xml",
        "views/optima_mail_message_views.xml",
        "views/optima_mail_wizard_views.xml",
        "views/optima_mail_config_views.xml",
        "views/optima_sms_views.xml",
        "views/optima_invoice_autosend_views.xml",
        "views/res_partner_views.xml",
        "views/account_move_views.xml",
        "views/res_config_settings_views.xml",
        "views/optima_mail_ext_menus.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "optima_mail_ext/static/tests/tours/*.js",
        ],
    },
    "demo": [
        "demo/optima_mail_demo.xml",
    ],
}
