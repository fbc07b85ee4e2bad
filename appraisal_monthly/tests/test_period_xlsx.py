import base64
import io

from openpyxl import load_workbook

from odoo.tests import tagged

from .common import AppraisalCommon


@tagged("post_install", "-at_install")
class TestPeriodXlsx(AppraisalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Staff approved at 90%, Staff Two submitted only, the outsider's
        # form exists but belongs to nobody the leader manages.
        cls.form_staff2 = cls.env["appraisal.form"].create({
            "employee_id": cls.emp_staff2.id, "period_id": cls.period.id,
        })
        cls.form_outsider = cls.env["appraisal.form"].create({
            "employee_id": cls.emp_outsider.id, "period_id": cls.period.id,
        })
        cls.form_staff.self_comment = "I did my work."
        cls.fill_self(cls.form_staff, 0.9)
        cls.form_staff.with_user(cls.user_staff).action_submit()
        cls.fill_manager(cls.form_staff, 0.9, user=cls.user_leader)
        cls.form_staff.with_user(cls.user_leader).write({"manager_comment": "Reliable work."})
        cls.form_staff.with_user(cls.user_leader).action_review()
        cls.form_staff.with_user(cls.user_head).action_approve()
        cls.fill_self(cls.form_staff2, 0.6)
        cls.form_staff2.with_user(cls.user_staff2).action_submit()

    def _read(self, user=None, departments=None):
        period = self.period.with_user(user) if user else self.period
        content = period._generate_period_xlsx(department_ids=departments)
        return load_workbook(io.BytesIO(content)).active

    @staticmethod
    def _find_row(ws, value, column=2):
        for row in range(1, ws.max_row + 1):
            if ws.cell(row, column).value == value:
                return row
        return None

    @staticmethod
    def _header_col(ws, row, label):
        for col in range(1, ws.max_column + 1):
            if ws.cell(row, col).value == label:
                return col
        return None

    def test_sheet_content(self):
        ws = self._read(self.user_hr)
        self.assertEqual(ws["A1"].value, self.company.name.upper())
        right = [c.value for c in ws[1] if c.value and "CỘNG HÒA" in str(c.value)]
        self.assertEqual(right, ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
        self.assertIn("Độc lập - Tự do - Hạnh phúc", [c.value for c in ws[2]])
        self.assertEqual(
            ws["A4"].value,
            "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÁN BỘ, CÔNG CHỨC, "
            "VIÊN CHỨC THÁNG 01/2026",
        )
        header = self._find_row(ws, "STT", column=1)
        self.assertTrue(header)
        self.assertEqual(ws.cell(header, 2).value, "Họ và tên")
        self.assertEqual(ws.cell(header + 1, 5).value, "Phần I")
        self.assertEqual(ws.cell(header + 1, 6).value, "Phần II")
        final_col = self._header_col(ws, header, "Điểm kết quả")
        level_col = self._header_col(ws, header, "Xếp loại")
        self.assertTrue(final_col and level_col)

        row = self._find_row(ws, "Staff")
        self.assertEqual(ws.cell(row, 4).value, "Office")
        self.assertAlmostEqual(ws.cell(row, final_col).value, self.form_staff.final_score)
        self.assertEqual(self.form_staff.rating, "excellent")
        self.assertEqual(ws.cell(row, level_col).value, "Hoàn thành xuất sắc nhiệm vụ")
        # Part II (task results) of the staff set: 90% of 70 points.
        self.assertAlmostEqual(ws.cell(row, 6).value, 63.0)
        row2 = self._find_row(ws, "Staff Two")
        self.assertEqual(ws.cell(row2, level_col).value, "Chưa xếp loại")
        self.assertIn("Chờ cấp trên chấm điểm", ws.cell(row2, level_col + 1).value)
        self.assertTrue(self._find_row(ws, "Outsider"))

        # counts per level
        count_row = self._find_row(ws, "Hoàn thành xuất sắc nhiệm vụ")
        self.assertEqual(ws.cell(count_row, 5).value, 1)
        total_row = self._find_row(ws, "Tổng số")
        n_forms = self.env["appraisal.form"].search_count([
            ("period_id", "=", self.period.id), ("state", "!=", "cancelled"),
        ])
        self.assertEqual(ws.cell(total_row, 5).value, n_forms)
        texts = [c.value for r in ws.iter_rows() for c in r if isinstance(c.value, str)]
        self.assertTrue(any(t.startswith("..........") or ", ngày " in t for t in texts))
        self.assertIn("NGƯỜI LẬP BIỂU", texts)
        self.assertIn("THỦ TRƯỞNG ĐƠN VỊ", texts)

        # layout: merged headers and print setup
        merged = {str(rng) for rng in ws.merged_cells.ranges}
        self.assertIn("A%s:A%s" % (header, header + 1), merged)
        self.assertTrue(any(r.startswith("A4:") for r in merged))
        self.assertEqual(ws.page_setup.orientation, "landscape")
        self.assertEqual(str(ws.page_setup.paperSize), "9")
        self.assertEqual(ws.print_title_rows, "$%s:$%s" % (header, header + 1))
        self.assertTrue(ws.sheet_properties.pageSetUpPr.fitToPage)
        self.assertGreater(ws.column_dimensions["B"].width, 20)

    def test_manager_sees_only_their_people(self):
        ws = self._read(self.user_leader)
        names = {ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
        self.assertIn("Staff", names)
        self.assertIn("Staff Two", names)
        self.assertNotIn("Outsider", names)
        total_row = self._find_row(ws, "Tổng số")
        self.assertEqual(ws.cell(total_row, 5).value, 2)
        # an employee's export holds their own row only
        ws = self._read(self.user_staff2)
        names = {ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
        self.assertIn("Staff Two", names)
        self.assertNotIn("Staff", names)

    def test_department_filter_and_wizard(self):
        ws = self._read(self.user_hr, departments=self.dep_office.ids)
        names = {ws.cell(r, 2).value for r in range(1, ws.max_row + 1)}
        self.assertIn("Staff", names)
        self.assertNotIn("Outsider", names)

        action = self.period.with_user(self.user_leader).action_open_export_wizard()
        wizard = self.env["appraisal.period.export"].with_user(self.user_leader).with_context(
            **action["context"]).create({})
        result = wizard.action_export()
        self.assertEqual(result["type"], "ir.actions.act_url")
        self.assertIn("field=file_data", result["url"])
        self.assertIn("download=true", result["url"])
        self.assertEqual(wizard.file_name, "bang_tong_hop_01_2026.xlsx")
        book = load_workbook(io.BytesIO(base64.b64decode(wizard.file_data)))
        self.assertTrue(self._find_row(book.active, "Staff"))

    def test_quarter_title(self):
        period = self.env["appraisal.period"].create({
            "date_start": "2026-04-01", "period_type": "quarter", "company_id": self.company.id,
        })
        ws = load_workbook(io.BytesIO(period._generate_period_xlsx())).active
        self.assertTrue(ws["A4"].value.endswith("QUÝ 2/2026"))
        self.assertEqual(ws.cell(self._find_row(ws, "Tổng số"), 5).value, 0)

    def test_printable_form(self):
        report = self.env.ref("appraisal_monthly.action_report_appraisal_form")
        self.assertEqual(report.binding_model_id.model, "appraisal.form")
        html = report.with_user(self.user_leader)._render_qweb_html(
            report.report_name, self.form_staff.ids)[0].decode()
        self.assertIn("Staff", html)
        self.assertIn("Office", html)
        self.assertIn("Results of assigned tasks", html)
        self.assertIn("I. General criteria (30 points)", html)
        self.assertIn("63", html)  # 90% of the 70 points of task results
        self.assertIn(("%.2f" % self.form_staff.final_score).rstrip("0").rstrip("."), html)
        self.assertIn("Reliable work.", html)
        self.assertIn("I did my work.", html)
        self.assertIn("DIRECT SUPERIOR", html)
        self.assertIn("Excellent", html)
