"""Benchmark: a province in one database (issue 11).

Builds a province of N civil servants, **each with a user**, in units of
10 to 40 people grouped under divisions (a head per unit and per division,
the province chair at the top, an HR officer and an appraisal secretary in
the chair's office), with the shipped criteria sets (Decree 335 staff set,
managers' set), some disciplinary measures and work-plan tasks.  Then it
runs one month of the routine, through the paths the web client uses, and
measures each step:

    baseline_orm      plain-ORM creation of the same forms, lines, to-dos and
                      followers (BaseModel.create of precomputed values: no
                      addon logic), rolled back; generation is compared to it
    generate          the "Generate Forms" wizard (whole company), as HR: the
                      request queues the background job, whose batches the
                      scheduled action then runs, each committed
    generate_again    the same, nothing left to do
    score_self        self scores of every line, written in batch (HR)
    submit            action_submit on every form, in one call (HR)
    score_superior    superior's scores of every line, in batch (HR)
    review            action_review on every form, in one call (the
                      appraisal secretary, who may review any form)
    approve           action_approve on every form, in one call (idem),
                      quota on: levels are spread to fit 20% per unit
    publish           action_publish of the period (HR), its notices sent by
                      the background job, batch by batch
    annual_update     the year's quarterly and annual results of everyone,
                      after 11 more months of approved forms (copied by SQL),
                      on results that exist (the update path)
    annual_scratch    the same from no result at all (rows deleted first)
    annual_job        the period's "Recompute Annual Results" through the
                      background job (results already up to date)
    period_sheet      the period's XLSX sheet (HR, every row)
    annual_sheet      the annual XLSX sheet (HR, every row)
    open_form:<role>  web_read of a staff member's form with the form view's
                      fields, as the employee, the superior (unit head), the
                      division head who approves, HR, the secretary and the
                      province chair (cold record cache, warm registry)

For each step: wall time, CPU time of this process (the PostgreSQL server's
CPU is not in it), SQL queries (every cursor of the process, the e-mails
sent after commit included), peak memory (growth of the resident set over
the step; ``--tracemalloc`` for Python's own peak, slower) and the rows
added to the main tables.  Each step ends with a commit, as a request does.

    /opt/venv18/bin/python benchmarks/bench_province.py -n 1000   # Odoo 18.0
    /opt/venv19/bin/python benchmarks/bench_province.py -n 1000   # Odoo 19.0
    /opt/venv18/bin/python benchmarks/bench_province.py -n 1000 --keep-db --json out.json
    /opt/venv18/bin/python benchmarks/bench_province.py -n 200 --template bench_tpl --query-sources

Creates a database (``bench_province_<N>_<pid>``, or ``--db``), installs
appraisal_monthly without demo data (with Vietnamese, unless ``--lang
en_US``), or copies ``--template`` (made on first use), and drops it at the
end unless ``--keep-db``.  No e-mail leaves the machine: the SMTP connection
is replaced by a stub (the e-mails are still rendered, queued and "sent").

The functions build_province() and run_steps() are also run by the addon's
smoke test (appraisal_monthly/tests/test_benchmark_smoke.py) with N = 30.
"""
import argparse
import cProfile
import ctypes
import datetime
import gc
import json
import math
import os
import platform
import random
import resource
import subprocess
import sys
import threading
import time
import tracemalloc
import warnings
from collections import Counter, defaultdict

# The Odoo tree: ODOO_PATH, else the one of ODOO_VERSION (18.0 or 19.0), else
# the one beside this python's environment (/opt/venv19 -> /opt/odoo19).
_VENV_MAJOR = os.path.basename(sys.prefix).replace("venv", "")
ODOO_PATH = os.environ.get("ODOO_PATH") or "/opt/odoo%s" % (
    os.environ.get("ODOO_VERSION", "").split(".")[0]
    or (_VENV_MAJOR if _VENV_MAJOR in ("18", "19") else "18"))
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ODOO_PATH not in sys.path:
    sys.path.insert(0, ODOO_PATH)

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api  # noqa: E402
from odoo.fields import Command  # noqa: E402
from odoo.models import BaseModel  # noqa: E402
from odoo.tools import SQL  # noqa: E402

YEAR = 2030
MONTH = 12  # the measured month; January to November are copied for the year
# Databases made by the benchmarks start with this prefix (several people
# benchmarking on one PostgreSQL server each take their own).
DB_PREFIX = os.environ.get("BENCH_DB_PREFIX", "bench_")
COUNTED_TABLES = (
    "appraisal_form",
    "appraisal_form_line",
    "mail_activity",
    "mail_followers",
    "mail_message",
    "mail_mail",
    "mail_tracking_value",
    "appraisal_summary",
)
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
          "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Hoài"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Hương",
         "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân",
         "Sơn", "Tâm", "Thảo", "Thắng", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Yến"]
# Self and superior scores as a share of each line's maximum: the level
# (90/70/50 thresholds) follows.
RATIO = {"excellent": 0.95, "good": 0.85, "completed": 0.6}


# ----------------------------------------------------------------------
# Measuring
# ----------------------------------------------------------------------
def sql_count():
    return odoo.sql_db.sql_counter


