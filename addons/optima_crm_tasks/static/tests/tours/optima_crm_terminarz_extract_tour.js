import { registry } from "@web/core/registry";

/** TASK-31/29: the popover of a cyclic occurrence extracts it into a task of its own. */
registry.category("web_tour.tours").add("optima_crm_terminarz_extract", {
    steps: () => [
        {
            content: "Open an occurrence of the series",
            trigger: ".fc-event:contains(Cyclic tour)",
            run: "click",
        },
        {
            content: "A cyclic occurrence offers no delete, only open and extract",
            trigger: ".o_cw_popover:not(:has(.o_cw_popover_delete)) .o_cw_popover_edit:contains(Open cyclic task)",
        },
        {
            content: "Extract it",
            trigger: ".o_cw_popover .o_optima_popover_extract",
            run: "click",
        },
        {
            content: "The extracted task opens, no longer cyclic",
            trigger: ".o_form_view .o_field_widget[name=subject] input:value(Cyclic tour)",
        },
        {
            trigger: ".o_form_view .o_field_widget[name=is_cyclic] input:not(:checked)",
        },
    ],
});
