"""The install check of scripts/test: the addons' own warnings fail it,
Odoo's and libraries' deprecation warnings never do, whatever the database
is called."""
import importlib.util

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("check_install_log", ROOT / "scripts" / "check_install_log.py")
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)

DB = "appraisal_monthly_test_4242"
STAMP = "2026-11-29 12:00:00,123 4242"


def problems(*lines):
    return check.own_problems([line + "\n" for line in lines], ROOT)


def test_addon_logger_warning_fails():
    line = f"{STAMP} WARNING {DB} odoo.addons.appraisal_monthly.models.appraisal_form: something odd"
    assert problems(line) == [line]


def test_bridge_and_reward_loggers_count_too():
    lines = [f"{STAMP} ERROR {DB} odoo.addons.appraisal_monthly_project.wizard.x: broken",
             f"{STAMP} WARNING {DB} odoo.addons.appraisal_monthly_reward.models.y: odd"]
    assert problems(*lines) == lines


def test_python_warning_from_repository_file_fails():
    path = ROOT / "appraisal_monthly" / "models" / "appraisal_form.py"
    line = f"{STAMP} WARNING {DB} py.warnings: {path}:12: DeprecationWarning: old API"
    assert problems(line) == [line]


def test_odoo_deprecation_warning_passes_whatever_the_database_name():
    lines = [
        f"{STAMP} WARNING {DB} py.warnings: /opt/venv18/lib/python3.11/site-packages/werkzeug/urls.py:545: "
        "DeprecationWarning: 'werkzeug.urls.url_decode' is deprecated and will be removed in Werkzeug 2.4.",
        f"{STAMP} WARNING {DB} py.warnings: /opt/odoo18/odoo/http.py:300: DeprecationWarning: "
        "datetime.datetime.utcnow() is deprecated",
        f"{STAMP} WARNING appraisal_demo odoo.addons.base.models.ir_actions_report: You need Wkhtmltopdf",
    ]
    assert problems(*lines) == []


def test_info_lines_and_tracebacks_pass():
    lines = [f"{STAMP} INFO {DB} odoo.modules.loading: loading appraisal_monthly/views/x.xml",
             "Traceback (most recent call last):", "  File appraisal_monthly/x.py"]
    assert problems(*lines) == []


def test_odoo_loader_warning_about_our_models_fails():
    line = (f"{STAMP} WARNING {DB} odoo.modules.loading: The models ['appraisal.foo'] have no access rules "
            "in module appraisal_monthly, consider adding some")
    assert problems(line) == [line]
