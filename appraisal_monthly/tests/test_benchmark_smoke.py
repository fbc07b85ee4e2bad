"""The province benchmark (benchmarks/bench_province.py, issue 11) runs with
a small N: each step runs and produces figures.  The figures themselves are
not asserted: speed is measured by the benchmark, not by timed tests."""
import importlib.util
import os

from odoo.tests import TransactionCase, tagged

BENCH = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "benchmarks", "bench_province.py"
)
STEPS = [
    "baseline_orm", "generate", "open_notices", "generate_again", "score_self", "submit",
    "score_superior", "review", "approve", "publish", "annual_update",
    "annual_scratch", "annual_job", "period_sheet", "annual_sheet",
    "open_form:employee", "open_form:superior", "open_form:division_head",
    "open_form:hr_officer", "open_form:secretary", "open_form:chair",
]


def load_benchmark():
    spec = importlib.util.spec_from_file_location("appraisal_bench_province", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestBenchmarkSmoke(TransactionCase):

    def test_province_benchmark_runs(self):
        if not os.path.exists(BENCH):
            self.skipTest("benchmarks/ is not beside the addon (addon deployed alone)")
        bench = load_benchmark()
        quiet = lambda *args: None  # noqa: E731
        org = bench.build_province(self.env, 30, log=quiet)
        self.assertEqual(org["n"], 30)
        self.assertEqual(len(org["users"]), 30, "every employee has a user")
        self.assertTrue(all(org["employees"].mapped("user_id")))
        # No commit inside a test: each step ends with a flush and the
        # pre-commit hooks instead.
        meter = bench.Meter(self.env, commit=False, log=quiet)
        bench.run_steps(self.env, org, meter, log=quiet)
        results = {result["step"]: result for result in meter.results}
        self.assertEqual(list(results), STEPS)
        for name, result in results.items():
            with self.subTest(step=name):
                for key in ("wall_s", "cpu_s", "peak_mb"):
                    self.assertIsInstance(result[key], float)
                    self.assertGreaterEqual(result[key], 0.0)
                self.assertGreater(result["queries"], 0)
        self.assertIn("wall", results["generate"]["ratio_to_baseline"])
        self.assertEqual(results["generate"]["rows"]["appraisal_form"], 30)
        self.assertEqual(results["baseline_orm"]["rows"]["appraisal_form"], 30)
        forms = self.env["appraisal.form"].search([("period_id", "=", org["period"].id)])
        self.assertEqual(set(forms.mapped("state")), {"approved"})
        self.assertEqual(org["period"].state, "published")
        # Generation and publication went through the background job.
        # So did the open notices (the period's next job after generation).
        for step in ("generate", "open_notices", "publish", "annual_job"):
            self.assertGreaterEqual(results[step]["job"]["batches"], 1)
        self.assertFalse(org["period"].job_kind)
