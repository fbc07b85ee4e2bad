from odoo import models

# Menus of the Appraisal app only useful to those who score other people.
SUPERIOR_MENUS = (
    "appraisal_monthly.appraisal_form_menu_team",
    # The unit's meeting is recorded by its head (employees read its
    # collective comments on their own form).
    "appraisal_monthly.appraisal_meeting_menu",
    "appraisal_monthly.appraisal_form_report_menu",
    "appraisal_monthly.appraisal_summary_export_menu",
)


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    def _load_menus_blacklist(self):
        """Hide My Team and the team's analyses from whoever has nobody to
        score, review or approve (as hr hides Departments from employees)."""
        res = super()._load_menus_blacklist()
        user = self.env.user
        if user.has_group("appraisal_monthly.group_appraisal_committee") or user.has_group(
            "appraisal_monthly.group_appraisal_officer"
        ):
            return res
        if self.env["hr.employee"]._get_appraisal_managed_by(user):
            return res
        if self.env["appraisal.form"].search_count(
            ["|", ("reviewer_user_id", "=", user.id), ("approver_user_id", "=", user.id)],
            limit=1,
        ):
            return res
        for xmlid in SUPERIOR_MENUS:
            menu = self.env.ref(xmlid, raise_if_not_found=False)
            if menu:
                res.append(menu.id)
        return res
