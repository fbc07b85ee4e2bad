"""Numbers written the way their reader writes them.

One place for every number a person reads outside the web client's widgets
(PDF, XLSX, the period summary, messages, eligibility reasons): in
Vietnamese 4,5 · 91,00% · 710.000 đ · 0,3; in English 4.5 · 91.00% ·
710,000 đ · 0.3.  The language is the context's (``env.lang``), else the
user's, as Odoo's ``formatLang`` reads it.  The reward addon imports these
helpers (``from odoo.addons.appraisal_monthly.number_format import …``).
"""
from odoo.tools.misc import formatLang


def _digits_needed(value, most):
    """The fewest decimals (0 .. most) that write ``value`` exactly."""
    for digits in range(most + 1):
        if round(value, digits) == round(value, most):
            return digits
    return most


def format_number(env, value, digits=None, least=0, most=2):
    """``value`` in the reader's way, with ``digits`` decimals, or else the
    fewest between ``least`` and ``most`` that write it (4,5 · 5 · 0,25)."""
    value = value or 0.0
    if digits is None:
        digits = max(least, _digits_needed(value, most))
    return formatLang(env, value, digits=digits)


def format_score(env, value):
    """A score or a maximum of points, at least one decimal: 4,5 · 5,0 · 87,25."""
    return format_number(env, value, least=1)


def format_percent(env, value, digits=2):
    """A percentage with its sign: 91,00%."""
    return "%s%%" % format_number(env, value, digits=digits)


def format_amount(env, value):
    """An amount in đồng, whole, grouped: 710.000 đ."""
    return "%s đ" % format_number(env, value, digits=0)