def release_memory():
    """Give freed memory back to the system before a step, so that the
    growth of the resident set measures the step itself rather than what
    earlier steps left free."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def rss_bytes():
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class PeakRss(threading.Thread):
    """Samples the resident set every few milliseconds; ``peak`` is the
    highest value seen."""

    def __init__(self, interval=0.005):
        super().__init__(daemon=True)
        self.interval = interval
        self.peak = rss_bytes()
        self._stop_event = threading.Event()

    def run(self):
        while not self._stop_event.wait(self.interval):
            self.peak = max(self.peak, rss_bytes())

    def stop(self):
        self._stop_event.set()
        self.join()
        self.peak = max(self.peak, rss_bytes())
        return self.peak


class QuerySources:
    """Counts the queries of the process by the code that sent them: the
    innermost frame of appraisal_monthly, and the innermost frame of any
    addon (so that e.g. mail_thread.py:message_subscribe shows)."""

    CORE = ("/odoo/models.py", "/odoo/fields.py", "/odoo/sql_db.py", "/odoo/api.py",
            "/odoo/tools/", "/odoo/osv/", "/odoo/modules/", "/odoo/orm/",
            "bench_province.py", "/odoo/addons/base/models/ir_rule.py",
            "/odoo/addons/base/models/ir_model.py", "<decorator-gen", "<string>")

    def __init__(self):
        self.addon = Counter()
        self.any = Counter()
        self.active = False
        self._original = None

    def install(self):
        cursor_class = odoo.sql_db.Cursor
        original = cursor_class.execute
        sources = self

        def execute(cr, *args, **kwargs):
            if sources.active:
                sources.record(sys._getframe(1))
            return original(cr, *args, **kwargs)

        cursor_class.execute = execute
        self._original = original

    def uninstall(self):
        if self._original:
            odoo.sql_db.Cursor.execute = self._original
            self._original = None

    def record(self, frame):
        addon = other = None
        while frame is not None and not addon:
            filename = frame.f_code.co_filename
            if "/appraisal_monthly/" in filename:
                addon = "%s:%s" % (filename.split("/appraisal_monthly/", 1)[1],
                                   frame.f_code.co_name)
                other = other or addon
            elif other is None and not any(part in filename for part in self.CORE):
                short = filename.split("/addons/", 1)[-1] if "/addons/" in filename else filename
                other = "%s:%s" % (short, frame.f_code.co_name)
            frame = frame.f_back
        self.addon[addon or "(outside appraisal_monthly)"] += 1
        self.any[other or "(ORM core)"] += 1

    def reset(self):
        self.addon.clear()
        self.any.clear()


class Meter:
    """Runs the steps and keeps their figures.

    ``finish`` ends each step as a request ends: by default a commit (which
    writes the tracking values and runs the e-mails sent after commit); the
    smoke test, which may not commit, flushes and runs the pre-commit hooks.
    """

    def __init__(self, env, commit=True, use_tracemalloc=False, profile_dir=None,
                 query_sources=None, log=print, top=8):
        self.env = env
        self.commit = commit
        self.use_tracemalloc = use_tracemalloc
        self.profile_dir = profile_dir
        self.query_sources = query_sources
        self.log = log
        self.top = top
        self.results = []
        self.on_result = None  # called after each step (e.g. to save the figures so far)

    def finish(self):
        cr = self.env.cr
        if self.commit:
            cr.commit()
        else:
            self.env.flush_all()
            cr.precommit.run()

    def rows(self):
        cr = self.env.cr
        cr.execute(SQL("SELECT %s", SQL(", ").join(
            SQL("(SELECT count(*) FROM %s)", SQL.identifier(table)) for table in COUNTED_TABLES
        )))
        return dict(zip(COUNTED_TABLES, cr.fetchone()))

    def step(self, name, func, records=None, finish=True, note=""):
        env = self.env
        env.flush_all()
        env.invalidate_all()
        before_rows = self.rows()
        release_memory()
        if self.query_sources:
            self.query_sources.reset()
            self.query_sources.active = True
        profiler = cProfile.Profile() if self.profile_dir else None
        if self.use_tracemalloc:
            tracemalloc.start()
            start_mem = tracemalloc.get_traced_memory()[0]
        else:
            start_mem = rss_bytes()
            sampler = PeakRss()
            sampler.start()
        queries = sql_count()
        cpu = time.process_time()
        wall = time.perf_counter()
        if profiler:
            profiler.enable()
        try:
            value = func()
            if finish:
                self.finish()
        finally:
            if profiler:
                profiler.disable()
            wall = time.perf_counter() - wall
            cpu = time.process_time() - cpu
            queries = sql_count() - queries
            if self.use_tracemalloc:
                peak = tracemalloc.get_traced_memory()[1] - start_mem
                tracemalloc.stop()
            else:
                peak = sampler.stop() - start_mem
            if self.query_sources:
                self.query_sources.active = False
        after_rows = self.rows()
        result = {
            "step": name,
            "records": records,
            "wall_s": round(wall, 3),
            "cpu_s": round(cpu, 3),
            "queries": queries,
            "peak_mb": round(max(peak, 0) / 2**20, 1),
            "rows": {table: after_rows[table] - before_rows[table]
                     for table in COUNTED_TABLES if after_rows[table] != before_rows[table]},
            "note": note,
        }
        if self.query_sources:
            result["queries_by_addon_function"] = self.query_sources.addon.most_common(self.top)
            result["queries_by_caller"] = self.query_sources.any.most_common(self.top)
        if profiler:
            os.makedirs(self.profile_dir, exist_ok=True)
            path = os.path.join(self.profile_dir, name.replace(":", "_") + ".prof")
            profiler.dump_stats(path)
            result["profile"] = path
        self.results.append(result)
        self.log(format_result(result))
        if self.on_result:
            self.on_result(self.results)
        return value

    def measure_once(self, func):
        """Wall time and queries of ``func``, not kept as a step."""
        self.env.invalidate_all()
        queries, wall = sql_count(), time.perf_counter()
        func()
        self.finish()
        return {"queries": sql_count() - queries, "wall_s": time.perf_counter() - wall}

    def get(self, name):
        return next(result for result in self.results if result["step"] == name)


def format_result(result):
    records = result["records"]
    per = ""
    if records:
        per = "%.1f q/rec" % (result["queries"] / records)
    return "  %-26s %8s rec %9.2f s wall %8.2f s cpu %8d queries %-12s %7.1f MB  %s" % (
        result["step"], records if records is not None else "-", result["wall_s"],
        result["cpu_s"], result["queries"], per, result["peak_mb"], result["note"],
    )


# ----------------------------------------------------------------------
# The province
# ----------------------------------------------------------------------
def plan_province(n, rnd):
    """The shape of the province: [(division size, [unit sizes])].

    N people: the chair, an HR officer and an appraisal secretary in the
    chair's office; divisions of about 250 people, each a head and units
    of 10 to 40 people (a head and staff).
    """
    rest = max(n - 3, 2)
    divisions = max(1, round(rest / 250))
    shares = [rest // divisions + (1 if i < rest % divisions else 0) for i in range(divisions)]
    plan = []
    for share in shares:
        left = share - 1  # the division head
        units = []
        while left > 0:
            size = min(rnd.randint(10, 40), left)
            if left - size < 10 and units:
                size = left  # no unit under ten people: the last one takes the rest
            elif left - size < 10:
                size = left
            units.append(size)
            left -= size
        plan.append(units)
    return plan


def spread_levels(count, veto_count=0):
    """Levels of a unit's forms that hold the Excellent quota (at most 20%
    of the Good ones): about 10% Completed, Excellent as many as allowed
    (at most one in eight), the others Good."""
    rated = count - veto_count
    completed = rated // 10
    excellent = 0
    while (excellent + 1) <= (rated - excellent - 1 - completed) * 0.2 and (excellent + 1) <= rated / 8:
        excellent += 1
    good = rated - completed - excellent
    return ["excellent"] * excellent + ["good"] * good + ["completed"] * completed


def vn_name(rnd):
    return "%s %s %s" % (rnd.choice(FAMILY), rnd.choice(MIDDLE), rnd.choice(GIVEN))


def build_province(env, n, seed=11, lang=None, log=print):
    """Create the province (company, departments, users, employees, measures,
    tasks, the open period); returns a dict describing it."""
    from odoo.addons.appraisal_monthly import compat  # noqa: PLC0415 (once Odoo knows its addons)

    rnd = random.Random(seed)
    base_env = env
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                           mail_create_nosubscribe=True, no_reset_password=True,
                           mail_notrack=True))
    if lang is None:
        lang = "vi_VN" if env["res.lang"]._lang_get("vi_VN") else "en_US"
    tag = "%s-%s" % (n, seed)
    company = env["res.company"].create({
        "name": "UBND tỉnh Bench %s" % tag,
        "city": "Bench",
        "appraisal_auto_period": False,
        "appraisal_quota_enabled": True,
    })
    plan = plan_province(n, rnd)
    Job = env["hr.job"]
    jobs = {
        key: Job.create({"name": "%s (%s)" % (label, tag), "company_id": company.id})
        for key, label in [("chair", "Chủ tịch"), ("division", "Giám đốc Sở"),
                           ("unit", "Trưởng phòng"), ("staff", "Chuyên viên"),
                           ("hr", "Chuyên viên tổ chức cán bộ")]
    }

    # Users: one create for all, as ordinary employees (HR and the
    # appraisal secretary get their groups).
    group_user = env.ref("base.group_user")
    officer = env.ref("appraisal_monthly.group_appraisal_officer")
    manager = env.ref("appraisal_monthly.group_appraisal_manager")
    people = []  # dicts: role, unit index, division index

    def person(role, division=None, unit=None):
        index = len(people)
        people.append({"index": index, "role": role, "division": division, "unit": unit,
                       "name": vn_name(rnd)})
        return index

    chair = person("chair")
    hr = person("hr")
    secretary = person("secretary")
    divisions = []  # [(head index, [(unit head index, [staff indexes])])]
    for d, unit_sizes in enumerate(plan):
        head = person("division", d)
        units = []
        for u, size in enumerate(unit_sizes):
            unit_head = person("unit", d, u)
            units.append((unit_head, [person("staff", d, u) for _i in range(size - 1)]))
        divisions.append((head, units))

    start = time.perf_counter()
    Users = env["res.users"]
    no_group = env["res.groups"]
    users = Users.create([
        {
            "name": p["name"],
            "login": "bench%s.%05d@tinh.gov.vn" % (tag, p["index"]),
            "email": "bench%s.%05d@tinh.gov.vn" % (tag, p["index"]),
            "company_id": company.id,
            "company_ids": [Command.set(company.ids)],
            compat.GROUPS_FIELD: [Command.set(
                (group_user | (officer if p["role"] == "hr" else no_group)
                 | (manager if p["role"] == "secretary" else no_group)).ids
            )],
            "lang": lang,
            "tz": "Asia/Ho_Chi_Minh",
        }
        for p in people
    ])
    log("  %d users in %.1f s" % (len(users), time.perf_counter() - start))

    # Departments: the province, its divisions, their units.
    Department = env["hr.department"]
    top = Department.create({"name": "Văn phòng UBND tỉnh %s" % tag, "company_id": company.id})
    division_deps = Department.create([
        {"name": "Sở %02d (%s)" % (d + 1, tag), "parent_id": top.id, "company_id": company.id}
        for d in range(len(divisions))
    ])
    unit_keys = [(d, u) for d, (_h, units) in enumerate(divisions) for u in range(len(units))]
    unit_deps = Department.create([
        {"name": "Phòng %02d.%02d (%s)" % (d + 1, u + 1, tag),
         "parent_id": division_deps[d].id, "company_id": company.id}
        for d, u in unit_keys
    ])
    unit_dep = dict(zip(unit_keys, unit_deps))

    # Employees, top-down (a head's superior exists before them).
    start = time.perf_counter()
    Employee = env["hr.employee"]
    employees = [None] * len(people)

    def create_employees(indexes, department_of, parent_of, job):
        created = Employee.create([
            {
                "name": people[i]["name"],
                "user_id": users[i].id,
                "company_id": company.id,
                "department_id": department_of(i).id,
                "parent_id": parent_of(i),
                "job_id": job(i).id,
                "work_email": users[i].email,
            }
            for i in indexes
        ])
        for i, employee in zip(indexes, created):
            employees[i] = employee
        return created

    create_employees([chair, hr, secretary], lambda i: top, lambda i: False if i == chair else None,
                     lambda i: jobs["chair" if i == chair else "hr"])
    employees[hr].parent_id = employees[chair]
    employees[secretary].parent_id = employees[chair]
    top.manager_id = employees[chair]
    create_employees([head for head, _u in divisions],
                     lambda i: division_deps[people[i]["division"]],
                     lambda i: employees[chair].id, lambda i: jobs["division"])
    for d, (head, _units) in enumerate(divisions):
        division_deps[d].manager_id = employees[head]
    unit_heads = [unit_head for _h, units in divisions for unit_head, _s in units]
    create_employees(unit_heads,
                     lambda i: unit_dep[people[i]["division"], people[i]["unit"]],
                     lambda i: employees[divisions[people[i]["division"]][0]].id,
                     lambda i: jobs["unit"])
    for (d, u), department in unit_dep.items():
        department.manager_id = employees[divisions[d][1][u][0]]
    staff = [s for _h, units in divisions for _uh, members in units for s in members]
    create_employees(staff,
                     lambda i: unit_dep[people[i]["division"], people[i]["unit"]],
                     lambda i: employees[divisions[people[i]["division"]][1][people[i]["unit"]][0]].id,
                     lambda i: jobs["staff"])
    all_employees = Employee.browse([e.id for e in employees])
    log("  %d employees in %.1f s" % (len(all_employees), time.perf_counter() - start))

    # The measured month, opened by HR; disciplinary measures and work
    # plans entered before the forms are generated.
    period = env["appraisal.period"].create({
        "company_id": company.id,
        "date_start": datetime.date(YEAR, MONTH, 1),
    })
    date_start = period.date_start
    staff_rnd = list(staff)
    rnd.shuffle(staff_rnd)
    vetoed = staff_rnd[: max(1, n // 100)]
    mild = staff_rnd[max(1, n // 100): max(2, n // 100 + n // 200)]
    env["appraisal.discipline"].create(
        [{"employee_id": employees[i].id, "kind": "reprimand",
          "date": date_start + datetime.timedelta(days=10),
          "decision_number": "%s/QĐ-UBND" % (100 + k)} for k, i in enumerate(vetoed)]
        + [{"employee_id": employees[i].id, "kind": "other",
            "date": date_start + datetime.timedelta(days=12)} for i in mild]
    )
    # Every third unit keeps a work plan: three tasks a person.
    planned = [i for i in range(len(people))
               if people[i]["unit"] is not None and people[i]["unit"] % 3 == 0]
    task_vals = []
    for i in planned:
        for t in range(3):
            deadline = date_start + datetime.timedelta(days=7 * (t + 1))
            done = t < 2 or rnd.random() < 0.5
            late = done and rnd.random() < 0.2
            task_vals.append({
                "name": "Nhiệm vụ %d" % (t + 1),
                "employee_id": employees[i].id,
                "period_id": period.id,
                "date_deadline": deadline,
                "weight": rnd.choice([1.0, 1.0, 2.0]),
                "date_done": (deadline + datetime.timedelta(days=2 if late else -1)) if done else False,
                "delay_count": 1 if late else 0,
            })
    env["appraisal.task"].create(task_vals)
    user_of = {role: users[index] for role, index in
               [("chair", chair), ("hr", hr), ("secretary", secretary)]}
    first_unit_head, first_unit_staff = divisions[0][1][0]
    example = first_unit_staff[0] if first_unit_staff else first_unit_head
    user_of.update({
        "employee": users[example],
        "unit_head": users[first_unit_head],
        "division_head": users[divisions[0][0]],
    })
    # Levels spread per unit to fit the Excellent quota.
    level_of = {}
    vetoed_ids = {employees[i].id for i in vetoed}
    by_department = defaultdict(list)
    for employee in employees:
        by_department[employee.department_id.id].append(employee.id)
    for members in by_department.values():
        rated = [e for e in members if e not in vetoed_ids]
        rnd.shuffle(rated)
        for employee_id, level in zip(rated, spread_levels(len(rated))):
            level_of[employee_id] = level
        for employee_id in members:
            level_of.setdefault(employee_id, "good")
    env.flush_all()
    return {
        "n": len(people),
        "company": company.with_env(base_env),
        "period": period.with_env(base_env),
        "employees": all_employees.with_env(base_env),
        "users": users.with_env(base_env),
        "roles": {role: user.with_env(base_env) for role, user in user_of.items()},
        "example_employee": employees[example].with_env(base_env),
        "level_of": level_of,
        "lang": lang,
        "shape": {
            "divisions": len(divisions),
            "units": len(unit_deps),
            "unit_sizes": "%d-%d" % (min(len(m) + 1 for _h, u in divisions for _uh, m in u),
                                     max(len(m) + 1 for _h, u in divisions for _uh, m in u)),
            "disciplinary_measures": len(vetoed) + len(mild),
            "vetoes": len(vetoed),
            "tasks": len(task_vals),
            "people_with_tasks": len(planned),
        },
    }


# ----------------------------------------------------------------------
# The steps
# ----------------------------------------------------------------------
def run_background_jobs(env, meter, jobs, kinds=None):
    """Run the appraisal's background jobs as Odoo's scheduler does: one
    batch a call of the scheduled action, each ended by a commit (a
    flush and the pre-commit hooks in the smoke test), until no job (of
    ``kinds``, when given) is left.  Keeps in ``jobs["last"]`` the
    batches' count, their queries (first, last, largest) and wall time."""
    Period = env["appraisal.period"]
    batches = []
    domain = [("job_kind", "in", list(kinds))] if kinds else [("job_kind", "!=", False)]
    while Period.search_count(domain):
        queries, wall = sql_count(), time.perf_counter()
        done = Period._cron_run_jobs()
        meter.finish()
        batches.append((sql_count() - queries, time.perf_counter() - wall, done))
        env.invalidate_all()
    # The calls that took a batch (the end of a job is a call of its own).
    work = [(q, w) for q, w, done in batches if done] or [(q, w) for q, w, _d in batches]
    if batches:
        jobs["last"] = {
            "batches": len(work),
            "calls": len(batches),
            "batch_size": Period._get_background_batch_size(),
            "max_batch_queries": max(q for q, _w in work),
            "first_batch_queries": work[0][0],
            "last_batch_queries": work[-1][0],
            "max_batch_wall_s": round(max(w for _q, w in work), 3),
        }
    return batches


