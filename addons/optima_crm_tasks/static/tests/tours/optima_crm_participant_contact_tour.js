import { registry } from "@web/core/registry";

/** AS-15: a reminded participant without the form's contact field; the form shows the tab. */
registry.category("web_tour.tours").add("optima_crm_participant_contact", {
    steps: () => [
        {
            content: "Open the automatic reminders tab",
            trigger: ".o_notebook .nav-link[name=auto_reminders]",
            run: "click",
        },
        {
            content: "Its page for operators",
            trigger: ".o_notebook .nav-link[name=auto_operators]",
            run: "click",
        },
        {
            content: "Remind the operators by SMS",
            trigger: ".o_field_widget[name=auto_operator_channel] input[data-value=sms]",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The participant without a phone is named",
            trigger: ".modal:contains(Krzysztof Tour):contains(Fill it in on the Participants tab)",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The form shows the Participants tab",
            trigger: ".o_notebook .nav-link.active[name=participants]",
        },
        {
            content: "Discard the change",
            trigger: ".o_form_button_cancel",
            run: "click",
        },
        {
            content: "Nothing left to save",
            trigger: ".o_form_status_indicator_buttons.invisible:not(:visible)",
        },
    ],
});
