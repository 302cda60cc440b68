"""Community tension from report to weekly report (issue 5, "Done when"), worked through the staff
pages by the people who do it: a neighbourhood police officer and a school each report what they
saw in Oldham; the Oldham analyst records a trigger event and an assessment raising Oldham to the
second-highest level; the partnership's cohesion lead, subscribed to alerts, is told once, in the
app and by email; a graffiti removal action is created, due within 24 hours, and completed with
evidence by the council that owns it; the weekly report's PDF shows all of it. Then the maps:
screenshots of the borough and ward maps, each checked against the table beside it.

Every sign-in is the real one (password, then authenticator code); forms are filled by their
labels and buttons pressed by their words; axe-core checks every page on the way.
"""

import importlib
import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.apps import apps
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from commonground.core.actions.roles import grant_role
from commonground.core.demo import DEMO_PASSWORD
from commonground.core.models import Agency, AgencyKind, Area, User
from commonground.core.roles import Role
from commonground.tension.models import (
    Alert,
    AlertDelivery,
    AlertSubscription,
    ResponseAction,
    TensionAssessment,
    TensionLevel,
    TensionReport,
)
from commonground.tension.queries.dashboard import monday_of
from tests.browser.conftest import RESULTS_DIR, assert_accessible, sign_in

pytestmark = pytest.mark.browser

# Migration 0002 seeds the tension scale; the flush after each browser test empties it.
SCALE = importlib.import_module("commonground.tension.migrations.0002_default_scale")
OLDHAM = "E08000004"
EVENT = "Verdict in the Werneth assault trial (browser test)"
GRAFFITI = "Racist graffiti sprayed on the Union Street underpass overnight (browser test)."
ONLINE = "Pupils sharing a video mocking the mosque on Werneth Road (browser test)."
ACTION = "Remove the graffiti on the Union Street underpass (browser test)"
EVIDENCE = "Removed at 14:20 by the rapid response team; photo on job log 88213."


def person(username: str, role: Role, agency: Agency) -> User:
    user = User.objects.create(
        username=username,
        first_name="Test",
        last_name=username.replace("-", " ").title(),
        email=f"{username}@demo.commonground.invalid",
        agency=agency,
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    grant_role(actor=None, user=user, role=role, reason="Browser test")
    TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)
    return user


@pytest.fixture
def tension_site(site_data):
    """The scale, a school and an Oldham council street services officer, Oldham assessed at 3
    last week, and the cohesion lead (the demo programme manager) subscribed from level 5."""
    SCALE.add_levels(apps, None)
    oldham = Area.objects.get(code=OLDHAM)
    school = Agency.objects.create(name="Demo Oldham Academy", kind=AgencyKind.EDUCATION)
    school.areas.set([oldham])
    person("school-officer", Role.PARTNER_OFFICER, school)
    person("street-services", Role.PARTNER_OFFICER, Agency.objects.get(name="Demo Oldham Council"))
    last_week = monday_of(timezone.localdate()) - timedelta(weeks=1)
    TensionAssessment.objects.create(
        area=oldham,
        week_starting_on=last_week,
        level=TensionLevel.objects.get(rank=3),
        direction="stable",
        confidence="medium",
        rationale="Steady week (browser test).",
        assessed_by=User.objects.get(username="analyst"),
        assessed_at=timezone.now() - timedelta(days=6),
    )
    AlertSubscription.objects.create(
        user=User.objects.get(username="programme"), minimum_level=TensionLevel.objects.get(rank=5)
    )
    return site_data


def arrive(page: Page, heading: str | re.Pattern | None = None) -> None:
    if heading is not None:
        expect(page.locator("h1")).to_contain_text(heading)
    assert_accessible(page)


def choose(page: Page, group: str, option: str) -> None:
    page.get_by_role("group", name=group).get_by_label(option, exact=True).check()


def today() -> str:
    day = timezone.localdate()
    return f"{day.day}/{day.month}/{day.year}"


