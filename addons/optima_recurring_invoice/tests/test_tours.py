# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, fields
from odoo.tests import HttpCase, tagged


class ProposalTourCase(HttpCase):
    """An open proposal of "Tour Buyer", new for admin, the day's scan already done."""

    def setUp(self):
        super().setUp()
        self.admin = self.env.ref("base.user_admin")
        self.admin.optima_ri_proposals_seen_at = False
        buyer = self.env["res.partner"].create({"name": "Tour Buyer", "ref": "TB"})
        product = self.env["product.product"].create({"name": "Tour service", "type": "service"})
        self.moves = self.env["account.move"].create(
            [
                {
                    "move_type": "out_invoice",
                    "partner_id": buyer.id,
                    "invoice_date": day,
                    "invoice_line_ids": [
                        Command.create({"product_id": product.id, "price_unit": 1})
                    ],
                }
                for day in ("2025-01-10", "2025-02-10", "2025-03-10")
            ]
        )
        self.proposal = self.env["optima.recurring.proposal"].create(
            {
                "company_id": self.env.company.id,
                "document_kind": "fs",
                "currency_id": self.env.company.currency_id.id,
                "product_ids": [Command.set(product.ids)],
                "series_ids": [
                    Command.create(
                        {
                            "partner_id": buyer.id,
                            "recipient_id": buyer.id,
                            "ref_day": 10,
                            "move_ids": [Command.set(self.moves.ids)],
                        }
                    )
                ],
                "detected_at": fields.Datetime.now(),
                "signature": "tour",
            }
        )
        self.env.company.optima_ri_last_scan_date = fields.Date.today()


@tagged("post_install", "-at_install")
class TestProposalNoticeTour(ProposalTourCase):
    def test_as52_notice_in_the_browser(self):
        """RI-27: the template list shows the inline banner; clicking it opens the
        proposals and marks them seen, so the next open shows nothing."""
        action = self.env.ref("optima_recurring_invoice.action_optima_recurring_template")
        self.start_tour(f"/odoo/action-{action.id}", "optima_ri_proposal_notice", login="admin")
        self.assertTrue(self.admin.optima_ri_proposals_seen_at)
        self.assertFalse(
            self.env["optima.recurring.proposal"].with_user(self.admin).has_new_proposals()
        )

    def test_ri27_banner_on_customer_invoices(self):
        action = self.env.ref("account.action_move_out_invoice_type")
        self.start_tour(f"/odoo/action-{action.id}", "optima_ri_proposal_notice", login="admin")
        self.assertTrue(self.admin.optima_ri_proposals_seen_at)

    def test_ri27_banner_on_pro_formas(self):
        action = self.env.ref("optima_recurring_invoice.action_optima_proforma_invoices")
        self.start_tour(f"/odoo/action-{action.id}", "optima_ri_proposal_notice", login="admin")
        self.assertTrue(self.admin.optima_ri_proposals_seen_at)


@tagged("post_install", "-at_install")
class TestProposalListTour(ProposalTourCase):
    def test_ri28_proposal_rows_expand_in_the_browser(self):
        action = self.env.ref("optima_recurring_invoice.action_optima_recurring_proposal")
        self.start_tour(f"/odoo/action-{action.id}", "optima_ri_proposal_list", login="admin")

    def test_ri29_preview_dialog_in_the_wizard(self):
        """RI-29 Podgląd: the subject row opens its own dialog; what is saved there
        reaches the template."""
        action = self.env.ref("optima_recurring_invoice.action_optima_recurring_proposal")
        self.start_tour(
            f"/odoo/action-{action.id}", "optima_ri_proposal_wizard_preview", login="admin"
        )
        template = self.env["optima.recurring.template"].search([("code", "=like", "FA/CYKL/%")])
        self.assertEqual(len(template), 1)
        self.assertEqual(template.subject_ids.partner_id.name, "Tour Buyer")
        self.assertEqual(str(template.subject_ids.date_to), "2030-12-31")
        self.assertEqual(self.proposal.state, "converted")


