"""The reward addon's rules (eligibility, amounts, votes, quota), no Odoo."""
import datetime

import pytest

from conftest import load_reward_rules, load_rules

elig = load_reward_rules("eligibility")
amounts = load_reward_rules("amounts")
votes = load_reward_rules("votes")
quota = load_reward_rules("quota")

LDTT = elig.TitleRule("LDTT", min_level="good", min_months=6, excluded_measure="reprimand")
CSTDCS = elig.TitleRule("CSTDCS", prereq_code="LDTT", initiative_rule=elig.INIT_EITHER)
CSTD_TINH = elig.TitleRule("CSTD_TINH", prereq_code="CSTDCS", prereq_years=3,
                           initiative_rule=elig.INIT_REQUIRED, initiative_scope="province",
                           initiative_years=3)
BK = elig.TitleRule("BK", prereq_code="CSTDCS", prereq_years=2, alt_excellent_years=2,
                    alt_initiative_count=2)
TT_LDTT = elig.TitleRule("TT_LDTT", scope="collective", unit_min_level="good",
                         share_code="LDTT", share_percent=50, share_compare="gt",
                         member_excluded_measure="warning")
TT_LDXS = elig.TitleRule("TT_LDXS", scope="collective", unit_min_level="excellent",
                         share_code="LDTT", share_percent=70, share_compare="ge",
                         member_min_level="completed", member_title_code="CSTDCS",
                         member_title_count=1)


def person(level="good", score=80.0, months=24, **kw):
    facts = elig.PersonFacts(name=kw.pop("name", "P"), months_recruited=months, **kw)
    facts.levels.setdefault(2026, (level, score))
    return facts


def conds(rule, facts, held=frozenset()):
    return {c.code: c for c in elig.evaluate_individual(rule, 2026, facts, held)}


# -- amounts -------------------------------------------------------------------
@pytest.mark.parametrize("coef, base, expected", [
    (0.3, 2340000, 710000),      # 702,000 -> 710,000 (domain notes example)
    (1.5, 2530000, 3800000),     # 3,795,000 -> 3,800,000
    (1.0, 2340000, 2340000),     # already a multiple: unchanged
    (0.8, 2340000, 1880000),     # 1,872,000
    (3.0, 2340000, 7020000),
    (1.5, 2340000, 3510000),
    (0.3, 2530000, 760000),      # 759,000
    (0, 2340000, 0),
])
def test_award_amount_rounds_up(coef, base, expected):
    assert amounts.award_amount(coef, base) == expected


def test_base_salary_in_force():
    rows = [(datetime.date(2024, 7, 1), 2340000, None),
            (datetime.date(2026, 7, 1), 2530000, None),
            (datetime.date(2026, 7, 1), 2600000, 7)]
    on = amounts.base_salary_on
    assert on(rows, datetime.date(2026, 6, 30)) == 2340000
    assert on(rows, datetime.date(2026, 7, 1)) == 2530000
    assert on(rows, datetime.date(2026, 7, 1), company_id=7) == 2600000
    assert on(rows, datetime.date(2026, 7, 1), company_id=8) == 2530000
    assert on(rows, datetime.date(2024, 1, 1)) == 0


def test_months_between():
    assert amounts.months_between(datetime.date(2026, 9, 1), datetime.date(2026, 12, 15)) == 3
    assert amounts.months_between(datetime.date(2026, 6, 15), datetime.date(2026, 12, 15)) == 6
    assert amounts.months_between(datetime.date(2026, 6, 16), datetime.date(2026, 12, 15)) == 5
    assert amounts.months_between(datetime.date(2027, 1, 1), datetime.date(2026, 12, 15)) == 0


# -- votes and quota --------------------------------------------------------------
def test_vote_threshold_of_all_or_voting():
    ballots = ["for", "for", "against", None, None]
    assert votes.vote_passes(ballots, 5, 50, "voting", "gt") == (True, 2, 3)
    assert votes.vote_passes(ballots, 5, 50, "all", "gt") == (False, 2, 5)
    assert votes.vote_passes(["for", "against"], 2, 50, "voting", "gt")[0] is False
    assert votes.vote_passes(["for", "against"], 2, 50, "voting", "ge")[0] is True
    # 90% of all members: 9 of 10 passes, 8 of 10 does not.
    assert votes.vote_passes(["for"] * 9 + ["against"], 10, 90, "all", "ge")[0]
    assert not votes.vote_passes(["for"] * 8 + [None] * 2, 10, 90, "all", "ge")[0]
    assert not votes.vote_passes([], 0, 50, "all", "ge")[0]


def test_quota_rounds_down():
    assert quota.allowed(10, 15) == 1
    assert quota.allowed(7, 15) == 1
    assert quota.allowed(6, 15) == 0
    assert quota.check(2, 10, 15) == (False, 1)
    assert quota.check(1, 10, 15) == (True, 1)


