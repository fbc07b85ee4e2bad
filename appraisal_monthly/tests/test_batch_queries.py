"""Batch paths are batch (issue 11): generating a period, each step of the
workflow applied to many forms, publishing and recomputing the year's
results send a number of SQL queries that does not grow with the number of
forms.

Two provinces of the benchmark (benchmarks/bench_province.py), every
employee with a user, go through the same month; each step's queries for
the larger one may exceed the smaller one's by a small constant only.
``QSRC=1`` in the environment logs where each step's queries come from.
"""
import importlib.util
import logging
import os

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

BENCH = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "benchmarks", "bench_province.py"
)
_logger = logging.getLogger(__name__)
SMALL, LARGE = 12, 40
# What a step may cost more for LARGE - SMALL = 28 more forms: a few
# queries for the second unit, its head, its language... never one a form.
MARGIN = 12
STEPS = ["generate", "submit", "review", "approve", "publish", "annual"]


def load_benchmark():
    spec = importlib.util.spec_from_file_location("appraisal_bench_province_q", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestBatchQueries(TransactionCase):

    def _count(self, func):
        """Queries of ``func`` on the test cursor, the flush and the
        pre-commit hooks (tracking) included, as a request's commit runs
        them."""
        env = self.env
        env.flush_all()
        env.invalidate_all()
        sources = getattr(self, "_sources", None)
        if sources:
            sources.reset()
            sources.active = True
        before = self.cr.sql_log_count
        func()
        env.flush_all()
        self.cr.precommit.run()
        if sources:
            sources.active = False
            _logger.warning("%s\n  %s", func, "\n  ".join(
                "%4d %s" % (c, k) for k, c in sources.any.most_common(12)))
        return self.cr.sql_log_count - before

    def _month(self, bench, n):
        quiet = lambda *args: None  # noqa: E731
        org = bench.build_province(self.env, n, seed=7, log=quiet)
        company, period, roles = org["company"], org["period"], org["roles"]
        hr_env = bench.as_user(self.env, roles["hr"], company)
        secretary_env = bench.as_user(self.env, roles["secretary"], company)
        chair_env = bench.as_user(self.env, roles["chair"], company)
        period.with_env(hr_env).action_open()
        counts = {}

        def generate():
            wizard = hr_env["appraisal.period.generate"].create(
                {"period_id": period.id, "scope": "company"})
            wizard.action_generate()

        counts["generate"] = self._count(generate)
        forms = self.env["appraisal.form"].search([("period_id", "=", period.id)])
        self.assertEqual(len(forms), org["n"])
        level_of = org["level_of"]
        bench.write_scores(hr_env, forms.with_env(hr_env), level_of, "self_score")
        counts["submit"] = self._count(lambda: forms.with_env(hr_env).action_submit())
        own = forms.filtered(lambda f: f.employee_id.user_id == roles["secretary"])
        for scorer_env, scored in ((secretary_env, forms - own), (chair_env, own)):
            bench.write_scores(scorer_env, scored.with_env(scorer_env), level_of, "manager_score")
            auto = scored.line_ids.filtered(
                lambda l: l.auto_source in ("task_result", "unit_result"))
            auto.with_env(scorer_env).write({"manager_note": "Theo kết quả thực tế"})
        # The secretary's own form is the chair's: one more form, the same
        # queries whatever N (it is taken before the measure).
        own.with_env(chair_env).action_review()
        own.with_env(chair_env).action_approve()
        others = (forms - own).with_env(secretary_env)
        counts["review"] = self._count(others.action_review)
        counts["approve"] = self._count(others.action_approve)
        self.assertEqual(set(forms.mapped("state")), {"approved"})
        counts["publish"] = self._count(period.with_env(hr_env).action_publish)
        self.assertEqual(period.state, "published")
        Summary = hr_env["appraisal.summary"]
        Summary._refresh_company_year(company, bench.YEAR)
        # The update path: every result exists, with other figures.
        results = Summary.sudo().search([("company_id", "=", company.id)])
        self.assertTrue(results)
        self.env.flush_all()
        self.cr.execute(SQL(
            "UPDATE appraisal_summary SET average_score = 1, month_count = 0 WHERE id IN %s",
            tuple(results.ids)))
        self.cr.execute(SQL(
            "DELETE FROM %s WHERE %s IN %s",
            SQL.identifier(results._fields["form_ids"].relation),
            SQL.identifier(results._fields["form_ids"].column1), tuple(results.ids)))
        self.env.invalidate_all()
        counts["annual"] = self._count(
            lambda: Summary._refresh_company_year(company, bench.YEAR))
        return counts

    def _generation_batches(self, bench, n, batch_size):
        """Queries of each batch of a generation in the background (the
        scheduled action's calls), for a province of ``n`` people."""
        quiet = lambda *args: None  # noqa: E731
        org = bench.build_province(self.env, n, seed=5, log=quiet)
        company, period, roles = org["company"], org["period"], org["roles"]
        hr_env = bench.as_user(self.env, roles["hr"], company)
        period.with_env(hr_env).action_open()
        self.env["ir.config_parameter"].sudo().set_param(
            "appraisal_monthly.background_threshold", "1")
        wizard = hr_env["appraisal.period.generate"].create(
            {"period_id": period.id, "scope": "company"})
        wizard.action_generate()
        Period = self.env["appraisal.period"]
        def run(kind):
            """Queries of each batch of the job, then of its end (a call of
            its own, once nothing is left)."""
            counts = []
            while period.job_kind == kind and (period.job_employee_ids or period.job_form_ids):
                counts.append(self._count(lambda: Period._cron_run_jobs(batch_size=batch_size)))
                self.assertLess(len(counts), 100)
            end = self._count(lambda: Period._cron_run_jobs(batch_size=batch_size))
            self.assertNotEqual(period.job_kind, kind)
            return counts, end

        batches, end = run("generate")
        self.assertEqual(
            self.env["appraisal.form"].search_count([("period_id", "=", period.id)]), org["n"])
        self.assertEqual(period.job_kind, "notify")
        notices, notices_end = run("notify")
        self.assertFalse(period.job_kind)
        _logger.info("ends of the jobs: %s and %s queries", end, notices_end)
        return batches, notices

    def test_generation_batches_flat(self):
        """The last batch of a generation sends no more queries than the
        first, whatever the number of forms already made (the unit
        results of the managers the batch touches, not of every manager
        made so far), on two sizes of province; so do the open notices."""
        if not os.path.exists(BENCH):
            self.skipTest("benchmarks/ is not beside the addon (addon deployed alone)")
        bench = load_benchmark()
        for n in (SMALL * 3, LARGE * 3):
            with self.subTest(n=n):
                batches, notices = self._generation_batches(bench, n, batch_size=12)
                _logger.info("generation of %s in batches of 12: %s queries; notices: %s",
                             n, batches, notices)
                self.assertGreaterEqual(len(batches), 3)
                self.assertLessEqual(max(batches[1:]), batches[0], batches)
                self.assertLessEqual(max(notices[1:] or [0]), notices[0], notices)

    def test_steps_constant_queries(self):
        if not os.path.exists(BENCH):
            self.skipTest("benchmarks/ is not beside the addon (addon deployed alone)")
        bench = load_benchmark()
        if os.environ.get("QSRC"):
            self._sources = bench.QuerySources()

            def record(frame, sources=self._sources):
                chain = []
                while frame is not None and len(chain) < 4:
                    filename = frame.f_code.co_filename
                    if not any(part in filename for part in sources.CORE):
                        chain.append("%s:%s" % (filename.rsplit("/", 1)[-1], frame.f_code.co_name))
                    frame = frame.f_back
                sources.any[" < ".join(chain)] += 1

            self._sources.record = record
            self._sources.install()
            self.addCleanup(self._sources.uninstall)
        small = self._month(bench, SMALL)
        large = self._month(bench, LARGE)
        for step in STEPS:
            with self.subTest(step=step, small=small[step], large=large[step]):
                self.assertLessEqual(
                    large[step] - small[step], MARGIN,
                    "%s: %s queries for %s people, %s for %s" % (
                        step, small[step], SMALL, large[step], LARGE),
                )
