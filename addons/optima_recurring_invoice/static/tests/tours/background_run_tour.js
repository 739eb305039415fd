import { registry } from "@web/core/registry";

/** RI-14: a selection over the limit shows its run "in progress"; the log reopens it. */
registry.category("web_tour.tours").add("optima_ri_background_run", {
    steps: () => [
        {
            content: "Select the first template",
            trigger: ".o_data_row:contains(TOUR-BG-1) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Select the second template",
            trigger: ".o_data_row:contains(TOUR-BG-2) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Open the actions",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Generate recurring invoices",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Generate recurring invoices)",
            run: "click",
        },
        {
            content: "Confirm",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "The result dialog shows the run in progress with the template left",
            trigger: ".modal .o_optima_ri_run_running:contains(In progress):contains(TOUR-BG-2)",
        },
        {
            content: "and what the request already generated",
            trigger: ".modal:contains(Invoices generated: 2, skipped: 0, errors: 0.)",
        },
        {
            content: "Close",
            trigger: ".modal button:contains(Close)",
            run: "click",
        },
        {
            content: "Wait for the dialog to close",
            trigger: "body:not(:has(.modal))",
        },
    ],
});

/** RI-14: the generation log lists the user's run, which opens with its state. */
registry.category("web_tour.tours").add("optima_ri_background_run_log", {
    steps: () => [
        {
            content: "The run in progress is listed",
            trigger: ".o_data_row:contains(In progress) td.o_data_cell",
            run: "click",
        },
        {
            content: "It opens with its state and log",
            trigger: ".o_form_view .o_field_widget[name=state]:contains(In progress)",
        },
    ],
});
