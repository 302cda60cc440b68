"""Training coverage against a small dataset worked by hand; a lead sees names, a programme
follower counts only; the number of queries does not grow with people or attendances."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commonground.core.access import scope_for
from commonground.core.models import AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.programme.models import Attendance, AttendanceStatus
from commonground.programme.queries.training_coverage import last_day_not_current, training_coverage
from tests.conftest import signed_in
from tests.factories import AgencyFactory, UserFactory
from tests.programme.training_helpers import (
    BOLTON,
    OLDHAM,
    agency_with_lead,
    completed,
    front_line,
    session_on,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 1)


def _dataset():
    agency_a, lead_a = agency_with_lead(BOLTON, name="Agency A")
    agency_b, lead_b = agency_with_lead(OLDHAM, name="Agency B")
    people = {}
    for name in ("a1", "a2", "a3", "a4", "a5", "a6"):
        people[name] = UserFactory(agency=agency_a, first_name="Anna", last_name=f"Person{name.upper()}")
    for name in ("b1", "b2"):
        people[name] = UserFactory(agency=agency_b, first_name="Ben", last_name=f"Person{name.upper()}")
    front_line(*(people[n] for n in ("a1", "a2", "a3", "a4", "a5", "b1", "b2")), by=lead_a)

    def done(name, day):
        completed(people[name], session_on(day, agency=agency_a, by=lead_a), by=lead_a)

    done("a1", date(2025, 1, 10))
    done("a2", date(2024, 6, 15))
    done("a3", date(2023, 3, 1))
    done("a4", date(2023, 1, 1))
    done("a4", date(2025, 5, 1))
    done("a6", date(2025, 1, 10))
    done("b1", date(2024, 6, 1))
    Attendance.objects.create(
        session=session_on(date(2026, 5, 1), agency=agency_b, by=lead_b),
        person=people["b2"],
        status=AttendanceStatus.ATTENDED,
        recorded_by=lead_b,
    )
    return lead_a, people


def _prevent(coverage):
    return next(c for c in coverage.courses if c.course.key == "prevent-awareness")


def test_coverage_per_agency_and_borough_matches_the_hand_calculation():
    """Prevent awareness has a 24-month refresher; on 1 June 2026 a completion is current if it was
    after 1 June 2024 (due on the day counts as overdue), due soon if after 1 June 2024 and on or
    before 1 July 2024 (due within 30 days).

    Agency A (serves Bolton), front-line a1..a5 (a6 is not front-line, so not counted):
      a1 2025-01-10 current; a2 2024-06-15 current, due 15 June 2026 (soon); a3 2023-03-01 overdue;
      a4 2023-01-01 then 2025-05-01: the latest counts, current; a5 nothing.
      staff 5, completed 4, current 3 (60%), due soon 1, overdue 1.
    Agency B (serves Oldham), front-line b1, b2:
      b1 2024-06-01: due 1 June 2026, today, so overdue; b2 attended, not completed.
      staff 2, completed 1, current 0 (0%), due soon 0, overdue 1.
    By borough: Bolton is agency A's figures, Oldham agency B's.
    Chart: both agencies together, 3 current of 7 = 42.9%."""
    _dataset()
    follower = UserFactory(agency=AgencyFactory(serves=[BOLTON, OLDHAM]), roles=[Role.PROGRAMME_MANAGER])
    coverage = training_coverage(scope_for(follower), today=TODAY)
    prevent = _prevent(coverage)
    figures = {r.label: (r.staff, r.trained, r.current, r.due_soon, r.overdue) for r in prevent.by_agency}
    assert figures == {"Agency A": (5, 4, 3, 1, 1), "Agency B": (2, 1, 0, 0, 1)}
    assert [r.current_percent for r in prevent.by_agency] == [60, 0]
    boroughs = {r.label: (r.staff, r.trained, r.current, r.due_soon, r.overdue) for r in prevent.by_borough}
    assert boroughs == {"Bolton": (5, 4, 3, 1, 1), "Oldham": (2, 1, 0, 0, 1)}
    assert ("Prevent awareness", "42.9%") in [row[:2] for row in coverage.chart.table.rows]
    assert coverage.people_due == [] and not coverage.with_names  # counts only


def test_the_lead_sees_their_agency_with_the_names_of_people_due_audited():
    lead_a, people = _dataset()
    coverage = training_coverage(scope_for(lead_a), today=TODAY)
    assert [r.label for r in _prevent(coverage).by_agency] == ["Agency A"]
    due = [(p.name, p.due_on, p.overdue) for p in coverage.people_due]
    assert due == [("Anna PersonA3", date(2025, 3, 1), True), ("Anna PersonA2", date(2026, 6, 15), False)]
    event = AuditEvent.objects.get(action=AuditAction.VIEW, actor=lead_a)
    assert set(event.changes["shown"]) == {f"core.user:{people['a2'].pk}", f"core.user:{people['a3'].pk}"}


def test_the_page_names_people_for_the_lead_and_never_for_a_follower():
    lead_a, _ = _dataset()
    lead_page = signed_in(lead_a).get("/staff/programme/training/coverage/").content.decode()
    assert "Due or overdue a refresher" in lead_page and "PersonA3" in lead_page
    follower = UserFactory(agency=AgencyFactory(serves=[BOLTON]), roles=[Role.BOROUGH_PROGRAMME_LEAD])
    follower_page = signed_in(follower).get("/staff/programme/training/coverage/").content.decode()
    assert "Agency A" in follower_page and "<svg" in follower_page
    assert "Person" not in follower_page  # no name of anyone
    assert "Agency B" not in follower_page  # Oldham is not in the follower's areas
    other = UserFactory(agency=AgencyFactory(serves=[BOLTON]), roles=[Role.PARTNER_OFFICER])
    assert signed_in(other).get("/staff/programme/training/coverage/").status_code == 403


def test_the_query_count_does_not_grow_with_people_or_attendances():
    lead_a, people = _dataset()
    scope = scope_for(lead_a)
    training_coverage(scope, today=TODAY)  # scope and caches warmed
    with CaptureQueriesContext(connection) as small:
        training_coverage(scope, today=TODAY)
    agency = people["a1"].agency
    more = [UserFactory(agency=agency) for _ in range(15)]
    front_line(*more, by=lead_a)
    session = session_on(date(2024, 6, 20), agency=agency, by=lead_a, key="channel-awareness")
    for person in more:
        completed(person, session, by=lead_a)
    with CaptureQueriesContext(connection) as large:
        training_coverage(scope, today=TODAY)
    assert len(large) == len(small)


def test_the_cut_off_day_agrees_with_the_rules_at_month_ends():
    from commonground.programme.training_rules import is_current

    for today in (date(2026, 2, 28), date(2026, 3, 31), date(2024, 2, 29), date(2026, 6, 1)):
        for months in (1, 12, 24, 36):
            cut_off = last_day_not_current(months, today)
            assert not is_current(cut_off, months, today)
            assert is_current(date.fromordinal(cut_off.toordinal() + 1), months, today)
