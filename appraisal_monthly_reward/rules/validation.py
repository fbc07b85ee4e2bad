"""Sane bounds of what a user types into the commendation records.

A campaign, an award or a decision is for a calendar year that a living
office can mean: the Law on Emulation and Commendation dates from 1945 in
its first form; nothing is decided for the next century.
"""
import math

FIRST_YEAR = 1945
LAST_YEAR = 2100


def year_in_range(year):
    """True for an int year between FIRST_YEAR and LAST_YEAR."""
    return isinstance(year, int) and not isinstance(year, bool) and FIRST_YEAR <= year <= LAST_YEAR


def positive_amount(value):
    """True for a finite number above zero (a base salary)."""
    return (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value) and value > 0)
