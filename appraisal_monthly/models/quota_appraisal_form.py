from odoo import models

from .. import quota
from ..user_lang import in_user_lang


class AppraisalForm(models.Model):
    _inherit = "appraisal.form"

    @in_user_lang
    def action_approve(self):
        self._check_quota_on_approval()
        return super().action_approve()

    def _check_quota_on_approval(self):
        """Refuse approvals that would put more people at Excellent than the
        quota allows, counting the approved forms of the same period.

        Only the forms this user may approve now are counted; the others
        are refused by the approval itself.
        """
        user = self.env.user
        forms = self.filtered(
            lambda f: f.state == "reviewed"
            and f.rating in ("excellent", "good")
            and f._user_may_approve(user)
        )
        excellent = forms.filtered(lambda f: f.rating == "excellent")
        for period in excellent.period_id.filtered("company_id.appraisal_quota_enabled"):
            period_forms = forms.filtered(lambda f, p=period: f.period_id == p)
            result = period._compute_quota(states=("approved",), extra_forms=period_forms)
            group_field = result["group_field"]
            keys = {
                (form[group_field].id or quota.NO_GROUP) if group_field else quota.NO_GROUP
                for form in period_forms
                if form.rating == "excellent"
            }
            exceeded = [line for line in result["groups"] if line.exceeded and line.key in keys]
            if result["company"].exceeded:
                exceeded.append(result["company"])
            if not exceeded:
                continue
            excellent_forms = period_forms.filtered(lambda f: f.rating == "excellent")
            period._raise_quota_exceeded(
                self.env._(
                    "Approving %(forms)s as Excellent would exceed the quota: "
                    "Excellent may not exceed %(percent)s%% of the approved "
                    "Good ratings. %(details)s.\n"
                    "Approve the Good ratings first, lower a level, or record "
                    "an authorised exception.",
                    forms=", ".join(excellent_forms.mapped("name")),
                    percent=f"{result['percent']:g}",
                    details=period._quota_describe(result, exceeded),
                )
            )

    def action_open_from_quota(self):
        """Open a candidate of the quota check, to lower its level."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "appraisal.form",
            "res_id": self.id,
            "view_mode": "form",
            "views": [[False, "form"]],
            "target": "current",
        }
