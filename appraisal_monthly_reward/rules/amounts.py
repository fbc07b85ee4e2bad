"""Award amounts: coefficient × the base salary in force, rounded up.

Decree 152/2025/NĐ-CP: the amount of an award is its coefficient times the
base salary (mức lương cơ sở) in force on the date of the decision, rounded
up to the next 10,000 đồng.
"""
import datetime
from decimal import ROUND_CEILING, Decimal

ROUNDING_STEP = 10000


def base_salary_on(rows, day, company_id=None):
    """The base salary in force on ``day``.

    ``rows`` are (date_from, amount, company_id or None) tuples: the row of
    latest ``date_from`` not after ``day`` wins; on the same date a row of
    the company wins over a national one (company None).  0 when none.
    """
    candidates = [
        ((date_from, row_company not in (None, False)), amount)
        for date_from, amount, row_company in rows
        if date_from and date_from <= day
        and (row_company in (None, False) or row_company == company_id)
    ]
    return max(candidates, key=lambda item: item[0])[1] if candidates else 0


def award_amount(coefficient, base_salary, step=ROUNDING_STEP):
    """coefficient × base salary, rounded UP to the next ``step`` đồng.

    Decimal arithmetic, so 0.3 × 2,340,000 is exactly 702,000 (then
    710,000), never 702,000.0000001.
    """
    if not coefficient or not base_salary:
        return 0
    raw = Decimal(str(coefficient)) * Decimal(str(base_salary))
    step = Decimal(step or 1)
    return int((raw / step).to_integral_value(rounding=ROUND_CEILING) * step)


def months_between(start, end):
    """Whole months from ``start`` to ``end`` (0 when end is before start)."""
    if not start or not end or end < start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def review_date(year):
    """Default review date of a yearly campaign: 15 December (Decree 335)."""
    return datetime.date(year, 12, 15)


def vi_number(value, max_decimals=2):
    """A number the Vietnamese way: thousands with ".", decimals with ","
    and no trailing zeros: 710000 -> "710.000", 0.3 -> "0,3", 1.5 -> "1,5".

    The one place the reward documents format numbers (to be swapped for
    the base addon's locale helper when there is one).
    """
    if value is None or value is False:
        return ""
    quantum = Decimal(1).scaleb(-max_decimals)
    number = Decimal(str(value)).quantize(quantum)
    sign = "-" if number < 0 else ""
    whole, _dot, frac = ("%s" % abs(number)).partition(".")
    frac = frac.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")
