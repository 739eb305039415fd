/**
 * "Przypomnienia" (Optima's Przypominacz, TASK-23): the user's due reminders in the
 * top bar, and a toast with the same actions when the C1 cron finds a new one.
 */
import { Component, onWillStart, useState } from "@odoo/owl";
import { Dropdown } from "@web/core/dropdown/dropdown";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

const MODEL = "optima.crm.task.occurrence";
const TOAST_DELAY = 3_600_000; // Optima's pop-up closes after one hour
// "Odłóż" hides an item until the next login or reload: web client memory only.
const snoozed = new Set();

export class OptimaReminderSystray extends Component {
    static components = { Dropdown };
    static props = [];
    static template = "optima_crm_tasks.ReminderSystray";

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.notification = useService("notification");
        this.state = useState({ items: [], filter: "all" });
        onWillStart(() => this.load());
        useService("bus_service").subscribe("optima_crm_reminder", (payload) => {
            for (const item of payload.items || []) {
                this.toast(item);
            }
            this.load();
        });
    }

    async load() {
        const items = await this.orm.call(MODEL, "get_reminder_items", []);
        this.state.items = items.filter((item) => !snoozed.has(item.id));
    }

    get visibleItems() {
        const filter = this.state.filter;
        return this.state.items.filter((item) => filter === "all" || item.status === filter);
    }

    toast(item) {
        const close = this.notification.add(`${item.date_from} · ${item.partner}`, {
            title: item.title,
            type: "warning",
            autocloseDelay: TOAST_DELAY,
            buttons: [
                {
                    name: item.is_cyclic ? _t("Open cyclic task") : _t("Open"),
                    primary: true,
                    onClick: () => { close(); this.open(item); },
                },
                ...(item.is_cyclic
                    ? [{ name: _t("Extract"), onClick: () => { close(); this.extract(item); } }]
                    : []),
                { name: _t("Dismiss"), onClick: () => { close(); this.dismiss(item); } },
                { name: _t("Snooze"), onClick: () => { close(); this.snooze(item); } },
            ],
        });
    }

    open(item) {
        return this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "optima.crm.task",
            res_id: item.task_id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    /** "Wyodrębnij aktualne zadanie z serii i utwórz osobne zadanie" (TASK-23). */
    async extract(item) {
        const action = await this.orm.call(MODEL, "action_extract", [[item.id]]);
        await this.load();
        return this.action.doAction(action);
    }

    async dismiss(item) {
        await this.orm.call(MODEL, "action_dismiss_reminder", [[item.id]]);
        await this.load();
    }

    snooze(item) {
        snoozed.add(item.id);
        this.state.items = this.state.items.filter((i) => i.id !== item.id);
    }
}

registry
    .category("systray")
    .add("optima_crm_tasks.reminders", { Component: OptimaReminderSystray }, { sequence: 25 });
