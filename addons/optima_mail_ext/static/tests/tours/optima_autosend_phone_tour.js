import { registry } from "@web/core/registry";

/**
 * AUTO-09(b) on a phone: the fifth manual invoice e-mail asks to configure the auto-sender,
 * "Yes" opens its settings (AUTO-01), whose log opens as cards (AUTO-12).
 */
registry.category("web_tour.tours").add("optima_autosend_phone", {
    steps: () => [
        {
            content: "Send the invoice's draft by hand",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_send']",
            run: "click",
        },
        {
            content: "The prompt appears as a dialog after the send",
            trigger: ".modal .o_field_widget[name='text']:contains('Did you know invoices can be sent automatically?')",
        },
        {
            trigger: ".modal button[name='action_yes']",
            run: "click",
        },
        {
            content: "The auto-sender settings open",
            trigger: ".o_form_view .o_field_widget[name='optima_autosend_enabled'] input",
        },
        {
            content: "Schedule group stacked below the others, not beside them",
            trigger: ".o_form_view .o_inner_group:has(.o_field_widget[name='optima_autosend_start'])",
            run() {
                const groups = [...document.querySelectorAll(".o_form_view .o_inner_group")];
                const tops = groups.map((g) => g.getBoundingClientRect().top);
                if (new Set(tops).size !== groups.length) {
                    throw new Error("Settings groups side by side on a phone");
                }
            },
        },
        {
            content: "Logs is the first header button, kept outside the phone's ⋮ menu",
            trigger: ".o_form_view .o_statusbar_buttons button[name='action_optima_autosend_logs']",
            run: "click",
        },
        {
            content: "The log is a card per run, not a ten-column list",
            trigger: ".o_kanban_view .o_kanban_record:contains('08:00'):contains('Errors: 1')",
            run: "click",
        },
        {
            content: "The run's invoices are cards too",
            trigger: ".o_form_view .o_field_widget[name='line_ids'] .o_kanban_record:contains('No e-mail address')",
        },
    ],
});
