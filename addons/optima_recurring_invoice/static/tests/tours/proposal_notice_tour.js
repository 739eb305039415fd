import { registry } from "@web/core/registry";

/** AS-52: the proposal notice on the template list opens the proposal list. */
registry.category("web_tour.tours").add("optima_ri_proposal_notice", {
    steps: () => [
        {
            content: "The notice about new proposals is shown",
            trigger: ".o_notification:contains(new recurring invoice proposals) .o_notification_buttons button",
            run: "click",
        },
        {
            content: "The proposal list opens with the proposal",
            trigger: ".o_list_view .o_data_row:contains(Tour Buyer)",
        },
    ],
});
