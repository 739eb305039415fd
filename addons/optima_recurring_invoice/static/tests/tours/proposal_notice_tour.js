import { registry } from "@web/core/registry";

/** AS-52 / RI-27: the inline banner above the list opens the proposal list. */
registry.category("web_tour.tours").add("optima_ri_proposal_notice", {
    steps: () => [
        {
            content: "The banner about new proposals sits above the records, inside the view",
            trigger: ".o_content .o_optima_ri_notice:contains(new recurring invoice proposals)",
        },
        {
            content: "It is not a notification",
            trigger: "body:not(:has(.o_notification:contains(recurring invoice proposals)))",
        },
        {
            content: "Click the banner",
            trigger: ".o_optima_ri_notice button",
            run: "click",
        },
        {
            content: "The proposal list opens with the proposal",
            trigger: ".o_breadcrumb:contains(Recurring invoice proposals)",
        },
        {
            content: "with the proposal",
            trigger: ".o_data_row:contains(Tour Buyer), .o_group_name:contains(Tour Buyer)",
        },
    ],
});

/** RI-27 on a phone: the template action opens as a kanban, with the same banner. */
registry.category("web_tour.tours").add("optima_ri_proposal_notice_mobile", {
    steps: () => [
        {
            content: "The kanban shows the banner above the cards",
            trigger: ".o_kanban_view .o_content .o_optima_ri_notice button",
            run: "click",
        },
        {
            content: "The proposals open",
            trigger: ".o_data_row:contains(Tour Buyer), .o_group_name:contains(Tour Buyer), .o_kanban_record:contains(Tour Buyer)",
        },
    ],
});
