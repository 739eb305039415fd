# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The communication API other Optima addons call (see readme/USAGE.md).

Three public methods: ``render_template``, ``send_email``, ``send_sms``. Business addons
never build ``mail.mail`` or ``sms.sms`` themselves: every message is a mailbox message of
an operator's account (or an ``optima.sms.message``) with its history and document links.
"""

import re

from markupsafe import Markup

from odoo import _, api, models, modules
from odoo.exceptions import UserError
from odoo.tools import email_normalize, is_html_empty

from ..tools import macros

THREAD_PREFIX_PARAM = "optima_mail_ext.thread_prefix"
THREADING_PARAM = "optima_mail_ext.threading"
DEFAULT_PREFIX = "OPT!MA"


class OptimaMailService(models.AbstractModel):
    _name = "optima.mail.service"
    _description = "Optima communication service (e-mail, SMS, macros)"

    # ================================================================== public API
    @api.model
    def render_template(self, template, record, recipient=None, report_name=None):
        """Render a template for a record with Odoo placeholders then Optima macros.

        :param template: ``mail.template`` or ``sms.template`` record
        :param record: the source document (invoice, partner, task, any model)
        :param recipient: optional ``res.partner`` the message is for ({eNazwa}, {eTytul})
        :param report_name: name of the attached printout ({eNazwaWydruku})
        :return: dict with ``subject``, ``body`` (HTML; SMS: text), ``email_to``,
            ``email_cc``, ``email_bcc`` (lists of addresses) and ``notes`` (texts for the
            message history: unknown macros, GetSQL found in legacy data)
        """
        template.ensure_one()
        record.ensure_one()
        values = self._optima_macro_values(record, recipient=recipient, report_name=report_name)
        is_sms = template._name == "sms.template"
        same_model = template.model == record._name
        notes = []

        def _odoo(field, text):
            if same_model and text and "{{" in text or (same_model and field == "body_html"):
                return template._render_field(field, record.ids, compute_lang=True)[record.id]
            return text or ""

        def _expand(text, html=False):
            result, unknown, forbidden = macros.expand(text, values, html=html)
            for code in unknown:
                notes.append(_("Unknown macro left in the text: {%s}", code))
            if forbidden:
                notes.append(_("The GetSQL function is not supported and was left empty."))
            return result

        if is_sms:
            body = _expand(_odoo("body", template.body))
            return {
                "subject": "",
                "body": body,
                "email_to": [],
                "email_cc": [],
                "email_bcc": [],
                "notes": notes,
            }
        subject = _expand(_odoo("subject", template.subject))
        body = _expand(str(_odoo("body_html", template.body_html) or ""), html=True)
        address_values = self._optima_address_values(record)
        result = {"subject": subject, "body": body, "notes": notes}
        for key, field in (
            ("email_to", "email_to"),
            ("email_cc", "email_cc"),
            ("email_bcc", "optima_email_bcc"),
        ):
            text = template[field] or ""
            expanded, unknown, forbidden = macros.expand(text, {**values, **address_values})
            if forbidden:
                notes.append(_("The GetSQL function is not supported and was left empty."))
            for code in unknown:
                notes.append(_("Unknown macro left in the text: {%s}", code))
            result[key] = [a for a in macros.split_addresses(expanded) if "{" not in a]
        return result

    @api.model
    def send_email(
        self,
        record=None,
        template=None,
        account=None,
        operator=None,
        email_to=None,
        email_cc=None,
        email_bcc=None,
        subject=None,
        body=None,
        attachments=None,
        report=None,
        report_content=None,
        mode="send",
        automat=False,
        origin=None,
    ):
        """Create a mailbox message from an operator's account and send it (or keep a draft).

        :param record: source document; linked to the message, its chatter gets a note
        :param template: ``mail.template``; default: the procedure's default template
        :param account: ``optima.mail.account``; default: the operator's first account
        :param operator: ``res.users`` sending (default: current user); must be user or
            owner of an active account
        :param email_to/email_cc/email_bcc: lists (or ';'-separated strings) that replace
            the resolved addresses (MAIL-31)
        :param attachments: list of ``(file name, bytes)`` or ``ir.attachment`` records
        :param report: ``ir.actions.report`` rendered for ``record`` and attached
        :param report_content: the report already rendered for ``record`` (bytes), e.g. by
            ``ir.actions.report._optima_render_pdf_batch`` for many records at once
        :param mode: ``"send"`` (Outbox, delivered after commit) or ``"draft"`` (Drafts)
        :param automat: automat rules: DO = document addresses only, template UDW only,
            no signature, template sender ignored
        :return: the ``optima.mail.message``
        """
        operator = operator or self.env.user
        account = account or self._default_account(operator, template)
        if not account:
            raise UserError(_("%s has no active e-mail account to send from.", operator.name))
        account._check_can_send(operator)
        rendered = {
            "subject": "",
            "body": "",
            "email_to": [],
            "email_cc": [],
            "email_bcc": [],
            "notes": [],
        }
        if template is None and record:
            procedure = self.env["optima.mail.procedure"]._for_record(record)
            template = procedure.default_template_id
        report_attachment = None
        if report and record:
            report_attachment = self._render_report(report, record, content=report_content)
        if template and record:
            rendered = self.render_template(
                template, record, report_name=report_attachment and report_attachment[0]
            )
        elif template:
            rendered.update(subject=template.subject or "", body=str(template.body_html or ""))
        addresses = self._resolve_addresses(record, rendered, automat=automat)
        for key, given in (
            ("email_to", email_to),
            ("email_cc", email_cc),
            ("email_bcc", email_bcc),
        ):
            if given is not None:
                addresses[key] = (
                    macros.split_addresses(given) if isinstance(given, str) else list(given)
                )
        body_html = body if body is not None else rendered["body"]
        if not automat:
            body_html = self._append_signature(body_html, operator)
        vals = {
            "account_id": account.id,
            "direction": "out",
            "user_id": operator.id,
            "partner_id": self._record_partner(record).commercial_partner_id.id
            if record
            else False,
            "subject": subject if subject is not None else rendered["subject"],
            "body": body_html,
            "email_from": account.email,
            "email_to": "; ".join(addresses["email_to"]),
            "email_cc": "; ".join(addresses["email_cc"]),
            "email_bcc": "; ".join(addresses["email_bcc"]),
            "origin": origin,
            "template_id": template.id if template and not automat else False,
        }
        message = self.env["optima.mail.message"].sudo().create(vals)
        message._assign_thread()
        files = list(attachments or [])
        if report_attachment:
            files.append(report_attachment)
        if template:
            files.extend(template.attachment_ids)
        message._attach(files)
        for note in rendered["notes"]:
            message._history("note", comment=note)
        if record:
            message._link_records(record)
            self._post_chatter_note(record, message)
            if record._name == "account.move":
                record._optima_stamp_mail_created()
        if mode == "send":
            message._validate_for_send()
            message._queue()
            message._deliver_after_commit()
        return message

    @api.model
    def send_sms(
        self, record=None, body=None, template=None, partner=None, number=None, origin="manual"
    ):
        """Queue an SMS through the company's gateway (Odoo's provider hook).

        :param record: source document (linked; its partner is the default recipient)
        :param body: text; or ``template`` (``sms.template``) rendered with the macros
        :param partner: recipient ``res.partner`` (default: the record's partner)
        :param number: explicit number; default: the partner's SMS phone (SMS-06)
        :param origin: ``manual``, ``dunning``, ``reminder`` or ``survey``
        :return: the ``optima.sms.message`` (state ``outgoing``, or ``error`` when the
            number is missing or invalid: nothing reaches the gateway then)
        """
        partner = partner or (self._record_partner(record) if record else self.env["res.partner"])
        if template and record:
            body = self.render_template(template, record, recipient=partner)["body"]
        elif body and record:
            body = macros.expand(body, self._optima_macro_values(record, recipient=partner))[0]
        if not body or not body.strip():
            raise UserError(_("The SMS text cannot be empty."))
        return self.env["optima.sms.message"]._queue_sms(
            body=body, partner=partner, number=number, record=record, origin=origin
        )

    # ================================================================== macros
    @api.model
    def _optima_text_macros(self):
        """Known text macros: code -> label. Other addons extend this dict."""
        return dict(macros.TEXT_MACROS)

    @api.model
    def _record_partner(self, record):
        if not record:
            return self.env["res.partner"]
        if record._name == "res.partner":
            return record
        partner = record["partner_id"] if "partner_id" in record._fields else None
        return partner or self.env["res.partner"]

    @api.model
    def _optima_macro_values(self, record, recipient=None, report_name=None):
        values = dict.fromkeys(self._optima_text_macros(), "")
        partner = self._record_partner(record)
        commercial = partner.commercial_partner_id
        subject_types = dict(
            self.env["res.partner"]._fields["optima_subject_type"]._description_selection(self.env)
        )
        values.update(
            eID=str(record.id),
            eTypDok=record._name,
            eNumer=record.display_name or "",
            eNazwaWydruku=report_name or "",
            ePodmiotID=str(commercial.id) if commercial else "",
            ePodmiotNazwa=commercial.name or "",
            ePodmiotKod=commercial.ref or "",
            ePodmiotEmail=commercial.email or "",
            ePodmiotTyp=subject_types.get(commercial.optima_subject_type, "") if commercial else "",
            eNazwa=(recipient or partner).name or "",
            eTytul=(recipient.optima_title or "") if recipient else "",
        )
        method = getattr(self, "_optima_macro_values_" + record._name.replace(".", "_"), None)
        if method:
            values.update(method(record))
        return values

    def _optima_macro_values_account_move(self, move):
        refund = move.move_type in ("out_refund", "in_refund")
        sign = -1 if refund else 1
        return {
            "eTypDok": f"account.move:{move.move_type}",
            "eData": macros.format_macro_date(move.invoice_date),
            "eDoZaplaty": macros.format_macro_amount(sign * move.amount_total),
            "eDoZaplatyWal": macros.format_macro_amount(sign * move.amount_total),
            "eDoZaplatySys": macros.format_macro_amount(sign * abs(move.amount_total_signed)),
            "eKwotaDok": macros.format_macro_amount(move.amount_total),
            "eNumer": move.name if move.name and move.name != "/" else "",
            "eOpis": move.ref or "",
            "eTermin": macros.format_macro_date(move.invoice_date_due),
            "eRachunek": move.partner_bank_id.acc_number or "",
            "eWalutaDok": move.currency_id.name or "",
            "eWalutaRoz": move.currency_id.name or "",
            "eLinkPlatnosci": self._payment_link(move),
        }

    def _optima_macro_values_optima_crm_task(self, task):
        from odoo.addons.optima_crm_tasks.tools.local_time import to_local

        def _local(value):
            return macros.format_macro_date(to_local(value, task.tz)) if value else ""

        return {
            "eNumer": task.name or "",
            "eOpis": task.subject or "",
            "eData": _local(task.date_from)[:10],
            "eTerminOd": _local(task.date_from),
            "eTerminDo": _local(task.date_to),
        }

    def _payment_link(self, move):
        if (
            move.state != "posted"
            or move.amount_residual <= 0
            or "payment.provider" not in self.env
        ):
            return ""
        enabled = (
            self.env["payment.provider"]
            .sudo()
            .search_count(
                [("state", "in", ("enabled", "test")), ("company_id", "=", move.company_id.id)]
            )
        )
        return move.get_base_url() + move.get_portal_url() if enabled else ""

    @api.model
    def _optima_address_values(self, record):
        """Address macros of MAIL-33 (they replace Optima's GetSQL examples)."""
        buyer = self._record_partner(record).commercial_partner_id
        recipient = buyer
        if "partner_shipping_id" in record._fields and record.partner_shipping_id:
            recipient = record.partner_shipping_id
        salesperson = (
            record["invoice_user_id"]
            if "invoice_user_id" in record._fields
            else (record["user_id"] if "user_id" in record._fields else self.env["res.users"])
        )

        def _reps(partner):
            return partner.commercial_partner_id.child_ids.filtered(
                lambda c: c.active and c.type == "contact" and c.email
            ).sorted("id")

        default_rep = _reps(buyer).filtered("optima_is_default_representative")[:1]
        return {
            "eAdrNabywca": buyer.email or "",
            "eAdrPrzedstawicielDomyslny": default_rep.email or buyer.email or "",
            "eAdrOdbiorcaDokument": recipient.email or "",
            "eAdrOdbiorcaKarta": recipient.commercial_partner_id.email or "",
            "eAdrPrzedstawicieleNabywcy": _reps(buyer).mapped("email"),
            "eAdrPrzedstawicieleOdbiorcy": _reps(recipient).mapped("email"),
            "eAdrPierwszyPrzedstawicielNabywcy": _reps(buyer)[:1].email or "",
            "eAdrPierwszyPrzedstawicielOdbiorcy": _reps(recipient)[:1].email or "",
            "eAdrOpiekun": salesperson.email or "" if salesperson else "",
        }

    # ================================================================== addresses
    @api.model
    def _document_addresses(self, record):
        """MAIL-31 rule 1: buyer card e-mail plus the document partner's e-mail if different."""
        partner = self._record_partner(record)
        candidates = [partner.commercial_partner_id.email, partner.email]
        result = []
        for address in candidates:
            if address and email_normalize(address) not in [email_normalize(a) for a in result]:
                result.append(address)
        return result

    @api.model
    def _resolve_addresses(self, record, rendered, automat=False):
        to = self._document_addresses(record) if record else []
        addresses = {"email_to": to, "email_cc": [], "email_bcc": []}
        if automat:
            # Rule 5: automats take only the template's UDW.
            addresses["email_bcc"] = rendered.get("email_bcc") or []
            return addresses
        for key in addresses:
            if rendered.get(key):
                addresses[key] = rendered[key]
        return addresses

    @api.model
    def _default_account(self, operator, template=None):
        accounts = self.env["optima.mail.account"]._sending_accounts(operator)
        if template and template.optima_account_id in accounts:
            return template.optima_account_id
        return accounts[:1]

    # ================================================================== helpers
    @api.model
    def _append_signature(self, body, operator):
        signature = self.env["optima.mail.signature"].sudo()._default_for(operator)
        if not signature or is_html_empty(signature.body):
            return body
        return Markup("%s<br/>%s") % (Markup(body or ""), Markup(signature.body))

    @api.model
    def _render_report(self, report, record, content=None):
        if content is None:
            content, _fmt = (
                self.env["ir.actions.report"].sudo()._render(report.report_name, record.ids)
            )
        name = None
        if record._name == "account.move":
            name = (
                record._get_invoice_proforma_pdf_report_filename()
                if record.state == "draft"
                else record._get_invoice_report_filename(report=report)
            )
        if not name:
            name = (record.display_name or report.name).replace("/", "_")
        if not name.lower().endswith(".pdf"):
            name += ".pdf"
        return (name, content)

    @api.model
    def _post_chatter_note(self, record, message):
        if not hasattr(record, "message_post"):
            return
        link = Markup('<a href="/odoo/optima.mail.message/%s">%s</a>') % (message.id, message.name)
        record.sudo().message_post(
            body=Markup(_("E-mail message %s created")) % link,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    @api.model
    def _post_chatter_note_many(self, records, message):
        for record in records:
            self._post_chatter_note(record, message)

    # ================================================================== threads
    @api.model
    def _thread_settings(self):
        params = self.env["ir.config_parameter"].sudo()
        enabled = params.get_param(THREADING_PARAM, "1") not in ("0", "False", "")
        return enabled, params.get_param(THREAD_PREFIX_PARAM, DEFAULT_PREFIX)

    @api.model
    def _thread_token_re(self, prefix):
        return re.compile(r"\[" + re.escape(prefix) + r" (\d+)\]")

    @api.model
    def _thread_subject(self, message):
        enabled, prefix = self._thread_settings()
        subject = message.subject or ""
        if not enabled or not message.thread_number:
            return subject
        token = f"[{prefix} {message.thread_number}]"
        return subject if token in subject else f"{subject} {token}".strip()

    @api.model
    def _commit_point(self, processed=0):
        """Commit a finished unit of work (cron progress); tests cannot commit."""
        if self._is_testing():
            return
        self.env["ir.cron"]._commit_progress(processed)

    @api.model
    def _is_testing(self):
        return bool(modules.module.current_test)
