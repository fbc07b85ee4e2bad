"""Quarterly and annual roll-ups of appraisal results (no Odoo)."""

import pytest

from conftest import load_rules

THRESHOLDS = (90.0, 70.0, 50.0)


@pytest.fixture(scope="module")
def rules():
    return load_rules("results")


def test_quarters(rules):
    assert [rules.quarter_of(m) for m in (1, 3, 4, 6, 7, 9, 10, 12)] == [1, 1, 2, 2, 3, 3, 4, 4]
    assert rules.quarter_months(2) == (4, 5, 6)
    assert rules.covered_months(10, 3) == (10, 11, 12)
    assert rules.covered_months(12, 3) == (12,)
    with pytest.raises(ValueError):
        rules.quarter_of(13)
    with pytest.raises(ValueError):
        rules.quarter_months(0)


def test_year_of_months_with_leave(rules):
    # Ten months worked (two of maternity leave): only those are averaged.
    scores = [95, 92, 88, 91, 90, 93, 85, 94, 96, 90]
    results = [(s, (m,)) for m, s in zip([1, 2, 3, 4, 5, 8, 9, 10, 11, 12], scores)]
    average, months, rating = rules.summarize(results, THRESHOLDS, min_months=6)
    assert months == 10
    assert average == pytest.approx(91.4)
    assert rating == rules.EXCELLENT


def test_bands(rules):
    assert rules.rating_for_average(89.995, THRESHOLDS) == rules.EXCELLENT
    assert rules.rating_for_average(89.99, THRESHOLDS) == rules.GOOD
    assert rules.rating_for_average(70, THRESHOLDS) == rules.GOOD
    assert rules.rating_for_average(50, THRESHOLDS) == rules.COMPLETED
    assert rules.rating_for_average(49.99, THRESHOLDS) == rules.FAILED


def test_under_six_months_not_classified(rules):
    results = [(95, (m,)) for m in range(1, 6)]
    assert rules.summarize(results, THRESHOLDS, min_months=6) == (95.0, 5, rules.NOT_CLASSIFIED)
    # The rule can be switched off (0), and does not apply to a quarter.
    assert rules.summarize(results, THRESHOLDS, min_months=0)[2] == rules.EXCELLENT


def test_veto_forces_failed(rules):
    results = [(98, (m,)) for m in range(1, 13)]
    assert rules.summarize(results, THRESHOLDS, veto=True, min_months=6) == (98.0, 12, rules.FAILED)
    # Even when too few months to classify: the measure decides.
    assert rules.summarize([(98, (1,))], THRESHOLDS, veto=True, min_months=6)[2] == rules.FAILED


def test_nothing_to_average(rules):
    assert rules.summarize([], THRESHOLDS) == (0.0, 0, rules.NOT_CLASSIFIED)
    assert rules.weighted_average([]) is None


def test_quarterly_body_and_mixed_lengths(rules):
    # A city reviewing quarterly: the year is the mean of its four quarters.
    results = [(80, rules.quarter_months(q)) for q in (1, 2)] + [
        (92, rules.quarter_months(3)), (60, rules.quarter_months(4))]
    assert rules.summarize(results, THRESHOLDS, min_months=6) == (78.0, 12, rules.GOOD)
    # Moved from a quarterly city (Q1 = 60) to a monthly commune (Apr-Jun 90):
    # each result weighs the months it covers.
    mixed = [(60, (1, 2, 3)), (90, (4,)), (90, (5,)), (90, (6,))]
    assert rules.summarize(mixed, THRESHOLDS) == (75.0, 6, rules.GOOD)


def test_transfer_month_counted_once(rules):
    # Two forms in June (old and new unit): both averaged, June counted once.
    results = [(80, (6,)), (90, (6,)), (70, (7,))]
    average, months, _rating = rules.summarize(results, THRESHOLDS)
    assert (average, months) == (80.0, 2)


def test_count_by_rating(rules):
    counts = rules.count_by_rating(["good", "good", "failed", "not_classified", "x"])
    assert counts == {"excellent": 0, "good": 2, "completed": 0, "failed": 1, "not_classified": 1}
