"""Quota of Excellent ratings (Decree 335/2025): at most 20% of the Good."""

import pytest

from conftest import load_rules


@pytest.fixture(scope="module")
def quota():
    return load_rules("quota")


@pytest.mark.parametrize("good, allowed", [
    (0, 0), (1, 0), (4, 0), (5, 1), (7, 1), (9, 1), (10, 2), (14, 2), (15, 3), (100, 20),
])
def test_allowed_is_rounded_down(quota, good, allowed):
    assert quota.allowed_excellent(good) == allowed


def test_float_noise_does_not_lose_a_place(quota):
    # 35 x 20 / 100 = 7.000000000000001 or 6.999999999999999 depending on order
    assert quota.allowed_excellent(35, 20.0) == 7
    assert quota.allowed_excellent(3, 100 / 3) == 1


def test_other_percentages(quota):
    assert quota.allowed_excellent(10, 30) == 3
    assert quota.allowed_excellent(10, 0) == 0
    assert quota.allowed_excellent(3, 100) == 3


def test_scope_at_the_limit_holds(quota):
    line = quota.check_scope("d", excellent=2, good=10)
    assert (line.allowed, line.exceeded, line.excess) == (2, False, 0)


def test_scope_beyond_the_limit_exceeds(quota):
    line = quota.check_scope("d", excellent=3, good=10)
    assert (line.allowed, line.exceeded, line.excess) == (2, True, 1)


def test_no_good_means_no_excellent(quota):
    assert quota.check_scope("d", excellent=1, good=0).exceeded
    assert not quota.check_scope("d", excellent=0, good=0).exceeded


def test_exception_adds_places(quota):
    assert not quota.check_scope("d", excellent=3, good=10, extra=1).exceeded
    assert quota.check_scope("d", excellent=4, good=10, extra=1).excess == 1
    assert not quota.check_scope("d", excellent=9, good=0, extra=quota.UNLIMITED).exceeded


def test_each_group_and_the_company_are_checked(quota):
    counts = {"a": (2, 10), "b": (1, 4)}
    groups, company = quota.check(counts)
    by_key = {line.key: line for line in groups}
    assert not by_key["a"].exceeded
    # 4 Good allow no Excellent in group b ...
    assert by_key["b"].exceeded and by_key["b"].excess == 1
    # ... but the company (3 Excellent, 14 Good: 2 allowed) exceeds too.
    assert (company.excellent, company.good, company.allowed) == (3, 14, 2)
    assert company.exceeded and company.excess == 1
    assert [line.key for line in quota.exceeded(counts)] == ["b", quota.COMPANY]


def test_company_can_exceed_while_groups_hold(quota):
    # Groups within their quota, but forms outside any group tip the total.
    counts = {"a": (1, 5), "b": (1, 5), quota.NO_GROUP: (2, 0)}
    groups, company = quota.check(counts)
    assert not any(line.exceeded for line in groups)
    assert quota.NO_GROUP not in [line.key for line in groups]
    assert (company.excellent, company.good, company.allowed, company.excess) == (4, 10, 2, 2)


def test_groups_can_exceed_while_company_holds(quota):
    groups, company = quota.check({"a": (2, 0), "b": (0, 20)})
    assert [line.key for line in groups if line.exceeded] == ["a"]
    assert not company.exceeded


def test_group_exception_counts_company_wide(quota):
    counts = {"a": (3, 5), "b": (0, 5)}
    # a: 1 allowed, 3 Excellent -> 2 beyond; company: 2 allowed, 3 Excellent.
    assert [line.key for line in quota.exceeded(counts)] == ["a", quota.COMPANY]
    # An exception of 2 places for a admits those two everywhere.
    groups, company = quota.check(counts, exceptions={"a": 2})
    assert not groups[0].exceeded
    assert not company.exceeded and company.extra == 2 and company.excellent == 3
    # One place only: a still exceeds by one; the company (2 places by the
    # percentage + 1 by the exception) holds.
    result = quota.exceeded(counts, exceptions={"a": 1})
    assert [(line.key, line.excess) for line in result] == [("a", 1)]
    # With a fourth Excellent in b, the company exceeds again.
    result = quota.exceeded({"a": (3, 5), "b": (1, 5)}, exceptions={"a": 1})
    assert [(line.key, line.excess) for line in result] == [("a", 1), (quota.COMPANY, 1)]


def test_company_exception_relaxes_company_only(quota):
    counts = {"a": (3, 5), "b": (0, 5)}
    result = quota.exceeded(counts, exceptions={quota.COMPANY: quota.UNLIMITED})
    assert [line.key for line in result] == ["a"]


def test_without_groups_only_the_company_counts(quota):
    groups, company = quota.check({quota.NO_GROUP: (3, 10)})
    assert groups == []
    assert company.exceeded and company.excess == 1
    assert not quota.exceeded({quota.NO_GROUP: (3, 10)}, exceptions={quota.COMPANY: 1})


def test_custom_percent(quota):
    assert not quota.exceeded({"a": (3, 10)}, percent=30)
    assert quota.exceeded({"a": (3, 10)}, percent=25)
