"""Find the warnings and errors of this repository's own code in an Odoo log.

    python3 scripts/check_install_log.py LOGFILE [REPO_ROOT]

Exits 1 and prints the offending lines when the addons logged a warning or
an error of their own while installing; exits 0 otherwise.  What counts:

* a record of level WARNING or above from one of the addons' own loggers
  (``odoo.addons.appraisal_monthly``, ``odoo.addons.appraisal_monthly_project``,
  ``odoo.addons.appraisal_monthly_reward`` and their children);
* a Python warning (logger ``py.warnings``) whose source file lies inside
  this repository;
* a record of Odoo's loaders (module loading, data files, registry, fields,
  views) of level WARNING or above whose *message* names one of the addons or
  their models: that is a defect of the addons' data, reported by Odoo.

Odoo's and libraries' own deprecation warnings (Werkzeug's, for one) do not
count, whatever the database is called: the database name is a field of
the log line, never read as part of the message.
"""
import os
import re
import sys

ADDONS = ("appraisal_monthly", "appraisal_monthly_project", "appraisal_monthly_reward")
# 2026-11-29 12:00:00,123 4242 WARNING dbname odoo.addons.x.models.y: message
RECORD = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL) (?P<db>\S+) (?P<logger>[\w.]+): (?P<message>.*)$")
LEVELS_REPORTED = {"WARNING", "ERROR", "CRITICAL"}
ODOO_LOADERS = ("odoo.modules", "odoo.tools.convert", "odoo.tools.translate", "odoo.models",
                "odoo.fields", "odoo.addons.base.models.ir_ui_view", "odoo.addons.base.models.ir_model",
                "odoo.addons.base.models.ir_actions", "odoo.schema")
# py.warnings: /path/to/file.py:12: DeprecationWarning: ...
WARNING_SOURCE = re.compile(r"^(?P<path>/[^:]+\.py):\d+: ")
OWN_NAME = re.compile(r"\bappraisal[._]")


def own_problems(lines, repo_root):
    """Return the header lines of the records that are the addons' own problems."""
    repo_root = os.path.realpath(repo_root) + os.sep
    found = []
    for line in lines:
        match = RECORD.match(line.rstrip("\n"))
        if not match or match["level"] not in LEVELS_REPORTED:
            continue
        logger, message = match["logger"], match["message"]
        if any(logger == f"odoo.addons.{addon}" or logger.startswith(f"odoo.addons.{addon}.")
               for addon in ADDONS):
            found.append(line.rstrip("\n"))
        elif logger == "py.warnings":
            source = WARNING_SOURCE.match(message)
            if source and os.path.realpath(source["path"]).startswith(repo_root):
                found.append(line.rstrip("\n"))
        elif logger.startswith(ODOO_LOADERS) and OWN_NAME.search(message):
            found.append(line.rstrip("\n"))
    return found


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    root = argv[2] if len(argv) > 2 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    with open(argv[1], encoding="utf-8", errors="replace") as log:
        problems = own_problems(log, root)
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
