"""The one place that knows which Odoo series runs: 18.0 or 19.0.

The three addons (``appraisal_monthly``, ``appraisal_monthly_project``,
``appraisal_monthly_reward``) install from the same folders on Odoo 18.0 and
19.0.  Every API difference between the two series is handled here and only
here; the models import what they need from this module and never test the
version themselves::

    from odoo.addons.appraisal_monthly import compat

What differs, and what to use instead (``tests/test_compat_patterns.py``
fails on the forbidden forms, so that later changes stay 19-compatible):

=====================================  ==================================
forbidden (one series only)            use
=====================================  ==================================
``from odoo.tools.misc import          ``compat.xlsxwriter`` (None when the
xlsxwriter``                           library is missing)
``user.groups_id``, ``"groups_id"``    ``compat.GROUPS_FIELD`` (``groups_id``
(res.users)                            on 18, ``group_ids`` on 19), or
                                       ``compat.user_groups(user)``
``groups_id`` of actions, menus,       ``groups="module.xmlid"`` attributes
views in XML                           in views/menus, else a versioned XML
                                       file (below)
``_sql_constraints = [...]``           ``@compat.sql_constraints((name,
                                       definition, message), ...)`` on the
                                       class
``read_group(`` (public, deprecated    ``_read_group(domain, groupby,
on 19)                                 aggregates)`` which both have; to
                                       reorder the web client's groups,
                                       ``@compat.groups_reordered`` and a
                                       ``_web_groups_reorder`` method
``--without-demo`` / demo by default   ``odoo_demo_option`` in
(19 loads demo only with               ``scripts/common.sh``; the benchmark
``--with-demo``)                       passes ``--without-demo=True``
group ``category_id`` (18) /           ``versioned/<series>/*.xml`` loaded
``privilege_id`` (19) in security XML  by ``appraisal.compat`` (below)
``_message_compute_author(...,         ``compat.message_compute_author(records,
raise_on_email=False)``                author_id, email_from)``
``odoo.osv.expression`` (19: warns)    ``compat.domain_or / domain_and /
                                       domain_not / FALSE_DOMAIN / TRUE_DOMAIN``
``ir_qweb.QWebException`` (19:         ``compat.QWebException``
``QWebError``)
``ir.cron._notify_progress`` (19:      ``compat.cron_notify_progress(env, done,
deprecated)                            remaining)``
``registry.in_test_mode()`` (19:       ``compat.registry_in_test_mode(registry)``
gone)
an employee's manager following their  ``compat.manager_following_department``
department (18: hr computes it; 19:    (hr_employee.py's create and write)
not)
``record_name`` in the values of       ``compat.message_create_values(values)``
``_message_create`` (19: computed)
``hr_employee.department_id`` /        ``compat.employee_version_join(alias)``
``job_id`` in raw SQL (19: on          and ``compat.employee_column(alias,
``hr_version``)                        fname)``; ``compat.flush_employees``
                                       (the ORM is unchanged: search, write,
                                       create on hr.employee still work)
=====================================  ==================================

**Versioned XML.** Data that cannot be written one way for both series
(group categories vs privileges, the users of groups, the groups of demo
users and of actions, the demo employees' gender) lives in
``<addon>/versioned/18.0/<name>.xml`` and ``<addon>/versioned/19.0/<name>.xml``
(the same file names, the same xml ids; 19.0 adds the
``res.groups.privilege`` records), and a common data file loads the one of
the running series where the data belongs with::

    <function model="appraisal.compat" name="_load_versioned_data"
              eval="['appraisal_monthly', 'security.xml']"/>

(``models/appraisal_compat.py``; demo files pass ``True`` as a third
argument: noupdate).  Everything else in XML is common: a search view's
``<group>`` without ``expand``/``string``, no ``target="inline"``, mail
templates with ``use_default_to`` False.
"""

import warnings

from odoo import models, release
from odoo.tools import SQL

#: The running series' major number: 18 or 19.
ODOO_MAJOR = release.version_info[0]
#: The series as Odoo writes it: "18.0" or "19.0" (the versioned/ folders).
SERIES = release.major_version
IS_19 = ODOO_MAJOR >= 19

# --- xlsxwriter ---------------------------------------------------------
# 18.0 exposes a Workbook subclass that cleans sheet names in
# odoo.tools.misc; 19.0 dropped it.  Both give the library (or None).
if IS_19:  # pragma: no cover - depends on the series
    try:
        import xlsxwriter  # pylint: disable=unused-import
    except ImportError:
        xlsxwriter = None
else:
    from odoo.tools.misc import xlsxwriter  # noqa: F401  pylint: disable=unused-import

