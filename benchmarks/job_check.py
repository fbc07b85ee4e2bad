"""Check: a generation started from the period's button runs in the
background on a server in Odoo's multi-worker mode, shows its progress, and
survives the server being killed halfway without duplicating anything.

    /opt/venv18/bin/python benchmarks/job_check.py -n 2000 --template bench_tpl

1. builds a province of N people (benchmarks/bench_province.py) in a new
   database (``bench_jobcheck_<N>_<pid>``, or ``--db``), opens its month,
   gives the HR officer a password;
2. starts ``odoo-bin --workers=2 --max-cron-threads=1`` on ``--port``;
3. as the HR officer over XML-RPC: Generate Forms (whole company), as the
   button does; the request returns at once (the job is queued);
4. reads the period's progress (done / to do) every second; once about half
   is done, kills the server (SIGKILL, the whole process group), starts it
   again, and reads on until the job is done;
5. follows the next job of the period, the "your self-assessment is open"
   notices (queued by the generation when it ends), until it is done;
6. approves every form (in SQL: the month's workflow is the benchmark's,
   not this check's), then as the HR officer presses Publish and follows the
   publication notices' job, then Recompute Annual Results and follows that
   job;
7. checks: one form per person, one self-assessment to-do per form, no
   follower twice, the HR officer notified once for each job, one open
   notice and one publication notice per form (a message to its employee,
   e-mailed or in their Inbox, none left pending; the HR officer's own
   form gets a note, as they send the notices), and a year's result per
   person.

The server runs with the README's recommended limits for a multi-worker
server (``--limit-time-cpu 60 --limit-time-real 120
--limit-time-real-cron 300 --limit-memory-soft 2147483648
--limit-memory-hard 2684354560``); the log is checked for a worker killed
or recycled by a limit.

The database is dropped at the end unless ``--keep-db``.
"""
import argparse
import os
import signal
import subprocess
import sys
import time
import warnings
import xmlrpc.client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_province as bench  # noqa: E402

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api  # noqa: E402

PASSWORD = "jobcheck-hr"


def start_server(args, log):
    command = [
        sys.executable, os.path.join(bench.ODOO_PATH, "odoo-bin"), *bench.db_args(args),
        "--addons-path", bench.addons_path(), "-d", args.db, "--db-filter", "^%s$" % args.db,
        "--http-port", str(args.port), "--http-interface", "127.0.0.1",
        "--workers", "2", "--max-cron-threads", "1",
        "--limit-time-real", "120", "--limit-time-cpu", "60", "--limit-time-real-cron", "300",
        # Odoo's defaults, as the README recommends them: said explicitly.
        "--limit-memory-soft", "2147483648", "--limit-memory-hard", "2684354560",
        "--log-level", "info", "--no-database-list",
    ]
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    url = "http://127.0.0.1:%d" % args.port
    for _i in range(120):
        try:
            xmlrpc.client.ServerProxy(url + "/xmlrpc/2/common").version()
            return server
        except OSError:
            time.sleep(1)
    raise SystemExit("the server did not start: see %s" % log.name)


