"""Pure-Python tests: no Odoo, no database.

The rules live in plain modules of the addon (``scoring.py``, ``quota.py``,
``task_scoring.py``, ``summary_rules.py``, ``discipline_rules.py``) that
import nothing from Odoo.  Importing them through the addon package would
run its ``__init__`` and import Odoo, so they are loaded here as members of
a stand-in package, ``appraisal_rules``, whose ``__init__`` is never run:
their relative imports of each other still work.
"""
import importlib
import importlib.util
import pathlib
import sys
import types

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDON = ROOT / "appraisal_monthly"


PACKAGE = "appraisal_rules"


def _rules_package():
    if PACKAGE not in sys.modules:
        package = types.ModuleType(PACKAGE)
        package.__path__ = [str(ADDON)]
        sys.modules[PACKAGE] = package
    return sys.modules[PACKAGE]


def load_rules(module_name):
    """Import ``appraisal_monthly/<module_name>.py`` without Odoo."""
    _rules_package()
    return importlib.import_module(f"{PACKAGE}.{module_name}")


def _load(name, path):
    """Kept for the tests that load a module by its path."""
    del name
    return load_rules(pathlib.Path(path).stem)


@pytest.fixture(scope="session")
def scoring():
    return _load("appraisal_scoring", ADDON / "scoring.py")


@pytest.fixture(scope="session")
def addon_path():
    return ADDON


# The reward addon's rules: ``appraisal_monthly_reward/rules/`` is a
# package of plain modules, loaded as ``appraisal_reward_rules`` (its
# ``__init__`` imports nothing) without running the addon's ``__init__``.
REWARD_ADDON = ROOT / "appraisal_monthly_reward"
REWARD_PACKAGE = "appraisal_reward_rules"


def load_reward_rules(module_name):
    """Import ``appraisal_monthly_reward/rules/<module_name>.py`` without Odoo."""
    if REWARD_PACKAGE not in sys.modules:
        package = types.ModuleType(REWARD_PACKAGE)
        package.__path__ = [str(REWARD_ADDON / "rules")]
        sys.modules[REWARD_PACKAGE] = package
    return importlib.import_module(f"{REWARD_PACKAGE}.{module_name}")


@pytest.fixture(scope="session")
def reward_addon_path():
    return REWARD_ADDON
