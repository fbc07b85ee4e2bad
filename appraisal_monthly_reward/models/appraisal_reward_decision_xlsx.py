import base64
import io

from odoo import models
from odoo.exceptions import UserError
from odoo.addons.appraisal_monthly.compat import xlsxwriter

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
COLUMNS = (  # (header, width)
    ("STT", 6), ("Họ và tên / Tập thể", 30), ("Chức vụ, đơn vị", 34),
    ("Danh hiệu, hình thức", 28), ("Hệ số", 8), ("Mức lương cơ sở (đ)", 16),
    ("Số tiền (đ)", 16),
)


class AppraisalRewardDecision(models.Model):
    _inherit = "appraisal.reward.decision"

    def _generate_xlsx(self):
        """The list attached to the decision, in the administrative layout
        (organisation and national heading, one section per title, total,
        signature), as xlsx bytes.  User text goes through write_string."""
        self.ensure_one()
        if xlsxwriter is None:
            raise UserError(self.env._("The xlsxwriter library is missing."))
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = book.add_worksheet("Quyet dinh")
        base = {"font_name": "Times New Roman", "font_size": 12, "valign": "vcenter"}

        def fmt(**props):
            return book.add_format(dict(base, **props))

        cell = {"border": 1, "text_wrap": True, "font_size": 11}
        f_bold_c = fmt(bold=True, align="center", text_wrap=True)
        f_center = fmt(align="center", text_wrap=True)
        f_title = fmt(bold=True, font_size=14, align="center", text_wrap=True)
        f_italic = fmt(italic=True, align="center", text_wrap=True)
        f_head = fmt(bold=True, align="center", bg_color="#D9E1F2", **cell)
        f_text = fmt(**cell)
        f_text_c = fmt(align="center", **cell)
        f_money = fmt(align="right", num_format="#,##0", **cell)
        f_coef = fmt(align="center", num_format="0.0#", **cell)
        f_section = fmt(bold=True, bg_color="#F2F2F2", **cell)
        f_total = fmt(bold=True, **cell)
        f_total_money = fmt(bold=True, align="right", num_format="#,##0", **cell)
        last = len(COLUMNS) - 1
        for col, (_header, width) in enumerate(COLUMNS):
            sheet.set_column(col, col, width)
        issuer = (self.authority_id.issuer_name or self.company_id.name or "").upper()
        sheet.merge_range(0, 0, 0, 2, "", f_bold_c)
        sheet.write_string(0, 0, issuer, f_bold_c)
        sheet.merge_range(0, 3, 0, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", f_bold_c)
        sheet.merge_range(1, 3, 1, last, "Độc lập - Tự do - Hạnh phúc", f_bold_c)
        sheet.merge_range(3, 0, 3, last, "DANH SÁCH KHEN THƯỞNG", f_title)
        date = self.date
        sheet.merge_range(4, 0, 4, last, "", f_italic)
        sheet.write_string(4, 0, "(Kèm theo Quyết định số %s ngày %02d/%02d/%04d của %s)" % (
            self.name or "...", date.day, date.month, date.year,
            self.authority_id.name or ""), f_italic)
        row = 6
        for col, (header, _width) in enumerate(COLUMNS):
            sheet.write_string(row, col, header, f_head)
        sheet.repeat_rows(row)
        row += 1
        for index, (title, awards) in enumerate(self._get_awards_by_title()):
            sheet.write_string(row, 0, ROMAN[index] if index < len(ROMAN) else str(index + 1),
                               f_section)
            sheet.merge_range(row, 1, row, last, "", f_section)
            sheet.write_string(row, 1, "%s (%s)" % (title.name, len(awards)), f_section)
            row += 1
            for number, award in enumerate(awards, start=1):
                employee = award.employee_id.sudo()
                who = employee.name or award.department_id.name or ""
                where = ", ".join(filter(None, [employee.job_id.name, award.unit_id.name]))
                sheet.write_number(row, 0, number, f_text_c)
                sheet.write_string(row, 1, who, f_text)
                sheet.write_string(row, 2, where, f_text)
                sheet.write_string(row, 3, title.name or "", f_text)
                sheet.write_number(row, 4, award.coefficient, f_coef)
                sheet.write_number(row, 5, award.base_salary, f_money)
                sheet.write_number(row, 6, award.amount, f_money)
                row += 1
        sheet.merge_range(row, 0, row, 5, "Tổng cộng", f_total)
        sheet.write_number(row, 6, self.amount_total, f_total_money)
        row += 2
        sheet.merge_range(row, 4, row, last, "", f_bold_c)
        sheet.write_string(row, 4, (self.signer_title or "").upper(), f_bold_c)
        sheet.merge_range(row + 4, 4, row + 4, last, "", f_bold_c)
        sheet.write_string(row + 4, 4, self.signer_name or "", f_bold_c)
        sheet.merge_range(row, 0, row, 2, "", f_center)
        sheet.set_landscape()
        sheet.set_paper(9)
        sheet.fit_to_pages(1, 0)
        book.close()
        return buffer.getvalue()

    def action_export_xlsx(self):
        """Download the list as XLSX (an attachment of the decision)."""
        self.ensure_one()
        content = self._generate_xlsx()
        name = "quyet_dinh_khen_thuong_%s.xlsx" % (
            (self.name or "du_thao").replace("/", "_"))
        attachment = self.env["ir.attachment"].create({
            "name": name,
            "datas": base64.b64encode(content),
            "res_model": self._name,
            "res_id": self.id,
            "mimetype": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        })
        return {
            "type": "ir.actions.act_url",
            "url": "/web/content/%s?download=true" % attachment.id,
            # A download, not a navigation: the page (and its dialog) stays;
            # 19.0 treats "self" as leaving the page.
            "target": "download",
        }
