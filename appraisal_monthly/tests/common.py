from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user


class AppraisalCommon(TransactionCase):
    """A small office: a head, a team leader and two staff, plus HR.

    Hierarchy (department "Office" under "Leadership"):
        head (heads Leadership) <- leader (heads Office) <- staff, staff2
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # English as the language of the assertions, whichever languages the
        # database has (scripts/test installs it in Vietnamese).
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", tracking_disable=False,
                                       mail_create_nosubscribe=True,
                                       mail_notrack=False))
        # scripts/test installs the database in Vietnamese only; the test
        # users work in English so that assertions read the source strings.
        cls.env["res.lang"]._activate_lang("en_US")
        cls.company = cls.env.ref("base.main_company")
        # The Excellent quota (20% of Good) has its own tests
        # (test_quota_publication); the others approve forms one by one.
        cls.company.appraisal_quota_enabled = False
        # Forms of the demo data, when installed: tests look past them.
        cls.preexisting_forms = cls.env["appraisal.form"].search([])
        group_user = "base.group_user"
        cls.user_hr = new_test_user(
            cls.env, lang="en_US", login="am_hr", name="HR Officer",
            groups=group_user + ",appraisal_monthly.group_appraisal_officer",
        )
        cls.user_admin = new_test_user(
            cls.env, lang="en_US", login="am_admin", name="Appraisal Admin",
            groups=group_user + ",appraisal_monthly.group_appraisal_manager",
        )
        cls.user_committee = new_test_user(
            cls.env, lang="en_US", login="am_committee", name="Committee Member",
            groups=group_user + ",appraisal_monthly.group_appraisal_committee",
        )
        cls.user_head = new_test_user(
            cls.env, lang="en_US", login="am_head", name="Head", groups=group_user)
        cls.user_leader = new_test_user(
            cls.env, lang="en_US", login="am_leader", name="Leader", groups=group_user)
        cls.user_staff = new_test_user(
            cls.env, lang="en_US", login="am_staff", name="Staff", groups=group_user)
        cls.user_staff2 = new_test_user(
            cls.env, lang="en_US", login="am_staff2", name="Staff Two", groups=group_user)
        cls.user_outsider = new_test_user(
            cls.env, lang="en_US", login="am_outsider", name="Outsider", groups=group_user)

        Employee = cls.env["hr.employee"]
        Department = cls.env["hr.department"]
        cls.emp_head = Employee.create({"name": "Head", "user_id": cls.user_head.id})
        cls.dep_leadership = Department.create({
            "name": "Leadership", "manager_id": cls.emp_head.id,
        })
        cls.emp_head.department_id = cls.dep_leadership
        cls.emp_leader = Employee.create({
            "name": "Leader", "user_id": cls.user_leader.id, "parent_id": cls.emp_head.id,
        })
        cls.dep_office = Department.create({
            "name": "Office", "parent_id": cls.dep_leadership.id,
            "manager_id": cls.emp_leader.id,
        })
        cls.emp_leader.department_id = cls.dep_office
        cls.emp_staff = Employee.create({
            "name": "Staff", "user_id": cls.user_staff.id,
            "parent_id": cls.emp_leader.id, "department_id": cls.dep_office.id,
        })
        cls.emp_staff2 = Employee.create({
            "name": "Staff Two", "user_id": cls.user_staff2.id,
            "parent_id": cls.emp_leader.id, "department_id": cls.dep_office.id,
        })
        cls.emp_outsider = Employee.create({"name": "Outsider", "user_id": cls.user_outsider.id})

        cls.set_staff = cls.env.ref("appraisal_monthly.criteria_set_decree335_staff")
        cls.set_manager = cls.env.ref("appraisal_monthly.criteria_set_manager_150")
        cls.period = cls.env["appraisal.period"].create({
            "date_start": "2026-01-01", "company_id": cls.company.id,
        })
        cls.period.action_open()
        cls.form_staff = cls.env["appraisal.form"].create({
            "employee_id": cls.emp_staff.id, "period_id": cls.period.id,
        })

    def setUp(self):
        super().setUp()
        # Odoo skips tracking in the transaction that created a record; in
        # real use each step is its own transaction, so start from there.
        self.flush_tracking()

    # helpers -------------------------------------------------------------
    def flush_tracking(self):
        """Tracking values are written at commit time: run that step now."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()

    @staticmethod
    def score_lines(form):
        return form.line_ids.filtered(lambda l: not l.display_type and not l.veto)

    @classmethod
    def fill_self(cls, form, ratio=1.0, user=None):
        """Give every score line ratio × its maximum as the self score."""
        lines = cls.score_lines(form).filtered(lambda l: l.kind == "score")
        for line in lines:
            line.with_user(user or form.employee_id.user_id).self_score = round(line.max_score * ratio, 2)

    @classmethod
    def fill_manager(cls, form, ratio=1.0, user=None):
        lines = cls.score_lines(form).filtered(lambda l: l.kind == "score")
        for line in lines:
            line.with_user(user).manager_score = round(line.max_score * ratio, 2)

    def generate_forms(self, period, user, **vals):
        """Press Generate Forms on ``period`` as ``user`` (the wizard, whole
        company by default) and return the wizard, showing its result."""
        wizard = self.env["appraisal.period.generate"].with_user(user).create(
            dict(vals, period_id=period.id)
        )
        action = wizard.action_generate()
        self.assertEqual(action["type"], "ir.actions.act_window")
        self.assertEqual((action["res_model"], action["res_id"]), (wizard._name, wizard.id))
        self.assertEqual(wizard.step, "done")
        return wizard

    def line(self, form, name):
        return form.line_ids.filtered(lambda l: l.name == name)

    def make_set(self, criteria, target="staff", code="T1", **extra):
        vals = {"name": "Test set", "code": code, "target": target,
                "criterion_ids": [Command.create(c) for c in criteria]}
        vals.update(extra)
        return self.env["appraisal.criteria.set"].create(vals)
