"""Benchmark: generate the monthly forms of a whole organisation.

Builds N employees in departments of 10 (one head each), opens a period,
generates every form, and reports wall time and SQL queries per step.
Everything is rolled back: the database is left as it was.

    $ODOO_PYTHON benchmarks/bench_generate_forms.py -d DATABASE [-n 200 1000]

The database must have appraisal_monthly installed (scripts/start makes one).
"""
import argparse
import os
import sys
import time

ODOO_PATH = os.environ.get("ODOO_PATH", "/opt/odoo18")
sys.path.insert(0, ODOO_PATH)

import odoo  # noqa: E402
from odoo import api, SUPERUSER_ID  # noqa: E402


def measure(cr, label, func):
    queries = cr.sql_log_count
    start = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - start
    print(f"  {label:<38} {elapsed * 1000:9.1f} ms {cr.sql_log_count - queries:7d} queries")
    return result


def run(env, size):
    print(f"{size} employees")
    Employee = env["hr.employee"]
    departments = env["hr.department"].create(
        [{"name": f"Bench unit {i}"} for i in range(max(size // 10, 1))]
    )
    heads = Employee.create(
        [{"name": f"Bench head {i}", "department_id": d.id} for i, d in enumerate(departments)]
    )
    for department, head in zip(departments, heads):
        department.manager_id = head
    staff_vals = [
        {
            "name": f"Bench staff {i}",
            "department_id": departments[i % len(departments)].id,
            "parent_id": heads[i % len(heads)].id,
        }
        for i in range(size - len(heads))
    ]
    measure(env.cr, "create employees (batch)", lambda: Employee.create(staff_vals))
    env.flush_all()
    period = env["appraisal.period"].create({"date_start": "2031-01-01"})
    period.action_open()
    employees = Employee.search([("department_id", "in", departments.ids)])

    def generate():
        forms, missing = period._generate_forms(employees)
        env.flush_all()
        return forms, missing

    forms, missing = measure(env.cr, "generate forms (with lines)", generate)
    assert not missing and len(forms) == size, (len(forms), len(missing))
    measure(env.cr, "generate again (nothing to do)", generate)
    measure(env.cr, "read scores of all forms", lambda: forms.mapped("score_percent"))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("-n", "--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--db_host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--db_user", default=os.environ.get("PGUSER", "root"))
    args = parser.parse_args()
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    addons = f"{ODOO_PATH}/odoo/addons,{repo}"
    odoo.tools.config.parse_config(
        ["-d", args.database, "--db_host", args.db_host, "--db_user", args.db_user,
         "--addons-path", addons]
    )
    registry = odoo.modules.registry.Registry(args.database)
    for size in args.sizes:
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            try:
                run(env, size)
            finally:
                cr.rollback()


if __name__ == "__main__":
    main()