# --- domains ----------------------------------------------------------------
# 19.0 deprecates odoo.osv.expression (a warning at import and at each
# call) for odoo.fields.Domain, which 18.0 does not have.  Both give list
# domains here.
if IS_19:  # pragma: no cover - depends on the series
    from odoo.fields import Domain

    def domain_or(domains):
        """The disjunction of ``domains`` (a list domain)."""
        return list(Domain.OR(domains))

    def domain_and(domains):
        """The conjunction of ``domains`` (a list domain)."""
        return list(Domain.AND(domains))

    def domain_not(domain):
        """The negation of ``domain`` (a list domain)."""
        return list(~Domain(domain))

    FALSE_DOMAIN = list(Domain.FALSE)
    TRUE_DOMAIN = list(Domain.TRUE)
else:
    from odoo.osv import expression

    def domain_or(domains):
        """The disjunction of ``domains`` (a list domain)."""
        return expression.OR(domains)

    def domain_and(domains):
        """The conjunction of ``domains`` (a list domain)."""
        return expression.AND(domains)

    def domain_not(domain):
        """The negation of ``domain`` (a list domain)."""
        return ["!", *expression.normalize_domain(domain)]

    FALSE_DOMAIN = expression.FALSE_DOMAIN
    TRUE_DOMAIN = expression.TRUE_DOMAIN


# --- QWeb -------------------------------------------------------------------
#: The error a QWeb template's rendering raises (wrapping the cause).
if IS_19:  # pragma: no cover - depends on the series
    from odoo.addons.base.models.ir_qweb import (  # pylint: disable=unused-import
        QWebError as QWebException,
    )
else:
    from odoo.addons.base.models.ir_qweb import QWebException  # noqa: F401  pylint: disable=unused-import


# --- groups of a user ---------------------------------------------------
#: res.users' field of the groups given to the user (implied not included).
GROUPS_FIELD = "group_ids" if IS_19 else "groups_id"
#: res.groups' field of its users (implied users not included).
GROUP_USERS_FIELD = "user_ids" if IS_19 else "users"


def user_groups(user):
    """The groups set on ``user`` (res.users), not the implied ones."""
    return user[GROUPS_FIELD]


def group_users(group):
    """The users of ``group`` (res.groups) set on it directly."""
    return group[GROUP_USERS_FIELD]


# --- SQL constraints ----------------------------------------------------
def sql_constraints(*specs):
    """Class decorator declaring SQL constraints the way the series wants.

    ``specs`` are the tuples ``_sql_constraints`` took on 18.0:
    ``(name, definition, message)``.  18.0 gets ``_sql_constraints``; 19.0
    gets one ``models.Constraint`` per tuple, as the attribute ``_<name>``,
    so the constraint keeps its database name (``<table>_<name>``) and an
    upgrade from 18.0 finds it in place.
    """

    def decorate(cls):
        if IS_19:
            for name, definition, message in specs:
                constraint = models.Constraint(definition, message)
                setattr(cls, "_" + name, constraint)
                constraint.__set_name__(cls, "_" + name)
        else:
            cls._sql_constraints = list(specs)
        return cls

    return decorate


# --- grouping -----------------------------------------------------------
def groups_reordered(cls):
    """Class decorator: pass the groups the web client receives (grouped
    lists, pivots, graphs) through ``cls._web_groups_reorder(groups,
    groupby, order)``, on either series; ``groupby`` is the list of the
    groupby specs the groups are keyed by, ``order`` the order asked.

    18.0's client calls ``read_group``; 19.0's calls ``formatted_read_group``
    and ``formatted_read_grouping_sets`` (pivot) and deprecates
    ``read_group``.  Never override those methods in a model: decorate it.
    """
    if IS_19:

        def formatted_read_group(self, domain, groupby=(), aggregates=(), having=(),
                                 offset=0, limit=None, order=None):
            groups = super(cls, self).formatted_read_group(
                domain, groupby, aggregates, having=having, offset=offset, limit=limit,
                order=order)
            return self._web_groups_reorder(groups, list(groupby), order)

        def formatted_read_grouping_sets(self, domain, grouping_sets, aggregates=(), *,
                                         order=None):
            result = super(cls, self).formatted_read_grouping_sets(
                domain, grouping_sets, aggregates, order=order)
            return [
                self._web_groups_reorder(groups, list(groupby), order)
                for groups, groupby in zip(result, grouping_sets)
            ]

        cls.formatted_read_group = formatted_read_group
        cls.formatted_read_grouping_sets = formatted_read_grouping_sets
    else:

        def read_group(self, domain, fields, groupby, offset=0, limit=None, orderby=False,
                       lazy=True):
            groups = super(cls, self).read_group(
                domain, fields, groupby, offset=offset, limit=limit, orderby=orderby,
                lazy=lazy)
            groupby = [groupby] if isinstance(groupby, str) else list(groupby)
            return self._web_groups_reorder(groups, groupby[:1] if lazy else groupby,
                                            orderby)

        cls.read_group = read_group
    return cls


