"""Quarterly and annual roll-ups of appraisal results, in plain Python.

Nothing here imports Odoo: the ``appraisal.summary`` model calls these
functions and the top-level ``tests/`` exercise them without a database.

Decree 335/2025/NĐ-CP: the annual (or quarterly) rating is the average of
the monthly (or quarterly) scores, on the 100-point scale, then the same
thresholds as a month.  Leave counts on time actually worked: a month
without an approved result is simply left out of the average.  Decree
90/2020 (amended by Decree 48/2023): a person who worked less than six
months in the year is reviewed but not classified; any disciplinary
measure of reprimand or worse in the year rates them Failed.

Each result is weighted by the months it covers (1 for a monthly form, 3
for a quarterly one), so that a person who moved from a body reviewing
quarterly to one reviewing monthly gets a fair average; with results of a
single length this is the plain mean.
"""

from .scoring import COMPLETED, EXCELLENT, FAILED, GOOD, PRECISION, rating_for_percent

NOT_CLASSIFIED = "not_classified"
RATINGS = (EXCELLENT, GOOD, COMPLETED, FAILED, NOT_CLASSIFIED)

DEFAULT_MIN_MONTHS = 6


def quarter_of(month):
    """The quarter (1-4) of a month number (1-12)."""
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month}")
    return (month - 1) // 3 + 1


def quarter_start_month(month):
    """The first month (1, 4, 7 or 10) of the quarter holding ``month``."""
    return (quarter_of(month) - 1) * 3 + 1


def quarter_months(quarter):
    """The month numbers (1-12) of a quarter (1-4)."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter out of range: {quarter}")
    first = (quarter - 1) * 3 + 1
    return tuple(range(first, first + 3))


def covered_months(month, length):
    """The months of a result that starts in ``month`` and lasts ``length``
    months, cut at the end of the year."""
    return tuple(m for m in range(month, month + max(length, 1)) if m <= 12)


def weighted_average(results):
    """Average of (percent, months) pairs, weighted by months covered.

    Returns None when there is nothing to average.
    """
    results = [(percent, months) for percent, months in results if months > 0]
    total_months = sum(months for _percent, months in results)
    if not total_months:
        return None
    total = sum(percent * months for percent, months in results)
    return round(total / total_months, PRECISION)


def rating_for_average(average, thresholds):
    """One of the four levels for an average on the 100-point scale: the
    same thresholds as a month (Decree 335/2025)."""
    return rating_for_percent(average, thresholds)


def summarize(results, thresholds, veto=False, min_months=0):
    """Roll results up: returns (average, months covered, rating).

    ``results`` is an iterable of (percent, months) pairs, ``months`` being
    a collection of the month numbers the result covers (distinct months
    are counted once, e.g. two forms of one month after a transfer).
    ``veto``: a disciplinary measure of reprimand or worse in the span
    forces Failed.  ``min_months``: below this many months covered the
    person is not classified (0 disables the rule; for a year, Decree 90's
    six months).  Without any result the person is not classified.
    """
    results = [(percent, tuple(months)) for percent, months in results]
    covered = {month for _percent, months in results for month in months}
    month_count = len(covered)
    average = weighted_average((percent, len(months)) for percent, months in results)
    if veto:
        rating = FAILED
    elif average is None or (min_months and month_count < min_months):
        rating = NOT_CLASSIFIED
    else:
        rating = rating_for_average(average, thresholds)
    return (average or 0.0), month_count, rating


def count_by_rating(ratings):
    """{rating: count} for every known rating, zeros included."""
    counts = dict.fromkeys(RATINGS, 0)
    for rating in ratings:
        if rating in counts:
            counts[rating] += 1
    return counts
