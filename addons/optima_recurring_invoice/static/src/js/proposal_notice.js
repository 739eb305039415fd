/**
 * RI-27: the "new recurring invoice proposals" notice on the customer invoice, pro forma
 * and recurring template lists. One cheap RPC per list open; clicking it opens the
 * proposal list, or shows the access message (M5) to users without the right.
 */
import { _t } from "@web/core/l10n/translation";
import { patch } from "@web/core/utils/patch";
import { ListController } from "@web/views/list/list_controller";
import { onMounted } from "@odoo/owl";

patch(ListController.prototype, {
    setup() {
        super.setup(...arguments);
        if (this._optimaRiNoticeWanted()) {
            onMounted(() => this._optimaRiNotice());
        }
    },

    _optimaRiNoticeWanted() {
        const model = this.props.resModel;
        const context = this.props.context || {};
        return (
            model === "optima.recurring.template" ||
            (model === "account.move" && context.default_move_type === "out_invoice")
        );
    },

    async _optimaRiNotice() {
        let fresh = false;
        try {
            fresh = await this.orm.call("optima.recurring.proposal", "has_new_proposals", []);
        } catch {
            return; // the notice must never break the list
        }
        if (!fresh) {
            return;
        }
        const close = this.env.services.notification.add(
            _t(
                "We have prepared new recurring invoice proposals for you. Click here to see them."
            ),
            {
                type: "info",
                sticky: true,
                buttons: [
                    {
                        name: _t("Show"),
                        primary: true,
                        onClick: async () => {
                            close();
                            const action = await this.orm.call(
                                "optima.recurring.proposal",
                                "action_open_list",
                                []
                            );
                            await this.actionService.doAction(action);
                        },
                    },
                ],
            }
        );
    },
});
