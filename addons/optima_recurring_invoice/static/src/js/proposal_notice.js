/**
 * RI-27: the "new recurring invoice proposals" banner above the customer invoice, pro forma
 * and recurring template lists (and their kanban on phones). One cheap RPC per view open;
 * clicking it opens the proposal list, or shows the access message (M5) to users without
 * the right. The banner is part of the view, not a notification, so it stays where the
 * user looks and leaves with the view.
 */
import { patch } from "@web/core/utils/patch";
import { useService } from "@web/core/utils/hooks";
import { KanbanController } from "@web/views/kanban/kanban_controller";
import { ListController } from "@web/views/list/list_controller";
import { onMounted, useState } from "@odoo/owl";

function noticeWanted(controller) {
    if (controller.env.inDialog) {
        return false;
    }
    const model = controller.props.resModel;
    const context = controller.props.context || {};
    return (
        model === "optima.recurring.template" ||
        (model === "account.move" && context.default_move_type === "out_invoice")
    );
}

// A fresh object per patched class: ``super`` binds to the object it is written in.
const noticeMixin = () => ({
    setup() {
        super.setup(...arguments);
        this.optimaRiNotice = useState({ visible: false });
        this.optimaRiOrm = useService("orm");
        if (noticeWanted(this)) {
            onMounted(() => this._optimaRiLoadNotice());
        }
    },

    async _optimaRiLoadNotice() {
        try {
            this.optimaRiNotice.visible = await this.optimaRiOrm.call(
                "optima.recurring.proposal",
                "has_new_proposals",
                []
            );
        } catch {
            // The banner must never break the list.
        }
    },

    async onOptimaRiNoticeClick() {
        const action = await this.optimaRiOrm.call("optima.recurring.proposal", "action_open_list", []);
        this.optimaRiNotice.visible = false;
        await this.actionService.doAction(action);
    },
});

patch(ListController.prototype, noticeMixin());
patch(KanbanController.prototype, noticeMixin());
