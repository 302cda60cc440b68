"""Statistics pages with figures in them: a published edition seen by the public, and the staff
dashboards over the same small dataset. Each page works, loads everything and passes axe-core;
each chart is followed by its table."""

import importlib

import pytest
from django.apps import apps

from commonground.core.models import User
from commonground.insights.actions import editions as actions
from commonground.insights.quarters import Quarter
from tests.browser.conftest import assert_page_is_sound, open_page, sign_in
from tests.insights import editions_data as data

pytestmark = pytest.mark.browser

# The strands of hostility come from a migration, which the flush after each browser test empties.
REFERENCE_CONTENT = importlib.import_module("commonground.reports.migrations.0002_reference_content")


@pytest.fixture
def published(site_data):
    """April to June 2026, drafted by the demo programme manager, approved by the demo data
    protection officer and published."""
    REFERENCE_CONTENT.seed(apps, None)
    data.fixed_quarter()
    preparer = User.objects.get(username="programme")
    officer = User.objects.get(username="dpo")
    edition = actions.draft_edition(actor=preparer, quarter=Quarter.starting(2026, 2))
    actions.submit_for_approval(actor=preparer, edition=edition)
    actions.approve_edition(actor=officer, edition=edition)
    return actions.publish_edition(actor=preparer, edition=edition)


def _charts_have_tables(page) -> None:
    charts = page.locator("svg.cg-chart")
    assert charts.count() >= 1, f"{page.url} shows no chart"
    assert page.locator("table.govuk-table").count() >= charts.count(), f"{page.url}: a chart has no table"


def test_a_published_edition_reads_well_for_everyone(new_context, published):
    page = new_context().new_page()
    for path in ("/statistics/", f"/statistics/{data.QUARTER_SLUG}/revision-1/", "/statistics/archive/"):
        visit = open_page(page, path)
        assert_page_is_sound(page, visit)
    open_page(page, f"/statistics/{data.QUARTER_SLUG}/revision-1/")
    _charts_have_tables(page)
    # Bury's two incidents are never shown: the public sees the suppression marker.
    assert "[c]" in page.locator("main").inner_text()


def test_the_staff_dashboards_with_figures_are_accessible(new_context, published):
    page = new_context().new_page()
    sign_in(page, "programme")
    # The default period, the last 12 months, holds the dataset's April to June 2026.
    for path in (
        "/staff/insights/",
        "/staff/insights/referrals/",
        "/staff/insights/fairness/",
        "/staff/insights/spikes/",
        "/staff/insights/editions/",
    ):
        visit = open_page(page, path)
        assert_page_is_sound(page, visit)
    for path in ("/staff/insights/", "/staff/insights/referrals/"):
        open_page(page, path)
        _charts_have_tables(page)
