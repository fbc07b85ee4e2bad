"""Issue 9, items 6 and 7: safe official sheets, and a printable form.

6. A person who names himself ``=HYPERLINK(...)`` appears in both official
   XLSX sheets (period and annual) as a text cell, never as a formula.
7. Everyone who may read a form can print it (Print > Appraisal Form): the
   employee, the superior and the head, not only HR; the printout shows the
   same data as the screen.
"""
import base64
import io

from openpyxl import load_workbook

from odoo.tests import new_test_user, tagged

from .. import compat
from .security_common import SecurityCommon

FORMULA_NAME = '=HYPERLINK("http://x","y")'
REPORT = "appraisal_monthly.report_appraisal_form"


@tagged("post_install", "-at_install", "appraisal_security")
class TestSheetsAreText(SecurityCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # He names himself (his user and employee record) with a formula,
        # and so does the job title he may type.
        cls.user_evil = new_test_user(cls.env, login="am_evil", name=FORMULA_NAME,
                                      lang="en_US", groups="base.group_user")
        cls.emp_evil = cls.env["hr.employee"].create({
            "name": FORMULA_NAME, "user_id": cls.user_evil.id, "job_title": "=1+1",
            "parent_id": cls.emp_leader.id, "department_id": cls.dep_office.id,
        })
        cls.form_evil = cls.env["appraisal.form"].create({
            "employee_id": cls.emp_evil.id, "period_id": cls.period.id})

    def setUp(self):
        super().setUp()
        self.approved(self.form_evil, ratio=0.8)

    def _cells(self, content):
        """Every cell of every sheet, read twice: formulas as written, and
        as the spreadsheet would show them."""
        workbook = load_workbook(io.BytesIO(content))
        return [cell for ws in workbook.worksheets for row in ws.iter_rows() for cell in row]

    def assertNoFormula(self, content, sheet):
        cells = self._cells(content)
        formulas = [(cell.coordinate, cell.value) for cell in cells if cell.data_type == "f"]
        self.assertFalse(formulas, "%s holds formulas: %s" % (sheet, formulas))
        texts = [cell.value for cell in cells if cell.data_type == "s"]
        self.assertIn(FORMULA_NAME, texts, "%s does not show the name as text" % sheet)

    def test_period_sheet_writes_names_as_text(self):
        wizard = self.env["appraisal.period.export"].with_user(self.user_hr).create(
            {"period_id": self.period.id})
        wizard.action_export()
        self.assertNoFormula(base64.b64decode(wizard.file_data), "the period sheet")

    def test_annual_sheet_writes_names_as_text(self):
        wizard = self.env["appraisal.summary.export"].with_user(self.user_hr).create(
            {"year": 2026})
        wizard.action_export()
        self.assertNoFormula(base64.b64decode(wizard.file_data), "the annual sheet")

    def test_superiors_sheet_writes_names_as_text(self):
        content = self.period.with_user(self.user_leader)._generate_period_xlsx()
        self.assertNoFormula(content, "the superior's period sheet")


@tagged("post_install", "-at_install", "appraisal_security")
class TestPrintForm(SecurityCommon):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A form that carries a job position, as generated forms do.
        cls.emp_staff.job_id = cls.env["hr.job"].create({"name": "Land Officer"})
        cls.february = cls.env["appraisal.period"].create({
            "date_start": "2026-02-01", "company_id": cls.company.id})
        cls.february.action_open()
        cls.form_job = cls.env["appraisal.form"].create({
            "employee_id": cls.emp_staff.id, "period_id": cls.february.id})

    def setUp(self):
        super().setUp()
        self.assertTrue(self.form_job.job_id)
        self.approved(self.form_job, ratio=0.8)

    def _render(self, user, form):
        try:
            html, _kind = self.env["ir.actions.report"].with_user(user)._render_qweb_html(
                REPORT, form.ids)
        except compat.QWebException as error:
            # The template's error, as the user gets it.
            raise error.__cause__ or error.__context__ or error
        return html.decode() if isinstance(html, bytes) else html

    def test_everyone_who_reads_the_form_prints_it(self):
        form = self.form_job
        failures = []
        for who, user in (("employee", self.user_staff), ("superior", self.user_leader),
                          ("head", self.user_head), ("HR", self.user_hr),
                          ("committee", self.user_committee)):
            form.with_user(user).read(["name"])  # may read it
            try:
                html = self._render(user, form)
            except Exception as error:  # pylint: disable=broad-except
                failures.append("%s: %s: %s" % (who, type(error).__name__, error))
                continue
            self.assertIn(self.emp_staff.name, html)
        self.assertFalse(failures, "may read the form but not print it:\n" + "\n".join(failures))

    def test_printout_shows_the_screen_data(self):
        form = self.form_job
        html = self._render(self.user_hr, form)
        labels = dict(form._fields["rating"]._description_selection(form.env))
        self.assertIn(labels[form.rating], html)
        self.assertIn(("%.2f" % form.final_score).rstrip("0").rstrip("."), html)

    def test_nobody_prints_a_form_they_cannot_read(self):
        for who, user in (("colleague", self.user_staff2), ("outsider", self.user_outsider)):
            with self.assertRefused("%s printing Staff's form" % who):
                self._render(user, self.form_job)