# --- the employee's job and department in SQL ---------------------------
#: hr.employee fields that 19.0 keeps on the employee's version (hr.version,
#: through ``_inherits``): the ORM reads, searches, writes and creates them
#: on hr.employee as before, but raw SQL finds them on ``hr_version``.
EMPLOYEE_VERSION_FIELDS = ("department_id", "job_id", "job_title")


def employee_version_join(alias):
    """``JOIN`` clause that raw SQL on ``hr_employee AS <alias>`` adds before
    reading :func:`employee_column`: the employee's current version (19.0),
    nothing on 18.0."""
    if not IS_19:
        return SQL()
    return SQL(
        "JOIN hr_version %s ON %s.id = %s",
        SQL.identifier(alias + "_version"), SQL.identifier(alias + "_version"),
        SQL.identifier(alias, "current_version_id"),
    )


def employee_column(alias, fname):
    """The SQL of hr.employee's column ``fname`` for the row ``alias`` (with
    :func:`employee_version_join` in the query)."""
    if IS_19 and fname in EMPLOYEE_VERSION_FIELDS:
        return SQL.identifier(alias + "_version", fname)
    return SQL.identifier(alias, fname)


def manager_following_department(env, vals):
    """The manager an employee gets with ``vals`` (a create or write) as on
    18.0, where hr computes ``parent_id`` from the department: the new
    department's manager, when it has one and ``vals`` sets no manager.
    19.0 keeps the manager as written; this gives it back 18.0's behaviour
    (empty recordset: nothing to add)."""
    Employee = env["hr.employee"]
    if not IS_19 or "parent_id" in vals or not vals.get("department_id"):
        return Employee
    return env["hr.department"].sudo().browse(vals["department_id"]).manager_id.with_env(env)


def flush_employees(env, fnames):
    """Flush hr.employee's ``fnames`` to the database before raw SQL reads
    them (19.0: their version's too)."""
    env["hr.employee"].flush_model(fnames)
    if IS_19:
        version_fnames = [f for f in fnames if f in EMPLOYEE_VERSION_FIELDS]
        if version_fnames:
            env["hr.version"].flush_model(version_fnames)
        env["hr.employee"].flush_model(["current_version_id"])


# --- mail.thread ------------------------------------------------------------
def message_compute_author(records, author_id=None, email_from=None):
    """``(author_id, email_from)`` of a message, never raising when the
    author has no e-mail address (18.0 raises unless told not to; 19.0 dropped
    the ``raise_on_email`` argument and never raises)."""
    if IS_19:
        return records._message_compute_author(author_id, email_from)
    return records._message_compute_author(author_id, email_from, raise_on_email=False)


#: mail.message values that 19.0 computes (record_name) and refuses in
#: ``_message_create``.
_MESSAGE_COMPUTED_FIELDS = {"record_name"} if IS_19 else set()


def message_create_values(values):
    """``values`` for ``mail.thread._message_create`` without the keys the
    series does not take."""
    return {key: value for key, value in values.items() if key not in _MESSAGE_COMPUTED_FIELDS}


# --- scheduled actions --------------------------------------------------------
def cron_notify_progress(env, done, remaining):
    """Tell the running scheduled action how much its call did and what is
    left (the scheduler calls it again while work is left), as
    ``ir.cron._notify_progress`` does on both series; nothing outside a
    scheduled run.  19.0 deprecates that method for ``_commit_progress``,
    which also commits (and adds up ``done``): same effect here, since the
    scheduler commits after each call, but not outside a scheduled run."""
    cron = env["ir.cron"]
    if IS_19:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return cron._notify_progress(done=done, remaining=remaining)
    return cron._notify_progress(done=done, remaining=remaining)


# --- tests ------------------------------------------------------------------
def registry_in_test_mode(registry):
    """Whether ``registry`` hands out test cursors (an HttpCase, a test
    server), so that no independent transaction can be opened.  18.0 asks
    ``registry.in_test_mode()``; 19.0 dropped it and patches the registry's
    ``cursor`` method on the instance instead."""
    if IS_19:
        return "cursor" in vars(registry)
    return registry.in_test_mode()


def trans_export(lang, modules, buffer, fmt, env):
    """Odoo's translation exporter: 19.0 takes the environment, 18.0 its
    cursor."""
    from odoo.tools.translate import trans_export as export  # noqa: PLC0415
    return export(lang, modules, buffer, fmt, env if IS_19 else env.cr)
