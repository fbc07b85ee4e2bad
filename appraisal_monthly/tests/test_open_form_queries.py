"""Opening a form costs the same few queries for every reader (issue 11):
the head of more than a thousand people opens a form as cheaply as the
employee's own unit head."""
import importlib.util
import os

from odoo.tests import TransactionCase, new_test_user, tagged

BENCH = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "benchmarks", "bench_province.py"
)
MAX_QUERIES = 30
SPAN = 1100


@tagged("post_install", "-at_install")
class TestOpenFormQueries(TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True, mail_create_nolog=True,
            mail_create_nosubscribe=True, mail_notrack=True))
        company = env["res.company"].create({"name": "Tỉnh Thử", "appraisal_quota_enabled": False})
        cls.company = company

        def user(login, groups="base.group_user"):
            return new_test_user(env, login=login, name=login.title(), groups=groups,
                                 company_id=company.id, company_ids=[(6, 0, company.ids)])

        cls.users = {role: user("open_%s" % role) for role in (
            "chair", "division", "unit", "staff")}
        cls.users["hr"] = user(
            "open_hr", "base.group_user,appraisal_monthly.group_appraisal_officer")
        Employee, Department = env["hr.employee"], env["hr.department"]

        def employee(role, **vals):
            return Employee.create(dict(
                vals, name=role.title(), user_id=cls.users[role].id, company_id=company.id))

        chair = employee("chair")
        top = Department.create({"name": "Văn phòng", "manager_id": chair.id,
                                 "company_id": company.id})
        chair.department_id = top
        division_head = employee("division", parent_id=chair.id)
        division = Department.create({"name": "Sở", "parent_id": top.id,
                                      "manager_id": division_head.id, "company_id": company.id})
        division_head.department_id = division
        unit_head = employee("unit", parent_id=division_head.id)
        unit = Department.create({"name": "Phòng", "parent_id": division.id,
                                  "manager_id": unit_head.id, "company_id": company.id})
        unit_head.department_id = unit
        cls.staff = employee("staff", parent_id=unit_head.id, department_id=unit.id)
        hr = employee("hr", parent_id=chair.id, department_id=top.id)
        # The rest of the division: more than a thousand people, in ten units
        # of their own (made in one create, without users).
        units = Department.create([
            {"name": "Phòng %s" % i, "parent_id": division.id, "company_id": company.id}
            for i in range(10)
        ])
        Employee.create([
            {"name": "Người %04d" % i, "company_id": company.id,
             "department_id": units[i % 10].id, "parent_id": division_head.id}
            for i in range(SPAN)
        ])
        cls.hr_employee = hr
        period = env["appraisal.period"].create({
            "date_start": "2026-05-01", "company_id": company.id})
        period.action_open()
        cls.form = env["appraisal.form"].create({
            "employee_id": cls.staff.id, "period_id": period.id})
        env.flush_all()

    def _open(self, user):
        """Queries of one opening of the form by ``user``, as a request
        after their first ones: the registry's caches (record rules, groups,
        views) warm, the record cache and the request's memo cold."""
        spec = self.bench.web_read_spec(self.form.with_user(user))
        record = self.form.with_user(user).with_context(
            allowed_company_ids=self.company.ids, lang="en_US")
        for _warm_up in range(2):
            record.web_read(spec)
            self.env.flush_all()
            self.env.invalidate_all()
        self.env["hr.employee"]._forget_appraisal_hierarchy()  # a new request
        before = self.cr.sql_log_count
        record.web_read(spec)
        return self.cr.sql_log_count - before

    def test_every_reader_opens_a_form_in_few_queries(self):
        if not os.path.exists(BENCH):
            self.skipTest("benchmarks/ is not beside the addon (addon deployed alone)")
        spec = importlib.util.spec_from_file_location("appraisal_bench_province_open", BENCH)
        self.bench = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(self.bench)
        managed = self.env["hr.employee"]._read_appraisal_managed_by(self.users["chair"])
        self.assertGreater(len(managed), 1000, "the chair heads more than a thousand people")
        counts = {role: self._open(user) for role, user in self.users.items()}
        for role, count in counts.items():
            with self.subTest(role=role):
                self.assertLessEqual(count, MAX_QUERIES, counts)
        # The reader's span does not count: the chair as the unit head.
        self.assertLessEqual(counts["chair"] - counts["unit"], 2, counts)
        self.assertLessEqual(counts["division"] - counts["unit"], 2, counts)
