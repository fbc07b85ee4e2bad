"""Regenerate the addons' translation templates with Odoo's own exporter and
merge each addon's vi.po with its new template (run by scripts/i18n).

    python scripts/i18n.py ODOO_CONF DATABASE ADDON...

Installs the addons into DATABASE (with their demo data, as the test
database has them), exports each addon's template as Odoo's
``--i18n-export`` does, writes ``<addon>/i18n/<addon>.pot`` and merges
``<addon>/i18n/vi.po`` the way msgmerge does: every message of the new
template, with its Vietnamese kept from the old file; messages gone from
the code are dropped (and listed); new ones are left empty (and listed,
for a translator; tests/test_translations.py fails until they are done).
One Odoo process for the install and the three exports.
"""
import io
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
# Header dates change on every export: the committed ones are kept so that
# an unchanged template gives an unchanged file.
KEPT_METADATA = ("POT-Creation-Date", "PO-Revision-Date", "Project-Id-Version")
WRAP = 78


def export_templates(conf, db, addons):
    """{addon: template text} from Odoo's exporter, after installing or
    updating the addons into ``db``."""
    import odoo  # noqa: PLC0415 (Odoo is on the path only here)
    from odoo.tools import config  # noqa: PLC0415
    from odoo.tools.translate import trans_export  # noqa: PLC0415

    config.parse_config(["-c", conf, "-d", db, "--no-http", "--stop-after-init",
                         "-i", ",".join(addons), "--log-level=warn",
                         "--log-handler=py.warnings:ERROR"])
    odoo.service.server.preload_registries([db])
    registry = odoo.modules.registry.Registry(db)
    templates = {}
    with registry.cursor() as cr:
        for addon in addons:
            buf = io.BytesIO()
            trans_export(None, [addon], buf, "po", cr)
            templates[addon] = buf.getvalue().decode()
    return templates


def write_template(addon_dir, text):
    """Write the new template, keeping the committed header's dates when
    the messages are the same.  Return the new template (polib)."""
    path = addon_dir / "i18n" / f"{addon_dir.name}.pot"
    new = polib.pofile(text, wrapwidth=WRAP)
    if path.is_file():
        old = polib.pofile(str(path), wrapwidth=WRAP)
        for key in KEPT_METADATA:
            if key in old.metadata:
                new.metadata[key] = old.metadata[key]
    path.parent.mkdir(exist_ok=True)
    new.save(str(path))
    return new


def merge_po(addon_dir, template, lang_file="vi.po"):
    """msgmerge: the template's messages, the old file's translations.
    Returns (dropped msgids, untranslated msgids)."""
    path = addon_dir / "i18n" / lang_file
    old = polib.pofile(str(path), wrapwidth=WRAP) if path.is_file() else polib.POFile(wrapwidth=WRAP)
    known = {(e.msgctxt, e.msgid): e for e in old if not e.obsolete}
    merged = polib.POFile(wrapwidth=WRAP)
    merged.header = template.header
    merged.metadata = dict(template.metadata)
    merged.metadata.update({
        "Language-Team": "Vietnamese", "Language": "vi",
        "Content-Transfer-Encoding": "8bit", "Plural-Forms": "nplurals=1; plural=0;",
    })
    for key in KEPT_METADATA:
        if key in old.metadata:
            merged.metadata[key] = old.metadata[key]
    untranslated = []
    for entry in template:
        copy = polib.POEntry(
            msgid=entry.msgid, msgctxt=entry.msgctxt, comment=entry.comment,
            tcomment=entry.tcomment, occurrences=list(entry.occurrences),
            flags=list(entry.flags),
        )
        previous = known.pop((entry.msgctxt, entry.msgid), None)
        if previous and previous.msgstr:
            copy.msgstr = previous.msgstr
        else:
            untranslated.append(entry.msgid)
        merged.append(copy)
    merged.save(str(path))
    return [msgid for _ctx, msgid in known], untranslated


def main(conf, db, *addons):
    templates = export_templates(conf, db, list(addons))
    for addon in addons:
        addon_dir = ROOT / addon
        template = write_template(addon_dir, templates[addon])
        dropped, untranslated = merge_po(addon_dir, template)
        print(f"{addon}: {len(template)} messages; {len(dropped)} dropped from vi.po, "
              f"{len(untranslated)} to translate")
        for msgid in untranslated:
            print(f"    to translate: {msgid[:100]!r}")
        for msgid in dropped:
            print(f"    dropped: {msgid[:100]!r}")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
