from odoo import models
from odoo.exceptions import RedirectWarning

from .. import quota

# Forms whose level counts in the projected quota: every form with a level.
RATED_STATES = ("submitted", "reviewed", "approved")


class AppraisalPeriod(models.Model):
    _inherit = "appraisal.period"

    def _compute_quota(self, states=("approved",), extra_forms=None):
        """Check the Excellent quota of the period.

        Counts the forms of the period in ``states`` (read as superuser: the
        quota concerns the whole company, whatever the user may read), plus
        ``extra_forms`` (e.g. the forms being approved), with the company's
        percentage and grouping and the period's exceptions.

        :return: dict with percent, group_field, groups (list of
            quota.QuotaLine), company (quota.QuotaLine) and counts.
        """
        self.ensure_one()
        percent, group_field = self.company_id._get_appraisal_quota_settings()
        Form = self.env["appraisal.form"].sudo()
        domain = [
            ("period_id", "=", self.id),
            ("state", "in", list(states)),
            ("rating", "in", ("excellent", "good")),
        ]
        if extra_forms:
            domain.append(("id", "not in", extra_forms.ids))
        groupby = [group_field, "rating"] if group_field else ["rating"]
        counts = {}
        for row in Form._read_group(domain, groupby, ["__count"]):
            key = (row[0].id or quota.NO_GROUP) if group_field else quota.NO_GROUP
            rating, count = row[-2], row[-1]
            excellent, good = counts.get(key, (0, 0))
            if rating == "excellent":
                excellent += count
            else:
                good += count
            counts[key] = (excellent, good)
        for form in (extra_forms or Form).sudo():
            if form.rating not in ("excellent", "good"):
                continue
            key = (form[group_field].id or quota.NO_GROUP) if group_field else quota.NO_GROUP
            excellent, good = counts.get(key, (0, 0))
            if form.rating == "excellent":
                excellent += 1
            else:
                good += 1
            counts[key] = (excellent, good)
        exceptions = self.env["appraisal.quota.exception"]._get_extra_places(self, group_field)
        groups, company = quota.check(counts, percent, exceptions)
        return {
            "percent": percent,
            "group_field": group_field,
            "groups": groups,
            "company": company,
            "counts": counts,
        }

    def _quota_scope_label(self, group_field, key):
        """Readable name of a quota scope (a group or the company)."""
        if key == quota.COMPANY:
            return self.env._("Whole company")
        if key is quota.NO_GROUP:
            return self.env._("No group")
        comodel = self.env["appraisal.form"]._fields[group_field].comodel_name
        return self.env[comodel].sudo().browse(key).display_name

    def _quota_describe(self, result, lines):
        """One sentence per exceeded scope, with its counts."""
        texts = []
        for line in lines:
            values = {
                "scope": self._quota_scope_label(result["group_field"], line.key),
                "excellent": line.excellent,
                "good": line.good,
                "allowed": line.allowed,
                "extra": line.extra,
            }
            if line.extra:
                texts.append(self.env._(
                    "%(scope)s: %(excellent)s Excellent for %(good)s Good, "
                    "%(allowed)s allowed + %(extra)s by exception", **values
                ))
            else:
                texts.append(self.env._(
                    "%(scope)s: %(excellent)s Excellent for %(good)s Good, "
                    "%(allowed)s allowed", **values
                ))
        return "; ".join(texts)

    def action_check_quota(self):
        """Open the quota check: counts and Excellent candidates per group."""
        self.ensure_one()
        check = self.env["appraisal.quota.check"].create({"period_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Excellent Quota of %(period)s", period=self.name),
            "res_model": "appraisal.quota.check",
            "res_id": check.id,
            "view_mode": "form",
            "views": [[False, "form"]],
            "target": "new",
        }

    def _raise_quota_exceeded(self, message):
        """Refuse with ``message`` and a button opening the quota check.

        The refusal rolls the transaction back, so the check is opened by a
        server action, which builds it anew.
        """
        self.ensure_one()
        raise RedirectWarning(
            message,
            self.env.ref("appraisal_monthly.appraisal_period_action_check_quota").id,
            self.env._("Check Quota"),
            {"active_model": self._name, "active_id": self.id, "active_ids": self.ids},
        )

    def action_view_quota_exceptions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "appraisal_monthly.appraisal_quota_exception_action"
        )
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {"default_period_id": self.id}
        return action
