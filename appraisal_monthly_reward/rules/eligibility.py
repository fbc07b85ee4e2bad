"""Who may receive which title: the conditions of the Law on Emulation and
Commendation 06/2022/QH15 and Decree 152/2025/NĐ-CP, each a parameter of
the title (defaults in the shipped data, see §5 of the domain notes).

The models gather the facts (annual levels, recruitment, disciplinary
measures, initiatives, titles already held) and call
:func:`evaluate_campaign`, which returns for every person (or unit) and
title the list of its conditions, each met or not with the figures that
explain why.  Nothing here imports Odoo.
"""
from dataclasses import dataclass, field

from .votes import share_passes

# The vocabulary is the base addon's (appraisal_monthly/rules/scoring.py
# RATINGS, rules/discipline.py KINDS): the models take their selections
# from the base, and tests/test_reward_rules.py fails when the base knows
# a level or a measure that these rules do not.  They are repeated here
# only because this package is loaded without Odoo (nor the base addon).

# Annual levels, lowest first; "not_classified" (under 6 months worked)
# ranks below every level.
LEVELS = ("failed", "completed", "good", "excellent")
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}

# Disciplinary measures, mildest first (Decree 112/2020), as recorded by
# appraisal_monthly.  A measure these rules do not know counts as the most
# severe (it excludes), never as none.
MEASURES = ("other", "reprimand", "warning", "demotion", "removal_from_office",
            "forced_dismissal")
SEVERITY = {kind: rank for rank, kind in enumerate(MEASURES)}

# Scope of a recognised initiative, narrowest first.
SCOPES = ("grassroots", "province", "national")
SCOPE_RANK = {scope: rank for rank, scope in enumerate(SCOPES)}

# "Excellent or initiative" rules.
INIT_NONE = "none"          # no condition on initiatives
INIT_EITHER = "either"      # Excellent in the year, or an initiative
INIT_BOTH = "both"          # Excellent in the year, and an initiative
INIT_REQUIRED = "required"  # an initiative, whatever the level

INDIVIDUAL = "individual"
COLLECTIVE = "collective"


def level_at_least(level, minimum):
    """True when ``level`` is ``minimum`` or better (not classified: never)."""
    if not minimum:
        return True
    return level in LEVEL_RANK and LEVEL_RANK[level] >= LEVEL_RANK[minimum]


def measure_at_least(kind, minimum):
    """True when ``kind`` is ``minimum`` or more severe; an unknown
    measure counts as the most severe (a new measure of the base addon
    must never pass a discipline condition silently)."""
    if not kind or minimum not in SEVERITY:
        return False
    return SEVERITY.get(kind, len(MEASURES)) >= SEVERITY[minimum]


@dataclass
class Condition:
    """One condition of a title for one candidate.

    ``code`` names the condition, ``params`` holds the figures that explain
    the result (plain values: the models turn them into a sentence in the
    reader's language).
    """

    code: str
    met: bool
    params: dict = field(default_factory=dict)


@dataclass
class TitleRule:
    """The conditions of one title (0 / None / "none": no such condition)."""

    code: str
    scope: str = INDIVIDUAL
    # individual
    min_level: str = None
    min_months: int = 0
    excluded_measure: str = None
    prereq_code: str = None
    prereq_years: int = 1
    alt_excellent_years: int = 0
    alt_initiative_count: int = 0
    initiative_rule: str = INIT_NONE
    initiative_count: int = 1
    initiative_scope: str = "grassroots"
    initiative_years: int = 1
    # collective
    unit_min_level: str = None
    share_code: str = None
    share_percent: float = 0.0
    share_compare: str = "gt"
    member_min_level: str = None
    member_title_code: str = None
    member_title_count: int = 0
    member_excluded_measure: str = None

    def depends_on(self):
        return {code for code in (self.prereq_code, self.share_code, self.member_title_code) if code}


@dataclass
class PersonFacts:
    """What is known of one person for the campaign's year ``y``.

    levels: {year: (level, score)} of the annual results;
    months_recruited: whole months from recruitment to the review date
    (None: unknown); measures: [(kind, reference)] of the year y (active
    ones); initiatives: [(year, scope, name)]; titles: {code: {years}}
    held from past awards and issued decisions.
    """

    name: str = ""
    levels: dict = field(default_factory=dict)
    months_recruited: int = None
    measures: list = field(default_factory=list)
    initiatives: list = field(default_factory=list)
    titles: dict = field(default_factory=dict)