def kill_server(server):
    """SIGKILL to the server's process group: the master, its HTTP and cron
    workers die at once, as in a crash."""
    os.killpg(server.pid, signal.SIGKILL)
    server.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", "--size", type=int, default=2000)
    parser.add_argument("--db")
    parser.add_argument("--template")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--port", type=int, default=8180)
    parser.add_argument("--lang", default="vi_VN")
    parser.add_argument("--kill-at", type=float, default=0.5,
                        help="kill the server when this share is done (0: never)")
    parser.add_argument("--db_host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--db_port", type=int, default=int(os.environ.get("PGPORT", 5432)))
    parser.add_argument("--db_user", default=os.environ.get("PGUSER", "root"))
    args = parser.parse_args()
    args.db = args.db or "%sjobcheck_%d_%d" % (bench.DB_PREFIX, args.size, os.getpid())
    for name in filter(None, [args.db, args.template]):
        if not name.startswith(bench.DB_PREFIX):
            parser.error("database names must start with %s: %s" % (bench.DB_PREFIX, name))
    bench.prepare_db(args)
    # Odoo's and the libraries' deprecation warnings are not checked here.
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    odoo.tools.config.parse_config(
        ["-d", args.db, *bench.db_args(args), "--addons-path", bench.addons_path(),
         "--log-level=warn"])
    server = None
    log = open("/tmp/%s.log" % args.db, "w")
    try:
        registry = odoo.modules.registry.Registry(args.db)
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"lang": args.lang})
            print("Building a province of %d people ..." % args.size, flush=True)
            org = bench.build_province(env, args.size, lang=args.lang, log=lambda *a: None)
            hr = org["roles"]["hr"]
            hr.password = PASSWORD
            hr_env = bench.as_user(env, hr, org["company"])
            org["period"].with_env(hr_env).action_open()
            period_id, login, company_id = org["period"].id, hr.login, org["company"].id
            cr.commit()
        odoo.sql_db.close_all()

        print("Starting odoo-bin --workers=2 --max-cron-threads=1 on port %d (log %s)"
              % (args.port, log.name), flush=True)
        server = start_server(args, log)
        url = "http://127.0.0.1:%d" % args.port
        uid = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/common").authenticate(
            args.db, login, PASSWORD, {})
        models = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/object", allow_none=True)

        def call(model, method, *method_args, **kwargs):
            return models.execute_kw(args.db, uid, PASSWORD, model, method, list(method_args),
                                     kwargs)

        def progress():
            [period] = call("appraisal.period", "read", [period_id],
                            ["job_kind", "job_done", "job_total", "form_count"])
            return period

        start = time.perf_counter()
        wizard = call("appraisal.period.generate", "create",
                      {"period_id": period_id, "scope": "company"})
        action = call("appraisal.period.generate", "action_generate", [wizard])
        print("  %.1f s  Generate Forms answered: %s" % (
            time.perf_counter() - start, action.get("params", {}).get("message", action)),
            flush=True)
        killed = False

        def follow_jobs(kill=False):
            """Read the period's progress until no job is left; with
            ``kill``, kill the server once halfway and start it again."""
            nonlocal server, killed
            last = None
            while True:
                state = progress()
                line = "%s: %s / %s (forms: %s)" % (
                    state["job_kind"] or "done", state["job_done"], state["job_total"],
                    state["form_count"])
                if line != last:
                    print("  %.1f s  %s" % (time.perf_counter() - start, line), flush=True)
                    last = line
                if not state["job_kind"]:
                    return
                if (kill and not killed and args.kill_at and state["job_total"]
                        and state["job_done"] >= args.kill_at * state["job_total"]):
                    print("  %.1f s  killing the server (SIGKILL to its process group)"
                          % (time.perf_counter() - start), flush=True)
                    kill_server(server)
                    killed = True
                    server = start_server(args, log)
                    print("  %.1f s  server restarted" % (time.perf_counter() - start),
                          flush=True)
                time.sleep(1)

        follow_jobs(kill=True)
        generated = time.perf_counter() - start

        registry = odoo.modules.registry.Registry(args.db)
        with registry.cursor() as cr:
            checks = {}
            cr.execute("SELECT count(*), count(DISTINCT employee_id) FROM appraisal_form "
                       "WHERE period_id = %s", [period_id])
            checks["forms"], checks["people_with_a_form"] = cr.fetchone()
            cr.execute("SELECT count(*) FROM hr_employee WHERE company_id = %s", [company_id])
            checks["people"] = cr.fetchone()[0]
            cr.execute("""SELECT count(*), count(DISTINCT a.res_id) FROM mail_activity a
                          JOIN appraisal_form f ON f.id = a.res_id
                         WHERE a.res_model = 'appraisal.form' AND f.period_id = %s""",
                       [period_id])
            checks["todos"], checks["forms_with_a_todo"] = cr.fetchone()
            cr.execute("""SELECT count(*) FROM (SELECT res_id, partner_id FROM mail_followers
                          WHERE res_model = 'appraisal.form' GROUP BY 1, 2
                          HAVING count(*) > 1) d""")
            checks["followers_twice"] = cr.fetchone()[0]
            # The open notices: a message of each form to its employee,
            # with its notification (an e-mail queued, or the Inbox).
            cr.execute("""SELECT count(DISTINCT m.id), count(DISTINCT m.res_id),
                                 count(DISTINCT n.mail_message_id),
                                 count(DISTINCT n.mail_mail_id)
                            FROM mail_message m
                            JOIN appraisal_form f ON f.id = m.res_id
                            JOIN mail_message_res_partner_rel r ON r.mail_message_id = m.id
                       LEFT JOIN mail_notification n ON n.mail_message_id = m.id
                           WHERE m.model = 'appraisal.form' AND f.period_id = %s
                             AND m.message_type = 'comment'""", [period_id])
            (checks["open_notices"], checks["forms_told"], checks["notices_delivered"],
             checks["emails_queued"]) = cr.fetchone()
            # The HR officer's own form: its notice is a note (nobody is
            # notified of their own message).
            cr.execute("""SELECT count(*) FROM appraisal_form f
                            JOIN hr_employee e ON e.id = f.employee_id
                            JOIN res_users u ON u.id = e.user_id
                           WHERE f.period_id = %s AND u.login = %s""", [period_id, login])
            checks["own_forms"] = cr.fetchone()[0]
            cr.execute("SELECT count(*) FROM appraisal_form WHERE period_id = %s"
                       " AND open_notice_pending", [period_id])
            checks["notices_pending"] = cr.fetchone()[0]
        odoo.sql_db.close_all()
        print("  %.1f s  generation and its notices checked: %s" % (
            time.perf_counter() - start, checks), flush=True)

        # Every form approved at once (the month's workflow is measured by
        # the benchmark), then Publish and Recompute Annual Results as HR.
        registry = odoo.modules.registry.Registry(args.db)
        with registry.cursor() as cr:
            cr.execute("""UPDATE appraisal_form
                             SET state = 'approved', rating = 'completed',
                                 suggested_rating = 'completed', date_approved = now()
                           WHERE period_id = %s""", [period_id])
        odoo.sql_db.close_all()
        step = time.perf_counter()
        call("appraisal.period", "action_publish", [period_id])
        print("  %.1f s  Publish answered in %.1f s" % (
            time.perf_counter() - start, time.perf_counter() - step), flush=True)
        follow_jobs()
        step = time.perf_counter()
        call("appraisal.period", "action_recompute_annual_results", [period_id])
        print("  %.1f s  Recompute Annual Results answered in %.1f s" % (
            time.perf_counter() - start, time.perf_counter() - step), flush=True)
        follow_jobs()
        total = time.perf_counter() - start

        registry = odoo.modules.registry.Registry(args.db)
        with registry.cursor() as cr:
            cr.execute("""SELECT count(*) FROM mail_message m
                           JOIN mail_message_res_partner_rel r ON r.mail_message_id = m.id
                           JOIN res_users u ON u.partner_id = r.res_partner_id
                          WHERE m.model = 'appraisal.period' AND m.res_id = %s
                            AND u.login = %s""", [period_id, login])
            checks["notices_to_hr"] = cr.fetchone()[0]
            # Publication: one more notice of each form to its employee.
            cr.execute("""SELECT count(*) FILTER (WHERE told = 2), count(*) FILTER (WHERE told > 2)
                            FROM (SELECT m.res_id, count(DISTINCT m.id) AS told
                                    FROM mail_message m
                                    JOIN appraisal_form f ON f.id = m.res_id
                                    JOIN mail_message_res_partner_rel r
                                      ON r.mail_message_id = m.id
                                   WHERE m.model = 'appraisal.form' AND f.period_id = %s
                                     AND m.message_type = 'comment'
                                GROUP BY m.res_id) AS per_form""", [period_id])
            checks["forms_told_published"], checks["forms_told_too_often"] = cr.fetchone()
            cr.execute("SELECT state FROM appraisal_period WHERE id = %s", [period_id])
            checks["period_state"] = cr.fetchone()[0]
            cr.execute("""SELECT count(*), count(DISTINCT employee_id) FROM appraisal_summary
                           WHERE company_id = %s AND period_type = 'year'""", [company_id])
            checks["year_results"], checks["people_with_a_year_result"] = cr.fetchone()
        with open(log.name) as log_text:
            checks["workers_killed_by_a_limit"] = sum(
                1 for line in log_text
                if "CPU time limit" in line or "virtual real time limit" in line
                or "Worker (" in line and "timeout" in line
                or "virtual memory limit" in line)
        print("Done in %.0f s (generation and its notices %.0f s)%s: %s" % (
            total, generated, " (server killed once)" if killed else "", checks))
        ok = (checks["forms"] == checks["people_with_a_form"] == checks["people"]
              and checks["todos"] == checks["forms_with_a_todo"] == checks["forms"]
              and not checks["followers_twice"] and checks["notices_to_hr"] == 4
              and checks["open_notices"] == checks["forms_told"]
              == checks["notices_delivered"] == checks["forms"] - checks["own_forms"]
              and not checks["notices_pending"]
              and checks["forms_told_published"] == checks["forms"] - checks["own_forms"]
              and not checks["forms_told_too_often"]
              and checks["period_state"] == "published"
              and checks["year_results"] == checks["people_with_a_year_result"]
              == checks["people"]
              and not checks["workers_killed_by_a_limit"])
        print("OK" if ok else "FAILED")
        return 0 if ok else 1
    finally:
        if server and server.poll() is None:
            kill_server(server)
        log.close()
        if args.keep_db:
            print("Kept database %s" % args.db)
        else:
            bench.drop_db(args, args.db)


if __name__ == "__main__":
    sys.exit(main())
