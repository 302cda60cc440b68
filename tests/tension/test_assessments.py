"""Tension assessments: recording one per area and week (or trigger event), never twice; amending
with a reason, every version kept, and a clear conflict when two analysts amend at once; the
assessment screen with its evidence, and its bounded queries."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commonground.core.models import Area, AuditEvent
from commonground.core.roles import Role
from commonground.tension.actions.assessments import (
    AlreadyAssessed,
    ConflictError,
    amend_assessment,
    record_assessment,
)
from commonground.tension.models import AssessmentRevision, TensionAssessment, TensionLevel, TriggerEvent
from commonground.tension.queries.evidence import evidence_for
from tests.clock import A_SUNDAY, A_WEDNESDAY, FROZEN
from tests.factories import BOLTON, OLDHAM, staff
from tests.tension.assessment_builders import (
    action_in,
    analyst,
    assessment_in,
    details,
    hate_incident,
    tension_report,
    this_week,
)

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]

NEW = "/staff/tension/assessments/new/"


def _oldham():
    return Area.objects.get(code=OLDHAM)


def _event(*codes, starts_on=None):
    event = TriggerEvent.objects.create(
        title="March through the town centre",
        kind="march",
        reach="local",
        starts_on=starts_on or this_week(),
        expected_impact="high",
    )
    event.areas.set(Area.objects.filter(code__in=codes))
    return event


def _form(**changes):
    data = {
        "area": OLDHAM,
        "week": timezone.localdate().strftime("%d/%m/%Y"),
        "kind": "weekly",
        "level": "5",
        "direction": "rising",
        "confidence": "high",
        "rationale": "Graffiti at two mosques and a march planned for Saturday.",
        "indicators": ["hate_incidents", "trigger_events"],
        "recommended_actions": "Remove the graffiti within 24 hours.",
    }
    data.update(changes)
    return data


# --- Recording ------------------------------------------------------------------------------------


def test_an_analyst_records_a_weekly_assessment_with_its_first_version_kept_and_audited():
    by = analyst(OLDHAM)
    assessment = record_assessment(
        actor=by, area=_oldham(), week_starting_on=this_week(), kind="weekly", details=details(3)
    )
    assert assessment.revision == 1
    assert assessment.level.rank == 3
    revision = AssessmentRevision.objects.get(assessment=assessment)
    assert (revision.revision, revision.level.rank, revision.amendment_reason) == (1, 3, "")
    event = AuditEvent.objects.get(object_type="tension.tensionassessment", action="create")
    assert event.actor_id == by.pk and event.changes["area"] == OLDHAM


def test_a_week_already_assessed_is_not_assessed_twice():
    first = assessment_in(OLDHAM, 2)
    with pytest.raises(AlreadyAssessed, match="This week has already been assessed") as raised:
        assessment_in(OLDHAM, 4)
    assert raised.value.existing == first
    assert TensionAssessment.objects.count() == 1


def test_an_ad_hoc_assessment_needs_a_trigger_event_and_is_made_once_per_event():
    by = analyst(OLDHAM)
    with pytest.raises(ValidationError) as refused:
        record_assessment(
            actor=by, area=_oldham(), week_starting_on=this_week(), kind="ad_hoc", details=details()
        )
    assert "trigger_event" in refused.value.message_dict
    event = _event(OLDHAM)
    record_assessment(
        actor=by,
        area=_oldham(),
        week_starting_on=this_week(),
        kind="ad_hoc",
        trigger_event=event,
        details=details(),
    )
    with pytest.raises(AlreadyAssessed):
        record_assessment(
            actor=by,
            area=_oldham(),
            week_starting_on=this_week(),
            kind="ad_hoc",
            trigger_event=event,
            details=details(4),
        )
    # The weekly assessment of the same week is a different period.
    assessment_in(OLDHAM, 2, by=by)
    assert TensionAssessment.objects.count() == 2


def test_a_week_that_has_not_started_cannot_be_assessed():
    with pytest.raises(ValidationError, match="You cannot assess a week that has not started"):
        assessment_in(OLDHAM, week=this_week() + timedelta(days=7))
    assert not TensionAssessment.objects.exists()


def test_a_level_no_longer_on_the_scale_is_refused():
    retired = TensionLevel.objects.create(rank=9, name="Retired", is_active=False)
    with pytest.raises(ValidationError) as refused:
        record_assessment(
            actor=analyst(OLDHAM),
            area=_oldham(),
            week_starting_on=this_week(),
            kind="weekly",
            details=details(level=retired),
        )
    assert refused.value.message_dict["level"] == ["Select a level on the tension scale"]


def test_an_analyst_cannot_assess_an_area_outside_their_scope_and_a_partner_cannot_assess_at_all():
    with pytest.raises(ValidationError):
        assessment_in(OLDHAM, by=analyst(BOLTON))
    with pytest.raises(PermissionDenied):
        assessment_in(OLDHAM, by=staff(Role.PARTNER_OFFICER, OLDHAM))
    assert not TensionAssessment.objects.exists()


# --- Amending -------------------------------------------------------------------------------------


def test_amending_needs_a_reason_bumps_the_revision_and_keeps_every_version():
    by = analyst(OLDHAM)
    assessment = assessment_in(OLDHAM, 2, by=by)
    with pytest.raises(ValidationError):
        amend_assessment(actor=by, assessment=assessment, expected_revision=1, details=details(3), reason=" ")
    amended = amend_assessment(
        actor=by,
        assessment=assessment,
        expected_revision=1,
        details=details(3),
        reason="New police intelligence",
    )
    assert (amended.revision, amended.level.rank) == (2, 3)
    versions = list(AssessmentRevision.objects.filter(assessment=assessment).order_by("revision"))
    assert [(v.revision, v.level.rank, v.amendment_reason) for v in versions] == [
        (1, 2, ""),
        (2, 3, "New police intelligence"),
    ]
    event = AuditEvent.objects.get(object_type="tension.tensionassessment", action="update")
    assert event.changes["level"] == [2, 3] and event.reason == "New police intelligence"


def test_two_analysts_amending_at_once_get_a_conflict_not_a_lost_update():
    first, second = analyst(OLDHAM), analyst(OLDHAM)
    assessment = assessment_in(OLDHAM, 2, by=first)
    amend_assessment(
        actor=first, assessment=assessment, expected_revision=1, details=details(3), reason="First"
    )
    with pytest.raises(ConflictError) as conflict:
        amend_assessment(
            actor=second, assessment=assessment, expected_revision=1, details=details(5), reason="Second"
        )
    assert conflict.value.current_revision == 2
    assessment.refresh_from_db()
    assert (assessment.revision, assessment.level.rank) == (2, 3)
    assert AssessmentRevision.objects.filter(assessment=assessment).count() == 2


# --- Pages ----------------------------------------------------------------------------------------


def test_an_analyst_records_an_assessment_through_the_form_and_sees_it_with_its_history(sign_in):
    client = sign_in(analyst(OLDHAM))
    response = client.post(NEW, _form())
    assessment = TensionAssessment.objects.get()
    assert response.status_code == 302 and response.url == f"/staff/tension/assessments/{assessment.pk}/"
    assert assessment.week_starting_on == this_week()
    assert assessment.indicators == ["hate_incidents", "trigger_events"]
    page = client.get(response.url).content.decode()
    assert "Oldham" in page and "First version" in page and "Racially or religiously motivated" in page


# Mid-week the Sunday typed is last week's; on a Sunday it is today.
@pytest.mark.parametrize("today", [A_WEDNESDAY, A_SUNDAY], ids=["mid-week", "on-a-sunday"])
def test_any_day_typed_becomes_its_monday_and_is_shown_back(sign_in, time_machine, today):
    time_machine.move_to(today)
    client = sign_in(analyst(OLDHAM))
    sunday = this_week() + timedelta(days=6)
    if sunday > timezone.localdate():
        sunday = this_week() - timedelta(days=1)
    response = client.post(NEW, _form(week=sunday.strftime("%d/%m/%Y"), rationale=""))
    page = response.content.decode()
    monday = sunday - timedelta(days=sunday.weekday())
    assert f'value="{monday:%d/%m/%Y}"' in page
    assert "Assessing the week starting Monday" in page


def test_a_second_assessment_of_the_week_is_refused_with_a_link_to_amend_the_first(sign_in):
    by = analyst(OLDHAM)
    existing = assessment_in(OLDHAM, 2, by=by)
    response = sign_in(by).post(NEW, _form())
    page = response.content.decode()
    assert response.status_code == 200
    assert "This week has already been assessed" in page
    assert f"/staff/tension/assessments/{existing.pk}/amend/" in page
    assert "<title>Error:" in page
    assert "Graffiti at two mosques" in page  # nothing typed is lost
    assert TensionAssessment.objects.count() == 1


def test_opening_the_screen_for_a_week_already_assessed_says_so_before_anything_is_typed(sign_in):
    existing = assessment_in(OLDHAM, 2)
    page = sign_in(analyst(OLDHAM)).get(f"{NEW}?area={OLDHAM}").content.decode()
    assert "Evidence: Oldham" in page and "Previous assessments" in page
    assert "This week has already been assessed" in page
    assert f"/staff/tension/assessments/{existing.pk}/amend/" in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?area=E99999999", "There is no borough or ward with the code E99999999 in your areas"),
        (f"?area={BOLTON}", f"There is no borough or ward with the code {BOLTON} in your areas"),
        (f"?area={OLDHAM}&week=31/12/2099", "You cannot assess a week that has not started"),
        (f"?area={OLDHAM}&week=yesterday", "Enter the date as day/month/year"),
    ],
)
def test_a_bad_area_or_week_in_the_address_is_a_clear_error(sign_in, query, message):
    response = sign_in(analyst(OLDHAM)).get(NEW + query)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "<title>Error:" in page and "govuk-error-summary" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"week": "31/12/2099"}, "week", "You cannot assess a week that has not started"),
        ({"level": "9"}, "level", "Select a level on the tension scale"),
        ({"area": "E99999999"}, "area", "Select a borough or ward in your areas"),
        ({"rationale": ""}, "rationale", "Explain the reasons for this assessment"),
        ({"kind": "ad_hoc"}, "trigger_event", "Select the trigger event this assessment follows"),
    ],
)
def test_bad_answers_are_refused_with_the_field_named_and_nothing_typed_lost(
    sign_in, changes, field, message
):
    response = sign_in(analyst(OLDHAM)).post(NEW, _form(**changes))
    page = response.content.decode()
    assert message in page and f'href="#id_{field}' in page
    assert "Remove the graffiti within 24 hours." in page
    assert not TensionAssessment.objects.exists()


def test_a_partner_officer_may_read_assessments_but_not_record_one(sign_in):
    assessment = assessment_in(OLDHAM, 2)
    client = sign_in(staff(Role.PARTNER_OFFICER, OLDHAM))
    assert client.get(f"/staff/tension/assessments/{assessment.pk}/").status_code == 200
    assert client.post(NEW, _form()).status_code == 403
    assert client.get(f"/staff/tension/assessments/{assessment.pk}/amend/").status_code == 403


def test_another_boroughs_assessment_is_not_found(sign_in):
    assessment = assessment_in(OLDHAM, 2)
    assert sign_in(analyst(BOLTON)).get(f"/staff/tension/assessments/{assessment.pk}/").status_code == 404


def test_an_amendment_through_the_form_shows_in_the_history(sign_in):
    by = analyst(OLDHAM)
    assessment = assessment_in(OLDHAM, 2, by=by)
    client = sign_in(by)
    data = _form(level="4", revision="1", reason="Leaflets found overnight")
    response = client.post(f"/staff/tension/assessments/{assessment.pk}/amend/", data)
    assert response.status_code == 302
    page = client.get(f"/staff/tension/assessments/{assessment.pk}/").content.decode()
    assert "Leaflets found overnight" in page and "First version" in page and "revision 2" in page


def test_a_stale_amendment_says_someone_else_amended_it_and_keeps_what_was_typed(sign_in):
    first, second = analyst(OLDHAM), analyst(OLDHAM)
    assessment = assessment_in(OLDHAM, 2, by=first)
    amend_assessment(
        actor=first, assessment=assessment, expected_revision=1, details=details(3), reason="First"
    )
    data = _form(level="5", revision="1", reason="My reason", rationale="My own rationale")
    response = sign_in(second).post(f"/staff/tension/assessments/{assessment.pk}/amend/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else amended this assessment while you were editing it" in page
    assert "My own rationale" in page and 'name="revision" value="2"' in page
    assessment.refresh_from_db()
    assert assessment.level.rank == 3


def test_an_amendment_without_a_reason_is_refused(sign_in):
    by = analyst(OLDHAM)
    assessment = assessment_in(OLDHAM, 2, by=by)
    response = sign_in(by).post(f"/staff/tension/assessments/{assessment.pk}/amend/", _form(revision="1"))
    assert "Explain why you are amending this assessment" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.revision == 1


# --- Evidence -------------------------------------------------------------------------------------


def test_the_evidence_sets_the_week_against_the_mean_of_the_twelve_weeks_before():
    by = analyst(OLDHAM)
    week = this_week()
    now = timezone.now()
    ward = Area.objects.filter(parent=_oldham()).first()
    tension_report(OLDHAM, observed_at=now - timedelta(minutes=5) if now.date() >= week else now)
    tension_report(
        ward.code,
        observed_at=timezone.make_aware(timezone.datetime.combine(week, timezone.datetime.min.time()))
        + timedelta(hours=1),
    )
    for weeks_ago in (1, 5, 12):
        tension_report(OLDHAM, observed_at=now - timedelta(weeks=weeks_ago))
    tension_report(OLDHAM, observed_at=now - timedelta(weeks=13))  # before the baseline
    tension_report(BOLTON)  # another borough
    hate_incident(OLDHAM)
    hate_incident(OLDHAM, submitted_at=now - timedelta(weeks=2))
    action_in(OLDHAM, by=by)
    _event(OLDHAM)
    assessment_in(OLDHAM, 3, week=week - timedelta(weeks=1), by=by)
    from commonground.core.access import scope_for

    evidence = evidence_for(scope_for(by), _oldham(), week)
    assert evidence.reports.this_week == 2
    assert sum(count for _, count in evidence.reports.previous_weeks) == 3
    assert evidence.reports.baseline_mean == pytest.approx(0.25)
    assert evidence.hate_incidents.this_week == 1
    assert evidence.combined.this_week == 3
    assert evidence.open_action_count == 1
    assert [event.title for event in evidence.trigger_events] == ["March through the town centre"]
    assert [a.level.rank for a in evidence.previous_assessments] == [3]


def _queries_for(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured.captured_queries)


def _data(by, count: int, *, from_week: int = 1):
    now = timezone.now()
    for number in range(count):
        tension_report(OLDHAM, observed_at=now - timedelta(days=number % 80, minutes=number))
        hate_incident(OLDHAM, submitted_at=now - timedelta(days=number % 80))
        action_in(OLDHAM, by=by)
        _event(OLDHAM, starts_on=this_week() - timedelta(days=number % 3))
    for weeks_ago in range(from_week, from_week + count):
        assessment_in(OLDHAM, 2, week=this_week() - timedelta(weeks=weeks_ago), by=by)


def test_the_assessment_screen_runs_the_same_number_of_queries_whatever_the_data_holds(sign_in):
    by = analyst(OLDHAM)
    client = sign_in(by)
    path = f"{NEW}?area={OLDHAM}"
    _data(by, 2)
    client.get(path)  # warm caches (sessions, content types)
    few = _queries_for(client, path)
    _data(by, 14, from_week=3)
    assert _queries_for(client, path) == few
