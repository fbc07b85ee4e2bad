"""Pure-Python tests: no Odoo, no database.

The rules live in one package of the addon, ``appraisal_monthly/rules/``,
that imports nothing from Odoo.  Importing it through the addon would run
the addon's ``__init__`` and import Odoo, so the package is loaded here on
its own, from its folder, under the name ``appraisal_rules``: its modules'
relative imports of each other work as in the addon.
"""
import importlib
import importlib.util
import pathlib
import re
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDON = ROOT / "appraisal_monthly"
RULES = ADDON / "rules"

PACKAGE = "appraisal_rules"
REWARD_ADDON = ROOT / "appraisal_monthly_reward"
REWARD_PACKAGE = "appraisal_reward_rules"


def _package(name, folder):
    """The plain-Python package in ``folder``, imported without Odoo as ``name``."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, folder / "__init__.py", submodule_search_locations=[str(folder)]
        )
        package = importlib.util.module_from_spec(spec)
        sys.modules[name] = package
        spec.loader.exec_module(package)
    return sys.modules[name]


def rules_package():
    """The addon's ``rules/`` package, imported without Odoo."""
    return _package(PACKAGE, RULES)


def load_rules(module_name):
    """Import ``appraisal_monthly/rules/<module_name>.py`` without Odoo."""
    rules_package()
    return importlib.import_module(f"{PACKAGE}.{module_name}")


def load_reward_rules(module_name):
    """Import ``appraisal_monthly_reward/rules/<module_name>.py`` without Odoo."""
    _package(REWARD_PACKAGE, REWARD_ADDON / "rules")
    return importlib.import_module(f"{REWARD_PACKAGE}.{module_name}")


@pytest.fixture(scope="session")
def scoring():
    return load_rules("scoring")


@pytest.fixture(scope="session")
def workflow():
    return load_rules("workflow")


@pytest.fixture(scope="session")
def addon_path():
    return ADDON


@pytest.fixture(scope="session")
def reward_addon_path():
    return REWARD_ADDON


def po_entries(path):
    """{msgid: msgstr} of a .po/.pot file, the msgid unescaped as the code
    writes it (no polib needed: the tools' venv lacks it)."""
    text = pathlib.Path(path).read_text(encoding="utf-8")
    result = {}
    for block in text.split("\n\n"):
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        msgstr = re.search(r'^msgstr ((?:".*"\n?)+)', block, re.M)
        if not msgid or not msgstr:
            continue
        key = "".join(re.findall(r'"(.*)"', msgid.group(1)))
        if key:
            value = "".join(re.findall(r'"(.*)"', msgstr.group(1)))
            result[key.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")] = value
    return result
