import { registry } from "@web/core/registry";

/** The address book opened from Podmiot sets the entity and an empty To (MAIL-22). */
registry.category("web_tour.tours").add("optima_mail_address_book", {
    steps: () => [
        {
            content: "Open the address book next to the entity",
            trigger: ".o_form_view .o_row:has(.o_field_widget[name='partner_id']) button:has(.fa-address-book)",
            run: "click",
        },
        {
            content: "Contractors tab",
            trigger: ".modal .o_field_widget[name='kind'] input[data-value='contractor']:checked",
        },
        {
            trigger: ".modal .o_field_widget[name='partner_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".modal .o_list_view .o_data_row:contains('Tour Beta') .o_list_record_selector input",
            run: "click",
        },
        {
            trigger: ".modal button.o_select_button",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name='partner_ids'] .o_data_row:contains('Tour Beta')",
        },
        {
            trigger: ".modal button[name='action_set_partner']",
            run: "click",
        },
        {
            content: "Entity and To are filled",
            trigger: ".o_form_view .o_field_widget[name='partner_id'] input:value('Tour Beta')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='email_to'] input:value('beta@tour.test')",
        },
    ],
});