def job_note(job):
    if not job:
        return ""
    return ("; job: %d batch(es) of %d, at most %d queries and %.1f s a batch"
            " (first %d, last %d queries)") % (
        job["batches"], job["batch_size"], job["max_batch_queries"], job["max_batch_wall_s"],
        job.get("first_batch_queries", 0), job.get("last_batch_queries", 0))


def as_user(env, user, company):
    """The environment of a request by ``user``, as the web client sends it."""
    return env(user=user.id, su=False, context={
        "lang": user.lang, "tz": user.tz, "uid": user.id,
        "allowed_company_ids": [company.id],
    })


def hierarchy_of(org):
    """{employee id: (reviewer user id, approver user id)} read from the
    organisation that build_province made (not from the addon's rules):
    the direct superior reviews, the head above them approves."""
    result = {}
    for employee in org["employees"]:
        superior = employee.parent_id
        above = superior.parent_id or superior
        result[employee.id] = (superior.user_id.id, above.user_id.id if superior else False)
    return result


def baseline_orm(env, org, period):
    """Create, with the ORM but none of the addon's logic, the rows the
    generation creates: one form per person with its values precomputed,
    the lines of its criteria set, a self-assessment to-do and the
    employee as follower, and the work-plan tasks attached.  Returns the
    number of forms."""
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True,
                           mail_create_nosubscribe=True))
    Form = env["appraisal.form"]
    Line = env["appraisal.form.line"]
    employees = org["employees"]
    company = org["company"]
    hierarchy = hierarchy_of(org)
    managers = {e.parent_id.id for e in employees} | {
        d.manager_id.id for d in employees.department_id}
    staff_set = env.ref("appraisal_monthly.criteria_set_decree335_staff")
    manager_set = env.ref("appraisal_monthly.criteria_set_manager_150")
    set_lines = {}
    for criteria_set in staff_set | manager_set:
        set_lines[criteria_set.id] = [
            {
                "criterion_id": c.id, "sequence": c.sequence, "display_type": c.display_type,
                "name": c.name, "description": c.description,
                "max_score": 0.0 if c.display_type or c.veto else c.max_score,
                "kind": c.kind, "veto": c.veto and not c.display_type,
                "auto_source": c.auto_source, "company_id": company.id,
                "computed_score": 0.0, "has_computed_score": False, "final_score": 0.0,
                "final_veto": False,
            }
            for c in criteria_set.criterion_ids
        ]
    form_vals = []
    for employee in employees:
        criteria_set = manager_set if employee.id in managers else staff_set
        reviewer, approver = hierarchy[employee.id]
        form_vals.append({
            "employee_id": employee.id, "period_id": period.id, "company_id": company.id,
            "criteria_set_id": criteria_set.id, "department_id": employee.department_id.id,
            "job_id": employee.job_id.id, "user_id": employee.user_id.id,
            "date_start": period.date_start, "name": "%s - %s" % (employee.name, period.name),
            "max_score": criteria_set.max_score, "threshold_excellent": 90.0,
            "threshold_good": 70.0, "threshold_completed": 50.0,
            "reviewer_user_id": reviewer, "approver_user_id": approver,
            "self_score": 0.0, "manager_score": 0.0, "final_score": 0.0, "score_percent": 0.0,
            "veto": False, "suggested_rating": "failed", "rating": False, "is_late": False,
            "open_notice_pending": True, "state": "draft",
        })
    forms = BaseModel.create(Form, form_vals)
    line_vals = [
        dict(vals, form_id=form.id)
        for form, values in zip(forms, form_vals)
        for vals in set_lines[values["criteria_set_id"]]
    ]
    BaseModel.create(Line, line_vals)
    activity_type = env.ref("appraisal_monthly.mail_activity_type_appraisal_self")
    model_id = env["ir.model"]._get_id("appraisal.form")
    BaseModel.create(env["mail.activity"], [
        {
            "res_model_id": model_id, "res_model": "appraisal.form", "res_id": form.id,
            "activity_type_id": activity_type.id, "summary": activity_type.summary,
            "automated": True, "user_id": values["user_id"],
            "date_deadline": period.date_self_deadline,
        }
        for form, values in zip(forms, form_vals)
    ])
    # Followers: the employee, and the user who creates the forms; and the
    # "created" note of each form (what mail.thread does for any record).
    creator = org["roles"]["hr"].partner_id
    BaseModel.create(env["mail.followers"], [
        {"res_model": "appraisal.form", "res_id": form.id, "partner_id": partner_id}
        for form, employee in zip(forms, employees)
        for partner_id in {employee.work_contact_id.id, creator.id}
    ])
    note = env.ref("mail.mt_note")
    BaseModel.create(env["mail.message"], [
        {"model": "appraisal.form", "res_id": form.id, "message_type": "notification",
         "subtype_id": note.id, "body": "Phiếu đánh giá đã được tạo", "author_id": creator.id}
        for form in forms
    ])
    tasks = env["appraisal.task"].search([("period_id", "=", period.id)])
    form_by_employee = {values["employee_id"]: form for form, values in zip(forms, form_vals)}
    by_form = defaultdict(list)
    for task in tasks:
        by_form[form_by_employee[task.employee_id.id].id].append(task.id)
    for form_id, task_ids in by_form.items():
        BaseModel.write(env["appraisal.task"].browse(task_ids), {"form_id": form_id})
    env.flush_all()
    return len(forms)