def report_tension(page: Page, *, category: str, description: str) -> str:
    page.goto("/staff/tension/reports/new/")
    arrive(page, "Report community tension")
    choose(page, "Is this about a particular person you are worried about?", "No")
    page.get_by_role("group", name="Boroughs").get_by_label("Oldham", exact=True).check()
    page.get_by_label("Date observed").fill(today())
    page.get_by_label("Time observed").fill("00:05")
    choose(page, "What is it about?", category)
    choose(page, "Type of tension information", "Evidenced (something has happened)")
    page.get_by_label("What was seen or heard").fill(description)
    choose(page, "Source evaluation", "1 — Reliable")
    choose(page, "Information assessment", "A — Known directly to the source")
    page.get_by_role("button", name="Send report").click()
    arrive(page, "Tension report sent")
    return page.locator(".govuk-panel__body strong").inner_text().strip()


def test_tension_from_partner_reports_to_the_weekly_report(new_context, tension_site, mailoutbox):
    # --- A neighbourhood officer and a school report what they saw ------------------------------
    police = new_context().new_page()
    sign_in(police, "partner")
    graffiti_ref = report_tension(police, category="Graffiti, stickers or leaflets", description=GRAFFITI)
    school = new_context().new_page()
    sign_in(school, "school-officer")
    online_ref = report_tension(school, category="Online content", description=ONLINE)
    assert TensionReport.objects.get(reference=graffiti_ref).source_type == "neighbourhood_police"
    assert TensionReport.objects.get(reference=online_ref).source_type == "school"

    # --- The analyst records the trigger event and raises Oldham to level 5 ---------------------
    analyst = new_context().new_page()
    sign_in(analyst, "analyst")
    analyst.goto("/staff/tension/trigger-events/new/")
    arrive(analyst, "Record a trigger event")
    analyst.get_by_label("Title").fill(EVENT)
    choose(analyst, "What kind of event is it?", "A court case or verdict")
    choose(analyst, "Reach", "Local")
    analyst.get_by_label("Start date").fill(today())
    choose(analyst, "Expected impact", "High")
    analyst.get_by_role("group", name="Boroughs likely to be affected").get_by_label(
        "Oldham", exact=True
    ).check()
    analyst.get_by_role("button", name="Record trigger event").click()
    arrive(analyst, EVENT)

    analyst.goto(f"/staff/tension/assessments/new/?area={OLDHAM}")
    arrive(analyst, "Record a tension assessment")
    expect(analyst.locator("main")).to_contain_text(graffiti_ref)  # the evidence beside the form
    analyst.get_by_label("Week", exact=True).fill(today())
    choose(analyst, "Kind of assessment", "Weekly assessment")
    analyst.get_by_role("group", name="Tension level").get_by_label(re.compile(r"^5 High")).check()
    choose(analyst, "Direction", "Rising")
    choose(analyst, "Confidence in this assessment", "Medium")
    analyst.get_by_label("Rationale").fill(
        "Graffiti and online abuse after the verdict; a march is rumoured."
    )
    analyst.get_by_role("button", name="Save assessment").click()
    arrive(analyst, "Oldham, week of")
    current = TensionAssessment.objects.filter(area__code=OLDHAM).order_by("-week_starting_on").first()
    assert current.level.rank == 5

    # --- The cohesion lead is told once: in the app and by email --------------------------------
    lead_email = "programme@demo.commonground.invalid"
    alert_mail = [m for m in mailoutbox if lead_email in m.to]
    assert len(alert_mail) == 1, [m.subject for m in mailoutbox]
    assert Alert.objects.count() == 1
    assert AlertDelivery.objects.filter(user__username="programme").count() == 1
    lead = new_context().new_page()
    sign_in(lead, "programme")
    lead.goto("/staff/tension/alerts/")
    arrive(lead, "Tension alerts")
    expect(lead.locator("main")).to_contain_text("Oldham")

    # --- A graffiti removal action, due within 24 hours, done by the council ---------------------
    analyst.goto("/staff/tension/actions/new/")
    arrive(analyst, "Create a response action")
    analyst.get_by_label("Area").select_option(label="Oldham")
    analyst.get_by_label("What needs to be done").fill(ACTION)
    analyst.get_by_label("Agency responsible").select_option(label="Demo Oldham Council")
    choose(analyst, "When must it be done?", "Within 24 hours")
    analyst.get_by_label("Tension report it responds to (optional)").fill(graffiti_ref)
    analyst.get_by_role("button", name="Create action").click()
    arrive(analyst, ACTION)
    action = ResponseAction.objects.get(description=ACTION)
    assert timedelta(hours=23) < action.due_at - action.created_at <= timedelta(hours=24, minutes=1)

    council = new_context().new_page()
    sign_in(council, "street-services")
    council.goto(f"/staff/tension/actions/{action.pk}/")
    arrive(council, ACTION)
    council.get_by_label("What shows it was done").fill(EVIDENCE)
    council.get_by_role("button", name="Mark as done").click()
    arrive(council, ACTION)
    action.refresh_from_db()
    assert action.status == "done" and action.completed_by.username == "street-services"

    # --- The dashboard and the weekly report show all of it -------------------------------------
    analyst.goto("/staff/tension/")
    arrive(analyst, "Community tension")
    expect(analyst.locator('[data-map-table="boroughs"]')).to_contain_text("5 High")

    analyst.goto(f"/staff/tension/weekly-report/?week={today()}")
    arrive(analyst, "Weekly tension report")
    expect(analyst.locator("main")).to_contain_text("Up 2 from 3 Moderate")
    with analyst.expect_download() as download:
        analyst.get_by_role("link", name="Download the PDF").click()
    pdf = download.value.path().read_bytes()
    pages = [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]
    assert all("OFFICIAL-SENSITIVE" in text for text in pages)
    text = " ".join(" ".join(pages).split())
    for shown in ["Oldham 5 High", "Up 2 from 3 Moderate", EVENT, graffiti_ref, online_ref, ACTION, "Done"]:
        assert " ".join(shown.split()) in text, f"{shown!r} is not in the weekly report PDF"


