/**
 * The Terminarz shows task slots (occurrences); opening or creating an event works
 * on the task itself, as in Optima (TASK-31).
 */
import { registry } from "@web/core/registry";
import { serializeDateTime } from "@web/core/l10n/dates";
import { calendarView } from "@web/views/calendar/calendar_view";
import { CalendarController } from "@web/views/calendar/calendar_controller";
import { user } from "@web/core/user";

export class OptimaTerminarzController extends CalendarController {
    async editRecord(record, context = {}) {
        if (record.id) {
            const taskId = record.rawRecord.task_id?.id || record.rawRecord.task_id?.[0];
            return this.action.doAction({
                type: "ir.actions.act_window",
                res_model: "optima.crm.task",
                res_id: taskId,
                views: [[false, "form"]],
                target: "current",
            });
        }
        const start = record.start && serializeDateTime(record.start);
        const end = record.end && serializeDateTime(record.end);
        return this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "optima.crm.task",
            views: [[false, "form"]],
            target: "current",
            context: {
                default_kind: "task",
                default_date_from: start,
                default_date_to: end || start,
                default_start_datetime: start,
                default_user_id: this.defaultOperatorId(),
            },
        });
    }

    /** The single checked operator other than me, else me (TASK-31). */
    defaultOperatorId() {
        const section = this.model.filterSections?.find(
            (s) => s.fieldName === "attendee_user_ids"
        );
        const checked = (section?.filters || []).filter(
            (f) => f.active && f.type === "record" && f.value
        );
        const others = checked.filter((f) => f.value !== user.userId);
        return others.length === 1 && checked.length === 1 ? others[0].value : user.userId;
    }
}

registry.category("views").add("optima_terminarz", {
    ...calendarView,
    Controller: OptimaTerminarzController,
});
