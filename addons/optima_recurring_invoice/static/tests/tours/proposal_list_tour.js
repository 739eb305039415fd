import { registry } from "@web/core/registry";

/** RI-28: a proposal is a folded row; the "plus" lists its documents and its buttons. */
registry.category("web_tour.tours").add("optima_ri_proposal_list", {
    steps: () => [
        {
            content: "The proposal row: type, contractor, products and the number of documents",
            trigger: ".o_group_header .o_group_name:contains(Sales invoice – Tour Buyer – Tour service):contains((3))",
        },
        {
            content: "Documents stay hidden until the row is expanded",
            trigger: ".o_list_view:not(:has(.o_data_row))",
        },
        {
            content: "Expand the proposal",
            trigger: ".o_group_header .o_group_name:contains(Tour Buyer)",
            run: "click",
        },
        {
            content: "Its documents are listed with buyer, recipient and dates",
            trigger: ".o_data_row:contains(Tour Buyer):contains(2025)",
        },
        {
            content: "all three of them",
            trigger: ".o_list_table:has(tbody .o_data_row + .o_data_row + .o_data_row)",
        },
        {
            content: "The proposal's buttons show on the expanded row",
            trigger: ".o_group_header .o_group_buttons button:contains(Add recurring invoice)",
        },
        {
            content: "Edit opens the invoice",
            trigger: ".o_data_row:first button[name=action_open_move]",
            run: "click",
        },
        {
            content: "The invoice form",
            trigger: ".o_form_view .o_field_widget[name=invoice_line_ids]:contains(Tour service)",
        },
    ],
});
