import { registry } from "@web/core/registry";

/** Read a message in the mailbox and answer it (Skrzynka pocztowa: Odpowiedz). */
registry.category("web_tour.tours").add("optima_mailbox_reply", {
    steps: () => [
        {
            content: "The mailbox lists the incoming message",
            trigger: ".o_list_view .o_data_row:contains('Zapytanie z przeglądarki')",
        },
        {
            content: "Open it",
            trigger: ".o_data_row:contains('Zapytanie z przeglądarki') td[name='subject']",
            run: "click",
        },
        {
            content: "The message is shown",
            trigger: ".o_form_view .o_field_widget[name='body']:contains('Proszę o ofertę')",
        },
        {
            content: "Reply",
            trigger: ".o_form_view button[name='action_reply']",
            run: "click",
        },
        {
            content: "The reply is addressed to the sender",
            trigger: ".o_form_view .o_field_widget[name='email_to'] input:value('jan.kowalski@abc.test')",
        },
        {
            content: "Write the answer",
            trigger: ".o_form_view .o_field_widget[name='body'] .odoo-editor-editable",
            run: "editor Dziękujemy, oferta w załączeniu.",
        },
        {
            content: "Send",
            trigger: ".o_form_view button[name='action_send']",
            run: "click",
        },
        {
            content: "The reply waits in the Outbox",
            trigger: ".o_form_view button[name='action_retry']",
        },
    ],
});