def write_scores(lines_env, forms, level_of, field):
    """Write ``field`` (self_score or manager_score) on every scored line of
    ``forms``: one write per (level, maximum), so a few writes in all."""
    groups = defaultdict(list)
    for line in forms.line_ids:
        if line.display_type or line.veto or line.kind != "score":
            continue
        level = level_of[line.form_id.employee_id.id]
        groups[round(line.max_score * RATIO[level], 2)].append(line.id)
    Line = lines_env["appraisal.form.line"]
    for value, ids in groups.items():
        Line.browse(ids).write({field: value})
    return sum(len(ids) for ids in groups.values())


def web_read_spec(record):
    """The fields the web client reads when it opens ``record`` in its form
    view (the view as the record's user gets it): each field of the view,
    many2one with their display name, x2many with the fields of their
    embedded list."""
    from lxml import etree  # noqa: PLC0415

    views = record.get_views([(False, "form")])
    arch = etree.fromstring(views["views"]["form"]["arch"])

    def collect(node, model, spec):
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag != "field":
                collect(child, model, spec)
                continue
            field = model._fields.get(child.get("name"))
            if field is None:
                continue
            sub = spec.setdefault(field.name, {})
            if field.type == "many2one":
                sub["fields"] = {"display_name": {}}
            elif field.type in ("one2many", "many2many"):
                subview = next((c for c in child if c.tag in ("list", "tree", "kanban")), None)
                fields = {"display_name": {}}
                if subview is not None:
                    collect(subview, model.env[field.comodel_name], fields)
                sub["fields"] = fields
        return spec

    return collect(arch, record, {"display_name": {}})


