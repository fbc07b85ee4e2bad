"""pytest settings shared by every test folder of the repository.

pytest-odoo imports Odoo's test framework before Odoo is in test mode, and
Odoo then logs an ERROR with a long stack ("Importing test framework, avoid
importing from business modules") that says nothing about the addons: it is
filtered out here, by message, on that logger only.
"""
import logging


def _not_test_framework_import(record):
    return not record.getMessage().startswith("Importing test framework")


logging.getLogger("odoo.tests.common").addFilter(_not_test_framework_import)
