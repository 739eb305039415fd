import { registry } from "@web/core/registry";

/** "Kontrahent" under the mailbox list: mails of one entity, "New" writes to it (MAIL-17). */
function partnerFilterSteps(phone) {
    // On a phone the mailbox opens as kanban, its header buttons folded under "⋮".
    const openFilter = phone
        ? [
              {
                  content: "Open the folded header buttons",
                  trigger: ".o_control_panel button.o-control-panel-adaptive-dropdown",
                  run: "click",
              },
              {
                  content: "Filter by contractor",
                  trigger: ".o-control-panel-adaptive-dropdown button:contains('Contractor')",
                  run: "click",
              },
          ]
        : [
              {
                  content: "Filter by contractor",
                  trigger: ".o_list_view button:contains('Contractor')",
                  run: "click",
              },
          ];
    return [
        {
            trigger:
                ".o_data_row:contains('Pytanie od Beta'), .o_kanban_record:contains('Pytanie od Beta')",
        },
        ...openFilter,
        {
            trigger: ".modal .o_field_widget[name='partner_id'] input",
            run: "edit Tour ABC",
        },
        {
            // Desktop: the autocomplete; phone: the record picker dialog.
            trigger:
                ".o-autocomplete--dropdown-item:contains('Tour ABC'), .modal .o_kanban_record:contains('Tour ABC')",
            run: "click",
        },
        {
            trigger: ".modal button[name='action_apply']",
            run: "click",
        },
        {
            content: "Only the contractor's mail is listed",
            trigger:
                ".o_data_row:contains('Pytanie od ABC'), .o_kanban_record:contains('Pytanie od ABC')",
        },
        {
            trigger:
                ".o_action_manager:not(:has(.o_data_row:contains('Pytanie od Beta'), .o_kanban_record:contains('Pytanie od Beta')))",
        },
        {
            content: "New mail",
            trigger: ".o_list_button_add, .o-kanban-button-new",
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
    ];
}

registry.category("web_tour.tours").add("optima_mail_partner_filter", {
    steps: () => partnerFilterSteps(false),
});
registry.category("web_tour.tours").add("optima_mail_partner_filter_phone", {
    steps: () => partnerFilterSteps(true),
});
