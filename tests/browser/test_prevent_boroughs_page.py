"""Prevent across the boroughs in a browser: the page with figures and a target, the targets page
and its error summary work, load everything and pass axe-core; each chart is followed by its table."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps

from commonground.core.models import User
from commonground.insights.actions.targets import set_prevent_target
from tests.browser.conftest import assert_accessible, assert_page_is_sound, open_page, sign_in
from tests.insights import editions_data as data

pytestmark = pytest.mark.browser
# Migration 0002 seeds the hostility strands; the flush after each browser test empties them.
REFERENCE_CONTENT = importlib.import_module("commonground.reports.migrations.0002_reference_content")


@pytest.fixture
def figures(site_data):
    REFERENCE_CONTENT.seed(apps, None)
    data.fixed_quarter()
    set_prevent_target(
        actor=User.objects.get(username="programme"),
        measure="referral_rate",
        green=Decimal(10),
        amber=Decimal(20),
        direction="lower",
        reason="Set to check the page in a browser.",
    )


def test_the_page_and_the_targets_page_are_accessible(new_context, figures):
    page = new_context().new_page()
    sign_in(page, "programme")
    visit = open_page(page, "/staff/insights/prevent/?quarter=2026-q2")
    assert_page_is_sound(page, visit)
    main = page.locator("main").inner_text()
    assert "Set to check the page in a browser." in main
    charts = page.locator("svg.cg-chart")
    assert charts.count() == 2
    assert page.locator("table.govuk-table").count() >= charts.count() + 9

    page.get_by_role("link", name="Set or change the targets").click()
    page.wait_for_url("**/targets/")
    assert_accessible(page)
    page.get_by_label("Measure").select_option("reviews_on_time")
    page.get_by_label("Higher is better").check()
    page.get_by_label("Green threshold").fill("60")
    page.get_by_label("Amber threshold").fill("80")
    page.get_by_label("Why this target?").fill("Reviews keep people safe after support ends.")
    page.get_by_role("button", name="Set the target").click()
    page.wait_for_load_state("load")
    assert "There is a problem" in page.locator("main").inner_text()
    assert_accessible(page)
