# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OptimaRecurringTemplateParty(models.Model):
    _name = "optima.recurring.template.party"
    _description = "Recurring invoice subject or group (Optima: zakładka Podmioty)"
    _order = "template_id, kind desc, sequence, id"
    _check_company_auto = True

    template_id = fields.Many2one(
        "optima.recurring.template", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="template_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("subject", "Subject"), ("group", "Contractor group")], required=True, default="subject"
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Subject",
        index="btree_not_null",
        ondelete="restrict",
        context={"active_test": False},
        help="Optima: podmiot (kontrahent, pracownik, wspólnik, bank, urząd).",
    )
    recipient_id = fields.Many2one("res.partner", ondelete="restrict", help="Optima: Odbiorca.")
    category_id = fields.Many2one(
        "res.partner.category",
        string="Contractor group",
        index="btree_not_null",
        ondelete="restrict",
        help="Optima: grupa kontrahentów.",
    )
    code = fields.Char(compute="_compute_code_name")
    display_label = fields.Char(compute="_compute_code_name", string="Name")
    subject_type = fields.Selection(related="partner_id.optima_subject_type")
    date_from = fields.Date(string="Valid from", help="Optima: Obowiązuje od.")
    date_to = fields.Date(string="Valid to", help="Optima: Obowiązuje do.")

    _subject_uniq = models.UniqueIndex(
        "(template_id, partner_id, COALESCE(recipient_id, 0)) WHERE kind = 'subject'",
        "This subject and recipient are already on the template.",
    )
    _group_uniq = models.UniqueIndex(
        "(template_id, category_id) WHERE kind = 'group'",
        "This group is already on the template.",
    )

    @api.depends("kind", "partner_id", "category_id")
    def _compute_code_name(self):
        for party in self:
            if party.kind == "group":
                party.code = party.category_id.optima_code or party.category_id.name
                party.display_label = party.category_id.name
            else:
                party.code = party.partner_id.ref or party.partner_id.name
                party.display_label = party.partner_id.name

    @api.constrains("kind", "partner_id", "category_id")
    def _check_reference(self):
        for party in self:
            if party.kind == "subject" and not party.partner_id:
                raise ValidationError(self.env._("Choose the subject."))
            if party.kind == "group" and not party.category_id:
                raise ValidationError(self.env._("Choose the contractor group."))

    def _check_period(self, vals):
        """RI-09 [P3]/[P3b]; the end date is checked only when it is entered or changed."""
        today = fields.Date.context_today(self)
        date_to = fields.Date.to_date(vals.get("date_to")) if "date_to" in vals else None
        if date_to and date_to < today:
            raise ValidationError(
                self.env._(
                    "The end date of the contract period (%(date)s) cannot be earlier than "
                    "the current date (%(today)s).",
                    date=date_to.strftime("%d.%m.%Y"),
                    today=today.strftime("%d.%m.%Y"),
                )
            )

    @api.constrains("date_from", "date_to")
    def _check_period_order(self):
        for party in self:
            if party.date_from and party.date_to and party.date_from > party.date_to:
                raise ValidationError(
                    self.env._(
                        "The start date of the contract period cannot be later than its end date."
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_period(vals)
        parties = super().create(vals_list)
        parties.template_id.line_ids._sync_values()
        return parties

    def write(self, vals):
        if {"partner_id", "category_id", "kind"} & set(vals) and not self.env.context.get(
            "optima_ri_allow_party_change"
        ):
            for party in self:
                changed = any(
                    field in vals and party[field].id != vals[field]
                    for field in ("partner_id", "category_id")
                )
                if changed:
                    raise ValidationError(
                        self.env._(
                            "The subject or group of a saved row cannot be changed: delete the "
                            "row and add a new one."
                        )
                    )
        self._check_period(vals)
        return super().write(vals)
