/**
 * Optima asks Tak/Nie before some saves and state changes of a contact/task
 * (TASK-11, 12, 14, 15). The server decides what to ask; this controller only
 * shows the questions and passes the answer on. Non-UI callers never get them.
 */
import { _t } from "@web/core/l10n/translation";
import { ConfirmationDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { serializeDate, serializeDateTime } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { FormController } from "@web/views/form/form_controller";
import { formView } from "@web/views/form/form_view";

const MODEL = "optima.crm.task";
const CONFIRMED_BUTTONS = { action_close: "close" };

function m2oId(value) {
    if (!value) {
        return false;
    }
    return Array.isArray(value) ? value[0] : value.id || false;
}

export class OptimaCrmTaskFormController extends FormController {
    setup() {
        super.setup();
        this.notification = useService("notification");
    }

    askYesNo(body, title = _t("Confirmation")) {
        return new Promise((resolve) => {
            this.dialogService.add(
                ConfirmationDialog,
                {
                    title,
                    body,
                    confirmLabel: _t("Yes"),
                    cancelLabel: _t("No"),
                    confirm: () => resolve(true),
                    cancel: () => resolve(false),
                },
                { onClose: () => resolve(false) }
            );
        });
    }

    formValues(record) {
        const data = record.data;
        const participants = data.participant_ids?.records || [];
        const cycle = {};
        for (const [name, value] of Object.entries(data)) {
            if (name.startsWith("cycle_")) {
                cycle[name] = value && value.isLuxonDateTime ? serializeDate(value) : value;
            }
        }
        return {
            ...cycle,
            kind: data.kind,
            is_cyclic: data.is_cyclic,
            user_id: m2oId(data.user_id),
            parent_id: m2oId(data.parent_id),
            date_from: data.date_from ? serializeDateTime(data.date_from) : false,
            date_to: data.date_to ? serializeDateTime(data.date_to) : false,
            participant_user_ids: participants.map((line) => m2oId(line.data.user_id)),
        };
    }

    /**
     * AS-15: a participant to be reminded lacks the e-mail/phone of the chosen form. The
     * server refuses the save; the form shows the Participants tab where it is fixed.
     */
    showParticipantsIfContactMissing(record) {
        const data = record.data;
        if (!data.is_task || !data.auto_reminders_enabled || !data.auto_operator) {
            return;
        }
        const field = data.auto_operator_channel === "email" ? "email" : "phone";
        const lines = data.participant_ids?.records || [];
        if (lines.some((line) => line.data.reminder && !line.data[field])) {
            this.rootRef.el?.querySelector(".o_notebook .nav-link[name='participants']")?.click();
        }
    }

    async onWillSaveRecord(record, changes) {
        if (record.resModel !== MODEL || record !== this.model.root) {
            return super.onWillSaveRecord(...arguments);
        }
        this.showParticipantsIfContactMissing(record);
        const values = this.formValues(record);
        const warnings = await this.orm.call(MODEL, "get_save_warnings", [
            record.resId || false,
            values,
        ]);
        for (const message of warnings) {
            if (!(await this.askYesNo(message, _t("Confirm the task")))) {
                return false;
            }
        }
        if (!record.resId) {
            const hidden = await this.orm.call(MODEL, "will_be_hidden_from_creator", [values]);
            if (hidden) {
                // Saved for another operator the user may not see: save, tell, go back.
                const result = await this.orm.call(MODEL, "create_for_other_operator", [changes]);
                this.notification.add(result.message, { type: "info", sticky: false });
                await record.discard();
                this.env.config.historyBack();
                return false;
            }
        }
        return super.onWillSaveRecord(...arguments);
    }

    async beforeExecuteActionButton(clickParams) {
        const action = CONFIRMED_BUTTONS[clickParams.name];
        const record = this.model.root;
        if (action && record.resId) {
            const message = await this.orm.call(MODEL, "get_confirmation_message", [
                [record.resId],
                action,
            ]);
            if (message) {
                if (!(await this.askYesNo(message))) {
                    return false;
                }
                clickParams.buttonContext = { ...clickParams.buttonContext, optima_confirmed: true };
            }
        }
        return super.beforeExecuteActionButton(clickParams);
    }

    get deleteConfirmationDialogProps() {
        const props = super.deleteConfirmationDialogProps;
        const record = this.model.root;
        if (record.data.child_ids?.records?.length) {
            return {
                ...props,
                body: _t(
                    "The main task has linked tasks. Delete the linked tasks and the main task?"
                ),
                confirmLabel: _t("Yes"),
                cancelLabel: _t("No"),
                confirm: async () => {
                    await this.orm.call(MODEL, "unlink_confirmed", [[record.resId]]);
                    this.env.config.historyBack();
                },
            };
        }
        return props;
    }
}

registry.category("views").add("optima_crm_task_form", {
    ...formView,
    Controller: OptimaCrmTaskFormController,
});
