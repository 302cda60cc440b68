"""Reads of safeguarding casework, each starting from the user's scope. One module per part of
the work (referrals, information requests, panels, support); all are importable from here."""

from commonground.safeguarding.queries.case_requests import *  # noqa: F403
from commonground.safeguarding.queries.documents import *  # noqa: F403
from commonground.safeguarding.queries.information import *  # noqa: F403
from commonground.safeguarding.queries.panel_members import *  # noqa: F403
from commonground.safeguarding.queries.panels import *  # noqa: F403
from commonground.safeguarding.queries.referrals import *  # noqa: F403
from commonground.safeguarding.queries.subject_access import *  # noqa: F403
from commonground.safeguarding.queries.support import *  # noqa: F403
