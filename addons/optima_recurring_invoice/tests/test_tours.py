# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command, fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestProposalNoticeTour(HttpCase):
    def test_as52_notice_in_the_browser(self):
        """RI-27: the list shows the notice; clicking it opens the proposals and marks
        them seen, so the next open shows nothing."""
        admin = self.env.ref("base.user_admin")
        admin.optima_ri_proposals_seen_at = False
        buyer = self.env["res.partner"].create({"name": "Tour Buyer"})
        product = self.env["product.product"].create({"name": "Tour service", "type": "service"})
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": buyer.id,
                "invoice_date": "2025-01-10",
                "invoice_line_ids": [Command.create({"product_id": product.id, "price_unit": 1})],
            }
        )
        self.env["optima.recurring.proposal"].create(
            {
                "company_id": self.env.company.id,
                "document_kind": "fs",
                "product_ids": [Command.set(product.ids)],
                "series_ids": [
                    Command.create(
                        {
                            "partner_id": buyer.id,
                            "recipient_id": buyer.id,
                            "ref_day": 10,
                            "move_ids": [Command.set(move.ids)],
                        }
                    )
                ],
                "detected_at": fields.Datetime.now(),
                "signature": "tour",
            }
        )
        self.env.company.optima_ri_last_scan_date = fields.Date.today()
        action = self.env.ref("optima_recurring_invoice.action_optima_recurring_template")
        self.start_tour(f"/odoo/action-{action.id}", "optima_ri_proposal_notice", login="admin")
        self.assertTrue(admin.optima_ri_proposals_seen_at)


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
