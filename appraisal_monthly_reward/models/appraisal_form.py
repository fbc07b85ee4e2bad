from odoo import models


class AppraisalForm(models.Model):
    _inherit = "appraisal.form"

    def _home_committee_action(self):
        """The reward committee starts on the emulation campaigns, where
        the approved results are put to use."""
        return self._home_action("appraisal_monthly_reward.appraisal_reward_campaign_action")
