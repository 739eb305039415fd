# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.local_time import to_local
from ..tools.reminder_leads import REMINDER_LEAD_SELECTION

CHANNELS = [("sms", "SMS"), ("email", "E-mail")]
# Task fields of the [Automatyczne przypomnienia] tab, copied by an extraction (TASK-29).
AUTO_REMINDER_FIELDS = (
    "auto_client",
    "auto_client_channel",
    "auto_client_mail_template_id",
    "auto_client_sms_template_id",
    "auto_client_lead",
    "auto_client_phone",
    "auto_client_email",
    "auto_client_copy_to",
    "auto_operator",
    "auto_operator_channel",
    "auto_operator_mail_template_id",
    "auto_operator_sms_template_id",
    "auto_operator_lead",
    "auto_operator_copy_to",
)


def no_account_message(env):
    return env._(
        "To choose the e-mail form, first select an e-mail account in the configuration "
        "of the automatic reminders."
    )


def split_addresses(text):
    """The comma list "Wysyłaj kopie wiadomości na adres"."""
    return [part.strip() for part in (text or "").replace(";", ",").split(",") if part.strip()]


def _company_default(name):
    return lambda self: self.env.company[name]


class OptimaCrmTaskAutoReminderMixin(models.AbstractModel):
    """The [Automatyczne przypomnienia] tab of a task (TASK-24), kept apart from the core.

    Defaults come from the company's "Automat przypomnień"; the C2 cron in
    ``optima.crm.task.reminder.log`` sends what these fields describe.
    """

    _name = "optima.crm.task.auto.reminder.mixin"
    _description = "CRM task automatic reminders"

    auto_reminders_enabled = fields.Boolean(
        string="Automatic reminders on", compute="_compute_auto_reminders_enabled"
    )
    auto_client = fields.Boolean(
        string="Generate automatic reminders for clients",
        default=_company_default("optima_auto_client_default"),
        help="Optima: Generuj automatyczne przypomnienia dla klientów.",
    )
    auto_client_channel = fields.Selection(
        CHANNELS,
        string="Client reminder form",
        default=lambda self: self.env.company.optima_auto_client_channel or "email",
    )
    auto_client_mail_template_id = fields.Many2one(
        "mail.template",
        string="Client e-mail template",
        domain="[('model', '=', 'optima.crm.task')]",
        default=_company_default("optima_auto_client_mail_template_id"),
    )
    auto_client_sms_template_id = fields.Many2one(
        "sms.template",
        string="Client SMS template",
        domain="[('model', '=', 'optima.crm.task')]",
        default=_company_default("optima_auto_client_sms_template_id"),
    )
    auto_client_lead = fields.Selection(
        REMINDER_LEAD_SELECTION,
        string="Client reminder lead",
        default=lambda self: self.env.company.optima_auto_client_lead or "1d",
    )
    auto_client_phone = fields.Char(
        string="Client phone",
        compute="_compute_auto_client_contacts",
        store=True,
        readonly=False,
        help="Defaults to the contact person's phone, else the contractor's.",
    )
    auto_client_email = fields.Char(
        string="Client e-mail",
        compute="_compute_auto_client_contacts",
        store=True,
        readonly=False,
        help="Defaults to the contact person's e-mail, else the contractor's.",
    )
    auto_client_copy_to = fields.Char(
        string="Send copies to (clients)",
        help="Optima: Wysyłaj kopie wiadomości na adres – comma-separated; each copy is a "
        "separate message.",
    )
    auto_operator = fields.Boolean(
        string="Generate automatic reminders for operators",
        default=_company_default("optima_auto_operator_default"),
        help="Optima: Generuj automatyczne przypomnienia dla operatorów – every participant "
        "with Reminder checked.",
    )
    auto_operator_channel = fields.Selection(
        CHANNELS,
        string="Operator reminder form",
        default=lambda self: self.env.company.optima_auto_operator_channel or "email",
    )
    auto_operator_mail_template_id = fields.Many2one(
        "mail.template",
        string="Operator e-mail template",
        domain="[('model', '=', 'optima.crm.task')]",
        default=_company_default("optima_auto_operator_mail_template_id"),
    )
    auto_operator_sms_template_id = fields.Many2one(
        "sms.template",
        string="Operator SMS template",
        domain="[('model', '=', 'optima.crm.task')]",
        default=_company_default("optima_auto_operator_sms_template_id"),
    )
    auto_operator_lead = fields.Selection(
        REMINDER_LEAD_SELECTION,
        string="Operator reminder lead",
        default=lambda self: self.env.company.optima_auto_operator_lead or "1h",
    )
    auto_operator_copy_to = fields.Char(
        string="Send copies to (operators)",
        help="Optima: Wysyłaj kopie wiadomości na adres – comma-separated; each copy is a "
        "separate message.",
    )
    auto_reminder_label = fields.Char(
        string="Automatic",
        compute="_compute_auto_reminder_label",
        help="Optima: column Automat – Yes when client or operator reminders are generated.",
    )
    date_from_display = fields.Char(
        string="Task start term",
        compute="_compute_term_display",
        help="Optima placeholder: Termin rozpoczęcia zadania (dd.mm.yyyy HH:MM, task time "
        "zone; the occurrence's for a cyclic task).",
    )
    date_to_display = fields.Char(
        string="Task end term",
        compute="_compute_term_display",
        help="Optima placeholder: Termin zakończenia zadania.",
    )

    @api.depends("company_id.optima_auto_reminders_enabled")
    def _compute_auto_reminders_enabled(self):
        for task in self:
            task.auto_reminders_enabled = task.company_id.optima_auto_reminders_enabled

    @api.depends("partner_id", "contact_person_id")
    def _compute_auto_client_contacts(self):
        for task in self:
            person, partner = task.contact_person_id, task.partner_id
            task.auto_client_email = person.email or partner.email
            task.auto_client_phone = person.phone or partner.phone

    @api.depends("kind", "auto_client", "auto_operator")
    def _compute_auto_reminder_label(self):
        for task in self:
            automatic = task.kind == "task" and (task.auto_client or task.auto_operator)
            task.auto_reminder_label = self.env._("Yes") if automatic else self.env._("No")

    @api.depends("date_from", "date_to", "tz")
    @api.depends_context("optima_occurrence_id")
    def _compute_term_display(self):
        slot = self.env["optima.crm.task.occurrence"].browse(
            self.env.context.get("optima_occurrence_id")
        )
        for task in self:
            own = slot if slot and slot.task_id == task else None
            start = own.date_from if own else task.date_from
            end = own.date_to if own else task.date_to
            task.date_from_display = task._format_term(start)
            task.date_to_display = task._format_term(end)

    def _format_term(self, value):
        return to_local(value, self.tz).strftime("%d.%m.%Y %H:%M") if value else ""

    def _uses_email_without_account(self):
        self.ensure_one()
        email = (self.auto_client and self.auto_client_channel == "email") or (
            self.auto_operator and self.auto_operator_channel == "email"
        )
        return email and not self.company_id.optima_auto_reminder_mail_server_id

    def _auto_reminders_active(self):
        return self.filtered(lambda t: t.kind == "task" and t.auto_reminders_enabled)

    @api.onchange("auto_client_channel", "auto_operator_channel", "auto_client", "auto_operator")
    def _onchange_auto_channel(self):
        if self.auto_reminders_enabled and self._uses_email_without_account():
            if self.auto_client_channel == "email":
                self.auto_client_channel = "sms"
            if self.auto_operator_channel == "email":
                self.auto_operator_channel = "sms"
            return {
                "warning": {"title": self.env._("E-mail"), "message": no_account_message(self.env)}
            }
        return None

    @api.constrains(
        "auto_client", "auto_client_channel", "auto_operator", "auto_operator_channel", "kind"
    )
    def _check_auto_reminder_account(self):
        for task in self._auto_reminders_active():
            if task._uses_email_without_account():
                raise ValidationError(no_account_message(self.env))

    @api.constrains("auto_operator", "auto_operator_channel", "participant_ids", "kind")
    def _check_participant_reminder_contacts(self):
        """AS-15: a participant to be reminded needs the address of the chosen form."""
        for task in self._auto_reminders_active().filtered("auto_operator"):
            by_email = task.auto_operator_channel == "email"
            for line in task.participant_ids.filtered("reminder"):
                if not (line.email if by_email else line.phone):
                    raise ValidationError(
                        self.env._(
                            "Participant %(name)s has the reminder checked, but the field "
                            "%(field)s is empty. Fill it in on the Participants tab.",
                            name=line.user_id.name,
                            field=self.env._("E-mail address") if by_email else self.env._("Phone"),
                        )
                    )

    def action_participants_remind_all(self):
        """ "Zaznacz wszystkie" (Optima: Ctrl+A) on the participants' reminder column."""
        self._check_in_progress()
        self.participant_ids.write({"reminder": True})
        return True

    def action_participants_remind_none(self):
        """ "Odznacz wszystkie" (Optima: Ctrl+O)."""
        self._check_in_progress()
        self.participant_ids.write({"reminder": False})
        return True

    def _auto_reminder_extraction_vals(self):
        self.ensure_one()
        return self._convert_to_write({name: self[name] for name in AUTO_REMINDER_FIELDS})

    def _next_auto_reminder_moment(self):
        """Earliest future send moment of these tasks' slots, to wake C2 just in time."""
        now = fields.Datetime.now()
        moments = [
            moment
            for slot in self._auto_reminders_active().occurrence_ids
            if slot.state == "pending"
            for moment in (slot.auto_client_at, slot.auto_operator_at)
            if moment and moment > now
        ]
        return min(moments, default=None)
