"""Which disciplinary measures veto a period's appraisal (no Odoo)."""
import datetime

import pytest

from conftest import load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules("discipline")


@pytest.mark.parametrize("kind, veto", [
    ("other", False),
    ("reprimand", True),
    ("warning", True),
    ("demotion", True),
    ("removal_from_office", True),
    ("forced_dismissal", True),
    ("unknown", False),
    (False, False),
])
def test_reprimand_or_worse(rules, kind, veto):
    assert rules.is_veto_kind(kind) is veto


def test_severity_order(rules):
    ranks = [rules.SEVERITY[kind] for kind in rules.KINDS]
    assert ranks == sorted(ranks)
    assert rules.SEVERITY["reprimand"] < rules.SEVERITY["warning"] < rules.SEVERITY["forced_dismissal"]
    assert "other" not in rules.VETO_KINDS
    assert set(rules.VETO_KINDS) == set(rules.KINDS) - {"other"}


def test_in_period_includes_both_ends(rules):
    start, end = datetime.date(2026, 1, 1), datetime.date(2026, 1, 31)
    assert rules.in_period(start, start, end)
    assert rules.in_period(end, start, end)
    assert not rules.in_period(datetime.date(2025, 12, 31), start, end)
    assert not rules.in_period(datetime.date(2026, 2, 1), start, end)
    assert not rules.in_period(None, start, end)


def test_veto_measures(rules):
    start, end = datetime.date(2026, 1, 1), datetime.date(2026, 1, 31)
    day = datetime.date(2026, 1, 15)
    measures = [
        (1, "reprimand", day, True),
        (2, "other", day, True),                          # below reprimand
        (3, "warning", datetime.date(2026, 2, 1), True),  # next period
        (4, "demotion", day, False),                      # archived (annulled)
        (5, "forced_dismissal", end, True),
    ]
    assert rules.veto_measures(measures, start, end) == [1, 5]
    assert rules.veto_measures([], start, end) == []
