"""The tension dashboard: maps of current levels with their tables, scoped to the reader's areas;
the trend of one area; the newest reports; overdue actions; bounded queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commonground.core.models import Agency, Area, User
from commonground.core.roles import Role
from commonground.tension.models import (
    ActionStatus,
    ResponseAction,
    TensionAssessment,
    TensionLevel,
    TensionReport,
    TriggerEvent,
)
from commonground.tension.queries.dashboard import monday_of
from commonground.tension.references import new_reference
from tests.clock import FROZEN
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, staff

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]

DASHBOARD = "/staff/tension/"


# --- Builders (shared with test_weekly_report) -----------------------------------------------------


def this_week():
    return monday_of(timezone.localdate())


def assess(code: str, week, rank: int, *, by, direction="rising", event=None, assessed_at=None):
    return TensionAssessment.objects.create(
        area=Area.objects.get(code=code),
        week_starting_on=week,
        kind="ad_hoc" if event else "weekly",
        trigger_event=event,
        level=TensionLevel.objects.get(rank=rank),
        direction=direction,
        confidence="medium",
        rationale="Test assessment",
        assessed_by=by,
        assessed_at=assessed_at or timezone.now(),
    )


def report(*codes: str, observed_at=None, category="graffiti", source="school", description="Stickers"):
    made = TensionReport.objects.create(
        reference=new_reference(),
        observed_at=observed_at or timezone.now() - timedelta(hours=2),
        category=category,
        description=description,
        source_type=source,
        source_evaluation="1",
        information_assessment="A",
    )
    made.areas.set(Area.objects.filter(code__in=codes))
    return made


def event(title="Court verdict", *, starts_on=None, ends_on=None, codes=()):
    made = TriggerEvent.objects.create(
        title=title,
        kind="court_case",
        reach="local",
        starts_on=starts_on or timezone.localdate(),
        ends_on=ends_on,
        expected_impact="high",
    )
    made.areas.set(Area.objects.filter(code__in=codes))
    return made


def action(code: str, *, by, due_in=timedelta(hours=-1), status=ActionStatus.OPEN, agency=None, **fields):
    return ResponseAction.objects.create(
        area=Area.objects.get(code=code),
        description=fields.pop("description", "Remove the graffiti on the underpass"),
        owner_agency=agency or by.agency,
        due_at=timezone.now() + due_in,
        status=status,
        created_by=by,
        **fields,
    )


def ward_of(code: str) -> Area:
    return Area.objects.wards().filter(parent__code=code).order_by("name").first()


@pytest.fixture
def analyst():
    return staff(Role.TENSION_ANALYST, GREATER_MANCHESTER)


# --- Maps and tables -------------------------------------------------------------------------------


def test_the_borough_map_and_its_table_show_each_boroughs_current_level(sign_in, analyst):
    assess(OLDHAM, this_week() - timedelta(weeks=1), 3, by=analyst)
    assess(OLDHAM, this_week(), 5, by=analyst)
    assess(BOLTON, this_week(), 2, by=analyst, direction="falling")
    page = sign_in(analyst).get(DASHBOARD)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and "<title>Oldham: level 5 High, rising</title>" in html
    assert "<title>Bolton: level 2 Low, falling</title>" in html
    assert "<title>Bury: Not assessed</title>" in html
    boroughs_table = html.split('data-map-table="boroughs"')[1].split("</table>")[0]
    oldham_row = boroughs_table.split("Oldham")[1].split("</tr>")[0]
    assert "5 High" in oldham_row and "Rising" in oldham_row
    assert "Not assessed" in boroughs_table.split("Bury")[1].split("</tr>")[0]


def test_an_ad_hoc_assessment_after_the_weekly_one_is_the_current_level(sign_in, analyst):
    week = this_week()
    assess(OLDHAM, week, 3, by=analyst, assessed_at=timezone.now() - timedelta(days=1))
    assess(OLDHAM, week, 6, by=analyst, event=event(codes=[OLDHAM]), assessed_at=timezone.now())
    html = sign_in(analyst).get(DASHBOARD).content.decode()
    assert "<title>Oldham: level 6 Critical, rising</title>" in html


def test_a_borough_partner_sees_other_boroughs_grey_without_their_levels(sign_in, analyst):
    assess(OLDHAM, this_week(), 5, by=analyst)
    assess(BOLTON, this_week(), 2, by=analyst)
    partner = staff(Role.PARTNER_OFFICER, BOLTON)
    html = sign_in(partner).get(DASHBOARD).content.decode()
    assert "<title>Oldham: Not in your areas</title>" in html
    assert "<title>Bolton: level 2 Low, rising</title>" in html
    assert "5 High" not in html.split('data-map-table="boroughs"')[1].split("</table>")[0]


def test_the_ward_map_shows_the_wards_of_the_borough_chosen(sign_in, analyst):
    oldham_ward, bolton_ward = ward_of(OLDHAM), ward_of(BOLTON)
    assess(oldham_ward.code, this_week(), 4, by=analyst)
    html = sign_in(analyst).get(DASHBOARD, {"borough": OLDHAM}).content.decode()
    wards_table = html.split('data-map-table="wards"')[1].split("</table>")[0]
    assert oldham_ward.name in wards_table and bolton_ward.name not in wards_table
    assert f"<title>{oldham_ward.name}: level 4 Elevated, rising</title>" in html
    everywhere = sign_in(analyst).get(DASHBOARD).content.decode()
    wards_table = everywhere.split('data-map-table="wards"')[1].split("</table>")[0]
    assert oldham_ward.name in wards_table and bolton_ward.name in wards_table


def test_an_unknown_borough_or_area_code_is_a_clear_error(sign_in, analyst):
    page = sign_in(analyst).get(DASHBOARD, {"borough": "E99999999", "area": "nonsense"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<title>Error:" in html
    assert "Choose a borough from the list" in html and "Choose one of your areas from the list" in html
    assert "govuk-error-summary" in html


def test_the_trend_shows_the_level_of_each_week_and_the_reports_per_week(sign_in, analyst):
    assess(OLDHAM, this_week() - timedelta(weeks=2), 2, by=analyst)
    assess(OLDHAM, this_week(), 5, by=analyst)
    report(OLDHAM)
    report(ward_of(OLDHAM).code)
    html = sign_in(analyst).get(DASHBOARD, {"area": OLDHAM}).content.decode()
    assert "Tension level in Oldham, last 26 weeks" in html
    assert "Tension reports about Oldham per week, last 26 weeks" in html
    reports_table = html.split("Tension reports about Oldham per week")[-1].split("</table>")[0]
    assert ">2</td>" in reports_table


# --- Lists -----------------------------------------------------------------------------------------


def test_the_newest_reports_are_only_those_in_the_readers_areas(sign_in):
    partner = staff(Role.PARTNER_OFFICER, BOLTON)
    mine, theirs = report(BOLTON), report(OLDHAM)
    html = sign_in(partner).get(DASHBOARD).content.decode()
    assert mine.reference in html and theirs.reference not in html


def test_overdue_actions_are_listed_and_done_or_future_ones_are_not(sign_in, analyst):
    overdue = action(OLDHAM, by=analyst, description="Remove the graffiti at the bus station")
    action(OLDHAM, by=analyst, due_in=timedelta(hours=5), description="Visit the mosque committee")
    action(
        OLDHAM,
        by=analyst,
        status=ActionStatus.DONE,
        completed_at=timezone.now(),
        completion_evidence="Removed",
        description="Clean the underpass",
    )
    html = sign_in(analyst).get(DASHBOARD).content.decode()
    section = html.split('id="overdue-actions"')[1]
    assert overdue.description in section
    assert "Visit the mosque committee" not in section and "Clean the underpass" not in section
    assert "1 overdue action" in section


def test_staff_who_do_not_follow_tension_are_refused(sign_in):
    assert sign_in(staff(Role.TRIAGE_OFFICER, BOLTON)).get(DASHBOARD).status_code == 403


# --- Bounded queries ---------------------------------------------------------------------------------


def _queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def _fill(analyst, weeks: range, reports: int):
    wards = list(Area.objects.wards().filter(parent__code=OLDHAM)[:5])
    for n in weeks:
        assess(OLDHAM, this_week() - timedelta(weeks=n), 1 + n % 6, by=analyst)
        for ward in wards:
            assess(ward.code, this_week() - timedelta(weeks=n), 1 + (n + 1) % 6, by=analyst)
    for n in range(reports):
        report(OLDHAM, wards[n % len(wards)].code, observed_at=timezone.now() - timedelta(days=n))
        action(OLDHAM, by=analyst, agency=Agency.objects.get(pk=analyst.agency_id))


def test_the_dashboard_runs_the_same_number_of_queries_however_much_data_there_is(sign_in, analyst):
    client = sign_in(analyst)
    _fill(analyst, weeks=range(0, 2), reports=2)
    path = f"{DASHBOARD}?borough={OLDHAM}&area={OLDHAM}"
    client.get(path)  # warm caches (session, projected boundaries)
    small = _queries_for(client, path)
    _fill(analyst, weeks=range(2, 14), reports=15)
    large = _queries_for(client, path)
    assert small == large
    assert large <= 31  # 30 for the dashboard, one for the navigation's count of unread notifications


# --- Demo data ---------------------------------------------------------------------------------------


def test_the_demo_data_fills_the_dashboard_and_loading_it_again_adds_nothing(sign_in):
    from commonground.core.demo import load_demo
    from commonground.tension import demo

    load_demo()
    demo.load_demo()
    demo.load_demo_records()
    counts = (
        TensionAssessment.objects.count(),
        TensionReport.objects.count(),
        ResponseAction.objects.count(),
    )
    assert all(counts)
    demo.load_demo_records()
    assert counts == (
        TensionAssessment.objects.count(),
        TensionReport.objects.count(),
        ResponseAction.objects.count(),
    )
    html = sign_in(User.objects.get(username="analyst")).get(DASHBOARD).content.decode()
    assert "<title>Oldham: level 4 Elevated" in html
    assert "[Demo] Brief ward councillors on the rumour" in html  # overdue
