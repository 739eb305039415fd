# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""TASK-01 … TASK-20 on the server, with the acceptance scenarios of section 4."""

from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import OptimaTaskCase, utc


@tagged("post_install", "-at_install")
class TestTaskRules(OptimaTaskCase):
    # ------------------------------------------------------------ AS-01 … AS-05
    @freeze_time("2025-03-12 09:17:00")
    def test_as01_new_contact_defaults(self):
        form = Form(self.Task.with_user(self.jan).with_context(tz="Europe/Warsaw"))
        self.assertEqual(form.name, "AUTO")
        self.assertEqual(form.start_datetime, utc(2025, 3, 12, 10, 17))
        self.assertEqual(form.user_id, self.jan)
        self.assertEqual(form.state, "in_progress")
        self.assertEqual(form.service_phase, "pre")
        self.assertFalse(form.is_task)
        form.partner_id = self.abc
        self.assertEqual(form.user_id, self.ewa, "the contractor's salesperson is proposed")
        self.assertEqual(form.contact_person_id, self.anna, "the default representative")
        form.is_task = True
        self.assertEqual(form.date_from, utc(2025, 3, 12, 10, 17))
        self.assertEqual(form.date_to, utc(2025, 3, 12, 10, 17))
        self.assertEqual(form.priority, "1")

    def test_as02_partner_required(self):
        # The request's transaction is rolled back on the error, as the savepoint does here.
        with (
            self.assertRaisesRegex(ValidationError, "without a contractor"),
            self.env.cr.savepoint(),
        ):
            self.Task.create({"subject": "Oferta", "kind": "task"})
        self.assertFalse(self.Task.search([("subject", "=", "Oferta")]))

    def test_as03_numbering_across_years(self):
        # A scheme of its own: PostgreSQL sequences ignore the test's rollback.
        scheme = self.env["ir.sequence"].create(
            {
                "name": "CRM test",
                "code": "optima.crm.task",
                "prefix": "CRM/",
                "suffix": "/%(range_year)s",
                "padding": 0,
                "use_date_range": True,
            }
        )
        starts = [
            utc(2025, 3, 12, 10),
            utc(2025, 3, 13, 10),
            utc(2025, 12, 31, 23, 30),
            utc(2026, 1, 1, 0, 30),
        ]
        tasks = [self.task(numbering_id=scheme.id, start_datetime=start) for start in starts]
        self.assertEqual(starts[3], datetime(2025, 12, 31, 23, 30), "stored in UTC")
        self.assertEqual(
            [t.name for t in tasks], ["CRM/1/2025", "CRM/2/2025", "CRM/3/2025", "CRM/1/2026"]
        )
        self.assertEqual([t.number_seq for t in tasks], [1, 2, 3, 1])

    def test_as04_term_to_follows_and_order(self):
        form = Form(self.Task.with_context(tz="Europe/Warsaw"))
        form.partner_id = self.abc
        form.is_task = True
        form.date_from = utc(2025, 3, 12, 10, 17)
        form.date_to = utc(2025, 3, 12, 10, 17)
        form.date_from = utc(2025, 3, 14, 9, 0)
        self.assertEqual(form.date_to, utc(2025, 3, 14, 9, 0))
        form.date_to = utc(2025, 3, 13, 16, 0)
        with self.assertRaisesRegex(ValidationError, "cannot be earlier than Term from"):
            form.save()

    def test_as05_list_rendering_fields(self):
        contact = self.task()
        closed = self.task(kind="task")
        closed.action_close()
        cancelled = self.task(
            kind="task", description="Telefon w sprawie reklamacji\nKlient prosi o zwrot"
        )
        cancelled.action_close()
        cancelled.action_cancel()
        self.assertEqual((contact | closed | cancelled).mapped("kind_code"), ["K", "Z", "Z"])
        self.assertFalse(contact.priority)
        self.assertEqual(cancelled.display_subject, "Telefon w sprawie reklamacji")
        self.assertEqual(
            (contact | closed | cancelled).mapped("state"), ["in_progress", "done", "cancelled"]
        )

    # ------------------------------------------------------------ AS-06 due filters
    def test_as06_due_filters_with_time_zones(self):
        day = date(2025, 1, 15)
        tasks = {
            "A": self.task(
                kind="task", date_from=utc(2025, 1, 10, 9), date_to=utc(2025, 1, 20, 17)
            ),
            "B": self.task(
                kind="task", date_from=utc(2025, 1, 14, 22), date_to=utc(2025, 1, 14, 23, 30)
            ),
            "C": self.task(kind="task", date_from=utc(2025, 1, 16, 8), date_to=utc(2025, 1, 16, 9)),
            "D": self.task(
                kind="task", date_from=utc(2025, 1, 15, 0, 30), date_to=utc(2025, 1, 15, 1)
            ),
            "E": self.task(
                kind="task", date_from=utc(2025, 1, 15, 9), date_to=utc(2025, 1, 15, 10)
            ),
            "F": self.task(start_datetime=utc(2025, 1, 15, 9)),
        }
        tasks["E"].action_close()
        ids = {key: task.id for key, task in tasks.items()}
        scope = [("id", "in", list(ids.values()))]

        def found(flag, today):
            with patch.object(type(self.Task), "_today", lambda self: today):
                records = self.Task.search(scope + [(flag, "=", True)])
            return {key for key, task_id in ids.items() if task_id in records.ids}

        self.assertEqual(found("is_today", day), {"A", "D"})
        self.assertEqual(found("is_tomorrow", day), {"A", "C"})
        self.assertEqual(found("is_overdue", day), {"B"})
        self.assertIn("D", found("is_overdue", date(2025, 1, 16)))

    # ------------------------------------------------------------ TASK-01 kinds
    def test_task01_switch_to_contact_clears_task_fields(self):
        task = self.task(
            kind="task", reminder=True, participant_ids=[(0, 0, {"user_id": self.ewa.id})]
        )
        self.assertEqual(len(task.participant_ids), 2)
        task.kind = "contact"
        self.assertFalse(task.date_from)
        self.assertFalse(task.reminder)
        self.assertEqual(task.participant_ids.user_id, task.user_id)
        self.assertFalse(task.occurrence_ids)

    # ------------------------------------------------------------ TASK-04 states, AS-23
    def test_as23_cancel_and_unlock(self):
        contact = self.task()
        with self.assertRaisesRegex(UserError, "Only a closed contact/task can be cancelled"):
            contact.action_cancel()
        contact.action_close()
        contact.action_cancel()
        self.assertEqual(contact.state, "cancelled")
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            contact.unlink()
        with self.assertRaisesRegex(UserError, "cancelled contact/task cannot be unlocked"):
            contact.action_unlock()

    def test_as23_unlock_linked_needs_main_first(self):
        main = self.task(kind="task")
        linked = self.task(kind="task", parent_id=main.id)
        main.with_context(optima_confirmed=True).action_close()
        self.assertEqual(linked.state, "done")
        with self.assertRaisesRegex(UserError, rf"main task {main.name} is closed"):
            linked.action_unlock()
        main.action_unlock()
        linked.action_unlock()
        self.assertEqual(linked.state, "in_progress")

    def test_task04_unlock_requires_group(self):
        task = self.task(user=self.jan, kind="task")
        task.with_user(self.jan).action_close()
        with self.assertRaises(AccessError):
            task.with_user(self.jan).action_unlock()
        self.jan.group_ids += self.env.ref("optima_crm_tasks.group_task_unlock")
        task.with_user(self.jan).action_unlock()
        self.assertEqual(task.state, "in_progress")

    def test_task04_closed_record_is_frozen(self):
        task = self.task(kind="task", subject="Spotkanie")
        task.action_close()
        with self.assertRaisesRegex(UserError, "closed – changes are not allowed"):
            task.subject = "Zmiana"
        self.assertEqual(task.subject, "Spotkanie")
        task.message_post(body="Chatter stays usable")

    # ------------------------------------------------------------ TASK-05 percent, AS-20
    def test_as20_percent_step(self):
        task = self.task(kind="task")
        with self.assertRaisesRegex(ValidationError, "multiple of 25%"):
            task.percent_done = 30
        self.env.company.optima_task_percent_step = 10
        task.percent_done = 30
        self.assertEqual(task.percent_done, 30)
        self.env.company.optima_task_percent_step = 30
        allowed = [value for value in range(0, 101, 10) if self._percent_accepted(task, value)]
        self.assertEqual(allowed, [0, 30, 60, 90, 100])

    def _percent_accepted(self, task, value):
        try:
            with self.env.cr.savepoint():
                task.percent_done = value
                task.flush_recordset()
        except ValidationError:
            return False
        return True

    # ------------------------------------------------------------ TASK-12/13/14 threads
    def test_as16_new_linked_task_defaults(self):
        main = self.task(
            user=None,
            kind="task",
            subject="Wdrożenie",
            user_id=self.jan.id,
            participant_ids=[(0, 0, {"user_id": self.ewa.id})],
        )
        region = self.env["optima.crm.attribute"].create(
            {"code": "REGION_T", "name": "Region", "value_type": "text"}
        )
        main.attribute_line_ids = [(0, 0, {"attribute_id": region.id, "value_text": "Małopolska"})]
        action = main.action_new_linked_task()
        linked = self.Task.with_context(**action["context"]).create({})
        self.assertEqual(linked.parent_id, main)
        self.assertEqual(linked.kind, "task")
        self.assertEqual(linked.partner_id, self.abc)
        self.assertEqual(linked.subject, "Wdrożenie")
        self.assertEqual(linked.user_id, self.jan)
        self.assertEqual(linked.participant_ids.user_id, self.jan)
        self.assertEqual(linked.attribute_line_ids.value_text, "Małopolska")
        self.assertEqual(linked.state, "in_progress")
        # standing on the linked task attaches the new one to the same main task
        sibling_ctx = linked.action_new_linked_task()["context"]
        self.assertEqual(sibling_ctx["default_parent_id"], main.id)

    def test_as17_linked_term_beyond_main(self):
        main = self.task(kind="task", date_from=utc(2025, 3, 17, 8), date_to=utc(2025, 3, 20, 16))
        warnings = self.Task.get_save_warnings(
            False,
            {
                "kind": "task",
                "parent_id": main.id,
                "date_from": "2025-03-17 07:00:00",
                "date_to": "2025-03-21 08:00:00",
            },
        )
        self.assertIn(
            f"goes beyond the term of the main task {main.name} (20.03.2025 16:00)", warnings[0]
        )
        contact_main = self.task()
        warnings = self.Task.get_save_warnings(
            False,
            {
                "kind": "task",
                "parent_id": contact_main.id,
                "date_from": "2025-03-17 07:00:00",
                "date_to": "2025-03-21 08:00:00",
            },
        )
        self.assertFalse([w for w in warnings if "goes beyond" in w])

    def test_as18_linked_restrictions(self):
        main = self.task(kind="task")
        linked = self.task(kind="task", parent_id=main.id)
        with self.assertRaisesRegex(UserError, "Only main tasks can be copied"):
            linked.copy()
        main.with_context(optima_confirmed=True).action_close()
        with self.assertRaisesRegex(UserError, "Cannot add a linked task to a closed main task"):
            main.action_new_linked_task()

    def test_as19_linked_percent(self):
        main = self.task(kind="task")
        self.task(
            kind="task",
            parent_id=main.id,
            percent_done=100,
            date_from=utc(2025, 3, 1, 10),
            date_to=utc(2025, 3, 1, 14),
        )
        self.task(
            kind="task",
            parent_id=main.id,
            percent_done=25,
            date_from=utc(2025, 3, 1, 8),
            date_to=utc(2025, 3, 1, 16),
        )
        # (4h·100 + 8h·25) / 12h = 50
        self.assertEqual(main.linked_percent, 50)
        self.task(parent_id=main.id)  # a linked contact does not count
        self.assertEqual(main.linked_percent, 50)

    def test_as19_manual_example_and_zero_weights(self):
        main = self.task(kind="task")
        step = self.env.company
        step.optima_task_percent_step = 10
        self.task(
            kind="task",
            parent_id=main.id,
            percent_done=100,
            date_from=utc(2025, 3, 1, 10),
            date_to=utc(2025, 3, 1, 14),
        )
        self.task(
            kind="task",
            parent_id=main.id,
            percent_done=20,
            date_from=utc(2025, 3, 1, 8),
            date_to=utc(2025, 3, 1, 16),
        )
        self.assertEqual(main.linked_percent, 47, "0.4667 rounds half up to 47%")
        other = self.task(kind="task")
        moment = utc(2025, 3, 2, 8)
        self.task(
            kind="task", parent_id=other.id, percent_done=50, date_from=moment, date_to=moment
        )
        self.task(
            kind="task", parent_id=other.id, percent_done=100, date_from=moment, date_to=moment
        )
        self.assertEqual(other.linked_percent, 75)

    def test_as21_closing_a_main_task(self):
        main = self.task(kind="task")
        l1 = self.task(kind="task", parent_id=main.id)
        l2 = self.task(kind="task", parent_id=main.id)
        l3 = self.task(kind="task", parent_id=main.id)
        l3.action_close()
        self.assertIn("not closed", main._confirmation_message("close"))
        with self.assertRaisesRegex(UserError, "linked tasks that are not closed"):
            main.action_close()
        self.assertEqual((main | l1 | l2).mapped("state"), ["in_progress"] * 3)
        main.with_context(optima_confirmed=True).action_close()
        self.assertEqual((main | l1 | l2 | l3).mapped("state"), ["done"] * 4)

    def test_as22_deleting_a_main_task(self):
        main = self.task(kind="task")
        linked = self.task(kind="task", parent_id=main.id) | self.task(
            kind="task", parent_id=main.id
        )
        self.assertIn("Delete the linked tasks", main._confirmation_message("unlink"))
        with self.assertRaisesRegex(UserError, "has linked tasks"):
            main.unlink()
        main.with_context(optima_confirmed=True).unlink()
        self.assertFalse((main | linked).exists())

        main2 = self.task(kind="task")
        l1 = self.task(kind="task", parent_id=main2.id)
        l2 = self.task(kind="task", parent_id=main2.id)
        l2.action_close()
        with self.assertRaisesRegex(UserError, "has completed linked tasks"):
            main2.with_context(optima_confirmed=True).unlink()
        self.assertTrue((main2 | l1 | l2).exists())

    def test_task14_cancel_main_needs_cancelled_linked(self):
        main = self.task(kind="task")
        linked = self.task(kind="task", parent_id=main.id)
        main.with_context(optima_confirmed=True).action_close()
        with self.assertRaisesRegex(UserError, "until all its linked tasks are cancelled"):
            main.action_cancel()
        linked.action_cancel()
        main.action_cancel()
        self.assertEqual(main.state, "cancelled")

    # ------------------------------------------------------------ TASK-15/16 overlap, participants
    def test_as12_overlap_dialog(self):
        existing = self.task(
            kind="task",
            user_id=self.jan.id,
            date_from=utc(2025, 3, 14, 10),
            date_to=utc(2025, 3, 14, 11),
        )

        def warnings(start, end):
            return self.Task.with_user(self.jan).get_save_warnings(
                False,
                {
                    "kind": "task",
                    "user_id": self.jan.id,
                    "date_from": start,
                    "date_to": end,
                },
            )

        found = warnings("2025-03-14 09:30:00", "2025-03-14 11:00:00")  # 10:30–12:00 local
        self.assertEqual(len(found), 1)
        self.assertIn(existing.name, found[0])
        self.assertIn("Jan Nowak, 14.03.2025 10:00–14.03.2025 11:00", found[0])
        self.assertFalse(warnings("2025-03-14 10:00:00", "2025-03-14 11:00:00"), "touching is fine")
        existing.action_close()
        self.assertFalse(warnings("2025-03-14 09:30:00", "2025-03-14 11:00:00"))

    def test_as13_participants_and_operator_change(self):
        form = Form(self.Task.with_user(self.jan))
        form.partner_id = self.xyz
        form.is_task = True
        task = form.save()
        self.assertEqual(task.participant_ids.user_id, self.jan)
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.env.cr.savepoint(),
        ):
            task.participant_ids = [(0, 0, {"user_id": self.jan.id})]
            task.flush_recordset()
        with self.assertRaisesRegex(UserError, "cannot be removed from the participants"):
            task.participant_ids.unlink()
        task.user_id = self.jolanta
        self.assertEqual(task.participant_ids.user_id, self.jolanta)

        other = self.task(
            kind="task",
            user_id=self.jan.id,
            participant_ids=[(0, 0, {"user_id": self.krzysztof.id})],
        )
        other.user_id = self.jolanta
        self.assertEqual(
            set(other.participant_ids.user_id.ids),
            {self.jan.id, self.krzysztof.id, self.jolanta.id},
        )

    def test_as14_availability_column(self):
        busy = self.task(
            kind="task",
            user_id=self.jan.id,
            participant_ids=[(0, 0, {"user_id": self.krzysztof.id})],
            date_from=utc(2025, 3, 14, 9),
            date_to=utc(2025, 3, 14, 10),
        )
        new = self.task(
            kind="task",
            user_id=self.ewa.id,
            participant_ids=[
                (0, 0, {"user_id": self.krzysztof.id}),
                (0, 0, {"user_id": self.jolanta.id}),
            ],
            date_from=utc(2025, 3, 14, 9, 30),
            date_to=utc(2025, 3, 14, 10, 30),
        )
        by_user = {line.user_id: line for line in new.participant_ids}
        self.assertFalse(by_user[self.krzysztof].is_available)
        self.assertEqual(by_user[self.krzysztof].availability, "No")
        self.assertTrue(by_user[self.jolanta].is_available)
        busy.action_close()
        new.participant_ids.invalidate_recordset(["is_available", "availability"])
        self.assertTrue(by_user[self.krzysztof].is_available)

    # ------------------------------------------------------------ TASK-11 access, AS-24
    def test_as24_access_matrix(self):
        task = self.task(
            kind="task",
            user_id=self.jan.id,
            subject="Jana",
            participant_ids=[(0, 0, {"user_id": self.ewa.id})],
        )
        as_ewa = task.with_user(self.ewa)
        self.assertEqual(as_ewa.subject, "Jana", "a participant reads the task")
        with self.assertRaises(AccessError):
            as_ewa.write({"subject": "Ewy"})
        self.ewa.group_ids += self.env.ref("optima_crm_tasks.group_task_participant_edit")
        as_ewa.write({"subject": "Ewy"})
        self.assertEqual(task.subject, "Ewy")

    def test_task11_own_tasks_only_without_g1(self):
        mine = self.task(user=self.jan, kind="task")
        theirs = self.task(kind="task", user_id=self.krzysztof.id)
        visible = self.Task.with_user(self.jan).search([("id", "in", (mine | theirs).ids)])
        self.assertEqual(visible, mine)
        self.jan.group_ids += self.env.ref("optima_crm_tasks.group_task_read_others")
        visible = self.Task.with_user(self.jan).search([("id", "in", (mine | theirs).ids)])
        self.assertEqual(visible, mine | theirs)
        with self.assertRaises(AccessError):
            theirs.with_user(self.jan).write({"subject": "x"})
        self.jan.group_ids += self.env.ref("optima_crm_tasks.group_task_edit_others")
        theirs.with_user(self.jan).write({"subject": "x"})
        self.assertEqual(theirs.subject, "x")

    def test_task11_create_for_another_operator(self):
        created = self.Task.with_user(self.ewa).create(
            {"partner_id": self.abc.id, "kind": "task", "user_id": self.jan.id}
        )
        self.assertTrue(created.sudo().name.startswith("CRM/"))
        self.assertEqual(created.sudo().participant_ids.user_id, self.jan)
        self.assertFalse(self.Task.with_user(self.ewa).search([("id", "=", created.id)]))

    def test_as24_saved_for_another_operator_message(self):
        values = {"user_id": self.jan.id, "participant_user_ids": []}
        self.assertTrue(self.Task.with_user(self.ewa).will_be_hidden_from_creator(values))
        self.assertFalse(
            self.Task.with_user(self.ewa).will_be_hidden_from_creator(
                {**values, "participant_user_ids": [self.ewa.id]}
            )
        )
        result = self.Task.with_user(self.ewa).create_for_other_operator(
            {"partner_id": self.abc.id, "kind": "task", "user_id": self.jan.id}
        )
        task = self.Task.browse(result["id"])
        self.assertEqual(
            result["message"],
            f"Task {task.name} was saved for operator Jan Nowak. You have no access to other "
            "operators' tasks, so it will not be visible in the list.",
        )
        self.ewa.group_ids += self.env.ref("optima_crm_tasks.group_task_read_others")
        self.assertFalse(self.Task.with_user(self.ewa).will_be_hidden_from_creator(values))

    def test_task11_multi_company_isolation(self):
        other_company = self.env["res.company"].create({"name": "Firma B"})
        foreign = self.task(kind="task", company_id=other_company.id, partner_id=self.xyz.id)
        manager = self.env.ref("base.user_admin")
        visible = (
            self.Task.with_user(manager)
            .with_context(allowed_company_ids=[self.env.company.id])
            .search([("id", "=", foreign.id)])
        )
        self.assertFalse(visible)

    # ------------------------------------------------------------ TASK-17 time, AS-25/26/27
    def test_as25_contact_time_example(self):
        task = self.task(kind="task", subject="Oferta dla klienta")
        task.prep_time_now = 3.0
        task._commit_current_time()
        self.assertEqual((task.prep_time_prev, task.total_time), (3.0, 3.0))
        with freeze_time("2025-03-12 10:00:00"):
            task.action_timer_start()
        with freeze_time("2025-03-12 10:15:00"):
            task.action_save_times()
        self.assertAlmostEqual(task.contact_time_prev, 0.25)
        self.assertAlmostEqual(task.total_time, 3.25)
        task.write({"prep_time_now": 20 / 60})
        task._commit_current_time()
        self.assertAlmostEqual(task.prep_time_prev, 3 + 20 / 60)
        task.write({"contact_time_now": 1.0, "followup_time_now": 25 / 60})
        task._commit_current_time()
        self.assertAlmostEqual(task.total_time, 5.0)
        task.action_close()
        self.assertAlmostEqual(task.total_time, 5.0)
        with self.assertRaisesRegex(UserError, "closed"):
            task.prep_time_now = 1.0

    def test_as26_previous_time_permission_and_rounding(self):
        task = self.task(user=self.jan, kind="task", prep_time_now=3.0)
        task._commit_current_time()
        with self.assertRaisesRegex(AccessError, "previous contact time"):
            task.with_user(self.jan).prep_time_prev = 2.0
        self.jan.group_ids += self.env.ref("optima_crm_tasks.group_task_previous_time")
        task.with_user(self.jan).prep_time_prev = 2.0
        self.assertAlmostEqual(task.total_time, 2.0)
        for elapsed, expected in (("00:15:29", 15), ("00:15:30", 16)):
            with freeze_time("2025-03-12 10:00:00"):
                task.action_timer_start()
            with freeze_time(f"2025-03-12 10:{elapsed[3:]}"):
                with self.assertRaisesRegex(UserError, "Stop the automatic time recording"):
                    task.with_user(self.jan).prep_time_now = 1.0
                before = task.contact_time_now
                task.action_timer_stop()
            self.assertAlmostEqual((task.contact_time_now - before) * 60, expected)

    def test_as27_linked_time(self):
        main = self.task(kind="task", prep_time_now=5.0)
        main._commit_current_time()
        self.task(kind="task", parent_id=main.id, contact_time_now=1.5)._commit_current_time()
        self.task(parent_id=main.id, contact_time_now=20 / 60)._commit_current_time()
        self.assertAlmostEqual(main.linked_total_time, 1.5 + 20 / 60)
        self.assertAlmostEqual(main.total_time, 5.0, "the list column stays the main task's own")

    def test_task17_negative_time_refused(self):
        task = self.task(kind="task")
        with self.assertRaisesRegex(ValidationError, "Time cannot be negative"):
            task.prep_time_now = -1.0

    # ------------------------------------------------------------ TASK-18/20 partner, copy
    def test_task18_partner_smart_button(self):
        self.task()
        self.task(partner_id=self.anna.id)
        self.abc.invalidate_recordset(["optima_task_count"])
        self.assertEqual(self.abc.optima_task_count, 2)
        action = self.abc.action_view_optima_tasks()
        self.assertEqual(self.Task.search_count(action["domain"]), 2)

    @freeze_time("2025-03-20 10:42:00")
    def test_task20_copy(self):
        task = self.task(
            kind="task",
            percent_done=50,
            subject="Kopia",
            date_from=utc(2025, 1, 1, 9),
            date_to=utc(2025, 1, 1, 10),
        )
        task.action_close()
        copy = task.copy()
        self.assertNotEqual(copy.name, task.name)
        self.assertEqual(copy.state, "in_progress")
        self.assertEqual(copy.percent_done, 0)
        self.assertEqual(copy.date_from, utc(2025, 3, 20, 11, 42))
        self.assertEqual(copy.date_to, utc(2025, 3, 20, 11, 42))
        self.assertEqual(copy.subject, "Kopia")

    # ------------------------------------------------------------ TASK-08 threads, AS-42
    def test_as42_thread_view_filter(self):
        main_m = self.task(kind="task", start_datetime=utc(2025, 3, 10, 9))
        linked_l = self.task(
            kind="task",
            partner_id=self.xyz.id,
            parent_id=main_m.id,
            start_datetime=utc(2025, 4, 5, 9),
        )
        main_n = self.task(kind="task", partner_id=self.xyz.id, start_datetime=utc(2025, 3, 12, 9))
        threads = self.Task.with_context(optima_thread_view=True)
        scope = [("id", "in", (main_m | linked_l | main_n).ids)]
        self.assertEqual(
            threads.search(scope + [("partner_id", "=", self.abc.id)]),
            main_m | linked_l,
            "XYZ's linked task shows under ABC's thread",
        )
        in_march = scope + [
            ("start_datetime", ">=", utc(2025, 3, 1)),
            ("start_datetime", "<", utc(2025, 4, 1)),
        ]
        self.assertIn(linked_l, threads.search(in_march), "linked records always show")
        self.assertNotIn(linked_l, self.Task.search(in_march))

    # ------------------------------------------------------------ TASK-09 attributes, AS-43
    def test_as43_attributes_from_contractor(self):
        self.env.company.optima_transfer_partner_attributes = True
        attribute = self.env["optima.crm.attribute"]
        region = attribute.create(
            {"code": "REGION43", "name": "Region", "transfer_to_documents": True}
        )
        nip = attribute.create({"code": "NIP_CHECK43", "name": "NIP check"})
        self.env["optima.partner.attribute"].create(
            [
                {"partner_id": self.abc.id, "attribute_id": region.id, "value_text": "Małopolska"},
                {"partner_id": self.abc.id, "attribute_id": nip.id, "value_text": "OK"},
            ]
        )
        task = self.task()
        self.assertEqual(task.attribute_line_ids.attribute_id, region)
        self.assertEqual(task.attribute_line_ids.value_text, "Małopolska")
        task.action_close()
        with self.assertRaisesRegex(UserError, "closed"):
            task.attribute_line_ids.value_text = "Śląsk"

    def test_as43_numeric_attribute_sum(self):
        amount = self.env["optima.crm.attribute"].create(
            {"code": "KWOTA43", "name": "Kwota", "value_type": "number"}
        )
        lines = self.env["optima.crm.task.attribute"]
        for value in (100.50, 200.00):
            task = self.task()
            lines |= lines.create(
                {"task_id": task.id, "attribute_id": amount.id, "value_number": value}
            )
        groups = lines._read_group([("attribute_id", "=", amount.id)], [], ["value_number:sum"])
        self.assertAlmostEqual(groups[0][0], 300.50)
