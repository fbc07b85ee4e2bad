"""Issue 17, item 7: the committed translation templates are what Odoo's own
exporter produces from today's code.  A message added, changed or moved
without running ``scripts/i18n`` fails here (and its Vietnamese is then
missing or stale)."""
import io
from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged

from odoo.addons.appraisal_monthly import compat

ROOT = Path(__file__).resolve().parents[2]
ADDONS = ("appraisal_monthly", "appraisal_monthly_project", "appraisal_monthly_reward")


def _entries(po, code_only=False):
    return {
        (entry.msgctxt, entry.msgid): sorted(name for name, _line in entry.occurrences)
        for entry in po
        if not code_only or any(name.startswith("code:") for name, _line in entry.occurrences)
    }


@tagged("post_install", "-at_install", "appraisal_i18n")
class TestTranslationTemplates(TransactionCase):

    def test_committed_templates_are_the_exporters(self):
        installed = self.env["ir.module.module"].search(
            [("name", "in", ADDONS), ("state", "=", "installed")])
        if not all(installed.mapped("demo")):
            self.skipTest("the templates are exported with the demo data installed")
        for addon in installed.mapped("name"):
            with self.subTest(addon=addon):
                buf = io.BytesIO()
                compat.trans_export(None, [addon], buf, "po", self.env)
                # The templates are made on 18.0 (scripts/i18n); on 19.0 the
                # data entries differ by series (Odoo's own fields, groups'
                # privileges), so the messages of the code are compared.
                code_only = compat.IS_19
                exported = _entries(polib.pofile(buf.getvalue().decode()), code_only)
                committed = _entries(
                    polib.pofile(str(ROOT / addon / "i18n" / f"{addon}.pot")), code_only)
                new = sorted(msgid for _ctx, msgid in exported.keys() - committed.keys())
                gone = sorted(msgid for _ctx, msgid in committed.keys() - exported.keys())
                moved = sorted(key[1] for key in exported.keys() & committed.keys()
                               if exported[key] != committed[key])
                self.assertFalse(
                    new or gone or moved,
                    f"{addon}/i18n/{addon}.pot is not what Odoo exports: run scripts/i18n "
                    f"(then translate).\nNew: {new[:10]}\nGone: {gone[:10]}\n"
                    f"Moved: {moved[:10]}",
                )
