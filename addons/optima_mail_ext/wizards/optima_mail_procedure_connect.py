# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class OptimaMailProcedureConnect(models.TransientModel):
    """ "Podłącz / Odłącz szablon do procedury" on the template list (MAIL-30)."""

    _name = "optima.mail.procedure.connect"
    _description = "Connect templates to a procedure (Optima: Podłącz szablon do procedury)"

    template_ids = fields.Many2many(
        "mail.template",
        default=lambda self: (
            self.env.context.get("active_ids")
            if self.env.context.get("active_model") == "mail.template"
            else []
        ),
    )
    procedure_id = fields.Many2one("optima.mail.procedure", required=True)
    is_default = fields.Boolean(
        string="Default template",
        help="Pre-load this template when composing from the procedure (one per procedure).",
    )

    def action_connect(self):
        self.ensure_one()
        self.procedure_id.template_ids = [(4, t.id) for t in self.template_ids]
        if self.is_default:
            self.procedure_id.default_template_id = self.template_ids[:1]
        return {"type": "ir.actions.act_window_close"}

    def action_disconnect(self):
        self.ensure_one()
        procedure = self.procedure_id
        procedure.template_ids = [(3, t.id) for t in self.template_ids]
        if procedure.default_template_id in self.template_ids:
            procedure.default_template_id = False
        return {"type": "ir.actions.act_window_close"}
