"""The applicant's pages read in a few queries, whatever the number of applications or messages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commonground.grants.models import ApplicationMessage, ApplicationStatus, GrantApplication
from tests.grants.helpers import applicant_client, make_round

pytestmark = pytest.mark.django_db


def _count(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_your_applications_does_not_grow_with_their_number(grant_round, django_capture_on_commit_callbacks):
    client = applicant_client("contact@example.org", capture=django_capture_on_commit_callbacks)
    applicant = GrantApplication._meta.get_field("applicant").related_model.objects.get()
    for number in range(2):
        GrantApplication.objects.create(
            grant_round=grant_round, applicant=applicant, reference=f"DRAFT-{number}"
        )
    few = _count(client, "/grants/your-applications/")
    other_round = make_round(slug="autumn")
    for number in range(10):
        GrantApplication.objects.create(
            grant_round=other_round, applicant=applicant, reference=f"DRAFT-X{number}"
        )
    assert _count(client, "/grants/your-applications/") == few
    assert few <= 8, few


def test_the_application_page_does_not_grow_with_its_messages(
    grant_round, django_capture_on_commit_callbacks
):
    client = applicant_client("contact@example.org", capture=django_capture_on_commit_callbacks)
    applicant = GrantApplication._meta.get_field("applicant").related_model.objects.get()
    application = GrantApplication.objects.create(
        grant_round=grant_round,
        applicant=applicant,
        reference="WST-AAAAAA",
        status=ApplicationStatus.SUBMITTED,
        submitted_at="2026-01-01T10:00:00Z",
    )
    ApplicationMessage.objects.create(application=application, body="First")
    few = _count(client, f"/grants/your-applications/{application.pk}/")
    ApplicationMessage.objects.bulk_create(
        ApplicationMessage(application=application, body=f"M{n}") for n in range(20)
    )
    assert _count(client, f"/grants/your-applications/{application.pk}/") == few
    print(f"your applications / application page: {few} queries")
