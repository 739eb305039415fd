# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class OptimaMailProcedure(models.Model):
    """A place documents are mailed from (Optima: Procedura), e.g. sales invoices."""

    _name = "optima.mail.procedure"
    _description = "Mail procedure (Optima: Procedura szablonów e-mail)"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True)
    sequence = fields.Integer(default=10)
    model = fields.Char(required=True, help="Technical name of the records mailed from here.")
    move_types = fields.Char(
        string="Invoice types",
        help="For invoices: comma-separated move types of this procedure, "
        "e.g. out_invoice,out_refund.",
    )
    template_ids = fields.Many2many(
        "mail.template",
        "optima_mail_procedure_template_rel",
        "procedure_id",
        "template_id",
        string="Templates",
    )
    default_template_id = fields.Many2one(
        "mail.template",
        string="Default template",
        domain="[('id', 'in', template_ids)]",
        help="Pre-loaded when composing from this procedure (at most one per procedure).",
    )

    _code_unique = models.Constraint("unique(code)", "The procedure code must be unique.")

    @api.model
    def _for_record(self, record):
        """The procedure a record is mailed from (first matching model and invoice type)."""
        procedures = self.search([("model", "=", record._name)])
        move_type = getattr(record, "move_type", False) if record._name == "account.move" else False
        for procedure in procedures:
            types = [t.strip() for t in (procedure.move_types or "").split(",") if t.strip()]
            if not types or move_type in types:
                return procedure
        return self.browse()

    def _available_templates(self):
        """Templates usable here: global ones ("Procedury" root) and this procedure's."""
        templates = self.env["mail.template"].search([("optima_procedure_ids", "=", False)])
        return templates | self.template_ids

    def action_open_templates(self):
        """ "Konfiguracja szablonów e-mail…" (MAIL-30): the template list limited to this
        procedure ("Ogranicz do bieżącej procedury"); clearing the filter shows all."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "optima_mail_ext.action_optima_mail_templates"
        )
        context = {"search_default_group_procedure": 1}
        if self:
            context["searchpanel_default_optima_procedure_ids"] = self.ids
            context["default_optima_procedure_ids"] = [(6, 0, self.ids)]
        action["context"] = context
        return action