@tagged("post_install", "-at_install")
class TestProposalNoticeMobileTour(ProposalTourCase):
    browser_size = "375x667"
    touch_enabled = True

    def test_ri27_banner_on_a_phone(self):
        """The template action opens as a kanban on a phone, with the same banner."""
        action = self.env.ref("optima_recurring_invoice.action_optima_recurring_template")
        self.start_tour(
            f"/odoo/action-{action.id}", "optima_ri_proposal_notice_mobile", login="admin"
        )
        self.assertTrue(self.admin.optima_ri_proposals_seen_at)

    def test_ri28_proposal_rows_on_a_phone(self):
        action = self.env.ref("optima_recurring_invoice.action_optima_recurring_proposal")
        self.start_tour(f"/odoo/action-{action.id}", "optima_ri_proposal_list", login="admin")

    def test_ri29_preview_dialog_on_a_phone(self):
        action = self.env.ref("optima_recurring_invoice.action_optima_recurring_proposal")
        self.start_tour(
            f"/odoo/action-{action.id}", "optima_ri_proposal_wizard_preview", login="admin"
        )
        template = self.env["optima.recurring.template"].search([("code", "=like", "FA/CYKL/%")])
        self.assertEqual(str(template.subject_ids.date_to), "2030-12-31")


@tagged("post_install", "-at_install")
class TestTemplateFormTour(HttpCase):
    def test_template_form_and_generation_in_the_browser(self):
        partner = self.env["res.partner"].create({"name": "Tour Kontrahent", "ref": "TOURK"})
        product = self.env["product.product"].create(
            {"name": "Tour abonament", "type": "service", "list_price": 10}
        )
        template = self.env["optima.recurring.template"].create(
            {
                "code": "TOUR-ABON",
                "name": "Tour abonament",
                "line_ids": [
                    Command.create(
                        {"product_id": product.id, "qty_mode": "individual", "price_unit": 10}
                    )
                ],
            }
        )
        template.party_ids = [Command.create({"kind": "subject", "partner_id": partner.id})]
        template.line_ids.value_ids.quantity = 2
        action = self.env.ref("optima_recurring_invoice.action_optima_recurring_template")
        self.start_tour(f"/odoo/action-{action.id}", "optima_ri_template_form", login="admin")
        move = template.move_ids
        self.assertEqual(len(move), 1)
        self.assertEqual(move.invoice_line_ids.quantity, 2)


@tagged("post_install", "-at_install")
class TestBackgroundRunTour(HttpCase):
    def test_ri14_run_in_progress_in_the_browser(self):
        """RI-14 with the limit at 3: TOUR-BG-1 (2 subjects) is generated in the request,
        TOUR-BG-2 (2 more) waits for the cron; the dialog and the log show it in progress."""
        self.env["ir.config_parameter"].set_param("optima_recurring_invoice.background_limit", 3)
        partners = self.env["res.partner"].create(
            [{"name": f"Tour BG {i}", "ref": f"TBG{i}"} for i in range(2)]
        )
        product = self.env["product.product"].create(
            {"name": "Tour BG service", "type": "service", "list_price": 10}
        )
        templates = self.env["optima.recurring.template"].create(
            [
                {
                    "code": f"TOUR-BG-{n}",
                    "name": f"Tour background {n}",
                    "next_date": fields.Date.context_today(self.env.user),
                    "line_ids": [Command.create({"product_id": product.id, "price_unit": 10})],
                    "party_ids": [
                        Command.create({"kind": "subject", "partner_id": partner.id})
                        for partner in partners
                    ],
                }
                for n in (1, 2)
            ]
        )
        action = self.env.ref("optima_recurring_invoice.action_optima_recurring_template")
        self.start_tour(f"/odoo/action-{action.id}", "optima_ri_background_run", login="admin")
        run = self.env["optima.recurring.run"].search([("origin", "=", "manual")], limit=1)
        self.assertEqual(run.state, "running")
        self.assertEqual(run.pending_template_ids, templates[1])
        self.assertEqual(len(templates[0].move_ids), 2)
        log = self.env.ref("optima_recurring_invoice.action_optima_recurring_run_log")
        self.start_tour(f"/odoo/action-{log.id}", "optima_ri_background_run_log", login="admin")