def copy_year(env, org, period):
    """Approved forms for January to November: periods made by the ORM,
    forms copied from the measured month by SQL (scores varied), so that the
    annual step has twelve months to roll up."""
    company = org["company"]
    Period = env["appraisal.period"].with_context(tracking_disable=True)
    periods = Period.create([
        {"company_id": company.id, "date_start": datetime.date(YEAR, month, 1)}
        for month in range(1, MONTH)
    ])
    env.flush_all()
    cr = env.cr
    # Set up as published directly: a status changes only through the
    # period's actions, which check what this copy skips.
    cr.execute(SQL("UPDATE appraisal_period SET state = 'published' WHERE id IN %s",
                   tuple(periods.ids)))
    cr.execute("""
        SELECT column_name FROM information_schema.columns
         WHERE table_name = 'appraisal_form' AND column_name NOT IN
               ('id', 'period_id', 'date_start', 'score_percent', 'final_score')
    """)
    columns = [row[0] for row in cr.fetchall()]
    column_list = SQL(", ").join(SQL.identifier(c) for c in columns)
    for month_period in periods:
        cr.execute(SQL(
            """
            INSERT INTO appraisal_form (%(columns)s, period_id, date_start, score_percent, final_score)
            SELECT %(columns)s, %(period)s, %(date)s,
                   LEAST(100, GREATEST(0, score_percent + mod(id + %(month)s, 7) - 3)),
                   final_score
              FROM appraisal_form WHERE period_id = %(source)s AND state = 'approved'
            """,
            columns=column_list, period=month_period.id, date=month_period.date_start,
            month=month_period.date_start.month, source=period.id,
        ))
    env.invalidate_all()
    return periods


