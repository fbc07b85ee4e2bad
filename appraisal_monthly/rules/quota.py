"""Quota of Excellent ratings, in plain Python (no Odoo import).

Decree 335/2025/NĐ-CP: the civil servants rated *Excellent* may not exceed
20% of the number rated *Good*, counted within one agency and within each
group of civil servants with similar tasks; the competent level may allow
more for an outstanding agency.

Rounding: ratings count people, so "excellent <= percent x good / 100" is
the same as "excellent <= floor(percent x good / 100)".  The allowed number
is therefore rounded down (20% of 7 Good allows 1 Excellent, of 10 allows
2), and with no Good at all, any Excellent exceeds the quota.  A small
tolerance keeps float noise (e.g. 5 x 20 / 100) from losing a place.

Exceptions (an authorised decision) add places to a group, or lift its
limit.  People admitted by a group's exception are admitted company-wide
too: the company-wide check does not count them a second time.  A
company-wide exception relaxes the company-wide check only.
"""
import math
from collections import namedtuple

DEFAULT_PERCENT = 20.0
UNLIMITED = math.inf
# Key of the company-wide line and of company-wide exceptions.
COMPANY = "company"
# Forms outside any group (e.g. no department) count in the company only.
NO_GROUP = None

_EPSILON = 1e-9

QuotaLine = namedtuple(
    "QuotaLine", "key excellent good allowed extra exceeded excess"
)
QuotaLine.__doc__ = """One checked scope (a group, or the company).

allowed: places given by the percentage; extra: places given by
exceptions (UNLIMITED when lifted); excess: Excellent beyond
allowed + extra (0 when the quota holds).
"""


def allowed_excellent(good, percent=DEFAULT_PERCENT):
    """Largest number of Excellent that ``good`` Good ratings allow."""
    if good <= 0 or percent <= 0:
        return 0
    return int(math.floor(good * percent / 100.0 + _EPSILON))


def check_scope(key, excellent, good, percent=DEFAULT_PERCENT, extra=0):
    """Check one scope; returns a :class:`QuotaLine`."""
    allowed = allowed_excellent(good, percent)
    excess = max(0, excellent - allowed - extra)  # 0 when extra is UNLIMITED
    return QuotaLine(key, excellent, good, allowed, extra, bool(excess), int(excess))


def check(counts, percent=DEFAULT_PERCENT, exceptions=None):
    """Check every group and the company as a whole.

    :param counts: {group key: (excellent, good)}; the key ``NO_GROUP``
        holds the forms outside any group (checked company-wide only).
    :param exceptions: {group key or COMPANY: extra places (int) or
        UNLIMITED}.
    :return: (list of group QuotaLine sorted as given, company QuotaLine)
    """
    exceptions = exceptions or {}
    groups = []
    covered = 0
    total_excellent = total_good = 0
    for key, (excellent, good) in counts.items():
        total_excellent += excellent
        total_good += good
        if key is NO_GROUP:
            continue
        extra = exceptions.get(key, 0)
        line = check_scope(key, excellent, good, percent, extra)
        groups.append(line)
        # Excellent beyond the percentage that the group's exception admits.
        covered += min(max(0, excellent - line.allowed), extra)
    company = check_scope(
        COMPANY,
        total_excellent - covered,
        total_good,
        percent,
        exceptions.get(COMPANY, 0),
    )
    # Report the true number of Excellent on the company line.
    company = company._replace(excellent=total_excellent, extra=company.extra + covered)
    return groups, company


def exceeded_lines(groups, company, keys=None):
    """The checked scopes that exceed the quota: the groups (only those of
    ``keys`` when given), then the company.  Every caller that refuses or
    reports an exceeded quota goes through here."""
    result = [line for line in groups if line.exceeded and (keys is None or line.key in keys)]
    if company.exceeded:
        result.append(company)
    return result


def exceeded(counts, percent=DEFAULT_PERCENT, exceptions=None):
    """The scopes that exceed the quota (groups first, then the company)."""
    return exceeded_lines(*check(counts, percent, exceptions))
