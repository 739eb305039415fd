import { registry } from "@web/core/registry";

/** TASK-23: the bell lists the due reminder; "Dismiss" removes it for good. */
registry.category("web_tour.tours").add("optima_crm_reminders", {
    url: "/odoo",
    steps: () => [
        {
            content: "The bell counts one reminder",
            trigger: ".o_optima_reminders_toggle .o_optima_reminders_counter:contains(1)",
        },
        {
            content: "Open the reminder list",
            trigger: ".o_optima_reminders_toggle",
            run: "click",
        },
        {
            content: "The due task is listed as current",
            trigger: ".o_optima_reminder_current:contains(Reminder tour task)",
        },
        {
            content: "Dismiss it",
            trigger: ".o_optima_reminder_item:contains(Reminder tour task) .o_optima_reminder_dismiss",
            run: "click",
        },
        {
            content: "It is gone and the counter too",
            trigger: ".o_navbar:not(:has(.o_optima_reminders_counter))",
        },
    ],
});
