import base64

from odoo import models
from odoo.exceptions import UserError

from odoo.addons.appraisal_monthly.user_lang import in_user_lang

from ..report import decision_docx, decision_xlsx
from ..rules import document

DOCX_MIMETYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AppraisalRewardDecision(models.Model):
    """The decision as a document to sign: one set of texts
    (:func:`rules.document.decision_texts`, always Vietnamese) placed by
    the PDF template, the Word file and the spreadsheet."""

    _name = "appraisal.reward.decision"
    _inherit = "appraisal.reward.decision"

    def _get_document_header(self):
        self.ensure_one()
        authority = self.authority_id.sudo()
        company = self.company_id.sudo()
        issuer = authority.issuer_name or company.name or ""
        number = self.name or "      %s" % (authority.number_suffix or "/QĐ")
        bases = (authority.legal_basis or "").splitlines() + (self.basis or "").splitlines()
        return {
            "parent_body": authority.parent_body,
            "issuer": issuer,
            "number": number,
            "place": authority.place or company.city or "",
            "date": self.date,
            "year": self.year,
            "subject": self.subject,
            "office": authority.office_title
            or " ".join(filter(None, [self.signer_title or authority.signer_title, issuer])),
            "bases": [line.strip() for line in bases],
            "proposal": self.proposal_text,
            "executors": self.executors,
            "recipients": [line.strip() for line in (self.recipients or "").splitlines()],
            "fund": authority.fund,
            "signer_title": self.signer_title or authority.signer_title,
            "signer_name": self.signer_name,
        }

    def _get_document_groups(self):
        """[(title name, scope, [award dict])]: the awards in force, by title."""
        self.ensure_one()
        groups = []
        for title, awards in self._get_awards_by_title():
            rows = []
            for award in awards.sudo():
                employee = award.employee_id
                if employee:
                    position = employee.job_id.name or employee.job_title or ""
                    rows.append({"name": employee.name, "position": position,
                                 "unit": award.unit_id.name or ""})
                else:
                    rows.append({"name": award.department_id.name, "position": "",
                                 "unit": award.department_id.parent_id.name or ""})
                rows[-1].update(coefficient=award.coefficient, base_salary=award.base_salary,
                                amount=award.amount)
                if award.state == "revoked":
                    # Signed means signed: the award stays listed, marked.
                    rows[-1]["name"] = "%s (đã thu hồi: %s)" % (
                        rows[-1]["name"], award.revoke_reference or "")
            groups.append((title.name, title.scope, rows))
        return groups

    def _get_document_data(self):
        """Every text of the decision, in Vietnamese (see rules/document.py)."""
        self.ensure_one()
        return document.decision_texts(self._get_document_header(), self._get_document_groups())

    def _generate_docx(self):
        """The decision as a Word file (bytes), for the office to keep and edit."""
        self.ensure_one()
        return decision_docx.build(self._get_document_data())

    def _generate_xlsx(self):
        """The list of the decision as a spreadsheet (bytes), built with the
        base addon's sheet helpers; user text written as text."""
        self.ensure_one()
        return decision_xlsx.build(self._get_document_data(), self._get_document_groups())

    def _document_file_name(self, extension):
        return "quyet_dinh_khen_thuong_%s.%s" % (
            (self.name or "du_thao").replace("/", "_"), extension)

    def _download(self, content, extension, mimetype):
        # A reader of the decision may download it: no write right needed
        # (the attachment is made by the server once the read is checked).
        self.check_access("read")
        attachment = self.env["ir.attachment"].sudo().create({
            "name": self._document_file_name(extension),
            "datas": base64.b64encode(content),
            "res_model": self._name,
            "res_id": self.id,
            "mimetype": mimetype,
        })
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/%s?download=true" % attachment.id,
            "target": "download",
        }

    @in_user_lang
    def action_export_xlsx(self):
        """Download the list as XLSX (an attachment of the decision)."""
        self.ensure_one()
        return self._download(self._generate_xlsx(), "xlsx", XLSX_MIMETYPE)

    @in_user_lang
    def action_export_docx(self):
        """Download the decision as DOCX (an attachment of the decision)."""
        self.ensure_one()
        if not decision_docx.available():
            raise UserError(self.env._("The python-docx library is missing."))
        return self._download(self._generate_docx(), "docx", DOCX_MIMETYPE)