@dataclass
class UnitFacts:
    """A unit (department) in the year ``y``.

    level: the unit's own annual level, as the body above it rated it and
    the committee recorded it (None: not recorded; the unit is then not
    eligible); rated_by: who rated it; head_key: its head, whose personal
    level is only shown as a hint; member_keys: the people who were in the
    unit during the year (their annual result of the year is the unit's),
    never today's staff list.
    """

    name: str = ""
    head_key: object = None
    member_keys: list = field(default_factory=list)
    level: str = None
    rated_by: str = None


def _years(year, count):
    count = max(int(count or 1), 1)
    return list(range(year - count + 1, year + 1))


def _initiatives_in(facts, years, min_scope):
    minimum = SCOPE_RANK.get(min_scope or "grassroots", 0)
    return [
        name for init_year, scope, name in facts.initiatives
        if init_year in years and SCOPE_RANK.get(scope, -1) >= minimum
    ]


def evaluate_individual(rule, year, facts, held_now=frozenset()):
    """The conditions of ``rule`` for one person in ``year``.

    ``held_now``: the codes of the titles the person is eligible for in
    this campaign's year (their prerequisites, e.g. LĐTT before CSTĐCS).
    """
    def holds(code, yr):
        return (yr == year and code in held_now) or yr in facts.titles.get(code, ())

    level, score = facts.levels.get(year, (None, None))
    conditions = []
    if rule.min_level:
        conditions.append(Condition("level", level_at_least(level, rule.min_level), {
            "year": year, "level": level, "score": score, "minimum": rule.min_level,
        }))
    if rule.min_months:
        months = facts.months_recruited
        conditions.append(Condition(
            "recruitment", months is not None and months >= rule.min_months,
            {"months": months, "minimum": rule.min_months},
        ))
    if rule.excluded_measure:
        found = [(kind, ref) for kind, ref in facts.measures
                 if measure_at_least(kind, rule.excluded_measure)]
        conditions.append(Condition("discipline", not found, {
            "year": year, "minimum": rule.excluded_measure, "measures": found,
        }))
    if rule.prereq_code:
        years = _years(year, rule.prereq_years)
        held = [yr for yr in years if holds(rule.prereq_code, yr)]
        route1 = len(held) == len(years)
        params = {"title": rule.prereq_code, "years": years, "held": held,
                  "current": year in held and rule.prereq_code in held_now}
        if rule.alt_excellent_years:
            alt_years = _years(year, rule.alt_excellent_years)
            excellent = [yr for yr in alt_years if facts.levels.get(yr, (None,))[0] == "excellent"]
            inits = _initiatives_in(facts, alt_years, "grassroots")
            route2 = (len(excellent) == len(alt_years)
                      and len(inits) >= rule.alt_initiative_count)
            params.update({
                "alt_years": alt_years, "excellent_years": excellent,
                "initiatives": inits, "initiative_minimum": rule.alt_initiative_count,
            })
            conditions.append(Condition("route", route1 or route2, params))
        else:
            conditions.append(Condition("prerequisite", route1, params))
    if rule.initiative_rule and rule.initiative_rule != INIT_NONE:
        years = _years(year, rule.initiative_years)
        inits = _initiatives_in(facts, years, rule.initiative_scope)
        has_init = len(inits) >= max(rule.initiative_count or 1, 1)
        excellent = level == "excellent"
        if rule.initiative_rule == INIT_EITHER:
            met = excellent or has_init
        elif rule.initiative_rule == INIT_BOTH:
            met = excellent and has_init
        else:
            met = has_init
        conditions.append(Condition("initiative", met, {
            "rule": rule.initiative_rule, "years": years, "initiatives": inits,
            "minimum": max(rule.initiative_count or 1, 1), "scope": rule.initiative_scope,
            "excellent": excellent,
        }))
    return conditions


