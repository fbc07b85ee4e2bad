"""The addons run on Odoo 18.0 and 19.0 from one tree: only
``appraisal_monthly/compat.py`` (and, for XML, the ``versioned/<series>/``
folders) may use what one series alone understands.  These checks fail on
the forbidden forms, so that a later change (or merge) stays compatible;
each message says what to use instead (the table in compat.py)."""
import re
from pathlib import Path

from lxml import etree
import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent for p in ROOT.glob("appraisal_monthly*/__manifest__.py"))
COMPAT = ROOT / "appraisal_monthly" / "compat.py"
SERIES = ("18.0", "19.0")

# (regex, what to use instead) for Python code of the addons, tests included.
PY_FORBIDDEN = [
    (r"\bgroups_id\b", "compat.GROUPS_FIELD / compat.user_groups(user) (19.0: group_ids)"),
    (r"\bgroup_ids\b", "compat.GROUPS_FIELD / compat.user_groups(user) (18.0: groups_id)"),
    (r"\b_sql_constraints\b", "@compat.sql_constraints((name, definition, message), ...)"),
    (r"(?<!\w)read_group\(",
     "_read_group(domain, groupby, aggregates); @compat.groups_reordered for the web client"),
    (r"def (read_group|formatted_read_group|formatted_read_grouping_sets)\b",
     "@compat.groups_reordered and a _web_groups_reorder method"),
    (r"odoo\.tools\.misc import[^\n]*\bxlsxwriter\b", "from ...compat import xlsxwriter"),
    (r"^\s*import xlsxwriter\b", "from ...compat import xlsxwriter"),
    (r"\bversion_info\b|\bmajor_version\b|odoo\.release\b|from odoo import[^\n]*\brelease\b",
     "compat (no version test outside compat.py)"),
    (r"\bodoo\.osv\b|\bexpression\.(OR|AND|normalize_domain|FALSE_DOMAIN|TRUE_DOMAIN)\b",
     "compat.domain_or / domain_and / domain_not / FALSE_DOMAIN (19.0 deprecates odoo.osv)"),
    (r"\bQWebException\b(?<!compat\.QWebException)", "compat.QWebException (19.0: QWebError)"),
    (r"\._notify_progress\(|\._commit_progress\(", "compat.cron_notify_progress(env, done, remaining)"),
    (r"\.in_test_mode\(", "compat.registry_in_test_mode(registry)"),
    (r"\buser_has_groups\(", "self.env.user.has_group(xmlid)"),
    (r"\bnumbercall\b", "nothing: ir.cron has no numbercall since 18.0"),
    (r"\bdef name_get\b", "_compute_display_name"),
]

# Fields whose name differs between the series, in XML records.
XML_VERSIONED_FIELDS = {
    "res.users": {"groups_id", "group_ids"},
    "res.groups": {"category_id", "privilege_id", "users", "user_ids"},
    "ir.actions.act_window": {"groups_id", "group_ids"},
    "ir.actions.server": {"groups_id", "group_ids"},
    "ir.actions.report": {"groups_id", "group_ids"},
    "ir.actions.client": {"groups_id", "group_ids"},
    "ir.ui.menu": {"groups_id", "group_ids"},
    "ir.ui.view": {"groups_id", "group_ids"},
}


def _sources(pattern):
    for addon in ADDONS:
        for path in sorted(addon.rglob(pattern)):
            if "versioned" in path.relative_to(addon).parts or path == COMPAT:
                continue
            yield path
    # The benchmark drives the addons through the ORM on both series too.
    yield from sorted((ROOT / "benchmarks").glob(pattern))


def _strip_comments(text):
    """Comment lines may name the forbidden forms (to say what replaced them)."""
    return "\n".join("" if line.lstrip().startswith("#") else line for line in text.splitlines())


@pytest.mark.parametrize("regex,instead", PY_FORBIDDEN, ids=[p[0][:30] for p in PY_FORBIDDEN])
def test_python_uses_compat(regex, instead):
    found = []
    for path in _sources("*.py"):
        text = _strip_comments(path.read_text())
        for match in re.finditer(regex, text, re.M):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(ROOT)}:{line}")
    assert not found, f"use {instead}, not /{regex}/ in: {', '.join(found)}"


def test_xml_fields_that_differ_are_versioned():
    found = []
    for path in _sources("*.xml"):
        tree = etree.parse(str(path))
        for record in tree.iter("record"):
            names = XML_VERSIONED_FIELDS.get(record.get("model"), set())
            for field in record.iter("field"):
                if field.get("name") in names:
                    found.append(f"{path.relative_to(ROOT)}:{field.sourceline} "
                                 f"{record.get('model')}.{field.get('name')}")
    assert not found, (
        "these fields have another name on one series: put them in "
        "versioned/18.0/ and versioned/19.0/ (loaded by appraisal.compat): "
        + ", ".join(found))


def test_mail_templates_choose_their_recipients():
    # 19.0 sends to the record's default recipients unless told otherwise
    # (use_default_to defaults to True there, False on 18.0).
    found = []
    for path in _sources("*.xml"):
        for record in etree.parse(str(path)).xpath("//record[@model='mail.template']"):
            fields = {f.get("name"): f for f in record.iter("field")}
            if "partner_to" in fields or "email_to" in fields:
                use = fields.get("use_default_to")
                if use is None or use.get("eval") != "False":
                    found.append(f"{path.relative_to(ROOT)}:{record.sourceline}")
    assert not found, f'add <field name="use_default_to" eval="False"/>: {found}'


def test_search_views_use_groups_both_accept():
    found = []
    for path in _sources("*.xml"):
        for group in etree.parse(str(path)).xpath("//search//group[@expand or @string]"):
            found.append(f"{path.relative_to(ROOT)}:{group.sourceline}")
    assert not found, f"19.0 refuses expand/string on a search view's <group>: {found}"


def test_versioned_files_exist_for_both_series():
    for addon in ADDONS:
        folder = addon / "versioned"
        files = {s: sorted(p.name for p in (folder / s).glob("*.xml")) for s in SERIES}
        assert files["18.0"] == files["19.0"], f"{addon.name}: {files}"
        for path in _sources("*.xml"):
            if path.parent.parent != addon and path.parent != addon:
                continue
            for call in etree.parse(str(path)).xpath(
                    "//function[@model='appraisal.compat'][@name='_load_versioned_data']"):
                module, filename = re.findall(r"'([^']+)'", call.get("eval"))[:2]
                for series in SERIES:
                    assert (ROOT / module / "versioned" / series / filename).is_file(), \
                        f"{path}: {module}/versioned/{series}/{filename} is missing"
        for series in SERIES:
            for path in (folder / series).glob("*.xml"):
                etree.parse(str(path))


def test_manifest_version_fits_both_series():
    for addon in ADDONS:
        text = (addon / "__manifest__.py").read_text()
        version = re.search(r'"version":\s*"([^"]+)"', text).group(1)
        # 18.0 and 19.0 both prefix a plain x.y.z with their series.
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{addon.name}: {version}"


def test_compat_is_the_only_version_test():
    assert COMPAT.is_file()
    assert "release.version_info" in COMPAT.read_text()
