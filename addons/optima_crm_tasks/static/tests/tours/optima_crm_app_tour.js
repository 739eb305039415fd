import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

const ROOT = "optima_crm_tasks.menu_optima_crm_root";

function openCrmApp() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the CRM (Optima) application",
            trigger: `.o_app[data-menu-xmlid="${ROOT}"]`,
            run: "click",
        },
        {
            content: "The CRM application is open",
            trigger: `.o_main_navbar .o_menu_brand:contains("CRM")`,
        },
    ];
}

/** Open a menu (inside its section's dropdown when given) and wait for its view. */
function openMenu(title, item, section = null) {
    const steps = [];
    if (section) {
        steps.push({
            content: `Open the section of ${title}`,
            trigger: `.o_menu_sections [data-menu-xmlid="${section}"]`,
            run: "click",
        });
        steps.push({
            content: `Open ${title}`,
            trigger: `.dropdown-menu [data-menu-xmlid="${item}"]`,
            run: "click",
        });
    } else {
        steps.push({
            content: `Open ${title}`,
            trigger: `.o_menu_sections [data-menu-xmlid="${item}"]`,
            run: "click",
        });
    }
    steps.push({
        content: `${title} is shown`,
        trigger: `.o_control_panel .o_breadcrumb:contains("${title}")`,
    });
    steps.push({
        content: `${title}: the view has rendered`,
        trigger: ".o_action_manager .o_view_controller",
    });
    return steps;
}

const CONFIG = "optima_crm_tasks.menu_optima_crm_config";
const TASKS = "optima_crm_tasks.menu_optima_crm_tasks_section";

registry.category("web_tour.tours").add("optima_crm_app_sections", {
    url: "/odoo",
    steps: () => [
        ...openCrmApp(),
        ...openMenu("Contacts and tasks", "optima_crm_tasks.menu_optima_crm_tasks", TASKS),
        {
            content: "Open the tasks section",
            trigger: `.o_menu_sections [data-menu-xmlid="${TASKS}"]`,
            run: "click",
        },
        {
            content: "Open Current information",
            trigger: '.dropdown-menu [data-menu-xmlid="optima_crm_tasks.menu_optima_current_info"]',
            run: "click",
        },
        {
            content: "The Informacje bieżące tiles are shown",
            trigger: ".o_optima_current_info .o_optima_info_today_mine .o_optima_info_count",
        },
        ...openMenu("Terminarz", "optima_crm_tasks.menu_optima_terminarz", TASKS),
        {
            content: "The Terminarz is a calendar",
            trigger: ".o_calendar_view .o_calendar_renderer",
        },
        ...openMenu("Contacts and tasks by thread", "optima_crm_tasks.menu_optima_crm_tasks_threads", TASKS),
        ...openMenu("Contractors", "optima_crm_tasks.menu_optima_crm_contractors"),
        ...openMenu(
            "Quotations",
            "optima_offers.menu_optima_quotations",
            "optima_offers.menu_optima_offers_root"
        ),
        ...openMenu(
            "Invoices",
            "optima_recurring_invoice.menu_optima_customer_invoices",
            "optima_recurring_invoice.menu_optima_recurring_invoice_root"
        ),
        ...openMenu(
            "Overdue receivables",
            "optima_dunning.menu_optima_overdue_receivables",
            "optima_dunning.menu_optima_dunning_root"
        ),
        ...openMenu(
            "Surveys",
            "optima_survey_ext.menu_optima_surveys",
            "optima_survey_ext.menu_optima_survey_root"
        ),
        ...openMenu("Attributes", "optima_crm_tasks.menu_optima_crm_attribute", CONFIG),
        ...openMenu("E-mail templates", "optima_mail_ext.menu_optima_mail_templates", CONFIG),
        ...openMenu("SMS templates", "optima_mail_ext.menu_optima_sms_templates", CONFIG),
        ...openMenu("Settings", "optima_crm_tasks.menu_optima_crm_settings", CONFIG),
        {
            content: "The CRM (Optima) settings block is shown",
            trigger: '.o_setting_container [data-key="optima_crm_tasks"]',
        },
    ],
});

registry.category("web_tour.tours").add("optima_crm_app_sections_user", {
    url: "/odoo",
    steps: () => [
        ...openCrmApp(),
        ...openMenu("Contacts and tasks", "optima_crm_tasks.menu_optima_crm_tasks", TASKS),
        ...openMenu("Contractors", "optima_crm_tasks.menu_optima_crm_contractors"),
        {
            content: "A plain CRM user has no Configuration section",
            trigger: `.o_main_navbar:not(:has([data-menu-xmlid="${CONFIG}"]))`,
        },
    ],
});