def evaluate_collective(rule, year, unit, persons, held_now):
    """The conditions of a collective ``rule`` for ``unit`` in ``year``.

    ``held_now``: {person key: codes of the titles they are eligible for
    in this campaign}; titles awarded for ``year`` count too.
    """
    members = [key for key in unit.member_keys if key in persons]

    def holds(key, code):
        return code in held_now.get(key, ()) or year in persons[key].titles.get(code, ())

    conditions = []
    if rule.unit_min_level:
        head = persons.get(unit.head_key)
        head_level = head.levels.get(year, (None, None))[0] if head else None
        conditions.append(Condition(
            "unit_level", bool(unit.level) and level_at_least(unit.level, rule.unit_min_level), {
                "year": year, "level": unit.level, "recorded": bool(unit.level),
                "rated_by": unit.rated_by, "minimum": rule.unit_min_level,
                "head": head.name if head else None, "head_level": head_level,
            }))
    if rule.share_code:
        holders = [key for key in members if holds(key, rule.share_code)]
        conditions.append(Condition(
            "member_share",
            share_passes(len(holders), len(members), rule.share_percent, rule.share_compare),
            {"title": rule.share_code, "count": len(holders), "total": len(members),
             "percent": rule.share_percent, "compare": rule.share_compare},
        ))
    if rule.member_min_level:
        rated = [key for key in members
                 if persons[key].levels.get(year, (None,))[0] in LEVEL_RANK]
        below = [persons[key].name for key in rated
                 if not level_at_least(persons[key].levels[year][0], rule.member_min_level)]
        conditions.append(Condition("member_level", not below, {
            "minimum": rule.member_min_level, "below": below,
            "not_classified": len(members) - len(rated), "total": len(members),
        }))
    if rule.member_title_code:
        holders = [persons[key].name for key in members if holds(key, rule.member_title_code)]
        minimum = max(rule.member_title_count or 1, 1)
        conditions.append(Condition("member_title", len(holders) >= minimum, {
            "title": rule.member_title_code, "count": len(holders), "minimum": minimum,
            "names": holders,
        }))
    if rule.member_excluded_measure:
        disciplined = [
            persons[key].name for key in members
            if any(measure_at_least(kind, rule.member_excluded_measure)
                   for kind, _ref in persons[key].measures)
        ]
        conditions.append(Condition("member_discipline", not disciplined, {
            "minimum": rule.member_excluded_measure, "names": disciplined, "year": year,
        }))
    return conditions


def order_rules(rules):
    """Individual titles first, each after the titles it depends on, then
    collective titles (which read the members' titles of the year)."""
    by_code = {rule.code: rule for rule in rules}
    ordered, seen = [], set()

    def visit(rule, path=()):
        if rule.code in seen:
            return
        if rule.code in path:
            raise ValueError("circular title conditions: %s" % " > ".join(path + (rule.code,)))
        for code in sorted(rule.depends_on()):
            if code in by_code:
                visit(by_code[code], path + (rule.code,))
        seen.add(rule.code)
        ordered.append(rule)

    for rule in rules:
        if rule.scope == INDIVIDUAL:
            visit(rule)
    for rule in rules:
        if rule.scope == COLLECTIVE:
            visit(rule)
    return ordered


def evaluate_campaign(rules, year, persons, units, evaluated_codes=None):
    """Every condition of every title for every person and unit.

    Returns {(title code, "person" | "unit", key): [Condition]}.  The
    titles a person is eligible for in this run count as held in ``year``
    for the titles evaluated after them (LĐTT before CSTĐCS, LĐTT and
    CSTĐCS before the collective titles).  ``evaluated_codes`` restricts the
    result to some titles (the others are still evaluated when needed).
    """
    results = {}
    held_now = {key: set() for key in persons}
    for rule in order_rules(rules):
        if rule.scope == INDIVIDUAL:
            for key, facts in persons.items():
                conditions = evaluate_individual(rule, year, facts, frozenset(held_now[key]))
                if conditions and all(c.met for c in conditions):
                    held_now[key].add(rule.code)
                results[(rule.code, "person", key)] = conditions
        else:
            for key, unit in units.items():
                results[(rule.code, "unit", key)] = evaluate_collective(
                    rule, year, unit, persons, held_now)
    if evaluated_codes is not None:
        results = {k: v for k, v in results.items() if k[0] in evaluated_codes}
    return results


def is_eligible(conditions):
    """A candidate is eligible when every condition is met (and there is one)."""
    return bool(conditions) and all(condition.met for condition in conditions)
