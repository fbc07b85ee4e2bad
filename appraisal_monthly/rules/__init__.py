"""The appraisal's rules in plain Python: no Odoo import anywhere here.

The models call these functions instead of re-implementing them, and the
top-level ``tests/`` load this package directly, without a database.

- ``scoring``: kinds of criteria, the four levels, thresholds, rounding, a form's score
- ``workflow``: the form's states and transitions
- ``task_scoring``: Decree 335 task results and unit results
- ``quota``: the Excellent quota (20% of Good)
- ``discipline``: which disciplinary measures force Failed
- ``results``: quarterly and annual results, quarter arithmetic
"""
from . import scoring
from . import workflow
from . import task_scoring
from . import quota
from . import discipline
from . import results