# -- individual titles ---------------------------------------------------------------
def test_ldtt_good_recruited_no_discipline():
    c = conds(LDTT, person("good", 84.5))
    assert all(x.met for x in c.values())
    assert c["level"].params == {"year": 2026, "level": "good", "score": 84.5, "minimum": "good"}


def test_ldtt_fails_on_level_recruitment_and_reprimand():
    assert not conds(LDTT, person("completed"))["level"].met
    assert not conds(LDTT, person("not_classified"))["level"].met
    assert not conds(LDTT, person(months=5))["recruitment"].met
    assert conds(LDTT, person(months=6))["recruitment"].met
    assert not conds(LDTT, person(months=None))["recruitment"].met
    c = conds(LDTT, person(measures=[("reprimand", "3/QĐ")]))
    assert not c["discipline"].met and c["discipline"].params["measures"] == [("reprimand", "3/QĐ")]
    assert conds(LDTT, person(measures=[("other", "x")]))["discipline"].met


def test_cstdcs_excellent_or_initiative_and_both():
    both = elig.TitleRule("CSTDCS", prereq_code="LDTT", initiative_rule=elig.INIT_BOTH)
    excellent_no_init = person("excellent", 93)
    assert conds(CSTDCS, excellent_no_init, {"LDTT"})["initiative"].met
    assert not conds(both, excellent_no_init, {"LDTT"})["initiative"].met
    good_init = person("good", 85, initiatives=[(2026, "grassroots", "Số hóa")])
    assert conds(CSTDCS, good_init, {"LDTT"})["initiative"].met
    assert not conds(both, good_init, {"LDTT"})["initiative"].met
    # An initiative of another year does not count; LĐTT is required.
    old_init = person("good", 85, initiatives=[(2025, "grassroots", "Cũ")])
    c = conds(CSTDCS, old_init, {"LDTT"})
    assert not c["initiative"].met and c["initiative"].params["initiatives"] == []
    assert not conds(CSTDCS, excellent_no_init)["prerequisite"].met


def test_consecutive_years_with_a_gap():
    facts = person("excellent", 95, initiatives=[(2025, "province", "Cấp tỉnh")],
                   titles={"CSTDCS": {2024}})  # 2025 missing: a gap
    c = conds(CSTD_TINH, facts, {"LDTT", "CSTDCS"})
    assert not c["prerequisite"].met
    assert c["prerequisite"].params["held"] == [2024, 2026]
    facts.titles["CSTDCS"].add(2025)
    assert all(x.met for x in conds(CSTD_TINH, facts, {"LDTT", "CSTDCS"}).values())
    # a grassroots initiative is not enough for the provincial title
    facts.initiatives = [(2025, "grassroots", "Cơ sở")]
    assert not conds(CSTD_TINH, facts, {"CSTDCS"})["initiative"].met


def test_bang_khen_two_routes():
    via_cstdcs = person("good", 85, titles={"CSTDCS": {2025}})
    assert conds(BK, via_cstdcs, {"CSTDCS"})["route"].met
    assert not conds(BK, via_cstdcs, set())["route"].met
    via_excellent = person("excellent", 95, levels={2025: ("excellent", 92)},
                           initiatives=[(2025, "grassroots", "A"), (2026, "grassroots", "B")])
    assert conds(BK, via_excellent)["route"].met
    via_excellent.initiatives.pop()
    assert not conds(BK, via_excellent)["route"].met


# -- collective titles and the whole campaign -------------------------------------------
def _unit(levels_titles, unit_level="excellent"):
    persons, keys = {}, []
    for i, (level, titles) in enumerate(levels_titles):
        persons[i] = person(level, 80, name="M%s" % i,
                            titles={code: {2026} for code in titles})
        keys.append(i)
    return persons, elig.UnitFacts(name="U", head_key=0, member_keys=keys, level=unit_level)


def test_collective_exactly_half_is_not_more_than_half():
    persons, unit = _unit([("good", ["LDTT"]), ("good", ["LDTT"]),
                           ("completed", []), ("completed", [])])
    c = {x.code: x for x in elig.evaluate_collective(TT_LDTT, 2026, unit, persons, {})}
    assert not c["member_share"].met
    assert c["member_share"].params["count"] == 2 and c["member_share"].params["total"] == 4
    at_least = elig.TitleRule("TT_LDTT", scope="collective", share_code="LDTT",
                              share_percent=50, share_compare="ge")
    assert elig.evaluate_collective(at_least, 2026, unit, persons, {})[0].met


