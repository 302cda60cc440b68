"""Prevent across the boroughs: the page against figures worked by hand on a small dataset, who sees
which boroughs, the programme team's targets (red, amber, green with their reason), the
disclosure-controlled export and a number of queries that does not grow with the data."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commonground.core.models import AgencyKind, Area, AuditEvent
from commonground.core.roles import Role
from commonground.insights.models import PreventTarget
from commonground.insights.quarters import Quarter
from commonground.safeguarding.models import Referral
from commonground.safeguarding.models.casework import (
    AgendaItem,
    Attendance,
    ExitReview,
    PanelDecision,
    PanelMeeting,
)
from tests.clock import FROZEN
from tests.conftest import signed_in
from tests.factories import BOLTON, BURY, GREATER_MANCHESTER, MANCHESTER, AgencyFactory, staff
from tests.insights import staff_builders as build

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]

Q2 = {"quarter": "2026-q2"}  # 1 April to 30 June 2026


@pytest.fixture
def populations():
    """Bolton 200,000, Bury 100,000 and the other eight boroughs 25,000 each: 500,000 in all."""
    Area.objects.boroughs().update(population=25_000)
    Area.objects.filter(code=BOLTON).update(population=200_000)
    Area.objects.filter(code=BURY).update(population=100_000)


@pytest.fixture
def coordinator():
    return staff(Role.SAFEGUARDING_COORDINATOR, GREATER_MANCHESTER)


@pytest.fixture
def manager():
    return staff(Role.PROGRAMME_MANAGER, GREATER_MANCHESTER)


@pytest.fixture
def bolton_analyst():
    return staff(Role.TENSION_ANALYST, BOLTON)


def _meeting(borough: str, on: date, by, *, police: bool, health: bool, health_apologies: bool = False):
    meeting = PanelMeeting.objects.create(borough=Area.objects.get(code=borough), meets_on=on, created_by=by)
    if police:
        Attendance.objects.create(meeting=meeting, agency=AgencyFactory(kind=AgencyKind.POLICE), name="PC")
    if health or health_apologies:
        Attendance.objects.create(
            meeting=meeting, agency=AgencyFactory(kind=AgencyKind.HEALTH), name="Nurse", attended=health
        )
    Attendance.objects.create(meeting=meeting, agency=AgencyFactory(kind=AgencyKind.COUNCIL), name="Chair")
    return meeting


def _decide(referral, meeting, outcome: str, on: date, by) -> None:
    item = AgendaItem.objects.create(meeting=meeting, referral=referral)
    extra = (
        {"consent_given_by": "person", "consent_given_on": on}
        if outcome == "adopt"
        else {"signposted_to": "Youth service"}
    )
    decision = PanelDecision.objects.create(
        agenda_item=item, outcome=outcome, reasons="Discussed.", decided_by=by, **extra
    )
    PanelDecision.objects.filter(pk=decision.pk).update(decided_at=build.at(on))


def _review(referral, due: date, completed: date | None) -> None:
    ExitReview.objects.create(
        referral=referral,
        months_after_exit=6,
        due_on=due,
        completed_at=build.at(completed) if completed else None,
    )


@pytest.fixture
def dataset(populations, coordinator):
    """The small dataset worked by hand in the tests below (quarter: April to June 2026)."""
    by = coordinator
    # Bolton
    r1 = build.referral(BOLTON, date(2026, 4, 1))
    build.screened(r1, date(2026, 4, 3), by)  # 2 days
    m1 = _meeting(BOLTON, date(2026, 4, 20), by, police=True, health=True)
    _decide(r1, m1, "adopt", date(2026, 5, 4), by)  # panel 17 days after screening; decided 14 days on
    build.exited(r1, date(2026, 6, 25), by)  # 52 days after adoption
    r2 = build.referral(BOLTON, date(2026, 4, 10))
    build.screened(r2, date(2026, 4, 20), by)  # 10 days: late
    m2 = _meeting(BOLTON, date(2026, 5, 11), by, police=True, health=False, health_apologies=True)
    _decide(r2, m2, "not_adopt", date(2026, 5, 11), by)  # panel 21 days after screening; decided 0 days on
    r3 = build.referral(BOLTON, date(2026, 5, 2))
    build.screened(r3, date(2026, 5, 6), by)  # 4 days
    build.referral(BOLTON, date(2026, 6, 20))  # never screened: its 7 days have passed, so late
    r5 = build.referral(BOLTON, date(2026, 3, 20))  # received the quarter before
    build.screened(r5, date(2026, 4, 2), by)  # 13 days, screened in the quarter
    r9 = build.referral(BOLTON, date(2025, 3, 1))  # long closed: only its reviews fall in the quarter
    _review(r9, date(2026, 4, 10), date(2026, 4, 8))  # on time
    ExitReview.objects.create(
        referral=r9, months_after_exit=12, due_on=date(2026, 5, 20), completed_at=build.at(date(2026, 5, 25))
    )  # late
    # Bury
    r6 = build.referral(BURY, date(2026, 4, 5))
    build.screened(r6, date(2026, 4, 7), by)  # 2 days
    r7 = build.referral(BURY, date(2026, 6, 15))
    build.screened(r7, date(2026, 6, 30), by)  # 15 days: late
    _meeting(BURY, date(2026, 6, 10), by, police=True, health=True)
    r10 = build.referral(BURY, date(2025, 3, 1))
    _review(r10, date(2026, 6, 1), None)  # never done
    # Manchester, outside a Bolton user's scope
    r8 = build.referral(MANCHESTER, date(2026, 6, 1))
    build.screened(r8, date(2026, 6, 2), by)  # 1 day
    # Outside the quarter altogether
    build.referral(BOLTON, date(2026, 7, 1))


def _page(client, **params):
    return client.get(reverse("insights:staff-prevent"), params)


def _cells(data, measure: str) -> dict[str, tuple[str, str, str | None]]:
    table = next(t for t in data.tables if t.measure.key == measure)
    return {cell.area: (cell.value, cell.detail, cell.rag) for cell in table.cells}


CA = "Greater Manchester (all boroughs)"


def test_the_figures_match_those_worked_by_hand(manager, dataset):
    response = _page(signed_in(manager), **Q2)
    assert response.status_code == 200
    data = response.context["data"]
    assert data.quarter == Quarter.starting(2026, 2)
    assert [row.name for row in data.rows][-1] == CA
    assert len(data.areas) == 10  # a combined-authority user sees every borough

    rates = _cells(data, "referral_rate")
    # Bolton: 4 referrals received in the quarter / 200,000 * 100,000 = 2.0. Garwood 95% interval
    # for a count of 4: 1.0899 to 10.2416; times 100,000 / 200,000: 0.545 to 5.121.
    assert rates["Bolton"][:2] == ("2.0 (0.5 to 5.1)", "4 referrals; 200,000 residents")
    # Bury: 2 / 100,000 = 2.0; Garwood for 2: 0.2422 to 7.2247.
    assert rates["Bury"][0] == "2.0 (0.2 to 7.2)"
    # The combined authority: 4 + 2 + 1 (Manchester) = 7 / 500,000 * 100,000 = 1.4; Garwood for 7:
    # 2.8144 to 14.4227, divided by 5: 0.563 to 2.885.
    assert rates[CA][:2] == ("1.4 (0.6 to 2.9)", "7 referrals; 500,000 residents")

    screened = _cells(data, "screened_on_time")
    # Bolton: of 4 received, 2 screened within 7 days (2 and 4 days; 10 days is late, and the one
    # never screened is past its 7 days). Wilson for 2 of 4 (z = 1.96): centre 0.5, half-width
    # 1.96 * sqrt(0.0625 + 0.060025) / 1.9604 = 0.34996, so 15.0% to 85.0%.
    assert screened["Bolton"][:2] == ("50.0% (15.0% to 85.0%)", "2 of 4")
    # Bury: 1 of 2 (2 days; 15 is late). Wilson for 1 of 2: 0.0945 to 0.9055.
    assert screened["Bury"][:2] == ("50.0% (9.5% to 90.5%)", "1 of 2")
    # All: 2 + 1 + 1 (Manchester, 1 day) = 4 of 7 = 57.1%. Wilson: denominator 1 + 3.8416/7 = 1.5488;
    # centre (0.571429 + 0.274400) / 1.5488 = 0.546119; half-width 1.96 * sqrt(0.034985 + 0.0196)
    # / 1.5488 = 0.295663; so 25.0% to 84.2%.
    assert screened[CA][:2] == ("57.1% (25.0% to 84.2%)", "4 of 7")

    adoption = _cells(data, "adoption_rate")
    # Bolton: two first decisions in the quarter (adopt, not adopt): 1 of 2, Wilson 9.5% to 90.5%.
    assert adoption["Bolton"][:2] == ("50.0% (9.5% to 90.5%)", "1 of 2")
    assert adoption["Bury"][:2] == ("\u2013", "none")
    assert adoption[CA][:2] == ("50.0% (9.5% to 90.5%)", "1 of 2")

    # Days to screening, each counted in the quarter it was screened (the March referral too):
    # Bolton 2, 10, 4, 13 → median (4 + 10) / 2 = 7; Bury 2, 15 → 8.5;
    # all 1, 2, 2, 4, 10, 13, 15 → 4.
    days = _cells(data, "days_to_screening")
    assert (days["Bolton"][:2], days["Bury"][:2], days[CA][:2]) == (("7", "4"), ("8.5", "2"), ("4", "7"))
    # Screening to panel: 17 (3 to 20 April) and 21 (20 April to 11 May) → 19.
    assert _cells(data, "days_to_panel")["Bolton"][:2] == ("19", "2")
    # Panel to decision: 14 (20 April to 4 May) and 0 (11 May) → 7.
    assert _cells(data, "days_to_decision")[CA][:2] == ("7", "2")
    # Adoption to exit: 4 May to 25 June = 27 + 25 = 52.
    assert _cells(data, "days_adoption_to_exit")["Bolton"][:2] == ("52", "1")

    reviews = _cells(data, "reviews_on_time")
    # Bolton: due 10 April done 8 April (on time), due 20 May done 25 May (late): 1 of 2.
    assert reviews["Bolton"][:2] == ("50.0% (9.5% to 90.5%)", "1 of 2")
    # Bury: due 1 June, never done: 0 of 1, Wilson 0 to 0.7935.
    assert reviews["Bury"][:2] == ("0.0% (0.0% to 79.3%)", "0 of 1")
    # All: 1 of 3. Wilson: denominator 1 + 3.8416/3 = 2.280533; centre (0.333333 + 0.640267) /
    # 2.280533 = 0.426918; half-width 1.96 * sqrt(0.074074 + 0.106711) / 2.280533 = 0.365428.
    assert reviews[CA][:2] == ("33.3% (6.1% to 79.2%)", "1 of 3")

    panels = _cells(data, "panels_with_police_and_health")
    # Bolton: 20 April with both; 11 May with police, health sent apologies: 1 of 2.
    assert panels["Bolton"][:2] == ("50.0% (9.5% to 90.5%)", "1 of 2")
    # Bury: 1 of 1, Wilson 0.2065 to 1.
    assert panels["Bury"][:2] == ("100.0% (20.7% to 100.0%)", "1 of 1")
    # All: 2 of 3, centre (0.666667 + 0.640267) / 2.280533 = 0.573082, half-width 0.365428.
    assert panels[CA][:2] == ("66.7% (20.8% to 93.9%)", "2 of 3")

    content = response.content.decode()
    assert "<svg" in content and "Referrals per 100,000 residents, April to June 2026" in content


def test_without_a_choice_the_page_shows_the_last_complete_quarter(manager):
    data = _page(signed_in(manager)).context["data"]
    assert data.quarter == Quarter.containing(timezone.localdate()).previous()


def test_a_quarter_not_offered_is_refused_kindly(manager):
    response = _page(signed_in(manager), quarter="1999-q1")
    assert response.context["data"] is None
    assert "Choose one of the quarters listed" in response.content.decode()


def test_a_borough_user_sees_their_borough_and_the_combined_authority_only(bolton_analyst, dataset):
    response = _page(signed_in(bolton_analyst), **Q2)
    data = response.context["data"]
    assert [row.name for row in data.rows] == ["Bolton", CA]
    # The whole combined authority is still the comparison: 7 referrals, not Bolton's 4.
    assert _cells(data, "referral_rate")[CA][1] == "7 referrals; 500,000 residents"
    content = response.content.decode()
    assert ">Bury<" not in content and ">Manchester<" not in content
    assert "Sam" not in content and "Taylor" not in content  # no person, only aggregates


def test_a_user_with_no_borough_is_told_so(dataset):
    response = _page(signed_in(staff(Role.DATA_PROTECTION_OFFICER)), **Q2)
    assert response.status_code == 200
    assert response.context["data"].is_empty
    assert "No borough in your area" in response.content.decode()


def test_other_staff_are_refused(dataset):
    triage = signed_in(staff(Role.TRIAGE_OFFICER, GREATER_MANCHESTER))
    assert _page(triage, **Q2).status_code == 403
    assert triage.get(reverse("insights:staff-prevent-csv"), Q2).status_code == 403
    analyst = signed_in(staff(Role.TENSION_ANALYST, GREATER_MANCHESTER))
    assert analyst.get(reverse("insights:staff-prevent-targets")).status_code == 403
    assert analyst.post(reverse("insights:staff-prevent-targets"), {}).status_code == 403
    assert not PreventTarget.objects.exists()


def _set_target(client, **fields):
    return client.post(reverse("insights:staff-prevent-targets"), fields)


def test_targets_colour_each_cell_with_their_reason_and_keep_their_history(manager, dataset):
    client = signed_in(manager)
    first = {"measure": "screened_on_time", "direction": "higher", "green": "90", "amber": "75"}
    response = _set_target(client, **first, reason="A first guess.")
    assert response.status_code == 302
    response = _set_target(
        client,
        **{**first, "green": "55", "amber": "50"},
        reason="Coordinators agreed that most referrals can be screened within a week.",
    )
    assert response.status_code == 302
    _set_target(
        client,
        measure="days_to_screening",
        direction="lower",
        green="5",
        amber="7",
        reason="The screening target is 7 days.",
    )
    assert PreventTarget.objects.count() == 3
    assert AuditEvent.objects.filter(object_type="insights.preventtarget", action="create").count() == 3

    page = _page(client, **Q2)
    data = page.context["data"]
    screened = _cells(data, "screened_on_time")
    # Higher is better, green at 55, amber at 50: Bolton and Bury 50.0 → amber; all 57.1 → green.
    assert (screened["Bolton"][2], screened["Bury"][2], screened[CA][2]) == ("amber", "amber", "green")
    days = _cells(data, "days_to_screening")
    # Lower is better, green at 5, amber at 7: Bolton 7 → amber; Bury 8.5 → red; all 4 → green.
    assert (days["Bolton"][2], days["Bury"][2], days[CA][2]) == ("amber", "red", "green")
    # A measure with no figure has no status.
    assert _cells(data, "adoption_rate")["Bury"][2] is None
    content = page.content.decode()
    assert "Coordinators agreed that most referrals can be screened within a week." in content
    assert "A first guess." not in content  # replaced, but kept in the history
    assert ">Amber<" in content and ">Red<" in content and ">Green<" in content  # words, not colour alone

    history = client.get(reverse("insights:staff-prevent-targets")).content.decode()
    assert "A first guess." in history and "Coordinators agreed" in history


def test_a_target_the_wrong_way_round_is_refused_with_a_clear_message(manager):
    response = _set_target(
        signed_in(manager),
        measure="reviews_on_time",
        direction="higher",
        green="60",
        amber="80",
        reason="Reviews matter.",
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "When higher is better, the amber threshold must be at or below the green one" in content
    assert "Reviews matter." in content  # what was typed is kept
    assert not PreventTarget.objects.exists()


def _csv(client, **params) -> list[list[str]]:
    import csv

    response = client.get(reverse("insights:staff-prevent-csv"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(response.content.decode().splitlines()))


def test_the_export_suppresses_small_counts(manager, dataset):
    rows = _csv(signed_in(manager), **Q2)
    by_area = {row[0]: row for row in rows[3:]}
    # Seven referrals in all, fewer than the 30 a Prevent table needs: every count is withheld,
    # and so is every rate worked out from them.
    assert by_area["Bolton"][1:6] == ["[c]", "200000", "[c]", "[c]", "[c]"]
    assert by_area[CA][1] == "[c]"
    # Shares over fewer than 50 are withheld, however they came out.
    assert set(by_area["Bolton"][6:]) == {"[c]"}


def test_the_export_suppresses_a_small_borough_count_beside_large_ones(manager, populations):
    for _ in range(40):
        build.referral(BOLTON, date(2026, 4, 15))
    for _ in range(3):
        build.referral(BURY, date(2026, 4, 15))
    by_area = {row[0]: row for row in _csv(signed_in(manager), **Q2)[3:]}
    # Bury's 3 is a small count: suppressed; Bolton's 40 then goes too, or Bury's would be the
    # total less Bolton's. The total, 43, rounds to 45.
    assert by_area["Bury"][1] == "[c]"
    assert by_area["Bolton"][1] == "[c]"
    assert by_area[CA][1] == "45"
    # The rate from the rounded total: 45 / 500,000 * 100,000 = 9.0.
    assert by_area[CA][3] == "9.0"
    assert "43" not in [row[1] for row in by_area.values()]


def test_a_borough_users_export_sets_their_borough_beside_the_others_together(bolton_analyst, dataset):
    areas = [row[0] for row in _csv(signed_in(bolton_analyst), **Q2)[3:]]
    assert areas == ["Bolton", "Other boroughs together", CA]


def _referrals_through_every_stage(count: int, by) -> None:
    meeting = _meeting(BOLTON, date(2026, 5, 1), by, police=True, health=True)
    for n in range(count):
        borough = BOLTON if n % 2 else BURY
        made = build.referral(borough, date(2026, 4, 1 + n % 28))
        build.screened(made, date(2026, 4, 2 + n % 28), by)
        _decide(made, meeting, "adopt" if n % 3 else "not_adopt", date(2026, 5, 1), by)
        if n % 3:
            build.exited(made, date(2026, 6, 1), by)
        _review(made, date(2026, 6, 15), date(2026, 6, 10) if n % 2 else None)


def test_the_number_of_queries_does_not_grow_with_the_referrals(manager, coordinator, populations):
    client = signed_in(manager)
    _page(client, **Q2)  # warm up: the first request of a session reads more
    _referrals_through_every_stage(10, coordinator)
    with CaptureQueriesContext(connection) as ten:
        assert _page(client, **Q2).status_code == 200
    _referrals_through_every_stage(90, coordinator)
    with CaptureQueriesContext(connection) as hundred:
        response = _page(client, **Q2)
    assert _cells(response.context["data"], "referral_rate")[CA][1].startswith("100 referrals")
    assert len(ten) == len(hundred)
    assert Referral.objects.count() == 100
