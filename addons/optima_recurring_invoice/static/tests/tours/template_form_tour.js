import { registry } from "@web/core/registry";

/** The template form and its tabs render; a line shows its individual values. */
registry.category("web_tour.tours").add("optima_ri_template_form", {
    steps: () => [
        {
            content: "Open the template",
            trigger: ".o_data_row:contains(TOUR-ABON) td.o_data_cell",
            run: "click",
        },
        {
            content: "Invoice lines tab",
            trigger: ".o_notebook a:contains(Invoice lines)",
            run: "click",
        },
        {
            content: "Open the individual line",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:contains([—]) td.o_data_cell",
            run: "click",
        },
        {
            content: "Its individual values list the subject",
            trigger: ".modal .o_field_widget[name=value_ids] .o_data_row:contains(Tour Kontrahent)",
        },
        {
            content: "Close the line",
            trigger: ".modal .modal-footer button:contains(Discard), .modal .btn-close",
            run: "click",
        },
        {
            content: "Invoice header tab",
            trigger: ".o_notebook a:contains(Invoice header)",
            run: "click",
        },
        {
            content: "Subjects tab",
            trigger: ".o_notebook a:contains(Subjects)",
            run: "click",
        },
        {
            content: "The subject row is there",
            trigger: ".o_field_widget[name=subject_ids] .o_data_row:contains(Tour Kontrahent)",
        },
        {
            content: "Documents tab",
            trigger: ".o_notebook a:contains(Documents)",
            run: "click",
        },
        {
            content: "Generate invoices from the form",
            trigger: ".o_form_view .o_statusbar_buttons button:contains(Generate invoices)",
            run: "click",
        },
        {
            content: "Confirm the generation",
            trigger: ".modal button:contains(Generate)",
            run: "click",
        },
        {
            content: "The result dialog counts one invoice",
            trigger: ".modal:contains(Invoices generated: 1, skipped: 0, errors: 0.)",
        },
    ],
});
