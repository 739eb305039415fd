import { registry } from "@web/core/registry";

/** RI-29: Podgląd — a subject row of the wizard opens its own dialog (recipient, period). */
registry.category("web_tour.tours").add("optima_ri_proposal_wizard_preview", {
    steps: () => [
        {
            content: "Expand the proposal",
            trigger: ".o_group_header .o_group_name:contains(Tour Buyer)",
            run: "click",
        },
        {
            content: "Add recurring invoice",
            trigger: ".o_group_buttons button:contains(Add recurring invoice)",
            run: "click",
        },
        {
            content: "Step 1 lists the subject",
            trigger: ".modal .o_field_widget[name=party_ids] .o_data_row:contains(Tour Buyer) td[name=partner_id]",
            run: "click",
        },
        {
            content: "Podgląd opens as a second dialog on top of the wizard",
            trigger: ".modal .modal-title:contains(subject data)",
        },
        {
            content: "The buyer is shown, not editable",
            trigger: ".modal:last .o_field_widget[name=partner_id]:contains(Tour Buyer):not(:has(input))",
        },
        {
            content: "Set the end of the contract period",
            trigger: ".modal:last .o_field_widget[name=date_to] input",
            run: "edit 12/31/2030",
        },
        {
            content: "Save the subject",
            trigger: ".modal:last .o_form_button_save",
            run: "click",
        },
        {
            content: "Back in the wizard the row shows the period",
            trigger: ".modal:not(:has(.modal-title:contains(subject data))) .o_data_row:contains(Tour Buyer):contains(2030)",
        },
        {
            content: "Dodaj: the serial add with one contract period",
            trigger: ".modal button[name=action_add_subjects]",
            run: "click",
        },
        {
            content: "It asks for the subjects and the period",
            trigger: ".modal .o_field_widget[name=partner_ids]:not(:has(.o_field_widget[name=kind]))",
        },
        {
            content: "Back to the wizard",
            trigger: ".modal button[name=action_back]",
            run: "click",
        },
        {
            content: "Step 1 again, with the row kept",
            trigger: ".modal .o_field_widget[name=party_ids] .o_data_row:contains(Tour Buyer):contains(2030)",
        },
        {
            content: "Next",
            trigger: ".modal button[name=action_next]",
            run: "click",
        },
        {
            content: "Step 2",
            trigger: ".modal .o_field_widget[name=month_day]",
        },
        {
            content: "Next",
            trigger: ".modal button[name=action_next]",
            run: "click",
        },
        {
            content: "Finish",
            trigger: ".modal button[name=action_finish]",
            run: "click",
        },
        {
            content: "The new template opens",
            trigger: ".o_form_view .o_field_widget[name=code] input",
        },
    ],
});
