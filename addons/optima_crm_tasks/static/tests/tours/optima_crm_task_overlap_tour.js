import { registry } from "@web/core/registry";

/** AS-12: a new task overlapping another asks "Kontrola terminu zadania". */
registry.category("web_tour.tours").add("optima_crm_task_overlap", {
    steps: () => [
        {
            content: "New task",
            trigger: ".o_control_panel_main_buttons .o_list_button_add",
            run: "click",
        },
        {
            content: "Choose the contractor",
            trigger: ".o_field_widget[name=partner_id] input",
            run: "edit Overlap Partner",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Overlap Partner):not(:contains(Create))",
            run: "click",
        },
        {
            content: "The contractor is set",
            trigger: ".o_field_widget[name=partner_id] input:value(Overlap Partner)",
        },
        {
            content: "It is a task",
            trigger: ".o_field_widget[name=is_task] input",
            run: "click",
        },
        {
            content: "Open Term from",
            trigger: "div[name=date_from] button",
            run: "click",
        },
        {
            content: "Term from 10:30",
            trigger: "div[name=date_from] input",
            run: "edit 03/14/2025 10:30:00 && press Escape",
        },
        {
            content: "Open Term to",
            trigger: "div[name=date_to] button:contains(12:00), div[name=date_to] button",
            run: "click",
        },
        {
            content: "Term to 12:00",
            trigger: "div[name=date_to] input",
            run: "edit 03/14/2025 12:00:00 && press Escape",
        },
        {
            content: "Subject",
            trigger: ".o_field_widget[name=subject] input",
            run: "edit Overlapping meeting",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The overlap question names the other task",
            trigger: ".modal-body:contains(overlaps the term of another task):contains(OVERLAP-EXISTING)",
        },
        {
            content: "Answer No",
            trigger: ".modal-footer button:contains(No)",
            run: "click",
        },
        {
            content: "Still on the unsaved form",
            trigger: ".o_form_view .o_form_status_indicator_buttons:not(.invisible) .o_form_button_save",
        },
        {
            content: "Save again",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Answer Yes",
            trigger: ".modal-footer button:contains(Yes)",
            run: "click",
        },
        {
            content: "Saved with a number",
            trigger: ".o_form_view .oe_title h1:contains(CRM/)",
        },
    ],
});
