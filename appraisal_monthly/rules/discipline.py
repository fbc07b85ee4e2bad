"""Disciplinary measures and the appraisal veto, in plain Python.

Nothing here imports Odoo: the models call these functions and the
top-level ``tests/`` exercise them without a database.

Decree 335/2025/NĐ-CP rates a civil servant "Failed" whatever their score
when, in the period, they received a disciplinary measure of reprimand
(khiển trách) or worse; Decree 90/2020 (amended by Decree 48/2023) does the
same for the year.  The measures, mildest first, as Decree 112/2020 lists
them for cadres, civil servants and public employees:

    reprimand (khiển trách) < warning (cảnh cáo) < salary demotion
    (hạ bậc lương) < removal from office or downgrading (cách chức,
    giáng chức) < forced dismissal (buộc thôi việc)

"other" stands for anything recorded below a reprimand (a reminder, a
self-criticism): kept on file, without effect on the level.
"""

OTHER = "other"
REPRIMAND = "reprimand"
WARNING = "warning"
DEMOTION = "demotion"
REMOVAL_FROM_OFFICE = "removal_from_office"
FORCED_DISMISSAL = "forced_dismissal"

# Mildest first: the rank decides what counts as "reprimand or worse".
KINDS = (OTHER, REPRIMAND, WARNING, DEMOTION, REMOVAL_FROM_OFFICE, FORCED_DISMISSAL)
SEVERITY = {kind: rank for rank, kind in enumerate(KINDS)}


def is_veto_kind(kind):
    """True for a measure of reprimand or worse (forces "Failed")."""
    return SEVERITY.get(kind, -1) >= SEVERITY[REPRIMAND]


VETO_KINDS = tuple(kind for kind in KINDS if is_veto_kind(kind))


def in_period(day, date_start, date_end):
    """True when ``day`` lies within the period, both ends included."""
    return bool(day and date_start and date_end and date_start <= day <= date_end)


def veto_measures(measures, date_start, date_end):
    """The measures that veto a form of the period [date_start, date_end].

    ``measures`` is an iterable of (key, kind, day, active) tuples; the keys
    of the active measures of reprimand or worse dated within the period
    are returned, in the given order.
    """
    return [
        key
        for key, kind, day, active in measures
        if active and is_veto_kind(kind) and in_period(day, date_start, date_end)
    ]
