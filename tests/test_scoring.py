import pytest


def test_thresholds_decree_335(scoring):
    rate = scoring.rating_for_percent
    assert rate(100) == "excellent"
    assert rate(90) == "excellent"
    assert rate(89.99) == "good"
    assert rate(70) == "good"
    assert rate(69.99) == "completed"
    assert rate(50) == "completed"
    assert rate(49.99) == "failed"
    assert rate(0) == "failed"


def test_float_noise_does_not_drop_a_level(scoring):
    # 0.1 * 3 * 300 is 90.00000000000001 or 89.99999999999999 depending on order
    assert scoring.rating_for_percent(89.999999999) == "excellent"


def test_veto_forces_failed(scoring):
    assert scoring.rating_for_percent(100, veto=True) == "failed"


def test_custom_thresholds(scoring):
    assert scoring.rating_for_percent(92, (95, 80, 60)) == "good"
    assert scoring.rating_for_percent(59, (95, 80, 60)) == "failed"


@pytest.mark.parametrize("thresholds, valid", [
    ((90, 70, 50), True),
    ((100, 99, 0), True),
    ((90, 90, 50), False),
    ((70, 90, 50), False),
    ((110, 70, 50), False),
    ((90, 70, -1), False),
    ((90, 70), False),
])
def test_check_thresholds(scoring, thresholds, valid):
    assert scoring.check_thresholds(thresholds) is valid


def test_net_score_kinds(scoring):
    lines = [("score", 30), ("score", 60), ("bonus", 5), ("penalty", 8)]
    assert scoring.net_score(lines) == 87
    assert scoring.net_score([("score", None)]) == 0
    with pytest.raises(ValueError):
        scoring.net_score([("other", 1)])


def test_bounds(scoring):
    assert scoring.bounded_score(105, 100) == 100
    assert scoring.bounded_score(-4, 100) == 0
    assert scoring.score_percent(135, 150) == 90
    assert scoring.score_percent(160, 150) == 100
    assert scoring.score_percent(10, 0) == 0


def test_evaluate_manager_set(scoring):
    # The seed's 150-point managers' set is compared as a percentage.
    total, percent, rating = scoring.evaluate([("score", 104), ("bonus", 2)], 150)
    assert (total, percent, rating) == (106, 70.67, "good")


def test_evaluate_bonus_cannot_pass_maximum(scoring):
    assert scoring.evaluate([("score", 98), ("bonus", 5)], 100) == (100, 100, "excellent")


def test_evaluate_penalty_floor(scoring):
    assert scoring.evaluate([("score", 3), ("penalty", 10)], 100) == (0, 0, "failed")


@pytest.mark.parametrize("score, valid", [(0, True), (5, True), (None, True),
                                          (-0.5, False), (5.01, False)])
def test_line_score_range(scoring, score, valid):
    assert scoring.is_valid_line_score(score, 5) is valid


@pytest.mark.parametrize("state, action, allowed", [
    ("draft", "submit", True),
    ("submitted", "submit", False),
    ("submitted", "review", True),
    ("draft", "review", False),
    ("reviewed", "approve", True),
    ("submitted", "approve", False),
    ("submitted", "return", True),
    ("reviewed", "return", True),
    ("approved", "return", False),
    ("approved", "reset_to_draft", True),
    ("draft", "reset_to_draft", False),
    ("approved", "cancel", False),
    ("draft", "unknown", False),
])
def test_transitions(workflow, state, action, allowed):
    assert workflow.can_transition(state, action) is allowed


def test_every_action_has_a_target(workflow):
    assert set(workflow.TRANSITIONS) == set(workflow.TARGET_STATE)


def test_every_action_has_a_role(workflow):
    assert set(workflow.TRANSITIONS) == set(workflow.ROLES)


@pytest.mark.parametrize("state,action,target", [
    ("draft", "open", "open"),
    ("open", "open", None),
    ("open", "publish", "published"),
    ("draft", "publish", None),
    ("published", "close", "closed"),
    ("open", "close", None),
    ("closed", "reopen", "published"),
    ("published", "reopen", "open"),
    ("open", "reopen", None),
    ("open", "unknown", None),
])
def test_period_transitions(workflow, state, action, target):
    assert workflow.period_target(state, action) == target
