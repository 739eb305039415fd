import { registry } from "@web/core/registry";

/** "Kontrahent" under the mailbox list: mails of one entity, "New" writes to it (MAIL-17). */
registry.category("web_tour.tours").add("optima_mail_partner_filter", {
    steps: () => [
        {
            trigger: ".o_list_view .o_data_row:contains('Pytanie od Beta')",
        },
        {
            content: "Filter by contractor",
            trigger: ".o_list_view button:contains('Contractor')",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name='partner_id'] input",
            run: "edit Tour ABC",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Tour ABC')",
            run: "click",
        },
        {
            trigger: ".modal button[name='action_apply']",
            run: "click",
        },
        {
            content: "Only the contractor's mail is listed",
            trigger: ".o_list_view .o_data_row:contains('Pytanie od ABC')",
        },
        {
            trigger: ".o_list_view:not(:has(.o_data_row:contains('Pytanie od Beta')))",
        },
        {
            content: "New mail",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The contractor's address is in To",
            trigger: ".o_form_view .o_field_widget[name='email_to'] input:value('abc@tour.test')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='partner_id'] input:value('Tour ABC')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='subject'] input",
            run: "edit Oferta dla ABC",
        },
        {
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
