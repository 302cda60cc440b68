"""How many queries "who may be told" costs with 50 staff: a fixed number, not one or more per person."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commonground.core.models import Area
from commonground.core.roles import Role
from commonground.safeguarding import queries as casework
from commonground.safeguarding.actions.information import recipients_for
from commonground.tension.actions.alerts import _recipients
from commonground.tension.models import AlertSubscription, TensionLevel
from tests.factories import BOLTON, AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

STAFF = 50


def _count(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def test_who_may_be_told_costs_a_fixed_number_of_queries_for_50_staff():
    bolton = Area.objects.get(code=BOLTON)
    agency = AgencyFactory(serves=[BOLTON], contact_email="")
    for _ in range(STAFF):
        UserFactory(agency=agency, roles=[Role.SAFEGUARDING_COORDINATOR])
    analysts = [UserFactory(agency=agency, roles=[Role.TENSION_ANALYST]) for _ in range(STAFF)]
    level = TensionLevel.objects.filter(rank=1).first()
    for analyst in analysts:
        AlertSubscription.objects.create(user=analyst, area=bolton, minimum_level=level)
    counts = {
        "coordinators_of": _count(lambda: casework.coordinators_of(bolton.pk)),
        "recipients_for": _count(lambda: recipients_for(agency)),
        "alert recipients": _count(lambda: _recipients(bolton, rank=5)),
    }
    # Before the policy, each person's scope was worked out in turn: 401, 801 (100 staff in the
    # agency) and 351 queries. Now each list is one query.
    assert counts == {"coordinators_of": 1, "recipients_for": 1, "alert recipients": 1}
    assert len(casework.coordinators_of(bolton.pk)) == STAFF
    assert len(recipients_for(agency)) == STAFF
    assert len(_recipients(bolton, rank=5)) == STAFF
