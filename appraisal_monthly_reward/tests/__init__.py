from . import test_eligibility
from . import test_council_decision
from . import test_access_rights
from . import test_attack_reward
from . import test_attack_concurrency
from . import test_attack_rpc
