"""A borough's self-assessment from start to moderation (issue 15), worked through the staff pages
by the people who do it: Bolton's programme lead starts one, answers every dimension of the
framework (the first with evidence in words, a link and an uploaded PDF) and submits it; the
combined authority's moderator (the programme manager, whose areas are the whole combined
authority) lowers one level with a reason and agrees the rest; the lead then sees both levels.

Every sign-in is the real one (password, then authenticator code); forms are filled by their
labels and buttons pressed by their words; axe-core checks every page on the way."""

import importlib
import re
from io import BytesIO

import pytest
from django.apps import apps
from playwright.sync_api import Page, expect
from pypdf import PdfWriter

from commonground.programme.models import AssessmentEvidence, AssessmentStatus, BoroughAssessment, Dimension
from tests.browser.conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser

# Migration 0002 seeds the framework; the flush after each browser test empties it.
FRAMEWORK = importlib.import_module("commonground.programme.migrations.0002_reference_data")
REASON = "The forum's minutes show plans, not yet practice (browser test)."


@pytest.fixture
def assessment_site(site_data):
    FRAMEWORK.load(apps, None)
    return site_data


def a_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def arrive(page: Page, heading: str | re.Pattern | None = None) -> None:
    if heading is not None:
        expect(page.locator("h1")).to_contain_text(heading)
    assert_accessible(page)


def about(words: str, dimension: Dimension) -> re.Pattern:
    """A link's name: its words, then (hidden from sight, for screen readers) the dimension's title."""
    return re.compile(rf"^{words}\W+{re.escape(dimension.title)}$")


def choose_level(page: Page, group: str, level: int) -> None:
    page.get_by_role("group", name=group).get_by_label(re.compile(rf"^Level {level}\b")).check()


def test_a_borough_completes_its_self_assessment_and_sees_the_moderated_levels(new_context, assessment_site):
    dimensions = list(Dimension.objects.filter(framework__is_current=True).order_by("position"))

    # --- Bolton's programme lead starts the self-assessment -----------------------------------------
    lead = new_context().new_page()
    sign_in(lead, "borough-lead")
    lead.get_by_role("link", name="Self-assessments").first.click()
    arrive(lead, "Self-assessments")
    lead.get_by_role("button", name="Start a self-assessment").click()
    arrive(lead, "Start a self-assessment")
    lead.get_by_label("Borough").select_option(label="Bolton")
    lead.get_by_label("Period starts").fill("1/4/2025")
    lead.get_by_label("Period ends").fill("31/3/2026")
    lead.get_by_role("button", name="Start the self-assessment").click()
    arrive(lead, "Bolton")
    assessment = BoroughAssessment.objects.get()

    # --- Every dimension answered; the first with evidence, including a PDF --------------------------
    for dimension in dimensions:
        lead.get_by_role("link", name=about("Answer this dimension", dimension)).click()
        arrive(lead, dimension.title)
        choose_level(lead, "Level", 3)
        lead.get_by_label("Why this level").fill(f"Bolton's reasons for {dimension.key} (browser test).")
        lead.get_by_label("Next steps to reach the level above (optional)").fill("Publish the forum's plan")
        if dimension.position == 1:
            lead.get_by_label("Evidence in words (optional)").fill("Survey of 300 residents, 2025.")
            lead.get_by_label("Link to evidence (optional)").fill("https://example.org/bolton-survey")
            lead.get_by_label("Evidence file (optional)").set_input_files(
                {"name": "forum-minutes.pdf", "mimeType": "application/pdf", "buffer": a_pdf()}
            )
        lead.get_by_role("button", name="Save this dimension").click()
        arrive(lead, "Bolton")
    expect(lead.get_by_role("link", name="Download forum-minutes.pdf")).to_be_visible()
    # The first dimension's page again, now listing its evidence with a button to remove each.
    lead.get_by_role("link", name=about("Change the answer", dimensions[0])).click()
    arrive(lead, dimensions[0].title)
    expect(lead.get_by_role("button", name=re.compile(r"^Remove\W+file evidence"))).to_be_visible()
    lead.get_by_role("link", name="Back to the self-assessment").click()
    arrive(lead, "Bolton")
    assert AssessmentEvidence.objects.filter(kind="file", content_type="application/pdf").count() == 1

    lead.get_by_role("button", name="Check and submit for moderation").click()
    arrive(lead, "Submit the self-assessment for moderation")
    lead.get_by_role("button", name="Submit for moderation").click()
    arrive(lead, "Bolton")
    expect(lead.locator(".govuk-summary-list").first).to_contain_text("Submitted for moderation")

    # --- The combined authority's moderator adjusts one level, agrees the rest -----------------------
    moderator = new_context().new_page()
    sign_in(moderator, "programme")
    arrive(moderator)
    moderator.get_by_role("link", name=re.compile(r"^Bolton, 1 April 2025")).click()
    arrive(moderator, "Bolton")
    first, *rest = dimensions
    moderator.get_by_role("link", name=about("Moderate this dimension", first)).click()
    arrive(moderator, first.title)
    choose_level(moderator, "Moderated level", 2)
    moderator.get_by_role("button", name="Save the moderation").click()
    arrive(moderator, first.title)  # an adjustment without its reason is refused on the page
    expect(moderator.locator(".govuk-error-summary")).to_contain_text("Explain why")
    moderator.get_by_label("Reason for the moderated level").fill(REASON)
    moderator.get_by_role("button", name="Save the moderation").click()
    arrive(moderator, "Bolton")
    for dimension in rest:
        moderator.get_by_role("link", name=about("Moderate this dimension", dimension)).click()
        arrive(moderator, dimension.title)
        moderator.get_by_role("button", name="Save the moderation").click()
        arrive(moderator, "Bolton")
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.MODERATED

    # --- The lead sees both levels, with the moderator's reason --------------------------------------
    lead.reload()
    arrive(lead, "Bolton")
    section = lead.locator(f"#dimension-{first.position}")
    expect(section).to_contain_text("Borough's level")
    expect(section).to_contain_text("Level 3")
    expect(section).to_contain_text("Level 2 (adjusted)")
    expect(section).to_contain_text(REASON)
    expect(lead.locator(f"#dimension-{rest[0].position}")).to_contain_text("Level 3 (agreed)")
