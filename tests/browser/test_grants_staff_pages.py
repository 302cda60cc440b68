"""The grants staff pages in a browser, with applications at each step: each page an officer, an
assessor and the panel use loads, has its heading and passes axe-core, forms with errors too."""

from decimal import Decimal

import pytest
from django.urls import reverse

from commonground.core.models import User
from commonground.grants.models import AssessorAssignment
from tests.browser.conftest import assert_accessible, assert_page_is_sound, open_page, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def grants_world(site_data):
    from tests.grants.factories import GrantRoundFactory, an_application, awarded, being_assessed

    assessor = User.objects.get(username="assessor")
    grant_round = GrantRoundFactory(created_by=User.objects.get(username="grants"))
    funded = awarded(Decimal("1200"), grant_round=grant_round)
    submitted = an_application(grant_round=grant_round, possible_duplicate_of=funded)
    assessing = being_assessed(grant_round=grant_round, scores_disagree=True)
    AssessorAssignment.objects.create(
        application=assessing, assessor=assessor, assigned_by=User.objects.get(username="grants")
    )
    return {"round": grant_round, "funded": funded, "submitted": submitted, "assessing": assessing}


def _check(page, live_server, paths):
    for path in paths:
        assert_page_is_sound(page, open_page(page, live_server.url + path))


def test_the_officers_pages_are_sound(page, live_server, grants_world):
    sign_in(page, "grants")
    w = grants_world
    _check(
        page,
        live_server,
        [
            reverse("grants:staff-rounds"),
            reverse("grants:staff-round", args=[w["round"].pk]),
            reverse("grants:staff-round-new"),
            reverse("grants:staff-round-edit", args=[w["round"].pk]),
            reverse("grants:staff-criterion-new", args=[w["round"].pk]),
            reverse("grants:staff-applications"),
            reverse("grants:staff-application", args=[w["submitted"].pk]),
            reverse("grants:staff-application", args=[w["assessing"].pk]),
            reverse("grants:staff-application", args=[w["funded"].pk]),
            reverse("grants:staff-duplicate-check", args=[w["submitted"].pk]),
            reverse("grants:staff-assign", args=[w["submitted"].pk]),
            reverse("grants:staff-message", args=[w["submitted"].pk]),
            reverse("grants:staff-payment", args=[w["funded"].pk]),
            reverse("grants:staff-monitoring"),
        ],
    )
    # A form sent with mistakes: the error summary and messages pass too.
    page.goto(live_server.url + reverse("grants:staff-payment", args=[w["funded"].pk]))
    page.get_by_label("Amount (£)").fill("5000")
    page.get_by_label("Date paid").fill("1/1/2026")
    page.get_by_role("button", name="Record the payment").click()
    page.wait_for_load_state("load")
    assert "left to pay" in page.content()
    assert_accessible(page)


def test_the_assessors_and_panels_pages_are_sound(page, live_server, grants_world):
    w = grants_world
    sign_in(page, "assessor")
    _check(
        page,
        live_server,
        [
            reverse("grants:staff-my-assessments"),
            reverse("grants:staff-application", args=[w["assessing"].pk]),
            reverse("grants:staff-declare", args=[w["assessing"].pk]),
        ],
    )
    page.get_by_role("radio", name="No").check()
    page.get_by_role("button", name="Record my declaration").click()
    page.wait_for_load_state("load")
    assert_page_is_sound(page, open_page(page, page.url))
    page.get_by_role("button", name="Send my scores").click()
    page.wait_for_load_state("load")
    assert "There is a problem" in page.content()
    assert_accessible(page)
    page.context.clear_cookies()
    sign_in(page, "programme")
    _check(
        page,
        live_server,
        [
            reverse("grants:staff-application", args=[w["assessing"].pk]),
            reverse("grants:staff-moderate", args=[w["assessing"].pk]),
            reverse("grants:staff-decide", args=[w["assessing"].pk]),
        ],
    )