def test_the_borough_and_ward_maps_with_their_tables(new_context, site_data):
    from commonground.tension.demo import load_demo_records

    SCALE.add_levels(apps, None)
    load_demo_records()
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, "analyst")
    page.goto(f"/staff/tension/?borough={OLDHAM}")
    arrive(page, "Community tension")
    RESULTS_DIR.mkdir(exist_ok=True)

    boroughs_map = page.locator(".cg-map").nth(0)
    expect(boroughs_map.locator("svg title").first).to_contain_text("Current tension level by borough")
    boroughs_png = RESULTS_DIR / "tension-map-boroughs.png"
    boroughs_map.screenshot(path=boroughs_png)
    assert boroughs_png.stat().st_size > 10_000
    boroughs_table = page.locator('[data-map-table="boroughs"] tbody tr')
    expect(boroughs_table).to_have_count(10)
    # The demo analyst serves Oldham: its level is shown, the other boroughs are not theirs.
    expect(boroughs_table.filter(has_text="Oldham")).to_contain_text("4 Elevated")
    expect(boroughs_table.filter(has_text="Bolton")).to_contain_text("Not in your areas")

    wards_map = page.locator(".cg-map").nth(1)
    wards_png = RESULTS_DIR / "tension-map-wards-oldham.png"
    wards_map.screenshot(path=wards_png)
    assert wards_png.stat().st_size > 10_000
    page.get_by_text("The ward map as a table").click()
    ward_rows = page.locator('[data-map-table="wards"] tbody tr')
    expect(ward_rows).to_have_count(Area.objects.wards().filter(parent__code=OLDHAM).count())
    assert_accessible(page)
    # Every area drawn on the map is a row of its table.
    drawn = wards_map.locator("svg a").count()
    assert drawn == ward_rows.count()
    page.screenshot(path=RESULTS_DIR / "tension-dashboard.png", full_page=True)
