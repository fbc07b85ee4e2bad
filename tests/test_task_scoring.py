"""Decree 335 task results and managers' unit results, without Odoo."""
import datetime

import pytest

from conftest import load_rules


@pytest.fixture(scope="module")
def ts():
    return load_rules("task_scoring")


def task(weight=1.0, done=True, errors=0, delays=0, exempt=False):
    return {"weight": weight, "done": done, "major_errors": errors,
            "delays": delays, "exempt": exempt}


def test_nothing_assigned_gives_no_figure(ts):
    assert ts.task_result([]) is None
    # An exempt task left undone is not held against the employee.
    assert ts.task_result([task(done=False, exempt=True)]) is None


def test_all_done_clean_is_full(ts):
    result = ts.task_result([task(2), task(3)])
    assert (result.quantity, result.quality, result.progress) == (100, 100, 100)
    assert result.percent == 100
    assert ts.scale(result.percent, 70) == 70


def test_hand_computed_work_plan(ts):
    tasks = [
        task(2, errors=1),  # quality 2 × 0.75 = 1.5
        task(1, delays=2),  # progress 1 × 0.5 = 0.5
        task(1, errors=1, delays=1, exempt=True),  # objective cause: clean
        task(1, done=False),  # assigned, not done
    ]
    result = ts.task_result(tasks)
    assert result.assigned_weight == 5
    assert result.done_weight == 4
    assert result.quantity == pytest.approx(80.0)
    assert result.quality_points == pytest.approx(3.5)
    assert result.quality == pytest.approx(87.5)
    assert result.progress_points == pytest.approx(3.5)
    assert result.progress == pytest.approx(87.5)
    assert result.exempt_count == 1
    assert result.percent == pytest.approx(85.0)
    assert ts.scale(result.percent, 70) == 59.5


def test_deductions_floor_at_zero(ts):
    result = ts.task_result([task(1, errors=5, delays=4)])
    assert result.quality == 0
    assert result.progress == 0
    assert result.quantity == 100
    assert result.percent == pytest.approx(100 / 3)


def test_nothing_done(ts):
    result = ts.task_result([task(2, done=False), task(1, done=False)])
    assert result.quantity == result.quality == result.progress == 0
    assert ts.scale(result.percent, 70) == 0


@pytest.mark.parametrize("method, expected", [
    ("mean", (80 + 50 + 100) / 3),
    ("min", 50.0),
    ("product", 40.0),
])
def test_combinations(ts, method, expected):
    assert ts.combine(80, 50, 100, method) == pytest.approx(expected)


def test_unknown_combination_and_negative_weight(ts):
    with pytest.raises(ValueError):
        ts.combine(1, 2, 3, "max")
    with pytest.raises(ValueError):
        ts.task_result([task(-1)])


def test_done_after_deadline_counts_a_delay(ts):
    day = datetime.date
    assert ts.effective_delays(0, day(2026, 1, 20), day(2026, 1, 15)) == 1
    assert ts.effective_delays(3, day(2026, 1, 20), day(2026, 1, 15)) == 3
    assert ts.effective_delays(0, day(2026, 1, 10), day(2026, 1, 15)) == 0
    assert ts.effective_delays(0, None, day(2026, 1, 15)) == 0
    assert ts.effective_delays(-2) == 0


def test_scale_bounds(ts):
    assert ts.scale(None, 70) is None
    assert ts.scale(120, 70) == 70
    assert ts.scale(-5, 70) == 0
    assert ts.scale(100 / 3, 70) == 23.33


def test_unit_result_all_completed_or_better(ts):
    result = ts.unit_result(["excellent", "good", "completed"])
    assert result.percent == 100
    assert not result.provisional
    assert result.rated_count == 3
    assert result.failed_count == 0


def test_unit_result_one_failed_is_half_and_final(ts):
    result = ts.unit_result(["good", "failed"], pending_count=2)
    assert result.percent == 50
    assert result.failed_count == 1
    assert not result.provisional  # no later rating can raise it again


def test_unit_result_provisional_while_some_unrated(ts):
    result = ts.unit_result(["good"], pending_count=1)
    assert result.percent == 100
    assert result.provisional
    assert result.pending_count == 1
    nobody_rated = ts.unit_result([], pending_count=3)
    assert nobody_rated.percent == 100 and nobody_rated.provisional


def test_unit_result_without_subordinates(ts):
    result = ts.unit_result([])
    assert result.percent is None
    assert not result.provisional


def test_fmt(ts):
    assert ts.fmt(83.3333) == "83.33"
    assert ts.fmt(80.0) == "80"
    assert ts.fmt(58.5) == "58.5"
    assert ts.fmt(0) == "0"
    assert ts.fmt(-0.001) == "0"
