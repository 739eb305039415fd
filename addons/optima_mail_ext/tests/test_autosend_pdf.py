# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Batch PDF printouts of the auto-sender, rendered by the real wkhtmltopdf."""

import io
from unittest.mock import patch

from odoo import Command
from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from .common import OptimaMailCase


def pdf_pages(content):
    reader = PdfFileReader(io.BytesIO(content))
    return [page.extract_text() for page in reader.pages]


@tagged("post_install", "-at_install")
class TestAutosendPdf(OptimaMailCase):
    def render(self, moves):
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        registry_class = type(Report)
        original = registry_class._run_wkhtmltopdf
        calls = []

        def counted(self_, bodies, *args, **kwargs):
            calls.append(len(bodies))
            return original(self_, bodies, *args, **kwargs)

        with patch.object(registry_class, "_run_wkhtmltopdf", counted):
            result = Report._optima_render_pdf_batch("account.report_invoice", moves.ids)
        return result, calls

    def test_one_call_for_one_page_invoices(self):
        moves = (
            self.invoice(self.abc, 101) | self.invoice(self.abc, 202) | self.invoice(self.abc, 303)
        )
        result, calls = self.render(moves)
        # Debian's wkhtmltopdf takes one input document: the three are joined into one.
        self.assertEqual(calls, [1])
        self.assertEqual(set(result), set(moves.ids))
        for move in moves:
            pages = pdf_pages(result[move.id])
            self.assertEqual(len(pages), 1)
            self.assertIn(move.name, pages[0])
            for other in moves - move:
                self.assertNotIn(other.name, pages[0])

    def test_multi_page_invoice_split_correctly(self):
        long = self.invoice(self.abc, 10)
        long.button_draft()
        long.write(
            {
                "invoice_line_ids": [
                    Command.create(
                        {"name": f"Pozycja {i}", "price_unit": 1.0, "tax_ids": [Command.clear()]}
                    )
                    for i in range(80)
                ]
            }
        )
        long.action_post()
        moves = self.invoice(self.abc, 101) | long | self.invoice(self.abc, 303)
        result, calls = self.render(moves)
        self.assertGreater(len(calls), 1)
        self.assertGreater(len(pdf_pages(result[long.id])), 1)
        for move in moves:
            pages = pdf_pages(result[move.id])
            self.assertIn(move.name, pages[0])
            for other in moves - move:
                self.assertFalse(any(other.name in page for page in pages))
