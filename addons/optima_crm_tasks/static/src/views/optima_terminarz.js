/**
 * The Terminarz shows task slots (occurrences); opening or creating an event works
 * on the task itself, as in Optima (TASK-31).
 */
import { registry } from "@web/core/registry";
import { serializeDateTime } from "@web/core/l10n/dates";
import { calendarView } from "@web/views/calendar/calendar_view";
import { CalendarController } from "@web/views/calendar/calendar_controller";
import { CalendarRenderer } from "@web/views/calendar/calendar_renderer";
import { CalendarCommonRenderer } from "@web/views/calendar/calendar_common/calendar_common_renderer";
import { CalendarCommonPopover } from "@web/views/calendar/calendar_common/calendar_common_popover";
import { useService } from "@web/core/utils/hooks";
import { user } from "@web/core/user";

/**
 * Event popover: "Otwórz" for a task; for an occurrence of a cyclic task the two
 * buttons of the reminder list, "Otwórz zadanie cykliczne" and "Wyodrębnij" (TASK-31).
 */
export class OptimaTerminarzPopover extends CalendarCommonPopover {
    static subTemplates = {
        ...CalendarCommonPopover.subTemplates,
        footer: "optima_crm_tasks.TerminarzPopover.footer",
    };

    setup() {
        super.setup();
        this.orm = useService("orm");
        this.action = useService("action");
    }

    get isCyclic() {
        return Boolean(this.props.record.rawRecord.is_cyclic);
    }

    get isEventDeletable() {
        // A slot is removed through its task, never from the calendar.
        return false;
    }

    async onExtractEvent() {
        const action = await this.orm.call(
            "optima.crm.task.occurrence",
            "action_extract",
            [[this.props.record.id]]
        );
        this.props.close();
        return this.action.doAction(action);
    }
}

export class OptimaTerminarzCommonRenderer extends CalendarCommonRenderer {
    static components = {
        ...CalendarCommonRenderer.components,
        Popover: OptimaTerminarzPopover,
    };
}

export class OptimaTerminarzRenderer extends CalendarRenderer {
    static components = {
        ...CalendarRenderer.components,
        day: OptimaTerminarzCommonRenderer,
        week: OptimaTerminarzCommonRenderer,
        month: OptimaTerminarzCommonRenderer,
    };
}

export class OptimaTerminarzController extends CalendarController {
    async editRecord(record, context = {}) {
        if (record.id) {
            // The events carry no task_id (fewer fields per event): fetch it on click.
            const [slot] = await this.orm.read(
                "optima.crm.task.occurrence",
                [record.id],
                ["task_id"]
            );
            const taskId = slot.task_id[0];
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
    Renderer: OptimaTerminarzRenderer,
});
