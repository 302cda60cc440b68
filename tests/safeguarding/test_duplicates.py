"""Possible duplicates at referral: full details within the coordinator's boroughs, only a count
(and a message to contact them) for other boroughs, nothing at all for referrers."""

from datetime import date

import pytest

from commonground.core.access import scope_for
from commonground.core.models import AgencyKind
from commonground.core.roles import Role
from commonground.safeguarding.queries import possible_duplicates
from tests.factories import BOLTON, OLDHAM, staff
from tests.safeguarding.builders import referral_in
from tests.safeguarding.test_referrals import REFER, form_data

pytestmark = pytest.mark.django_db

BORN = date(2009, 3, 4)
ANOTHER_BOROUGH = "A coordinator in another borough may hold a record"


def khan_in(borough: str, **overrides):
    return referral_in(
        borough, **({"first_name": "Mohammed", "last_name": "Khan", "date_of_birth": BORN} | overrides)
    )


def check(client, **fields):
    return client.post(
        REFER, form_data(first_name="Muhammad", last_name="Khan", date_of_birth="4/3/2009", **fields)
    )


def test_the_same_person_spelled_differently_in_bolton_is_suggested_with_details(sign_in):
    existing = khan_in(BOLTON)
    response = check(sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)))
    html = response.content.decode()
    assert response.context["duplicates"].in_scope == [existing]
    assert "Mohammed Khan" in html
    assert f"/staff/safeguarding/referrals/{existing.pk}/" in html
    assert "4 March 2009" in html
    assert ANOTHER_BOROUGH not in html
    assert "Send referral" in html


def test_the_same_person_in_oldham_shows_only_that_another_borough_may_hold_a_record(sign_in):
    existing = khan_in(OLDHAM, other_names="Mo", address="1 Secret Street")
    response = check(sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)))
    html = response.content.decode()
    assert ANOTHER_BOROUGH in html
    assert "Mohammed" not in html
    assert "Secret Street" not in html
    assert "Oldham" not in html.split("Existing records")[1].split("<form")[0]
    assert f"/referrals/{existing.pk}/" not in html
    assert response.context["duplicates"].elsewhere == 1
    assert response.context["duplicates"].in_scope == []


def test_a_different_date_of_birth_or_person_is_not_suggested(sign_in):
    khan_in(BOLTON, date_of_birth=date(2009, 3, 5))
    referral_in(BOLTON, first_name="Priya", last_name="Patel", date_of_birth=BORN)
    response = check(sign_in(staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)))
    assert not response.context["duplicates"]
    assert "No existing referral matches" in response.content.decode()


def test_a_referral_known_only_by_age_matches_within_a_year(sign_in):
    existing = referral_in(BOLTON, first_name="Mohammed", last_name="Khan", date_of_birth=None, age_years=17)
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    found = possible_duplicates(scope_for(coordinator), "Muhammad", "Khan", BORN)
    assert found.in_scope == [existing]


def test_a_referrer_who_is_not_a_coordinator_is_told_nothing_about_existing_records(sign_in):
    khan_in(BOLTON)
    khan_in(OLDHAM)
    teacher = staff(Role.PANEL_MEMBER, BOLTON, kind=AgencyKind.EDUCATION)
    html = check(sign_in(teacher)).content.decode()
    assert "Mohammed" not in html
    assert ANOTHER_BOROUGH not in html
    assert not possible_duplicates(scope_for(teacher), "Muhammad", "Khan", BORN)


def test_a_combined_authority_coordinator_sees_matches_in_every_borough():
    oldham = khan_in(OLDHAM)
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, "E47000001")
    found = possible_duplicates(scope_for(coordinator), "Muhammad", "Khan", BORN)
    assert (found.in_scope, found.elsewhere) == ([oldham], 0)
