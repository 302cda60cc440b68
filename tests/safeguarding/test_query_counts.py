"""The coordinator's case page runs the same number of queries however much the case holds
(query-count benchmark as a test, as issue 4's performance section asks)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commonground.core.models import Agency, AgencyKind
from commonground.core.roles import Role
from commonground.safeguarding.actions.information import send_information_request
from commonground.safeguarding.actions.information_answers import answer_information_request
from commonground.safeguarding.actions.steps import record_screening_decision
from tests.factories import BOLTON, AgencyFactory, UserFactory, staff
from tests.safeguarding.builders import referral_in

pytestmark = pytest.mark.django_db


def _case_with_requests(coordinator, count: int):
    referral = referral_in(BOLTON)
    record_screening_decision(
        actor=coordinator, referral=referral, decision="proceed", reasons="Enough concern"
    )
    for number in range(count):
        agency = AgencyFactory(name=f"Agency {count}-{number}", kind=AgencyKind.HEALTH, serves=[BOLTON])
        answerer = UserFactory(agency=agency, roles=[Role.TRIAGE_OFFICER])
        request = send_information_request(
            actor=coordinator,
            referral=referral,
            agency=Agency.objects.get(pk=agency.pk),
            question=f"Question {number}",
            due_on=timezone.localdate() + timedelta(days=7),
        )
        answer_information_request(actor=answerer, request=request, answer=f"Answer {number}")
    return referral


def _queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def test_the_case_page_runs_a_constant_number_of_queries_whatever_the_case_holds(sign_in):
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    client = sign_in(coordinator)
    small = _case_with_requests(coordinator, 1)
    large = _case_with_requests(coordinator, 6)
    client.get(f"/staff/safeguarding/referrals/{small.pk}/")  # warm caches (sessions, content types)
    assert _queries_for(client, f"/staff/safeguarding/referrals/{small.pk}/") == _queries_for(
        client, f"/staff/safeguarding/referrals/{large.pk}/"
    )


def test_the_case_list_runs_a_constant_number_of_queries_whatever_the_number_of_cases(sign_in):
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    client = sign_in(coordinator)
    for _ in range(2):
        referral_in(BOLTON)
    client.get("/staff/safeguarding/")
    few = _queries_for(client, "/staff/safeguarding/")
    for _ in range(10):
        referral_in(BOLTON)
    assert _queries_for(client, "/staff/safeguarding/") == few
