from . import test_eligibility
from . import test_council_decision
from . import test_access_rights
from . import test_unit_year
from . import test_decision_document
from . import test_committee_screens
from . import test_tours
