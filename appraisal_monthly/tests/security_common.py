"""Shared fixtures of the hostile tests of issue 9 ("Nobody can bend a rating").

Every attack runs as the user concerned (``with_user``), inside a savepoint
that is always rolled back, so that an attack the addon wrongly accepts
cannot leak into the next one.  A refusal is an Odoo exception raised by the
addon (UserError and its subclasses, or RedirectWarning); a raw database
error (IntegrityError...) is not a refusal but a failure of the test.
"""
from contextlib import contextmanager

import psycopg2

from odoo.exceptions import AccessError, RedirectWarning, UserError
from odoo.tests import new_test_user
from odoo.tools import mute_logger

from .common import AppraisalCommon

# What the addon may raise to refuse a call.  ValidationError and
# AccessError subclass UserError; RedirectWarning (the quota's "Check
# Quota" button) does not.
REFUSALS = (UserError, RedirectWarning)
MUTED = (
    "odoo.addons.base.models.ir_model",
    "odoo.addons.base.models.ir_rule",
    "odoo.sql_db",
)

# Every context key that the addon's Python reads (grep "context" in
# appraisal_monthly/**/*.py), with a value a hostile client would send, plus
# the Odoo keys a client could hope to use to skip a check or a trace.
ADDON_CONTEXT_KEYS = {
    "appraisal_workflow": True,
    "appraisal_reason": "context reason",
    "dashboard_state": "approved",
    "dashboard_rating": "excellent",
    "late_step": "approval",
}
ODOO_CONTEXT_KEYS = {
    "tracking_disable": True,
    "mail_notrack": True,
    "mail_create_nolog": True,
    "install_mode": True,
    "import_file": True,
    "active_test": False,
    "module": "appraisal_monthly",
}
HOSTILE_CONTEXTS = (
    [("no context key", {})]
    + [(key, {key: value}) for key, value in ADDON_CONTEXT_KEYS.items()]
    + [("every addon key", dict(ADDON_CONTEXT_KEYS))]
    + [("every key", dict(ADDON_CONTEXT_KEYS, **ODOO_CONTEXT_KEYS))]
)

# Letters found in Vietnamese and not in English (lower and upper case).
_VI_LETTERS = set(
    "ăâđêôơưạảãàáậầấẩẫắằẳẵặẹẻẽèéệềếểễìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
_VI_LETTERS |= {letter.upper() for letter in _VI_LETTERS}


def is_vietnamese(text):
    return any(char in _VI_LETTERS for char in str(text or ""))


class _Undo(Exception):
    """Raised inside a savepoint to roll back a call that succeeded."""


class Dropped(UserError):
    """Raised by a test when the addon silently dropped a forbidden value:
    as good as a refusal."""

    def __init__(self, message="dropped by the addon"):
        # Odoo 18's UserError requires a message.
        super().__init__(message)


class SecurityCommon(AppraisalCommon):
    """AppraisalCommon plus the people the attacks need.

    The HR officer and the administrator are employees too, in the office,
    under the leader (so the leader reviews them and the head approves):
    the attacks on one's own form need a form of theirs.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Employee = cls.env["hr.employee"]
        cls.emp_hr = Employee.create({
            "name": "HR Officer", "user_id": cls.user_hr.id,
            "parent_id": cls.emp_leader.id, "department_id": cls.dep_office.id,
        })
        cls.emp_admin = Employee.create({
            "name": "Appraisal Admin", "user_id": cls.user_admin.id,
            "parent_id": cls.emp_leader.id, "department_id": cls.dep_office.id,
        })
        Form = cls.env["appraisal.form"]
        cls.form_staff2 = Form.create({"employee_id": cls.emp_staff2.id, "period_id": cls.period.id})
        cls.form_hr = Form.create({"employee_id": cls.emp_hr.id, "period_id": cls.period.id})
        cls.form_admin = Form.create({"employee_id": cls.emp_admin.id, "period_id": cls.period.id})

    # ------------------------------------------------------------------
    # The real workflow, as the users concerned
    # ------------------------------------------------------------------
    def submit(self, form, ratio=1.0):
        self.fill_self(form, ratio=ratio)
        form.with_user(form.employee_id.user_id).action_submit()
        self.assertEqual(form.state, "submitted")
        return form

    def review(self, form, ratio=1.0, user=None):
        user = user or form.reviewer_user_id
        self.fill_manager(form, ratio=ratio, user=user)
        form.with_user(user).action_review()
        self.assertEqual(form.state, "reviewed")
        return form

    def approve(self, form, user=None):
        form.with_user(user or form.approver_user_id).action_approve()
        self.assertEqual(form.state, "approved")
        return form

    def approved(self, form, ratio=1.0):
        """Bring a draft form to approved: submit, review, approve."""
        self.submit(form, ratio)
        self.review(form, ratio)
        return self.approve(form)

    def first_line(self, form):
        return self.score_lines(form).filtered(lambda l: l.kind == "score")[:1]

    def make_user(self, login, name=None, groups="base.group_user", **kw):
        kw.setdefault("lang", "en_US")
        return new_test_user(self.env, login=login, name=name or login, groups=groups, **kw)

    def make_employee_user(self, login, name=None, groups="base.group_user", **emp_vals):
        user = self.make_user(login, name=name, groups=groups)
        vals = {"name": name or login, "user_id": user.id}
        vals.update(emp_vals)
        return user, self.env["hr.employee"].create(vals)

    # ------------------------------------------------------------------
    # Attacks
    # ------------------------------------------------------------------
    def setUp(self):
        super().setUp()
        self.accepted = []

    def refuse(self, label, func):
        """Try ``func`` (rolled back); remember it when accepted.  Call
        assertAllRefused() at the end: one failure lists every hole."""
        if self.attempt(func):
            self.accepted.append(label)

    def assertAllRefused(self):
        if self.accepted:
            self.fail("%s attack(s) accepted:\n- %s" % (
                len(self.accepted), "\n- ".join(self.accepted)))

    @contextmanager
    def assertRefused(self, what="the call"):
        """The body must be refused by the addon, with nothing written.

        The body runs in a savepoint that is rolled back whatever happens,
        and is flushed so that database constraints speak too.
        """
        accepted = False
        try:
            with mute_logger(*MUTED), self.env.cr.savepoint():
                yield
                self.env.flush_all()
                raise _Undo()
        except _Undo:
            accepted = True
        except REFUSALS:
            return
        except psycopg2.Error as error:
            self.fail("%s was refused by the database, not by the addon: %s" % (what, error))
        finally:
            self.env.invalidate_all()
        if accepted:
            self.fail("%s was accepted" % what)

    def attempt(self, func):
        """Run ``func`` in a rolled-back savepoint: True when accepted,
        False when refused by the addon; raw database errors fail the test."""
        try:
            with mute_logger(*MUTED), self.env.cr.savepoint():
                func()
                self.env.flush_all()
                raise _Undo()
        except _Undo:
            return True
        except REFUSALS:
            return False
        except psycopg2.Error as error:
            self.fail("refused by the database, not by the addon: %s" % error)
        finally:
            self.env.invalidate_all()

    def snapshot(self, records, fnames):
        """Stored values of ``records`` read from the database."""
        self.env.flush_all()
        self.env.invalidate_all()
        return {(rec._name, rec.id): rec.sudo().read(fnames)[0] for rec in records}

    def assertUnchanged(self, before, records, fnames, msg=None):
        self.assertEqual(self.snapshot(records, fnames), before, msg or "a refused call left changes")

    def assertNotAccessOnly(self, exception):
        self.assertNotIsInstance(exception, AccessError)
