"""A title limited relative to another (e.g. CSTĐCS ≤ 15% of LĐTT).

The old rule of Decree 91/2017 (repealed), kept as a setting, off by
default.  The allowed number is rounded down, as the Excellent quota of
the appraisal is: 15% of 10 LĐTT allows 1 CSTĐCS.
"""
import math
from decimal import Decimal


def allowed(base_count, percent):
    """How many may hold the limited title when ``base_count`` hold the
    base title."""
    if base_count <= 0 or not percent:
        return 0
    return int(math.floor(Decimal(base_count) * Decimal(str(percent)) / 100))


def check(count, base_count, percent):
    """(holds, allowed) for ``count`` holders of the limited title."""
    limit = allowed(base_count, percent)
    return count <= limit, limit
