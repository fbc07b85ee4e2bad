"""Writes that only a workflow action may make.

Status fields (a form's or a period's state, who approved and when, a
result's lock) and the locks of approved forms and closed periods are
checked in ``write`` whoever calls, ``sudo()`` included.  The actions lift
them for their own records only, after their checks have passed, with
:func:`workflow_writing`: a mark kept on the database cursor (server-side
memory of this transaction) that no client can send, set and cleared by
the action itself.  A context key would not do: a client chooses its
context freely.
"""
from collections import Counter
from contextlib import contextmanager

_MARK = "appraisal_monthly.workflow_writing"


@contextmanager
def workflow_writing(records):
    """Within the block, ``records`` may be written by their workflow: yields
    them with elevated rights (``sudo()`` keeps the acting user as author
    of messages and tracking)."""
    marks = records.env.cr.cache.setdefault(_MARK, Counter())
    keys = [(records._name, record_id) for record_id in records.ids]
    marks.update(keys)
    try:
        yield records.sudo()
    finally:
        marks.subtract(keys)
        for key in keys:
            if marks[key] <= 0:
                del marks[key]


def in_workflow(records):
    """True when every record is being written by its workflow action
    (an empty recordset, which a write leaves unchanged, included)."""
    if not records:
        return True
    marks = records.env.cr.cache.get(_MARK)
    if not marks:
        return False
    return all(marks[(records._name, record_id)] > 0 for record_id in records.ids)


@contextmanager
def creating(env, what):
    """Mark that ``what`` (e.g. the lines of new forms) is being created by
    the addon itself, for as long as the block lasts."""
    marks = env.cr.cache.setdefault(_MARK, Counter())
    marks[what] += 1
    try:
        yield
    finally:
        marks[what] -= 1
        if marks[what] <= 0:
            del marks[what]


def is_creating(env, what):
    marks = env.cr.cache.get(_MARK)
    return bool(marks) and marks[what] > 0
