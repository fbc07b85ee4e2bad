import io
import tempfile

from odoo import api, fields, models
from odoo.tools import SQL

from ..compat import xlsxwriter
from ..rules import results as summary_rules
from . import xlsx_common

SHORT_LABELS_VI = {
    "excellent": "HTXSNV",
    "good": "HTTNV",
    "completed": "HTNV",
    "failed": "KHTNV",
}
NOT_CLASSIFIED_VI = "Không xếp loại"
YEAR_LABELS_VI = dict(xlsx_common.RATING_LABELS_VI, not_classified=NOT_CLASSIFIED_VI)
FIXED_COLUMNS = ("STT", "Họ và tên", "Chức vụ", "Đơn vị")
FIRST_MONTH_COL = len(FIXED_COLUMNS)
AVERAGE_COL = FIRST_MONTH_COL + 24
LEVEL_COL = AVERAGE_COL + 1
# Widths of the text columns (characters): name, position, unit, annual level.
TEXT_WIDTHS = {1: 24, 2: 22, 3: 22, LEVEL_COL: 22}
LINE_HEIGHT = 15.5


def _row_height(texts):
    """A row tall enough for its wrapped texts ({column: text}): xlsxwriter
    cannot fit rows itself, and spreadsheets do not on opening."""
    lines = 1
    for col, text in texts.items():
        # About 1.4 characters of 11-point Times per unit of column width.
        width = max(int(TEXT_WIDTHS[col] * 1.4) - 1, 1)
        lines = max(lines, -(-len(text or "") // width))
    return LINE_HEIGHT * lines


class AppraisalSummary(models.Model):
    _name = "appraisal.summary"  # an aspect file: the same model, extended
    _inherit = "appraisal.summary"

    @api.model
    def _annual_sheet_ids(self, year, company, department_ids=None):
        """Ids of the year results the current user may read, in the
        sheet's order (unit, then name), read in one query."""
        domain = [
            ("period_type", "=", "year"),
            ("year", "=", year),
            ("company_id", "=", company.id),
        ]
        if department_ids:
            domain.append(("department_id", "child_of", list(department_ids)))
        return xlsx_common.ids_in_sheet_order(self, domain)

    @api.model
    def _annual_sheet_rows(self, year, company, department_ids=None, batch_size=1000):
        """The year results the current user may read, with each month's
        (score, level) taken from the approved forms they average: yields
        the rows batch by batch, the records of each batch dropped from
        the cache before the next (the memory of a batch, not of the
        company)."""
        ids = self._annual_sheet_ids(year, company, department_ids)
        for start in range(0, len(ids), batch_size):
            batch_ids = ids[start:start + batch_size]
            summaries = self.browse(batch_ids)
            # Reading the result grants its details, even when a form comes
            # from a body the reader has no access to (a transfer): the
            # forms of the batch's results are read in one query, in date
            # order.
            self.env["appraisal.form"].flush_model(
                ["date_start", "period_id", "score_percent", "rating"])
            self.env["appraisal.period"].flush_model(["period_type"])
            self.flush_model(["form_ids"])
            self.env.cr.execute(SQL(
                """SELECT rel.summary_id, form.date_start, period.period_type,
                          form.score_percent, form.rating
                     FROM appraisal_summary_form_rel rel
                     JOIN appraisal_form form ON form.id = rel.form_id
                     JOIN appraisal_period period ON period.id = form.period_id
                    WHERE rel.summary_id IN %s
                 ORDER BY rel.summary_id, form.date_start, form.id""",
                tuple(batch_ids),
            ))
            months_by_summary = {}
            for summary_id, date_start, period_type, percent, rating in self.env.cr.fetchall():
                months = months_by_summary.setdefault(summary_id, {})
                length = 3 if period_type == "quarter" else 1
                for month in summary_rules.covered_months(date_start.month, length):
                    months[month] = (percent, rating)
            summaries.fetch(["employee_id", "average_score", "rating"])
            employees = summaries.employee_id.sudo()
            employees.fetch(["name", "job_id", "job_title", "department_id"])
            for summary in summaries:
                months = months_by_summary.get(summary.id, {})
                employee = summary.employee_id.sudo()
                yield {
                    "summary_id": summary.id,
                    "name": employee.name,
                    "job": employee.job_id.name or employee.job_title or "",
                    "unit": employee.department_id.name or "",
                    "months": months,
                    "average": summary.average_score if summary.id in months_by_summary else None,
                    "rating": summary.rating,
                }
            # The next batch starts from an empty cache (nothing is written
            # here: the invalidation has nothing to flush).
            self.env.invalidate_all()

    @api.model
    def _generate_annual_xlsx(self, year, company, department_ids=None):
        """The annual sheet (bảng tổng hợp năm) as XLSX bytes, holding only
        the results the current user may read.

        Built from the stored results, a batch of rows at a time, into a
        workbook that keeps its rows in a temporary file (constant memory):
        the sheet of a whole province takes the memory of a batch."""
        output = io.BytesIO()
        with tempfile.TemporaryDirectory(prefix="appraisal_sheet_") as tmpdir:
            workbook = xlsxwriter.Workbook(
                output, xlsx_common.constant_memory_options(tmpdir))
            self._write_annual_sheet(workbook, year, company, department_ids)
            workbook.close()
        return output.getvalue()

    def _write_annual_sheet(self, workbook, year, company, department_ids=None):
        ws = workbook.add_worksheet("Năm %s" % year)
        fmt = xlsx_common.make_formats(workbook)
        last_col = LEVEL_COL

        row = xlsx_common.write_heading(
            ws, fmt, last_col, company.name, company.parent_id.name or None
        )
        subtitle = None
        if department_ids:
            names = self.env["hr.department"].browse(department_ids).mapped("name")
            subtitle = "Đơn vị: %s" % ", ".join(names)
        row = xlsx_common.write_title(
            ws, fmt, row, last_col,
            "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI NĂM %s" % year, subtitle,
        )

        # Table header on two rows, written row by row: month headers
        # merged over (score, level), the other columns merged down.
        header_top = row
        ws.set_row(row, 22)
        for col, label in enumerate(FIXED_COLUMNS):
            xlsx_common.write_text(ws, row, col, label, fmt["header"])
        for month in range(1, 13):
            col = FIRST_MONTH_COL + 2 * (month - 1)
            xlsx_common.merge_text(ws, row, col, row, col + 1, "Tháng %s" % month, fmt["header"])
        xlsx_common.write_text(ws, row, AVERAGE_COL, "Điểm trung bình", fmt["header"])
        xlsx_common.write_text(ws, row, LEVEL_COL, "Xếp loại năm", fmt["header"])
        ws.set_row(row + 1, 30)
        for col in list(range(len(FIXED_COLUMNS))) + [AVERAGE_COL, LEVEL_COL]:
            ws.write_blank(row + 1, col, None, fmt["header"])
            xlsx_common.merge_down(ws, row, col, row + 1)
        for month in range(1, 13):
            col = FIRST_MONTH_COL + 2 * (month - 1)
            xlsx_common.write_text(ws, row + 1, col, "Điểm", fmt["header"])
            xlsx_common.write_text(ws, row + 1, col + 1, "Xếp loại", fmt["header"])
        row += 2
        header_bottom = row - 1

        total = 0
        ratings = []
        for index, data in enumerate(
            self._annual_sheet_rows(year, company, department_ids), start=1
        ):
            total = index
            ratings.append(data["rating"])
            level = YEAR_LABELS_VI.get(data["rating"], "")
            ws.set_row(row, _row_height(
                {1: data["name"], 2: data["job"], 3: data["unit"], LEVEL_COL: level}
            ))
            ws.write_number(row, 0, index, fmt["integer"])
            xlsx_common.write_text(ws, row, 1, data["name"], fmt["text"])
            xlsx_common.write_text(ws, row, 2, data["job"], fmt["text"])
            xlsx_common.write_text(ws, row, 3, data["unit"], fmt["text"])
            for month in range(1, 13):
                col = FIRST_MONTH_COL + 2 * (month - 1)
                score, rating = data["months"].get(month, (None, None))
                if score is None:
                    ws.write_blank(row, col, None, fmt["number"])
                else:
                    ws.write_number(row, col, score, fmt["number"])
                xlsx_common.write_text(ws, row, col + 1, SHORT_LABELS_VI.get(rating, ""), fmt["text_center"])
            if data["average"] is None:
                ws.write_blank(row, AVERAGE_COL, None, fmt["number"])
            else:
                ws.write_number(row, AVERAGE_COL, data["average"], fmt["number"])
            xlsx_common.write_text(ws, row, LEVEL_COL, level, fmt["text"])
            row += 1

        # Counts per annual level.
        counts = summary_rules.count_by_rating(ratings)
        row += 1
        xlsx_common.merge_text(ws, row, 1, row, 3, "Tổng số người", fmt["total_label"])
        ws.write_number(row, FIRST_MONTH_COL, total, fmt["total_integer"])
        xlsx_common.write_text(ws, row, FIRST_MONTH_COL + 1, "Tỷ lệ", fmt["header"])
        row += 1
        for rating in summary_rules.RATINGS:
            xlsx_common.merge_text(ws, row, 1, row, 3, YEAR_LABELS_VI[rating], fmt["text"])
            ws.write_number(row, FIRST_MONTH_COL, counts[rating], fmt["integer"])
            ws.write_number(
                row, FIRST_MONTH_COL + 1,
                counts[rating] / total if total else 0.0, fmt["percent"],
            )
            row += 1
        xlsx_common.merge_text(ws, 
            row, 0, row, last_col,
            "Ghi chú: HTXSNV - Hoàn thành xuất sắc nhiệm vụ; HTTNV - Hoàn thành "
            "tốt nhiệm vụ; HTNV - Hoàn thành nhiệm vụ; KHTNV - Không hoàn thành "
            "nhiệm vụ. Điểm trên thang 100; tháng nghỉ (ốm, thai sản) không có "
            "điểm và không tính vào điểm trung bình.",
            fmt["note"],
        )
        ws.set_row(row, 32)
        row += 2
        xlsx_common.write_signatures(
            ws, fmt, row, last_col, company.city or company.state_id.name,
            fields.Date.context_today(self),
        )

        ws.set_column(0, 0, 5)
        for col, width in TEXT_WIDTHS.items():
            ws.set_column(col, col, width)
        for month in range(12):
            col = FIRST_MONTH_COL + 2 * month
            ws.set_column(col, col, 6.5)
            ws.set_column(col + 1, col + 1, 8.5)
        ws.set_column(AVERAGE_COL, AVERAGE_COL, 9)
        ws.freeze_panes(header_bottom + 1, 2)
        xlsx_common.setup_print(ws, header_top, header_bottom)
