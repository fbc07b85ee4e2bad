"""Static checks of the addon's files that need no Odoo."""
import ast
import csv
import re

from lxml import etree
import pytest

from conftest import po_entries


def _manifest(addon_path):
    return ast.literal_eval((addon_path / "__manifest__.py").read_text())


def test_manifest(addon_path):
    manifest = _manifest(addon_path)
    # A plain x.y.z: Odoo 18.0 and 19.0 each prefix it with their series.
    assert re.fullmatch(r"\d+\.\d+\.\d+", manifest["version"])
    assert manifest["license"] in ("LGPL-3", "AGPL-3", "GPL-3")
    assert "description" not in manifest
    for path in manifest["data"] + manifest.get("demo", []):
        assert (addon_path / path).is_file(), path


def _xml_files(addon_path):
    return sorted(addon_path.rglob("*.xml"))


def test_xml_parses_and_uses_odoo_18_syntax(addon_path):
    for path in _xml_files(addon_path):
        tree = etree.parse(str(path))
        assert not tree.xpath("//tree"), f"{path}: <tree> is <list> in Odoo 18"
        assert not tree.xpath("//*[@attrs or @states]"), f"{path}: attrs/states removed in 17+"
        assert not tree.xpath("//*[contains(@class, 'oe_chatter')]"), f"{path}: use <chatter/>"


def _const(node):
    return node.value if isinstance(node, ast.Constant) else None


def _declared_models(addon_path):
    """{model name: path} of every model the addon's Python code declares
    (a class with ``_name``, not only extending another model), read from
    the syntax tree of every file of the addon, wherever it lives; abstract
    models are left out (no table, hence no access rights)."""
    declared = {}
    for path in sorted(addon_path.rglob("*.py")):
        if "tests" in path.relative_to(addon_path).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = {ast.unparse(base) for base in node.bases}
            if not bases & {"models.Model", "models.TransientModel"}:
                continue
            attrs = {
                target.id: stmt.value
                for stmt in node.body if isinstance(stmt, ast.Assign)
                for target in stmt.targets if isinstance(target, ast.Name)
            }
            name = _const(attrs.get("_name"))
            if not name:
                continue
            inherit = attrs.get("_inherit")
            parents = (
                [_const(elt) for elt in inherit.elts]
                if isinstance(inherit, (ast.List, ast.Tuple))
                else [_const(inherit)] if inherit is not None else []
            )
            if name in parents:
                continue  # an aspect file of a model declared elsewhere
            declared[name] = path
    return declared


def test_models_are_discovered_everywhere(addon_path):
    declared = _declared_models(addon_path)
    # models of models/, report/ and wizard/ alike
    assert "appraisal.form" in declared
    assert "appraisal.form.report" in declared
    assert "appraisal.period.generate" in declared


def test_every_model_has_access_rules(addon_path):
    rows = list(csv.DictReader((addon_path / "security/ir.model.access.csv").open()))
    models_with_acl = {row["model_id:id"] for row in rows}
    declared = {
        "model_" + name.replace(".", "_") for name in _declared_models(addon_path)
    }
    assert declared, "no model found"
    assert declared <= models_with_acl, declared - models_with_acl


@pytest.mark.parametrize("lang", ["vi"])
def test_translation_complete(addon_path, lang):
    """Every source string of the template has a translation."""
    pot = po_entries(addon_path / "i18n/appraisal_monthly.pot")
    po = po_entries(addon_path / f"i18n/{lang}.po")
    assert pot, "empty template"
    missing = sorted(k for k in pot if not po.get(k))
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:5]}"


def _addon_view_records(addon_path):
    """(path, xml id, model, inherited xml id or None) of every view the
    addon's data files define (``ir.ui.view`` records and templates)."""
    module = addon_path.name
    views = []
    for path in _xml_files(addon_path):
        tree = etree.parse(str(path))
        for node in tree.xpath("//record[@model='ir.ui.view'] | //template"):
            if node.tag == "template":
                inherit = node.get("inherit_id")
                model = None
            else:
                ref = node.xpath("field[@name='inherit_id']/@ref")
                inherit = ref[0] if ref else None
                model = (node.xpath("field[@name='model']/text()") or [None])[0]
            qualify = lambda xml_id: xml_id if "." in xml_id else f"{module}.{xml_id}"  # noqa: E731
            views.append((path, qualify(node.get("id")), model, inherit and qualify(inherit)))
    return views


def test_no_view_extends_a_view_of_the_same_addon(addon_path):
    """A model's views are whole in one place: the addon extends only other
    addons' views (hr.employee's form, the settings), never its own."""
    views = _addon_view_records(addon_path)
    own = {xml_id for _path, xml_id, _model, _inherit in views}
    assert "appraisal_monthly.appraisal_form_view_form" in own
    extending = [
        f"{path.relative_to(addon_path)}: {xml_id} inherits {inherit}"
        for path, xml_id, _model, inherit in views
        if inherit in own
    ]
    assert not extending, extending


def test_one_view_file_per_model(addon_path):
    """Each model's views are in one file; in views/ and report/ that file is
    named after the model (appraisal.form: views/appraisal_form_views.xml)."""
    files_by_model = {}
    for path, _xml_id, model, _inherit in _addon_view_records(addon_path):
        if model:
            files_by_model.setdefault(model, set()).add(path.relative_to(addon_path))
    assert "appraisal.form" in files_by_model
    split = {model: sorted(map(str, files)) for model, files in files_by_model.items() if len(files) > 1}
    assert not split, split
    for model, (path,) in files_by_model.items():
        if path.parts[0] in ("views", "report"):
            assert path.name == model.replace(".", "_") + "_views.xml", (model, str(path))


def test_manifest_data_order(addon_path):
    """security, data, views, wizards, reports, then the menus last."""
    order = ["security", "data", "views", "wizard", "report", "menus"]
    data = _manifest(addon_path)["data"]
    assert data[-1] == "views/appraisal_monthly_menus.xml"
    kinds = ["menus" if path.endswith("_menus.xml") else path.split("/")[0] for path in data]
    assert kinds == sorted(kinds, key=order.index), kinds
