import io
import tempfile

from odoo import fields, models
from odoo.tools import SQL

from ..compat import xlsxwriter
from ..rules import results, scoring
from ..user_lang import in_user_lang
from . import xlsx_common as xc

STATE_NOTES_VI = {
    "draft": "Đang tự đánh giá",
    "submitted": "Chờ cấp trên chấm điểm",
    "reviewed": "Chờ thủ trưởng phê duyệt",
}


class AppraisalPeriod(models.Model):
    _name = "appraisal.period"  # an aspect file: the same model, extended
    _inherit = "appraisal.period"

    @in_user_lang
    def action_open_export_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Export Sheet"),
            "res_model": "appraisal.period.export",
            "view_mode": "form",
            "target": "new",
            "context": {"default_period_id": self.id},
        }

    def _get_sheet_title(self):
        self.ensure_one()
        start = self.date_start
        if self.period_type == "quarter":
            when = "QUÝ %s/%s" % (results.quarter_of(start.month), start.year)
        else:
            when = "THÁNG %02d/%s" % (start.month, start.year)
        return (
            "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÁN BỘ, CÔNG CHỨC, "
            "VIÊN CHỨC %s" % when
        )

    def _period_sheet_ids(self, department_ids=None):
        """Ids of the period's forms the current user may read, in the
        sheet's order (unit, then name), read in one query."""
        self.ensure_one()
        domain = [("period_id", "=", self.id), ("state", "!=", "cancelled")]
        if department_ids:
            domain.append(("department_id", "child_of", list(department_ids)))
        # Searched as the user: record rules decide whose rows appear.
        return xc.ids_in_sheet_order(self.env["appraisal.form"], domain)

    def _sheet_section_count(self, form_ids):
        """The most sections a form of the sheet has (at least one): the
        sheet's columns, known before its first row is written."""
        if not form_ids:
            return 1
        self.env["appraisal.form.line"].flush_model(["form_id", "sequence", "display_type"])
        # Each section heading opens a section; lines before the first
        # heading make one more, unnamed (as _sheet_sections counts them).
        self.env.cr.execute(SQL(
            """SELECT COALESCE(max(sections), 0) FROM (
                   SELECT count(*) FILTER (WHERE display_type = 'line_section')
                          + max(CASE WHEN display_type IS NULL AND headings_before = 0
                                     THEN 1 ELSE 0 END) AS sections
                     FROM (SELECT form_id, display_type,
                                  count(*) FILTER (WHERE display_type = 'line_section')
                                      OVER (PARTITION BY form_id ORDER BY sequence, id)
                                      AS headings_before
                             FROM appraisal_form_line
                            WHERE form_id IN %s) AS line
                 GROUP BY form_id) AS per_form""",
            tuple(form_ids),
        ))
        return max(self.env.cr.fetchone()[0], 1)

    def _period_sheet_rows(self, form_ids, batch_size=1000):
        """The sheet's forms, a batch at a time, each with its sections;
        the records of a batch are dropped from the cache before the next
        (the memory of a batch, not of the company)."""
        Form = self.env["appraisal.form"]
        for start in range(0, len(form_ids), batch_size):
            forms = Form.browse(form_ids[start:start + batch_size])
            sections = self._sheet_sections(forms)
            forms.fetch([
                "employee_id", "job_id", "department_id", "criteria_set_id", "state",
                "self_score", "manager_score", "final_score", "score_percent", "veto",
                "rating", "suggested_rating",
            ])
            forms.employee_id.fetch(["name", "job_title"])
            for form in forms:
                yield form, sections.get(form.id, [])
            # Nothing is written here: the invalidation has nothing to flush.
            self.env.invalidate_all()

    def _sheet_sections(self, forms):
        """{form id: [(section name, points)]}: signed final scores of the
        lines under each section of each form.

        The lines of every form are read in one query, in form and sequence
        order, as plain values: a sheet of ten thousand forms (150,000
        lines) stays linear in time and memory."""
        if not forms:
            return {}
        lang = self.env.lang or "en_US"
        self.env["appraisal.form.line"].flush_model(
            ["form_id", "sequence", "display_type", "name", "kind", "final_score"]
        )
        self.env.cr.execute(SQL(
            """SELECT form_id, display_type, COALESCE(name->>%s, name->>'en_US'),
                      kind, final_score
                 FROM appraisal_form_line
                WHERE form_id IN %s
             ORDER BY form_id, sequence, id""",
            lang, tuple(forms.ids),
        ))
        by_form = {}
        for form_id, display_type, name, kind, final_score in self.env.cr.fetchall():
            sections = by_form.setdefault(form_id, [])
            if display_type == "line_section":
                sections.append([name, 0.0])
            elif not display_type:
                if not sections:
                    sections.append(["", 0.0])
                sections[-1][1] += scoring.net_score([(kind, final_score or 0.0)])
        return {
            form_id: [(name, round(points, 2)) for name, points in sections]
            for form_id, sections in by_form.items()
        }

    def _sheet_lang_env(self):
        lang = "vi_VN" if self.env["res.lang"]._lang_get("vi_VN") else self.env.lang
        return self.with_context(lang=lang)

    def _generate_period_xlsx(self, department_ids=None):
        """The official period sheet (BẢNG TỔNG HỢP) as XLSX bytes.

        Holds only the forms the current user may read.  Built a batch of
        forms at a time into a workbook that keeps its rows in a temporary
        file (constant memory): the sheet of a whole province takes the
        memory of a batch.
        """
        self.ensure_one()
        form_ids = self._period_sheet_ids(department_ids)
        output = io.BytesIO()
        with tempfile.TemporaryDirectory(prefix="appraisal_sheet_") as tmpdir:
            workbook = xlsxwriter.Workbook(output, xc.constant_memory_options(tmpdir))
            # Rows are chosen as the user; their details (lines, employee,
            # department) are then read without per-field access noise.
            self._sheet_lang_env().sudo()._write_period_sheet(workbook, form_ids)
            workbook.close()
        return output.getvalue()

    def _write_period_sheet(self, workbook, form_ids):
        period = self
        n_sections = self._sheet_section_count(form_ids)
        ws = workbook.add_worksheet("Tong hop")
        fmt = xc.make_formats(workbook)

        # columns
        col_sec = 4
        col_self = col_sec + n_sections
        col_manager, col_final, col_percent = col_self + 1, col_self + 2, col_self + 3
        col_level, col_note = col_self + 4, col_self + 5
        last_col = col_note
        widths = [5, 24, 24, 20] + [9] * n_sections + [10, 10, 10, 9, 26, 22]
        for col, width in enumerate(widths):
            ws.set_column(col, col, width)

        company = period.company_id
        row = xc.write_heading(ws, fmt, last_col, company.name, company.parent_id.name)
        row = xc.write_title(ws, fmt, row, last_col, period._get_sheet_title(),
                             "(Từ ngày %s đến ngày %s)" % (
                                 period.date_start.strftime("%d/%m/%Y"),
                                 period.date_end.strftime("%d/%m/%Y")))

        # table header: two rows, written row by row (the columns other than
        # the sections' merged down over both)
        h1, h2 = row, row + 1
        merged_down = (
            (0, "STT"), (1, "Họ và tên"), (2, "Chức vụ"), (3, "Đơn vị"),
            (col_self, "Điểm tự chấm"), (col_manager, "Điểm cấp trên chấm"),
            (col_final, "Điểm kết quả"), (col_percent, "Tỷ lệ (%)"),
            (col_level, "Xếp loại"), (col_note, "Ghi chú"),
        )
        ws.set_row(h1, 30)
        for col, label in merged_down:
            xc.write_text(ws, h1, col, label, fmt["header"])
        if n_sections > 1:
            xc.merge_text(ws, h1, col_sec, h1, col_self - 1, "Điểm theo từng phần tiêu chí", fmt["header"])
        else:
            xc.write_text(ws, h1, col_sec, "Điểm theo phần", fmt["header"])
        ws.set_row(h2, 30)
        for col, _label in merged_down:
            ws.write_blank(h2, col, None, fmt["header"])
            xc.merge_down(ws, h1, col, h2)
        for index in range(n_sections):
            xc.write_text(ws, h2, col_sec + index, "Phần %s" % xc.roman(index + 1), fmt["header"])
        row = h2 + 1

        counts = dict.fromkeys(xc.RATING_ORDER, 0)
        not_rated = 0
        total = 0
        sets = {}  # what the section columns hold, per criteria set
        for number, (form, sections) in enumerate(
            self._period_sheet_rows(form_ids), start=1
        ):
            total = number
            sets.setdefault(form.criteria_set_id.id, (form.criteria_set_id.name, sections))
            approved = form.state == "approved"
            texts = [
                (1, form.employee_id.name or ""),
                (2, form.job_id.name or form.employee_id.job_title or ""),
                (3, form.department_id.name or ""),
            ]
            notes = []
            if not (approved and form.rating):
                notes.append(STATE_NOTES_VI.get(form.state, ""))
            if form.veto:
                notes.append("Vi phạm tiêu chí loại trừ")
            if approved and form.rating != form.suggested_rating:
                notes.append("Điều chỉnh mức xếp loại")
            note = "; ".join(n for n in notes if n)
            # The row's height first: a row in constant memory is written once.
            ws.set_row(row, xc.row_height(
                [(text, widths[col]) for col, text in texts + [(col_note, note)]]))
            ws.write_number(row, 0, number, fmt["integer"])
            for col, text in texts:
                xc.write_text(ws, row, col, text, fmt["text"])
            for index in range(n_sections):
                if index < len(sections):
                    ws.write_number(row, col_sec + index, sections[index][1], fmt["number"])
                else:
                    ws.write_blank(row, col_sec + index, None, fmt["text"])
            ws.write_number(row, col_self, form.self_score, fmt["number"])
            if form.state in ("reviewed", "approved"):
                ws.write_number(row, col_manager, form.manager_score, fmt["number"])
            else:
                ws.write_blank(row, col_manager, None, fmt["text"])
            ws.write_number(row, col_final, form.final_score, fmt["number"])
            ws.write_number(row, col_percent, form.score_percent / 100.0, fmt["percent"])
            if approved and form.rating:
                counts[form.rating] += 1
                xc.write_text(ws, row, col_level, xc.RATING_LABELS_VI[form.rating], fmt["text"])
            else:
                not_rated += 1
                xc.write_text(ws, row, col_level, xc.NOT_RATED_VI, fmt["text"])
            xc.write_text(ws, row, col_note, note, fmt["text"])
            row += 1
        if not total:
            xc.merge_text(ws, row, 0, row, last_col, "Không có phiếu đánh giá nào.", fmt["text_center"])
            row += 1

        # counts per level
        row += 1
        xc.merge_text(ws, row, 1, row, 3, "Tổng hợp xếp loại", fmt["header"])
        xc.write_text(ws, row, 4, "Số người", fmt["header"])
        xc.write_text(ws, row, 5, "Tỷ lệ", fmt["header"])
        row += 1
        summary = [(xc.RATING_LABELS_VI[key], counts[key]) for key in xc.RATING_ORDER]
        if not_rated:
            summary.append((xc.NOT_RATED_VI, not_rated))
        for label, count in summary:
            xc.merge_text(ws, row, 1, row, 3, label, fmt["text"])
            ws.write_number(row, 4, count, fmt["integer"])
            ws.write_number(row, 5, count / total if total else 0.0, fmt["percent"])
            row += 1
        xc.merge_text(ws, row, 1, row, 3, "Tổng số", fmt["total_label"])
        ws.write_number(row, 4, total, fmt["total_integer"])
        ws.write_number(row, 5, 1.0 if total else 0.0, fmt["total_percent"])
        row += 2

        # what the section columns hold, per criteria set
        if sets:
            xc.merge_text(ws, row, 0, row, last_col, "Ghi chú các phần tiêu chí:", fmt["note"])
            row += 1
            for set_name, sections in sets.values():
                text = "- %s: %s" % (set_name, "; ".join(
                    "Phần %s: %s" % (xc.roman(i + 1), name) for i, (name, _points) in enumerate(sections)
                ))
                ws.set_row(row, xc.row_height([(text, sum(widths))]))
                xc.merge_text(ws, row, 0, row, last_col, text, fmt["note"])
                row += 1
            row += 1

        xc.write_signatures(ws, fmt, row, last_col, company.city,
                            fields.Date.context_today(self))
        xc.setup_print(ws, h1, h2)
