import { registry } from "@web/core/registry";

/** Folder tree per account (MAIL-07) and the list's icons (MAIL-15). */
registry.category("web_tour.tours").add("optima_mail_icons", {
    steps: () => [
        {
            content: "Valid signature icon",
            trigger: ".o_data_row:contains('Podpis poprawny') button .fa-check-circle",
        },
        {
            content: "Invalid signature icon",
            trigger: ".o_data_row:contains('Podpis zmieniony') button .fa-times-circle",
        },
        {
            content: "Attachment icon",
            trigger: ".o_data_row:contains('Podpis poprawny') button .fa-paperclip",
        },
        {
            trigger: ".o_data_row:contains('Bez podpisu'):not(:has(.fa-check-circle, .fa-times-circle, .fa-paperclip))",
        },
        {
            content: "Unread: closed envelope, click marks it read",
            trigger: ".o_data_row:contains('Bez podpisu') button[name='action_mark_read']",
            run: "click",
        },
        {
            content: "Now an open envelope",
            trigger: ".o_data_row:contains('Bez podpisu') button[name='action_mark_unread'] .fa-envelope-open-o",
        },
        {
            content: "The account node in the folder tree",
            trigger: ".o_search_panel_category_value header:contains('ICONS')",
            run: "click",
        },
        {
            content: "An account node is not a folder: the list is empty",
            trigger: ".o_list_view:not(:has(.o_data_row))",
        },
    ],
});
