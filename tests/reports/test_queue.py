"""The triage queue puts new and overdue work first: open reports only by default, overdue first,
then the newest; action taken and closed reports one click away; filters for status, team, borough
and kind, each option with how many reports it would show, counted in one grouped query per filter."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commonground.core.roles import Role
from commonground.reports import workflow
from commonground.reports.actions.follow_up import change_status
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.models import Report, Team
from tests.factories import BOLTON, OLDHAM, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return staff(Role.TRIAGE_OFFICER, BOLTON, OLDHAM)


def _report(borough: str = BOLTON, kind: str = "hate_incident") -> Report:
    return submit_report(
        actor=None, answers=ReportAnswers(kind=kind, description="Abuse at a bus stop", borough_code=borough)
    ).report


def _move(officer, report: Report, *statuses: str) -> None:
    for status in statuses:
        change_status(actor=officer, report=Report.objects.get(pk=report.pk), to_status=status, reason="Done")


def test_a_new_report_comes_before_old_work_where_action_was_taken(officer, sign_in):
    with time_machine.travel(timezone.now() - timedelta(days=40)):
        old = [_report() for _ in range(3)]
    for report in old:
        _move(officer, report, "triaged", "action_taken")
    with time_machine.travel(timezone.now() - timedelta(days=2)):
        triaged_last_week = _report()
    _move(officer, triaged_last_week, "triaged")
    new = _report()
    client = sign_in(officer)

    page = client.get("/staff/reports/").content.decode()
    assert page.index(new.reference) < page.index(triaged_last_week.reference)
    assert all(report.reference not in page for report in old)
    assert "Open (2)" in page and 'href="?show=done">Action taken or closed (3)</a>' in page

    done = client.get("/staff/reports/", {"show": "done"}).content.decode()
    assert all(report.reference in done for report in old)
    assert new.reference not in done


def test_overdue_reports_come_first_the_longest_overdue_at_the_top(officer, sign_in):
    with time_machine.travel(timezone.now() - timedelta(days=12)):
        longest_overdue = _report()
    with time_machine.travel(timezone.now() - timedelta(days=8)):
        overdue = _report()
    newest = _report()

    page = sign_in(officer).get("/staff/reports/").content.decode()

    order = [page.index(r.reference) for r in (longest_overdue, overdue, newest)]
    assert order == sorted(order)
    assert page.count(">Overdue</strong>") == 2


def test_each_filter_option_says_how_many_reports_it_would_show(officer, sign_in):
    bolton_team = Team.objects.create(name="Bolton community safety", agency=officer.agency)
    in_bolton = [_report(BOLTON) for _ in range(3)]
    for report in in_bolton[:2]:
        report.teams.add(bolton_team)
    in_oldham = _report(OLDHAM, kind="community_tension")
    _move(officer, in_oldham, "triaged")
    client = sign_in(officer)

    page = client.get("/staff/reports/").content.decode()
    assert ">Bolton (3)</option>" in page and ">Oldham (1)</option>" in page
    assert ">Received (3)</option>" in page and ">Triaged (1)</option>" in page
    assert ">Bolton community safety (2)</option>" in page
    assert ">Community tension (1)</option>" in page

    # Counts follow the other filters: in Oldham, nothing is received; Bolton's count stays.
    in_oldham_only = client.get("/staff/reports/", {"borough": in_oldham.borough_id}).content.decode()
    assert ">Received (0)</option>" in in_oldham_only and ">Triaged (1)</option>" in in_oldham_only
    assert ">Bolton (3)</option>" in in_oldham_only
    assert in_oldham.reference in in_oldham_only
    assert all(report.reference not in in_oldham_only for report in in_bolton)

    team_only = client.get("/staff/reports/", {"team": bolton_team.pk}).content.decode()
    assert [r.reference in team_only for r in in_bolton] == [True, True, False]
    assert f'<option value="{bolton_team.pk}" selected>' in team_only


def test_a_filter_that_is_not_a_number_is_refused_kindly(officer, sign_in):
    page = sign_in(officer).get("/staff/reports/", {"team": "abc"}).content.decode()
    assert "There is a problem" in page and "Enter a whole number" in page


def _queries_for_queue(client) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/staff/reports/").status_code == 200
    grouped = [q for q in captured.captured_queries if "GROUP BY" in q["sql"]]
    return len(captured.captured_queries), len(grouped)


def test_the_queue_runs_the_same_number_of_queries_with_20_or_200_reports(officer, sign_in):
    teams = [Team.objects.create(name=f"Team {n}", agency=officer.agency) for n in range(4)]
    client = sign_in(officer)

    def fill(count: int) -> None:
        for n in range(count):
            report = _report(BOLTON if n % 2 else OLDHAM)
            report.teams.add(teams[n % 4])

    fill(20)
    client.get("/staff/reports/")  # warm caches (session, content types)
    small, small_grouped = _queries_for_queue(client)
    fill(180)
    large, large_grouped = _queries_for_queue(client)

    assert Report.objects.count() == 200
    assert small == large
    # One grouped count per filter (status, kind, team, borough), not one per option.
    assert small_grouped == large_grouped == 4


def test_overdue_means_still_waiting_for_triage_after_the_triage_due_time():
    due = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    after, before = due + timedelta(minutes=1), due - timedelta(minutes=1)
    assert workflow.is_overdue(workflow.RECEIVED, due, after)
    assert not workflow.is_overdue(workflow.RECEIVED, due, before)
    assert not any(
        workflow.is_overdue(status, due, after)
        for status in workflow.OPEN + workflow.DONE
        if status != workflow.RECEIVED
    )
    assert set(workflow.OPEN) | set(workflow.DONE) == set(workflow.ALLOWED_MOVES)
