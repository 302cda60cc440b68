"""Who reads what on the grants staff side, through the reader's scope: an assessor reads only the
applications assigned to them; other staff read none; the officers' and panel's pages read in a
fixed number of queries however many applications there are."""

import pytest
from django.http import Http404
from django.urls import reverse

from commonground.core.access import scope_for
from commonground.core.roles import Role
from commonground.grants.queries import staff_applications, staff_rounds
from tests.conftest import signed_in
from tests.factories import BOLTON, staff
from tests.grants.factories import (
    GrantRoundFactory,
    a_panel_member,
    an_application,
    an_assessor,
    being_assessed,
    grants_officer,
)

pytestmark = pytest.mark.django_db


def test_an_assessor_reads_only_the_applications_assigned_to_them():
    assessor = an_assessor()
    theirs = being_assessed(assessor, an_assessor())
    other = being_assessed()
    scope = scope_for(assessor)
    shown = list(staff_applications.applications_page(scope).object_list)
    assert shown == [theirs]
    assert staff_applications.open_application(scope, theirs.pk).application == theirs
    with pytest.raises(Http404):
        staff_applications.open_application(scope, other.pk)
    assert [row.application for row in staff_applications.my_assignments(scope)] == [theirs]


def test_officers_and_the_panel_read_every_application_and_other_staff_none():
    applications = {an_application(), being_assessed()}
    for person in (grants_officer(), a_panel_member()):
        assert set(staff_applications.applications_page(scope_for(person)).object_list) == applications
    partner = scope_for(staff(Role.PARTNER_OFFICER, BOLTON))
    assert list(staff_applications.applications_page(partner).object_list) == []
    assert list(staff_rounds.rounds(partner)) == []


def test_opening_an_application_is_audited():
    from commonground.core.models import AuditEvent

    officer = grants_officer()
    application = an_application()
    signed_in(officer).get(reverse("grants:staff-application", args=[application.pk]))
    assert AuditEvent.objects.filter(
        actor=officer, action="view", object_type="grants.grantapplication", object_id=str(application.pk)
    ).exists()


def test_the_list_and_a_rounds_page_read_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    grant_round = GrantRoundFactory()
    for _ in range(3):
        being_assessed(grant_round=grant_round)
    client = signed_in(grants_officer())
    with django_assert_max_num_queries(60) as few:
        client.get(reverse("grants:staff-applications"))
        client.get(reverse("grants:staff-round", args=[grant_round.pk]))
    counted = len(few.captured_queries)
    for _ in range(10):
        being_assessed(grant_round=grant_round)
    with django_assert_max_num_queries(counted):
        client.get(reverse("grants:staff-applications"))
        client.get(reverse("grants:staff-round", args=[grant_round.pk]))