def run_steps(env, org, meter, log=print, form_roles=None, annual_scratch=True):
    """Run the month, measuring each step with ``meter``."""
    company = org["company"]
    period = org["period"]
    roles = org["roles"]
    n = org["n"]
    hr_env = as_user(env, roles["hr"], company)
    secretary_env = as_user(env, roles["secretary"], company)
    level_of = org["level_of"]

    # Generation and publication go through the background job whatever N
    # (as from 500 people by default): the path a province takes.
    env["ir.config_parameter"].sudo().set_param("appraisal_monthly.background_threshold", "1")
    # The period is opened by HR before the forms are made (open notices
    # are then queued by the generation).
    period.with_env(hr_env).action_open()
    meter.finish()

    # Plain-ORM baseline of the generation, rolled back.
    def baseline():
        with env.cr.savepoint():
            count = baseline_orm(env, org, period)
            meter.result_rows = meter.rows()
            raise _Rollback(count)

    def run_baseline():
        try:
            baseline()
        except _Rollback as rollback:
            return rollback.value
        return 0

    start_rows = meter.rows()
    meter.step("baseline_orm", run_baseline, records=n, finish=False,
               note="plain ORM, rolled back")
    meter.get("baseline_orm")["rows"] = {
        table: meter.result_rows[table] - start_rows[table]
        for table in COUNTED_TABLES if meter.result_rows[table] != start_rows[table]
    }
    env.invalidate_all()

    def generate():
        wizard = hr_env["appraisal.period.generate"].create(
            {"period_id": period.id, "scope": "company"})
        wizard.action_generate()
        # From the background threshold on, the request only queues the
        # job: the scheduler makes the forms, batch by batch (their open
        # notices are the next job, measured on their own).
        run_background_jobs(env, meter, jobs, kinds=("generate",))
        return wizard.created_count

    jobs = {}
    meter.step("generate", generate, records=n)
    base = meter.get("baseline_orm")
    gen = meter.get("generate")
    gen["ratio_to_baseline"] = {
        "wall": round(gen["wall_s"] / base["wall_s"], 2) if base["wall_s"] else None,
        "cpu": round(gen["cpu_s"] / base["cpu_s"], 2) if base["cpu_s"] else None,
        "queries": round(gen["queries"] / base["queries"], 2) if base["queries"] else None,
    }
    gen["job"] = jobs.pop("last", None)
    gen["note"] = "%.2f× baseline CPU, %.2f× wall, %.1f× queries%s" % (
        gen["ratio_to_baseline"]["cpu"] or 0, gen["ratio_to_baseline"]["wall"] or 0,
        gen["ratio_to_baseline"]["queries"] or 0, job_note(gen["job"]))
    forms = env["appraisal.form"].search([("period_id", "=", period.id)])
    assert len(forms) == n, "generated %s forms for %s people" % (len(forms), n)

    def open_notices():
        # Queued by the generation's job when it ended: "your
        # self-assessment is open", a message to each employee, e-mailed
        # or in their Inbox, batch by batch.
        run_background_jobs(env, meter, jobs)

    mails_before = env["mail.mail"].sudo().search_count([])
    meter.step("open_notices", open_notices, records=n)
    notices = meter.get("open_notices")
    notices["job"] = jobs.pop("last", None)
    pending = env["appraisal.form"].search_count(
        [("period_id", "=", period.id), ("open_notice_pending", "=", True)])
    assert not pending, "%s open notices left unsent" % pending
    notices["note"] = "%d e-mails queued%s" % (
        env["mail.mail"].sudo().search_count([]) - mails_before, job_note(notices["job"]))
    meter.step("generate_again", generate, records=n, note="nothing to do")

    lines = len(forms.line_ids)
    meter.step("score_self", lambda: write_scores(hr_env, forms.with_env(hr_env), level_of,
                                                  "self_score"),
               records=n, note="%d lines" % lines)
    meter.step("submit", lambda: forms.with_env(hr_env).action_submit(), records=n)

    chair_env = as_user(env, roles["chair"], company)
    # The secretary may score, review and approve any form but their own,
    # which the chair (their superior) takes.
    own = forms.filtered(lambda f: f.employee_id.user_id == roles["secretary"])

    def score_superior():
        count = 0
        for scorer_env, scored in ((secretary_env, forms - own), (chair_env, own)):
            count += write_scores(scorer_env, scored.with_env(scorer_env), level_of, "manager_score")
            # The superior's reason for scoring a computed line otherwise.
            auto = scored.line_ids.filtered(lambda l: l.auto_source in ("task_result", "unit_result"))
            auto.with_env(scorer_env).write({"manager_note": "Theo kết quả thực tế"})
        return count

    meter.step("score_superior", score_superior, records=n, note="%d lines" % lines)

    def review():
        (forms - own).with_env(secretary_env).action_review()
        own.with_env(chair_env).action_review()

    def approve():
        (forms - own).with_env(secretary_env).action_approve()
        own.with_env(chair_env).action_approve()

    meter.step("review", review, records=n)
    meter.step("approve", approve, records=n, note="quota on")
    states = Counter(forms.with_env(env).mapped("state"))
    ratings = Counter(forms.with_env(env).mapped("rating"))
    log("  states %s, levels %s" % (dict(states), dict(ratings)))
    def publish():
        period.with_env(hr_env).action_publish()
        run_background_jobs(env, meter, jobs)

    meter.step("publish", publish, records=n)
    meter.get("publish")["job"] = jobs.pop("last", None)
    meter.get("publish")["note"] = job_note(meter.get("publish")["job"]).strip("; ")

    start = time.perf_counter()
    copy_year(env, org, period)
    meter.finish()
    log("  11 more months of approved forms copied in %.1f s" % (time.perf_counter() - start))
    Summary = hr_env["appraisal.summary"]
    meter.step("annual_update", lambda: Summary._refresh_company_year(company, YEAR),
               records=n, note="12 months, results exist")
    if annual_scratch:
        def scratch():
            env.cr.execute(SQL("DELETE FROM appraisal_summary WHERE company_id = %s",
                               company.id))
            env.invalidate_all()
            return Summary._refresh_company_year(company, YEAR)

        meter.step("annual_scratch", scratch, records=n, note="12 months, no result yet")

    def annual_job():
        period.with_env(hr_env).action_recompute_annual_results()
        run_background_jobs(env, meter, jobs)

    meter.step("annual_job", annual_job, records=n)
    meter.get("annual_job")["job"] = jobs.pop("last", None)
    meter.get("annual_job")["note"] = "Recompute Annual Results, results up to date" + job_note(
        meter.get("annual_job")["job"])
    sheets = {}

    def period_sheet():
        sheets["period"] = period.with_env(hr_env)._generate_period_xlsx()

    def annual_sheet():
        sheets["annual"] = Summary._generate_annual_xlsx(YEAR, company)

    meter.step("period_sheet", period_sheet, records=n)
    meter.get("period_sheet")["note"] = "%d kB" % (len(sheets["period"]) // 1024)
    meter.step("annual_sheet", annual_sheet, records=n)
    meter.get("annual_sheet")["note"] = "%d kB" % (len(sheets["annual"]) // 1024)

    # Opening one staff member's form, as each role.
    form = forms.filtered(lambda f: f.employee_id == org["example_employee"])
    readers = [
        ("employee", roles["employee"]),
        ("superior", roles["unit_head"]),
        ("division_head", roles["division_head"]),
        ("hr_officer", roles["hr"]),
        ("secretary", roles["secretary"]),
        ("chair", roles["chair"]),
    ]
    managed = {}
    for role, user in readers:
        if form_roles and role not in form_roles:
            continue
        user_env = as_user(env, user, company)
        record = form.with_env(user_env)
        spec = web_read_spec(record)
        meter.finish()
        # The first opening by this user fills the registry's caches (record
        # rules, groups): measured, but the figure kept is the next one.
        first = meter.measure_once(lambda r=record, s=spec: r.web_read(s))
        managed[role] = len(user_env["hr.employee"]._get_appraisal_managed_by(user_env.user))
        meter.finish()
        meter.step("open_form:%s" % role, lambda r=record, s=spec: r.web_read(s), records=1,
                   note="%d fields; manages %d; first opening %d q, %.2f s" % (
                       len(spec), managed[role], first["queries"], first["wall_s"]))
    return sheets


class _Rollback(Exception):
    def __init__(self, value):
        super().__init__(value)
        self.value = value


# ----------------------------------------------------------------------
# Database and report
# ----------------------------------------------------------------------
def addons_path():
    paths = [os.path.join(ODOO_PATH, "odoo", "addons")]
    if os.path.isdir(os.path.join(ODOO_PATH, "addons")):
        paths.insert(0, os.path.join(ODOO_PATH, "addons"))
    return ",".join(paths + [REPO])


def db_args(args):
    return ["--db_host", args.db_host, "--db_port", str(args.db_port), "--db_user", args.db_user]


def pg_env(args):
    return dict(os.environ, PGHOST=args.db_host, PGPORT=str(args.db_port), PGUSER=args.db_user)


def db_exists(args, name):
    out = subprocess.run(
        ["psql", "-d", "postgres", "-tAc", "SELECT 1 FROM pg_database WHERE datname = '%s'" % name],
        env=pg_env(args), capture_output=True, text=True, check=True,
    )
    return out.stdout.strip() == "1"


def install_db(args, name):
    command = [sys.executable, os.path.join(ODOO_PATH, "odoo-bin"), *db_args(args),
               "--addons-path", addons_path(), "-d", name, "-i", "appraisal_monthly",
               # No demo: "=True" is read so by 18.0 and by 19.0 (whose default it is).
               "--without-demo=True", "--no-http", "--stop-after-init", "--log-level=warn"]
    if args.lang and args.lang != "en_US":
        command.append("--load-language=%s" % args.lang)
    print("Installing appraisal_monthly (no demo%s) on %s ..." % (
        ", %s" % args.lang if args.lang != "en_US" else "", name), flush=True)
    start = time.perf_counter()
    subprocess.run(command, check=True)
    print("  installed in %.0f s" % (time.perf_counter() - start), flush=True)


def prepare_db(args):
    name = args.db
    if db_exists(args, name):
        sys.exit("Database %s exists: choose another --db or drop it." % name)
    if args.template:
        if not db_exists(args, args.template):
            install_db(args, args.template)
        print("Copying template %s to %s" % (args.template, name), flush=True)
        subprocess.run(["createdb", "-T", args.template, name], env=pg_env(args), check=True)
    else:
        install_db(args, name)


def drop_db(args, name):
    odoo.sql_db.close_all()
    subprocess.run(["dropdb", "--if-exists", name], env=pg_env(args), check=False)


def stub_smtp():
    """No e-mail leaves the machine: connecting and sending are stubbed;
    rendering, queueing and the bookkeeping of sending still run."""
    from odoo.addons.base.models import ir_mail_server  # noqa: PLC0415

    # The class is IrMailServer on 18.0, IrMail_Server on 19.0.
    IrMailServer = next(
        getattr(ir_mail_server, name) for name in ("IrMailServer", "IrMail_Server")
        if hasattr(ir_mail_server, name))

    class Session:
        def quit(self):
            pass

        close = quit

    def connect(self, *args, **kwargs):
        return Session()

    def send_email(self, message, *args, **kwargs):
        return message["Message-Id"]

    IrMailServer.connect = connect
    IrMailServer.send_email = send_email


def machine():
    info = {"nproc": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform()}
    try:
        with open("/proc/meminfo") as meminfo:
            total = int(meminfo.readline().split()[1])
        info["memory_gb"] = round(total / 2**20, 1)
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        info["commit"] = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                                        capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    return info


def print_table(results):
    head = "%-24s %7s %9s %9s %9s %8s %8s  %s" % (
        "step", "records", "wall s", "CPU s", "queries", "q/rec", "peak MB", "note")
    print(head)
    print("-" * len(head))
    for r in results:
        per = "%.1f" % (r["queries"] / r["records"]) if r["records"] else "-"
        print("%-24s %7s %9.2f %9.2f %9d %8s %8.1f  %s" % (
            r["step"], r["records"] if r["records"] is not None else "-", r["wall_s"],
            r["cpu_s"], r["queries"], per, r["peak_mb"], r["note"]))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--size", type=int, default=1000, help="number of people")
    parser.add_argument("--db", help="database to create (bench_ prefix, or $BENCH_DB_PREFIX; "
                        "default <prefix>province_<N>_<pid>)")
    parser.add_argument("--template", help="copy this database instead of installing "
                        "(installed on first use and kept)")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database")
    parser.add_argument("--lang", default="vi_VN", help="language of the users (default vi_VN)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--tracemalloc", action="store_true",
                        help="peak memory with tracemalloc (Python heap; slower)")
    parser.add_argument("--profile", metavar="DIR", help="cProfile each step into DIR")
    parser.add_argument("--query-sources", action="store_true",
                        help="count the queries of each step by the function sending them")
    parser.add_argument("--no-annual-scratch", action="store_true")
    parser.add_argument("--db_host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--db_port", type=int, default=int(os.environ.get("PGPORT", 5432)))
    parser.add_argument("--db_user", default=os.environ.get("PGUSER", "root"))
    args = parser.parse_args()
    args.db = args.db or "%sprovince_%d_%d" % (DB_PREFIX, args.size, os.getpid())
    for name in filter(None, [args.db, args.template]):
        if not name.startswith(DB_PREFIX):
            parser.error("database names must start with %s: %s" % (DB_PREFIX, name))

    prepare_db(args)
    odoo.tools.config.parse_config(
        ["-d", args.db, *db_args(args), "--addons-path", addons_path(), "--log-level=warn"])
    # Odoo's and the libraries' deprecation warnings are not measured here.
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=PendingDeprecationWarning)
    stub_smtp()
    sources = None
    if args.query_sources:
        sources = QuerySources()
        sources.install()
    try:
        registry = odoo.modules.registry.Registry(args.db)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"lang": args.lang})
            print("Building a province of %d people, each with a user ..." % args.size, flush=True)
            start = time.perf_counter()
            org = build_province(env, args.size, seed=args.seed, lang=args.lang)
            cr.commit()
            print("  built in %.0f s: %s" % (time.perf_counter() - start, org["shape"]), flush=True)
            meter = Meter(env, use_tracemalloc=args.tracemalloc, profile_dir=args.profile,
                          query_sources=sources)
            info = machine()

            def save(results):
                if args.json:
                    with open(args.json, "w") as out:
                        json.dump({"n": org["n"], "date": str(datetime.date.today()),
                                   "machine": info, "shape": org["shape"], "steps": results},
                                  out, indent=1, default=str)

            meter.on_result = save
            print("Steps:", flush=True)
            run_steps(env, org, meter, annual_scratch=not args.no_annual_scratch)
            cr.commit()
        print()
        print("N = %d people (%s); %s cores, %s GB; %s" % (
            org["n"], ", ".join("%s %s" % (v, k) for k, v in org["shape"].items()),
            info.get("nproc"), info.get("memory_gb"), datetime.date.today()))
        print_table(meter.results)
        if sources:
            for r in meter.results:
                print("\n%s: queries by appraisal_monthly function" % r["step"])
                for key, count in r["queries_by_addon_function"]:
                    print("  %7d  %s" % (count, key))
                print("  by calling function (any addon):")
                for key, count in r["queries_by_caller"]:
                    print("  %7d  %s" % (count, key))
    finally:
        if sources:
            sources.uninstall()
        if args.keep_db:
            print("Kept database %s" % args.db)
        else:
            drop_db(args, args.db)


if __name__ == "__main__":
    main()
