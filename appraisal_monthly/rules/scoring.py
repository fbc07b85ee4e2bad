"""Scoring rules of the monthly appraisal, in plain Python.

Nothing here imports Odoo: the models call these functions, and the
top-level ``tests/`` exercise them without a database.  Keeping the rules
in one place means the ORM, the reports and the tests agree by design.

The rules follow Decree 335/2025/NĐ-CP: a form is compared as a percentage
of its criteria set's maximum (100 points for staff, 150 in the seed's
managers' set), then mapped to four levels with the thresholds 90/70/50.
A triggered veto criterion (e.g. a disciplinary measure) forces "failed".
"""

SCORE = "score"
BONUS = "bonus"
PENALTY = "penalty"
KINDS = (SCORE, BONUS, PENALTY)

EXCELLENT = "excellent"
GOOD = "good"
COMPLETED = "completed"
FAILED = "failed"
RATINGS = (EXCELLENT, GOOD, COMPLETED, FAILED)

# Decree 335/2025: >= 90 excellent, >= 70 good, >= 50 completed, else failed.
DEFAULT_THRESHOLDS = (90.0, 70.0, 50.0)

# Scores and percentages are rounded to this many decimals everywhere
# (forms, task results, quarterly and annual averages).
PRECISION = 2


def check_thresholds(thresholds):
    """Return True when the thresholds are a strictly decreasing triple in 0..100."""
    if len(thresholds) != 3:
        return False
    excellent, good, completed = thresholds
    return 100 >= excellent > good > completed >= 0


def is_valid_line_score(score, max_score):
    """A line score must lie between 0 and the line's maximum, both included."""
    if score is None:
        return True
    return 0 <= score <= max_score


def net_score(lines):
    """Sum the contributions of scored lines.

    ``lines`` is an iterable of ``(kind, points)``.  Score and bonus points
    add, penalty points (entered as a positive number of points lost)
    subtract.
    """
    total = 0.0
    for kind, points in lines:
        points = points or 0.0
        if kind == PENALTY:
            total -= points
        elif kind in (SCORE, BONUS):
            total += points
        else:
            raise ValueError("unknown criterion kind %r" % (kind,))
    return round(total, PRECISION)


def bounded_score(total, max_score):
    """Keep a form's total within 0..max_score, so bonus cannot pass 100%."""
    if max_score <= 0:
        return 0.0
    return round(min(max(total, 0.0), max_score), PRECISION)


def score_percent(total, max_score):
    """The share of the set's maximum, as a percentage within 0..100."""
    if max_score <= 0:
        return 0.0
    return round(bounded_score(total, max_score) * 100.0 / max_score, PRECISION)


def rating_for_percent(percent, thresholds=DEFAULT_THRESHOLDS, veto=False):
    """Map a percentage to one of the four levels; a veto forces failed."""
    if veto:
        return FAILED
    excellent, good, completed = thresholds
    # Compare on rounded values so 89.999999 from float sums does not
    # fall under a threshold the user sees as reached.
    percent = round(percent, PRECISION)
    if percent >= excellent:
        return EXCELLENT
    if percent >= good:
        return GOOD
    if percent >= completed:
        return COMPLETED
    return FAILED


def evaluate(lines, max_score, thresholds=DEFAULT_THRESHOLDS, veto=False):
    """Score a whole form at once: returns (final score, percent, rating)."""
    total = bounded_score(net_score(lines), max_score)
    percent = score_percent(total, max_score)
    return total, percent, rating_for_percent(percent, thresholds, veto)
