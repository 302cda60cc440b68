"""Safeguarding casework models: referrals and their first steps, then panels and casework."""

from commonground.safeguarding.models.casework import *  # noqa: F403
from commonground.safeguarding.models.packs import *  # noqa: F403
from commonground.safeguarding.models.referrals import *  # noqa: F403
from commonground.safeguarding.models.retention import *  # noqa: F403
