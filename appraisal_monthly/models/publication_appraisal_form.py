from odoo import api, models
from odoo.exceptions import UserError

from ..user_lang import in_user_lang
from .appraisal_form import LOCKED_FREE_PREFIXES

# Period states in which the results are announced: no form may be reopened,
# added or removed; a closed period also refuses any change of its forms.
DONE_PERIOD_STATES = ("published", "closed")


class AppraisalForm(models.Model):
    _inherit = "appraisal.form"

    @api.model_create_multi
    @in_user_lang
    def create(self, vals_list):
        periods = self.env["appraisal.period"].browse(
            [vals["period_id"] for vals in vals_list if vals.get("period_id")]
        )
        done = periods.filtered(lambda p: p.state in DONE_PERIOD_STATES)
        if done:
            raise UserError(
                self.env._(
                    "The results of %(periods)s are published: no form can be added.",
                    periods=", ".join(done.mapped("name")),
                )
            )
        return super().create(vals_list)

    @in_user_lang
    def write(self, vals):
        if any(not fname.startswith(LOCKED_FREE_PREFIXES) for fname in vals):
            self._check_period_not_closed()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_published_period(self):
        done = self.filtered(lambda f: f.period_id.state in DONE_PERIOD_STATES)
        if done:
            raise UserError(
                self.env._(
                    "Forms of a published or closed period cannot be deleted (%(forms)s).",
                    forms=", ".join(done.mapped("name")),
                )
            )

    def _check_period_not_closed(self):
        """A closed period is locked, for everyone and every path."""
        closed = self.filtered(lambda f: f.period_id.state == "closed")
        if closed:
            raise UserError(
                self.env._(
                    "Period %(period)s is closed: its forms cannot change (%(forms)s). "
                    "An HR officer must reopen the period first.",
                    period=", ".join(closed.period_id.mapped("name")),
                    forms=", ".join(closed.mapped("name")),
                )
            )

    @in_user_lang
    def action_reset_to_draft(self, reason=None):
        published = self.filtered(lambda f: f.period_id.state == "published")
        if published:
            raise UserError(
                self.env._(
                    "The results of %(period)s are published. Set the period back "
                    "to open (Reopen) before reopening its forms (%(forms)s).",
                    period=", ".join(published.period_id.mapped("name")),
                    forms=", ".join(published.mapped("name")),
                )
            )
        return super().action_reset_to_draft(reason=reason)

    def _notify_published_result(self):
        """Tell each employee their published level, in their language.

        Employees reachable by mail (when the sender has an address) get a
        notification; the others a chatter note, logged in one batch.
        """
        notes = {}
        labels_by_lang = {}
        sender_has_email = bool(self.env.user.email)
        for form in self:
            lang = form._get_employee_lang()
            form_lang = form.with_context(lang=lang)
            if lang not in labels_by_lang:
                labels_by_lang[lang] = dict(
                    form_lang._fields["rating"]._description_selection(form_lang.env)
                )
            body = form_lang.env._(
                "The results of %(period)s are published: your level is "
                "%(rating)s (%(score)s%%).",
                period=form.period_id.name,
                rating=labels_by_lang[lang].get(form.rating, "-"),
                score=form.score_percent,
            )
            partner = form.employee_id.sudo().work_contact_id
            if sender_has_email and partner and (partner.email or partner.user_ids):
                form.with_context(mail_notify_force_send=False).message_post(
                    body=body, partner_ids=partner.ids, subtype_xmlid="mail.mt_comment"
                )
            else:
                notes[form.id] = body
        if notes:
            self.browse(list(notes))._message_log_batch(bodies=notes)
