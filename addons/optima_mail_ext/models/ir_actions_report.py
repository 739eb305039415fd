# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import io

import lxml.html

from odoo import models, modules, tools
from odoo.tools.pdf import PdfFileReader, PdfFileWriter

from odoo.addons.base.models.ir_actions_report import _wkhtml

PAGE_BREAK = '<div style="page-break-before: always; clear: both;"></div>'


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _optima_render_pdf_batch(self, report_ref, res_ids, data=None):
        """Render one printout per record with as few wkhtmltopdf calls as possible.

        Core's batch send (``account.move.send._prepare_invoice_pdf_report``) passes all
        records to one wkhtmltopdf call and splits the result by outlines, which needs a
        wkhtmltopdf built on patched Qt: Debian's build refuses several input documents.
        There, the records' bodies are joined into one document with page breaks; when the
        PDF has exactly one page per record (what core checks first as well) it is split
        page by page, otherwise the batch is halved until it does (a single record always
        renders alone). Test mode renders HTML, as ``_pre_render_qweb_pdf`` does.

        :return: ``{res_id: bytes}`` for every id of ``res_ids``
        """
        res_ids = list(res_ids)
        if not res_ids:
            return {}
        html_only = (modules.module.current_test or tools.config["test_enable"]) and not (
            self.env.context.get("force_report_rendering")
        )
        if html_only or _wkhtml().is_patched_qt or len(res_ids) == 1:
            content, report_type = self._pre_render_qweb_pdf(report_ref, res_ids, data=data)
            return self._get_splitted_report(report_ref, content, report_type)
        return self._optima_render_joined(report_ref, res_ids, data or {})

    def _optima_render_joined(self, report_ref, res_ids, data):
        if len(res_ids) == 1:
            content, report_type = self._pre_render_qweb_pdf(report_ref, res_ids, data=data)
            return self._get_splitted_report(report_ref, content, report_type)
        report = self._get_report(report_ref).with_context(debug=False)
        data = dict(data, report_type="pdf", debug=False)
        html = self.with_context(debug=False, webp_as_jpg=True)._render_qweb_html(
            report_ref, res_ids, data=data
        )[0]
        bodies, html_ids, header, footer, paper_args = report._prepare_html(
            html, report_model=report.model
        )
        if len(bodies) == len(res_ids) and set(html_ids) == set(res_ids):
            pdf = report._run_wkhtmltopdf(
                [self._optima_join_bodies(bodies)],
                report_ref=report_ref,
                header=header,
                footer=footer,
                landscape=self.env.context.get("landscape"),
                specific_paperformat_args=paper_args,
                set_viewport_size=self.env.context.get("set_viewport_size"),
            )
            reader = PdfFileReader(io.BytesIO(pdf))
            if len(reader.pages) == len(html_ids):
                result = {}
                for index, res_id in enumerate(html_ids):
                    writer = PdfFileWriter()
                    writer.add_page(reader.pages[index])
                    stream = io.BytesIO()
                    writer.write(stream)
                    result[res_id] = stream.getvalue()
                return result
        # Some record spans several pages: halve until each part maps one page per record.
        middle = len(res_ids) // 2
        result = self._optima_render_joined(report_ref, res_ids[:middle], data)
        result.update(self._optima_render_joined(report_ref, res_ids[middle:], data))
        return result

    def _optima_join_bodies(self, bodies):
        """One HTML document holding each body's content, each starting on a new page."""
        root = lxml.html.document_fromstring(bodies[0])
        target = root.find("body")
        for body in bodies[1:]:
            target.append(lxml.html.fragment_fromstring(PAGE_BREAK))
            for child in lxml.html.document_fromstring(body).find("body"):
                target.append(child)
        return "<!DOCTYPE html>" + lxml.html.tostring(root, encoding="unicode")
