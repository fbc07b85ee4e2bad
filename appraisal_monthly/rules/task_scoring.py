"""Figures that Decree 335/2025 derives from facts, in plain Python.

Nothing here imports Odoo: the models call these functions and the
top-level ``tests/test_task_scoring.py`` exercises them without a database.

Task results (the 70 points of a staff set):

- **quantity** = weight of the tasks done / weight of the tasks assigned;
- **quality**: each done task brings its weight × (1 − 25% per major error),
  over the weight done;
- **progress**: each done task brings its weight × (1 − 25% per delay),
  over the weight done;
- an objective cause confirmed by the superior (``exempt``) cancels the
  task's errors and delays, and an exempt task left undone is not counted
  as assigned either: it is not held against the employee;
- the three parts are combined (the mean by default, or the lowest, or
  their product) and scaled to the line's maximum points.

Managers' unit result: 100% of its points when every subordinate is rated
Completed or better, 50% when any is rated Failed.  While some
subordinates are not rated yet the figure is *provisional*, computed from
those already rated; a Failed rating makes it final at 50% at once, since
no later rating can raise it again.
"""
from collections import namedtuple

from .scoring import FAILED, PRECISION

MEAN = "mean"
MIN = "min"
PRODUCT = "product"
COMBINATIONS = (MEAN, MIN, PRODUCT)

# Share of a task's quality (progress) points lost per major error (delay).
DEDUCTION = 0.25

UNIT_FULL = 100.0
UNIT_FAILED = 50.0


TaskResult = namedtuple(
    "TaskResult",
    [
        "assigned_weight",  # weight of the tasks counted as assigned
        "done_weight",
        "quality_points",  # weight done, less the error deductions
        "progress_points",  # weight done, less the delay deductions
        "quantity",  # percentages, 0..100
        "quality",
        "progress",
        "percent",  # the three parts combined
        "exempt_count",  # tasks whose objective cause was confirmed
    ],
)

UnitResult = namedtuple(
    "UnitResult",
    [
        "percent",  # 100, 50, or None without any subordinate
        "provisional",  # some subordinates are not rated yet
        "rated_count",
        "failed_count",
        "pending_count",
    ],
)


def effective_delays(delay_count, date_done=None, date_deadline=None):
    """Delays counted for a task: at least one when it was done after its
    deadline, whatever was entered."""
    delays = max(delay_count or 0, 0)
    if date_done and date_deadline and date_done > date_deadline:
        delays = max(delays, 1)
    return delays


def _remaining_share(count):
    """What is left of a task's points after ``count`` deductions of 25%."""
    return max(0.0, 1.0 - DEDUCTION * max(count or 0, 0))


def combine(quantity, quality, progress, method=MEAN):
    """Combine the three parts (percentages) into one percentage."""
    if method == MEAN:
        return (quantity + quality + progress) / 3.0
    if method == MIN:
        return min(quantity, quality, progress)
    if method == PRODUCT:
        return quantity * quality * progress / 10000.0
    raise ValueError("unknown combination %r" % (method,))


def task_result(tasks, method=MEAN):
    """Score a work plan.

    ``tasks`` is an iterable of mappings with the keys ``weight``, ``done``
    (bool), ``major_errors``, ``delays`` and ``exempt`` (bool).  Returns a
    :class:`TaskResult`, or ``None`` when nothing was assigned (no figure).
    """
    assigned = done = quality_points = progress_points = 0.0
    exempt_count = 0
    for task in tasks:
        weight = task.get("weight") or 0.0
        if weight < 0:
            raise ValueError("a task's weight cannot be negative")
        exempt = bool(task.get("exempt"))
        exempt_count += exempt
        if not task.get("done"):
            if not exempt:
                assigned += weight
            continue
        assigned += weight
        done += weight
        errors = 0 if exempt else task.get("major_errors")
        delays = 0 if exempt else task.get("delays")
        quality_points += weight * _remaining_share(errors)
        progress_points += weight * _remaining_share(delays)
    if assigned <= 0:
        return None
    quantity = done * 100.0 / assigned
    quality = quality_points * 100.0 / done if done else 0.0
    progress = progress_points * 100.0 / done if done else 0.0
    return TaskResult(
        assigned_weight=assigned,
        done_weight=done,
        quality_points=quality_points,
        progress_points=progress_points,
        quantity=quantity,
        quality=quality,
        progress=progress,
        percent=combine(quantity, quality, progress, method),
        exempt_count=exempt_count,
    )


def scale(percent, max_points):
    """The points a percentage is worth on a line of ``max_points``."""
    if percent is None:
        return None
    percent = min(max(percent, 0.0), 100.0)
    return round(max_points * percent / 100.0, PRECISION)


def unit_result(ratings, pending_count=0):
    """The unit-result percentage of a manager.

    ``ratings``: the levels of the subordinates already rated;
    ``pending_count``: subordinates not rated yet.  Returns a
    :class:`UnitResult` whose ``percent`` is None without any subordinate.
    """
    ratings = list(ratings)
    pending_count = max(pending_count or 0, 0)
    failed = sum(1 for rating in ratings if rating == FAILED)
    if not ratings and not pending_count:
        return UnitResult(None, False, 0, 0, 0)
    return UnitResult(
        percent=UNIT_FAILED if failed else UNIT_FULL,
        # One failure fixes the figure at 50%: later ratings cannot change it.
        provisional=bool(pending_count) and not failed,
        rated_count=len(ratings),
        failed_count=failed,
        pending_count=pending_count,
    )


def fmt(number):
    """A figure as people write it: 2 decimals at most, no trailing zeros."""
    text = ("%.*f" % (PRECISION, round(number or 0.0, PRECISION))).rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
