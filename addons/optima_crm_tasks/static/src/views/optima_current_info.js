/** "Informacje bieżące": the tiles of today's, tomorrow's and overdue work (TASK-32). */
import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

export class OptimaCurrentInfo extends Component {
    static template = "optima_crm_tasks.CurrentInfo";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ panels: [], loaded: false });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.panels = await this.orm.call("optima.crm.current.info", "get_panels", []);
        this.state.loaded = true;
    }

    openPanel(panel) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            name: panel.title,
            res_model: panel.model,
            domain: panel.domain,
            views: [
                [false, "list"],
                [false, "kanban"],
                [false, "form"],
            ],
            target: "current",
        });
    }

    openRow(panel, row) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            res_model: panel.model,
            res_id: row.id,
            views: [[false, "form"]],
            target: "current",
        });
    }
}

registry.category("actions").add("optima_current_info", OptimaCurrentInfo);
