# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import math

from odoo import api, fields, models

MEGABYTE = 1048576


def format_size(size):
    """MAIL-23: below 1 048 576 bytes in KB rounded up, else in MB with 2 decimals."""
    size = size or 0
    if size < MEGABYTE:
        return f"{math.ceil(size / 1024)} KB"
    return f"{size / MEGABYTE:.2f} MB"


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    optima_size_display = fields.Char(string="Size", compute="_compute_optima_size_display")

    @api.depends("file_size")
    def _compute_optima_size_display(self):
        for attachment in self:
            attachment.optima_size_display = format_size(attachment.file_size)
