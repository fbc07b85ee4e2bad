from odoo import api, fields as odoo_fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.appraisal_monthly.user_lang import in_user_lang


class AppraisalRewardSharedMixin(models.AbstractModel):
    """Records shared by every company (``company_id`` empty: the titles,
    authorities and national base salary shipped with the module) are
    read-only for every company's users, as the shared criteria sets are;
    a company duplicates one to adapt it.  A record a user makes belongs to
    their company."""

    _name = "appraisal.reward.shared.mixin"
    _description = "Commendation Record Shared by Every Company"
    # Fields whose value must be unique per company (said in words before
    # the database's constraint would answer).
    _reward_unique_fields = ()

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                vals.setdefault("company_id", self.env.company.id)
                if not vals["company_id"]:
                    self._raise_shared()
        self._check_unique_per_company(
            [(tuple(self._unique_value(name, vals.get(name))
                    for name in self._reward_unique_fields),
              vals.get("company_id") or False) for vals in vals_list])
        return super().create(vals_list)

    @in_user_lang
    def write(self, vals):
        if not self.env.su:
            self._check_not_shared()
            if "company_id" in vals and not vals["company_id"]:
                self._raise_shared()
        if set(self._reward_unique_fields) & set(vals) or "company_id" in vals:
            self._check_unique_per_company(
                [(tuple(self._unique_value(name, vals.get(name, record[name]))
                        for name in self._reward_unique_fields),
                  vals.get("company_id", record.company_id.id) or False) for record in self],
                exclude=self)
        return super().write(vals)

    @in_user_lang
    def unlink(self):
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_shared(self):
        if not self.env.su:
            self._check_not_shared()

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if not self.env.su:
            for vals in vals_list:
                if not vals.get("company_id") and "company_id" not in (default or {}):
                    vals["company_id"] = self.env.company.id
        return vals_list

    def _check_not_shared(self):
        if self.filtered(lambda record: not record.company_id):
            self._raise_shared()

    def _raise_shared(self):
        raise AccessError(self.env._(
            "%(model)s without a company serve every company and come with the module: "
            "they cannot be created, changed, archived or deleted here. Duplicate the record "
            "for your company and adapt the copy.", model=self._description))

    def _unique_value(self, name, value):
        if value and self._fields[name].type == "date":
            return odoo_fields.Date.to_date(value)
        return value

    def _check_unique_per_company(self, pairs, exclude=None):
        fields = self._reward_unique_fields
        pairs = [(key, company) for key, company in pairs if fields and all(key)]
        if not pairs:
            return
        clash = len(set(pairs)) < len(pairs)
        if not clash:
            domain = [(fields[0], "in", [key[0] for key, _company in pairs])]
            if exclude:
                domain.append(("id", "not in", exclude.ids))
            existing = self.sudo().with_context(active_test=False).search(domain)
            clash = any((tuple(self._unique_value(name, record[name]) for name in fields),
                         record.company_id.id or False)
                        in pairs for record in existing)
        if clash:
            raise UserError(self.env._(
                "%(model)s: %(fields)s %(values)s already exists in this company (archived "
                "records included). Choose another.", model=self._description,
                fields=", ".join(self._fields[name]._description_string(self.env)
                                 for name in fields),
                values=", ".join(str(value) for key, _c in pairs for value in key)))
