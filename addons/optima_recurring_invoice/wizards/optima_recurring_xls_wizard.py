# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Export/import of individual quantities and prices (RI-12).

Import is all-or-nothing: every row is checked first, errors are reported together
with their row numbers, and only a clean file writes values.
"""

import base64
import io

import openpyxl
import xlrd
import xlsxwriter

from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round

TYPE_TO_SUBJECT = {
    "K": "contractor",
    "P": "employee",
    "W": "associate",
    "B": "bank",
    "U": "tax_office",
}
SUBJECT_TO_TYPE = {value: key for key, value in TYPE_TO_SUBJECT.items()}
HEADERS = {"kod": "code", "typ": "type", "ilość": "quantity", "ilosc": "quantity", "cena": "price"}


class OptimaRecurringXlsWizard(models.TransientModel):
    _name = "optima.recurring.xls.wizard"
    _description = "Individual values spreadsheet (Optima: Eksport/import danych do arkusza)"

    line_id = fields.Many2one("optima.recurring.template.line", required=True, readonly=True)
    column = fields.Selection(
        [("quantity", "Individual quantities"), ("price", "Individual prices")],
        required=True,
        default="quantity",
    )
    file = fields.Binary(string="Spreadsheet")
    filename = fields.Char()

    # ------------------------------------------------------------------ export
    def _export_rows(self):
        line = self.line_id
        values = {value.party_id: value for value in line.value_ids}
        parties = line.template_id.group_ids.sorted(lambda p: (p.sequence, p.id)) + (
            line.template_id.subject_ids.sorted(lambda p: (p.sequence, p.id))
        )
        rows = []
        for party in parties:
            value = values.get(party)
            kind = "G" if party.kind == "group" else SUBJECT_TO_TYPE[party.subject_type]
            quantity = value.quantity if value and line.qty_mode == "individual" else None
            price = value.price_unit if value and line.price_mode == "individual" else None
            rows.append((party.code, kind, quantity or None, price or None))
        return rows

    def _action_open(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Import individual values"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }

    def _export_content(self):
        """The .xlsx bytes: header Kod|Typ|Ilość|Cena, groups then subjects."""
        self.ensure_one()
        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet()
        for column, title in enumerate(("Kod", "Typ", "Ilość", "Cena")):
            sheet.write(0, column, title)
        for row_index, row in enumerate(self._export_rows(), start=1):
            for column, cell in enumerate(row):
                if cell is not None:
                    sheet.write(row_index, column, cell)
        workbook.close()
        return buffer.getvalue()

    def _action_export(self):
        """Write the .xlsx and hand it to the browser."""
        self.write(
            {
                "file": base64.b64encode(self._export_content()),
                "filename": f"{self.line_id.template_id.code}_{self.line_id.id}.xlsx",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/file/{self.filename}?download=true",
            "target": "self",
        }

    # ------------------------------------------------------------------ import
    def _read_rows(self, content):
        """Rows of the first sheet as lists of cell values (xlsx via openpyxl, xls via xlrd)."""
        if content[:2] == b"PK":
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            return [list(row) for row in sheet.iter_rows(values_only=True)]
        if content[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            book = xlrd.open_workbook(file_contents=content)
            sheet = book.sheet_by_index(0)
            return [sheet.row_values(index) for index in range(sheet.nrows)]
        raise UserError(self.env._("Unsupported file format. Choose an .xlsx or .xls file."))

    @staticmethod
    def _text(cell):
        if cell is None:
            return ""
        if isinstance(cell, float) and cell.is_integer():
            return str(int(cell))
        return str(cell).strip()

    def _number(self, cell):
        if isinstance(cell, int | float) and not isinstance(cell, bool):
            return float(cell)
        text = self._text(cell).replace(" ", "").replace(",", ".")
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            return None

    def _header(self, rows):
        if not rows:
            raise UserError(
                self.env._(
                    "The sheet does not contain the required columns: Kod, Typ, Ilość, Cena."
                )
            )
        columns = {}
        for index, cell in enumerate(rows[0]):
            key = HEADERS.get(self._text(cell).lower())
            if key and key not in columns:
                columns[key] = index
        if set(columns) != {"code", "type", "quantity", "price"}:
            raise UserError(
                self.env._(
                    "The sheet does not contain the required columns: Kod, Typ, Ilość, Cena."
                )
            )
        return columns

    def _resolve(self, entries):
        """Codes to records with one query per type; returns {(type, code): record}."""
        found = {}
        by_type = {}
        for kind, code in entries:
            by_type.setdefault(kind, set()).add(code)
        for kind, codes in by_type.items():
            if kind == "G":
                tags = self.env["res.partner.category"].search(
                    ["|", ("optima_code", "in", list(codes)), ("name", "in", list(codes))]
                )
                for tag in tags:
                    for code in (tag.optima_code, tag.name):
                        if code in codes:
                            found.setdefault(("G", code), tag)
            else:
                partners = (
                    self.env["res.partner"]
                    .with_context(active_test=False)
                    .search(
                        [
                            ("optima_subject_type", "=", TYPE_TO_SUBJECT[kind]),
                            "|",
                            ("ref", "in", list(codes)),
                            ("name", "in", list(codes)),
                        ]
                    )
                )
                for partner in partners:
                    for code in (partner.ref, partner.name):
                        if code in codes:
                            found.setdefault((kind, code), partner)
        return found

    def action_import(self):
        self.ensure_one()
        if not self.file:
            raise UserError(self.env._("Choose the file to import."))
        rows = self._read_rows(base64.b64decode(self.file))
        columns = self._header(rows)
        errors, parsed = [], []
        for number, row in enumerate(rows[1:], start=2):
            cells = list(row) + [None] * 4
            code = self._text(cells[columns["code"]])
            kind = self._text(cells[columns["type"]]).upper()
            if not code and not kind and cells[columns[self.column]] in (None, ""):
                continue
            parsed.append((number, kind, code, cells[columns[self.column]]))
        found = self._resolve(
            {
                (kind, code)
                for _n, kind, code, _v in parsed
                if kind == "G" or kind in TYPE_TO_SUBJECT
            }
        )
        template = self.line_id.template_id
        party_of = {}
        for party in template.party_ids:
            key = party.category_id if party.kind == "group" else party.partner_id
            party_of.setdefault(key, party)
        digits = (
            max(2, 4)
            if self.column == "price"
            else self.env["decimal.precision"].precision_get("Product Unit")
        )
        seen, updates = set(), {}
        for number, kind, code, raw in parsed:
            record = found.get((kind, code))
            if not record:
                errors.append(
                    self.env._(
                        "Subject code %(code)s read from the Excel sheet was not found in the "
                        "database!",
                        code=code,
                    )
                )
                continue
            if (kind, code) in seen:
                errors.append(
                    self.env._(
                        "Row %(row)s: subject %(code)s (%(type)s) appears in the sheet more "
                        "than once.",
                        row=number,
                        code=code,
                        type=kind,
                    )
                )
                continue
            seen.add((kind, code))
            party = party_of.get(record)
            if not party:
                errors.append(
                    self.env._(
                        "Row %(row)s: subject %(code)s (%(type)s) is not assigned to the template.",
                        row=number,
                        code=code,
                        type=kind,
                    )
                )
                continue
            value = self._number(raw)
            if value is None or value < 0:
                errors.append(
                    self.env._(
                        "Row %(row)s: invalid value in column %(column)s: “%(value)s”.",
                        row=number,
                        column="Cena" if self.column == "price" else "Ilość",
                        value=self._text(raw),
                    )
                )
                continue
            updates[party] = float_round(value, precision_digits=digits)
        if errors:
            raise UserError("\n".join(errors))
        self._write_values(updates)
        return {"type": "ir.actions.act_window_close"}

    def _write_values(self, updates):
        field = "price_unit" if self.column == "price" else "quantity"
        values = {value.party_id: value for value in self.line_id.value_ids}
        for party, amount in updates.items():
            if party in values:
                values[party][field] = amount
            else:
                self.env["optima.recurring.template.line.value"].create(
                    {"line_id": self.line_id.id, "party_id": party.id, field: amount}
                )