def test_collective_excellent_unit():
    persons, unit = _unit([("excellent", ["LDTT", "CSTDCS"]), ("good", ["LDTT"]),
                           ("good", ["LDTT"]), ("completed", [])])
    c = {x.code: x for x in elig.evaluate_collective(TT_LDXS, 2026, unit, persons, {})}
    assert all(x.met for x in c.values()), c
    persons[3].levels[2026] = ("failed", 40)
    c = {x.code: x for x in elig.evaluate_collective(TT_LDXS, 2026, unit, persons, {})}
    assert not c["member_level"].met and c["member_level"].params["below"] == ["M3"]


def test_campaign_chains_titles_of_the_year():
    persons = {
        "a": person("excellent", 95, name="A"),
        "b": person("good", 85, name="B"),
        "c": person("good", 80, name="C", measures=[("warning", "9/QĐ")]),
        "d": person("completed", 60, name="D"),
    }
    units = {"u": elig.UnitFacts(name="U", head_key="a", member_keys=["a", "b", "c", "d"])}
    res = elig.evaluate_campaign([TT_LDTT, CSTDCS, LDTT], 2026, persons, units)
    eligible = {k for k, v in res.items() if elig.is_eligible(v)}
    assert eligible == {("LDTT", "person", "a"), ("LDTT", "person", "b"),
                        ("CSTDCS", "person", "a")}
    unit = {c.code: c for c in res[("TT_LDTT", "unit", "u")]}
    assert unit["member_share"].params["count"] == 2 and not unit["member_share"].met
    assert unit["member_discipline"].params["names"] == ["C"]


def test_order_rules_detects_cycles():
    with pytest.raises(ValueError):
        elig.order_rules([elig.TitleRule("X", prereq_code="Y"),
                          elig.TitleRule("Y", prereq_code="X")])


# -- the unit's own level, never its head's -------------------------------------------
def test_unit_level_is_the_recorded_one_not_the_heads():
    # The head is Good, the unit was rated Excellent by the body above.
    persons, unit = _unit([("good", ["LDTT"]), ("good", ["LDTT"]), ("good", ["LDTT"]),
                           ("excellent", ["LDTT", "CSTDCS"])], unit_level="excellent")
    c = {x.code: x for x in elig.evaluate_collective(TT_LDXS, 2026, unit, persons, {})}
    assert c["unit_level"].met
    assert c["unit_level"].params["head_level"] == "good"
    assert c["unit_level"].params["recorded"]
    # Rated Completed, its head Good: not Tập thể LĐTT.
    unit.level = "completed"
    c = {x.code: x for x in elig.evaluate_collective(TT_LDTT, 2026, unit, persons, {})}
    assert not c["unit_level"].met
    # Not recorded: not eligible, whatever its head's level.
    unit.level = None
    persons[0].levels[2026] = ("excellent", 95)
    c = {x.code: x for x in elig.evaluate_collective(TT_LDTT, 2026, unit, persons, {})}
    assert not c["unit_level"].met and not c["unit_level"].params["recorded"]
    assert c["unit_level"].params["head_level"] == "excellent"


def test_members_are_the_units_of_the_year():
    """Only the keys given as the year's members count (the models pass
    the people whose annual result of the year was in the unit)."""
    persons, unit = _unit([("good", ["LDTT"]), ("good", ["LDTT"]), ("completed", [])],
                          unit_level="good")
    persons[9] = person("good", 80, name="Moved in later")
    c = {x.code: x for x in elig.evaluate_collective(TT_LDTT, 2026, unit, persons, {})}
    assert c["member_share"].params["total"] == 3 and c["member_share"].met


# -- one vocabulary with the base addon -------------------------------------------------
def test_reward_rules_know_every_level_and_measure_of_the_base():
    discipline = load_rules("discipline")
    scoring = load_rules("scoring")
    assert set(discipline.KINDS) <= set(elig.MEASURES), (
        "a disciplinary measure of appraisal_monthly is unknown to the reward rules")
    assert list(discipline.KINDS) == list(elig.MEASURES), "same order of severity"
    assert set(scoring.RATINGS) <= set(elig.LEVELS), (
        "an annual level of appraisal_monthly is unknown to the reward rules")
    assert list(reversed(scoring.RATINGS)) == list(elig.LEVELS), "same ranking"


def test_an_unknown_measure_excludes():
    assert elig.measure_at_least("new_measure_of_the_base", "reprimand")
    assert elig.measure_at_least("new_measure_of_the_base", "warning")
    assert not elig.measure_at_least("other", "reprimand")
    assert not elig.measure_at_least(None, "reprimand")


@pytest.mark.parametrize("value, expected", [
    (710000, "710.000"), (3800000, "3.800.000"), (0.3, "0,3"), (1.5, "1,5"), (1.0, "1"),
    (2340000.0, "2.340.000"), (0, "0"), (999, "999"), (1000, "1.000"), (-2500.5, "-2.500,5"),
])
def test_vietnamese_numbers(value, expected):
    assert amounts.vi_number(value) == expected
