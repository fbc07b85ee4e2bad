"""The council's vote on a nomination.

Each title sets its threshold: a share of **all** members of the council
or of those **voting** (who cast a ballot: for, against or abstain), and
whether the share must be strictly more than, or at least, the
percentage.  The older rule for provincial titles and above: at least 90%
of all members (secret ballot).
"""
from decimal import Decimal

BASE_ALL = "all"
BASE_VOTING = "voting"
GREATER = "gt"
AT_LEAST = "ge"


def share_passes(count, total, percent, compare):
    """True when count/total is more than (``gt``) or at least (``ge``)
    ``percent``%, in exact arithmetic; never with a total of 0."""
    if total <= 0:
        return False
    left = Decimal(count) * 100
    right = Decimal(str(percent)) * total
    return left > right if compare == GREATER else left >= right


def tally(ballots):
    """{'for': n, 'against': n, 'abstain': n, 'none': n} of ballot values."""
    counts = {"for": 0, "against": 0, "abstain": 0, "none": 0}
    for value in ballots:
        counts[value if value in counts else "none"] += 1
    return counts


def vote_passes(ballots, members, percent, base, compare):
    """(passed, votes for, denominator) of a nomination.

    ``ballots``: the value of each member's ballot ('for', 'against',
    'abstain' or None when not cast); ``members``: the number of members.
    """
    counts = tally(ballots)
    cast = counts["for"] + counts["against"] + counts["abstain"]
    total = members if base == BASE_ALL else cast
    return share_passes(counts["for"], total, percent, compare), counts["for"], total
