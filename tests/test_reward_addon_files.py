"""The static checks of tests/test_addon_files.py, on the reward addon."""
import pytest

import test_addon_files as checks


def test_manifest(reward_addon_path):
    checks.test_manifest(reward_addon_path)


def test_xml_parses_and_uses_odoo_18_syntax(reward_addon_path):
    checks.test_xml_parses_and_uses_odoo_18_syntax(reward_addon_path)


def test_every_model_has_access_rules(reward_addon_path):
    checks.test_every_model_has_access_rules(reward_addon_path)


@pytest.mark.parametrize("lang", ["vi"])
def test_translation_complete(reward_addon_path, lang, tmp_path):
    # test_addon_files reads i18n/appraisal_monthly.pot: give it the reward
    # template under that name.
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n/appraisal_monthly.pot").write_bytes(
        (reward_addon_path / "i18n/appraisal_monthly_reward.pot").read_bytes())
    (tmp_path / f"i18n/{lang}.po").write_bytes(
        (reward_addon_path / f"i18n/{lang}.po").read_bytes())
    checks.test_translation_complete(tmp_path, lang)
