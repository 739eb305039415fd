# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class OptimaCrmTaskLink(models.Model):
    """A document associated with a contact/task ("Dokumenty skojarzone", TASK-19).

    Any model may be linked; ``_selection_document_models`` is the registry of the
    types offered in the UI, which other Optima addons extend.
    """

    _name = "optima.crm.task.link"
    _inherit = ["optima.crm.task.line.mixin"]
    _description = "CRM contact/task associated document"
    _order = "task_id, id"

    task_id = fields.Many2one("optima.crm.task", required=True, ondelete="cascade", index=True)
    res_model = fields.Selection(
        "_selection_document_models", string="Document type", required=True
    )
    res_id = fields.Many2oneReference(string="Document ID", model_field="res_model", required=True)
    document_ref = fields.Reference(
        "_selection_document_models", string="Document", compute="_compute_document_ref"
    )
    company_id = fields.Many2one(related="task_id.company_id", store=True)

    _document_uniq = models.Constraint(
        "UNIQUE(task_id, res_model, res_id)", "This document is already linked to the task."
    )
    _document_idx = models.Index("(res_model, res_id)")

    @api.model
    def _selection_document_models(self):
        return [
            ("account.move", _("Invoice")),
            ("account.payment", _("Payment")),
            ("optima.crm.task", _("Contact/task")),
        ]

    @api.depends("res_model", "res_id")
    def _compute_document_ref(self):
        for link in self:
            link.document_ref = f"{link.res_model},{link.res_id}" if link.res_model else False

    @api.ondelete(at_uninstall=False)
    def _unlink_except_posted_from_document_side(self):
        if not self.env.context.get("optima_link_from_document"):
            return
        moves = self.filtered(lambda link: link.res_model == "account.move")
        posted = (
            self.env["account.move"]
            .browse(moves.mapped("res_id"))
            .filtered(lambda move: move.state == "posted")
        )
        if posted:
            raise UserError(_("The link cannot be removed from a posted invoice."))

    @api.model
    def _links_of(self, records):
        """Links pointing at ``records``, grouped by record id (one query)."""
        links = self.search([("res_model", "=", records._name), ("res_id", "in", records.ids)])
        return links.grouped("res_id")
