"""Issue 17, item 1: a superior's scores save whatever level they lead to.

The web client saves, with the new scores, the level its onchange
recomputed from them (a ``rating`` key).  A value equal to what the new
scores give is no change of the level: it goes through for whoever may
enter those scores.  Any other level is still a change, which only the
approving head makes, while the form awaits approval.
"""
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .security_common import MUTED, SecurityCommon

SPEC = {"rating": {}, "suggested_rating": {}, "final_score": {}, "state": {}}


@tagged("post_install", "-at_install", "appraisal_security")
class TestSuperiorScoresCrossLevels(SecurityCommon):

    def _submitted_excellent(self):
        form = self.submit(self.form_staff, ratio=0.95)
        leader = form.with_user(self.user_leader)
        leader.action_copy_self_scores()
        self.assertEqual(form.rating, "excellent")
        return form

    def _lower_vals(self, form, ratio, rating):
        """What the web client sends: the new scores of every score line,
        and the level its onchange recomputed from them."""
        lines = self.score_lines(form).filtered(lambda l: l.kind == "score")
        return {
            "line_ids": [
                Command.update(line.id, {"manager_score": round(line.max_score * ratio, 2)})
                for line in lines
            ],
            "rating": rating,
        }

    def test_superior_write_with_recomputed_level_goes_through(self):
        form = self._submitted_excellent()
        form.with_user(self.user_leader).write(self._lower_vals(form, 0.85, "good"))
        self.assertEqual((form.suggested_rating, form.rating), ("good", "good"))
        # Back up across the threshold, the same way.
        form.with_user(self.user_leader).write(self._lower_vals(form, 0.95, "excellent"))
        self.assertEqual(form.rating, "excellent")
        # And the superior finishes the review with those scores.
        form.with_user(self.user_leader).write(self._lower_vals(form, 0.6, "completed"))
        form.with_user(self.user_leader).action_review()
        self.assertEqual((form.state, form.rating), ("reviewed", "completed"))

    def test_superior_web_save_with_recomputed_level(self):
        """The JSON-RPC call of the form's Save button: web_save(vals, spec)."""
        form = self._submitted_excellent()
        result = form.with_user(self.user_leader).web_save(
            self._lower_vals(form, 0.85, "good"), SPEC)
        self.assertEqual(result[0]["rating"], "good")
        self.assertEqual(result[0]["suggested_rating"], "good")
        form.invalidate_recordset()
        self.assertEqual(form.rating, "good")

    def test_value_equal_to_the_level_by_score_is_no_change(self):
        form = self._submitted_excellent()
        # The employee, the superior and HR may all send the level the form
        # already has: nothing changes, nothing is refused.
        for user in (self.user_staff, self.user_leader, self.user_hr):
            form.with_user(user).write({"rating": "excellent"})
        self.assertEqual(form.rating, "excellent")

    @mute_logger(*MUTED)
    def test_superior_still_cannot_choose_another_level(self):
        form = self._submitted_excellent()
        before = self.snapshot(form, ["rating", "final_score"])
        # New scores that give Good, with a level they do not give.
        for rating in ("excellent", "completed", "failed"):
            self.refuse("superior sends scores of Good with level %s" % rating,
                        lambda r=rating: form.with_user(self.user_leader).write(
                            self._lower_vals(form, 0.85, r)))
        self.refuse("superior sets a level by hand",
                    lambda: form.with_user(self.user_leader).write({"rating": "good"}))
        self.refuse("employee sends a level by hand",
                    lambda: form.with_user(self.user_staff).write({"rating": "good"}))
        self.assertAllRefused()
        self.assertUnchanged(before, form, ["rating", "final_score"])

    def test_approving_head_scores_and_level_by_hand(self):
        form = self._submitted_excellent()
        form.with_user(self.user_leader).action_review()
        head = form.with_user(self.user_head)
        # The head lowers the scores: the recomputed level goes through ...
        head.write(self._lower_vals(form, 0.85, "good"))
        self.assertEqual(form.rating, "good")
        # ... and he sets another level by hand, with a reason.
        head.write({"rating": "completed", "rating_change_reason": "Chậm tiến độ"})
        self.assertEqual((form.rating, form.suggested_rating), ("completed", "good"))
        head.action_approve()
        self.assertEqual((form.state, form.rating), ("approved", "completed"))
