import { registry } from "@web/core/registry";

/** Switch the template of a draft: typed addresses stay, the others follow (MAIL-31 rule 3). */
registry.category("web_tour.tours").add("optima_mail_composer", {
    steps: () => [
        {
            content: "The draft was filled from the invoice's default template",
            trigger: ".o_form_view .o_field_widget[name='email_to'] input:value('faktury@abc.test')",
        },
        {
            content: "Type a copy address by hand",
            trigger: ".o_form_view .o_field_widget[name='email_cc'] input",
            run: "edit ksiegowa@abc.test",
        },
        {
            content: "Pick another template",
            trigger: ".o_form_view .o_field_widget[name='template_id'] input",
            run: "edit Przypomnienie",
        },
        {
            // Desktop: the autocomplete; phone: the record picker dialog.
            trigger:
                ".o-autocomplete--dropdown-item:contains('Przypomnienie'), .modal .o_kanban_record:contains('Przypomnienie')",
            run: "click",
        },
        {
            content: "The subject follows the template",
            trigger: ".o_form_view .o_field_widget[name='subject'] input:value('Przypomnienie o płatności')",
        },
        {
            content: "The untyped To field takes the template's address",
            trigger: ".o_form_view .o_field_widget[name='email_to'] input:value('windykacja@abc.test')",
        },
        {
            content: "The typed Cc is kept",
            trigger: ".o_form_view .o_field_widget[name='email_cc'] input:value('ksiegowa@abc.test')",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
    ],
});
