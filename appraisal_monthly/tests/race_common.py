"""Two real transactions at once, for the race tests of both addons.

The data of a race must be committed for the other transaction to see it:
a test class makes a company of its own in a committed cursor, races with
``_race``, and deletes it all afterwards (``drop_people`` for its people and
company, after deleting its own records).
"""
import threading
import time
import uuid

import psycopg2

import odoo
from odoo.exceptions import RedirectWarning, UserError
from odoo.modules.registry import Registry
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger

from .. import compat

from .security_common import is_vietnamese

TIMEOUT = 60  # seconds a thread may wait for the other (locks included)


def drop_people(env, employees, users, company_id):
    """Delete (or archive, when something still points at them) the
    employees, users, their partners and the company of a race test."""
    cr = env.cr
    partners = users.partner_id | employees.work_contact_id
    for records in (employees, users, partners):
        try:
            with cr.savepoint():
                records.unlink()
        except Exception:  # pylint: disable=broad-except
            with cr.savepoint():
                records.write({"active": False})
    company = env["res.company"].browse(company_id)
    try:
        with cr.savepoint():
            company.unlink()
    except Exception:  # pylint: disable=broad-except
        company.write({"active": False, "appraisal_auto_period": False})


class RaceMixin:
    """``_race``, ``_read`` and ``assertRefusedClearly`` for a test class
    with a ``registry`` (not in test mode): ``_open_race_registry`` sets it."""

    @classmethod
    def _open_race_registry(cls):
        """The database's own registry (independent cursors), a tag for the
        class's names, and its ``_cleanup`` registered; skips the class in
        a registry in test mode (HttpCase), where cursors are shared."""
        cls.registry = Registry(get_db_name())
        if compat.registry_in_test_mode(cls.registry):
            raise cls.skipException("the registry is in test mode: no independent cursors")
        cls.tag = uuid.uuid4().hex[:8]
        cls.addClassCleanup(cls._cleanup)

    def _race(self, *jobs):
        """Run jobs [(uid, prepare, act)] at once, each in its own cursor
        and thread; both read first, then act together.  Returns one
        outcome per job: ("ok", value) or ("error", exception)."""
        barrier = threading.Barrier(len(jobs))
        outcomes = [("error", RuntimeError("did not run"))] * len(jobs)

        def run(index, uid, prepare, act):
            waited = False
            for attempt in range(5):
                try:
                    with self.registry.cursor() as cr:
                        cr.execute("SET LOCAL lock_timeout = %s", ("%ss" % TIMEOUT,))
                        env = odoo.api.Environment(cr, uid, {})
                        prepare(env)
                        env.flush_all()
                        if not waited:
                            waited = True
                            barrier.wait(timeout=TIMEOUT)
                        value = act(env)
                        env.flush_all()
                    outcomes[index] = ("ok", value)
                    return
                except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                    time.sleep(0.2 * (attempt + 1))  # retried, as over RPC
                except threading.BrokenBarrierError as error:
                    outcomes[index] = ("error", error)
                    return
                except Exception as error:  # pylint: disable=broad-except
                    if not waited:
                        barrier.abort()
                    outcomes[index] = ("error", error)
                    return
            outcomes[index] = ("error", RuntimeError("still a serialisation failure after retries"))

        threads = [threading.Thread(target=run, args=(i,) + job, daemon=True)
                   for i, job in enumerate(jobs)]
        with mute_logger("odoo.sql_db", "odoo.service.model"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=3 * TIMEOUT)
        self.assertFalse(any(t.is_alive() for t in threads), "a transaction never ended")
        return outcomes

    def _read(self, func):
        with self.registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"active_test": False})
            return func(env)

    def assertRefusedClearly(self, outcome, vietnamese=False):
        kind, error = outcome
        self.assertEqual(kind, "error", "expected a refusal, got %r" % (outcome,))
        self.assertNotIsInstance(error, psycopg2.Error,
                                 "refused by the database, not by the addon: %s" % error)
        self.assertIsInstance(error, (UserError, RedirectWarning),
                              "not a message for the user: %r" % error)
        if vietnamese:
            message = error.args[0] if error.args else str(error)
            self.assertTrue(is_vietnamese(message), "not in Vietnamese: %s" % message)

