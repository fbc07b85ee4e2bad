"""Pure-Python tests: no Odoo, no database.

The scoring rules live in ``appraisal_monthly/scoring.py``, a module that
imports nothing from Odoo.  Importing it through the addon package would
import Odoo, so it is loaded here straight from its file.
"""
import importlib.util
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDON = ROOT / "appraisal_monthly"


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def scoring():
    return _load("appraisal_scoring", ADDON / "scoring.py")


@pytest.fixture(scope="session")
def addon_path():
    return ADDON
