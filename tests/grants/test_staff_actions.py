"""The grants staff actions: each rule and each refusal, the audit row written in the same
transaction, nothing changed when refused, and the notices and emails sent on commit."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from commonground.core.models import Area, AuditEvent, Notification, NotificationKind
from commonground.core.roles import Role
from commonground.grants.actions import assessment, decisions, messages_staff, payments, rounds
from commonground.grants.models import (
    ApplicationMessage,
    ApplicationStatus,
    Assessment,
    GrantRound,
    MonitoringReport,
    PanelDecision,
    Payment,
)
from commonground.grants.queries.staff_rounds import round_money
from commonground.grants.tasks import overdue_monitoring_sweep
from tests.factories import BOLTON, staff
from tests.grants.factories import (
    GrantRoundFactory,
    a_panel_member,
    an_application,
    an_assessor,
    awarded,
    being_assessed,
    grants_officer,
)

pytestmark = pytest.mark.django_db


def round_details(**changes):
    values = {
        "name": "Spring 2026",
        "slug": "spring-2026",
        "summary": "Events that bring neighbours together.",
        "budget": Decimal("20000"),
        "maximum_award": Decimal("2500"),
        "opens_on": date(2026, 3, 1),
        "closes_on": date(2026, 4, 30),
        "boroughs": [Area.objects.get(code=BOLTON)],
        "participation_categories": ["Young people", " ", "Young people", "Faith groups"],
    }
    return rounds.RoundDetails(**{**values, **changes})


def audit_rows(object_type: str, action: str = "create"):
    return AuditEvent.objects.filter(object_type=object_type, action=action)


# --- Rounds ------------------------------------------------------------------------------------------


def test_an_officer_creates_a_round_and_it_is_audited():
    officer = grants_officer()
    created = rounds.create_round(actor=officer, details=round_details())
    assert created.participation_categories == ["Young people", "Faith groups"]
    assert list(created.boroughs.values_list("code", flat=True)) == [BOLTON]
    event = audit_rows("grants.grantround").get()
    assert event.actor == officer and event.changes["name"] == "Spring 2026"


def test_only_a_grants_officer_creates_a_round():
    for role in (Role.GRANT_ASSESSOR, Role.PROGRAMME_MANAGER, Role.PARTNER_OFFICER):
        with pytest.raises(PermissionDenied):
            rounds.create_round(actor=staff(role, BOLTON), details=round_details())
    assert not GrantRound.objects.exists()
    assert not audit_rows("grants.grantround").exists()


def test_a_round_with_a_maximum_above_its_budget_or_closing_before_it_opens_is_refused():
    with pytest.raises(ValidationError) as refused:
        rounds.create_round(
            actor=grants_officer(),
            details=round_details(maximum_award=Decimal("30000"), closes_on=date(2026, 2, 1)),
        )
    assert refused.value.message_dict == {
        "maximum_award": ["The maximum award cannot be more than the round's budget"],
        "closes_on": ["The closing date must be on or after the opening date"],
    }
    assert not GrantRound.objects.exists()


def test_editing_a_round_records_what_changed_and_keeps_the_budget_above_what_is_awarded():
    officer = grants_officer()
    application = awarded(Decimal("1500"))
    grant_round = application.grant_round
    details = round_details(slug=grant_round.slug, budget=Decimal("12000"), maximum_award=Decimal("2000"))
    rounds.edit_round(actor=officer, grant_round=grant_round, details=details)
    grant_round.refresh_from_db()
    assert grant_round.budget == Decimal("12000") and grant_round.name == "Spring 2026"
    event = audit_rows("grants.grantround", "update").get()
    assert event.changes["budget"] == ["10000.00", "12000"]
    with pytest.raises(ValidationError) as refused:
        rounds.edit_round(
            actor=officer,
            grant_round=grant_round,
            details=round_details(
                slug=grant_round.slug, budget=Decimal("1000"), maximum_award=Decimal("500")
            ),
        )
    assert refused.value.message_dict == {
        "budget": ["The budget cannot be less than the £1,500.00 already awarded"]
    }


def test_criteria_weigh_1_to_10_and_are_audited():
    officer = grants_officer()
    grant_round = GrantRoundFactory(with_criteria=False)
    with pytest.raises(ValidationError) as refused:
        rounds.add_criterion(actor=officer, grant_round=grant_round, title="Reach", weight=11)
    assert refused.value.message_dict == {"weight": ["Enter a weight from 1 to 10"]}
    criterion = rounds.add_criterion(actor=officer, grant_round=grant_round, title="Reach", weight=4)
    question = rounds.add_question(actor=officer, grant_round=grant_round, text="Who will come?")
    assert (criterion.weight, criterion.position, question.position) == (4, 1, 1)
    assert audit_rows("grants.criterion").count() == 1 and audit_rows("grants.roundquestion").count() == 1


# --- Checking --------------------------------------------------------------------------------------------


def test_a_possible_duplicate_is_checked_by_a_person_with_a_note_and_never_refused():
    officer = grants_officer()
    original = an_application()
    flagged = an_application(grant_round=original.grant_round, possible_duplicate_of=original)
    with pytest.raises(ValidationError):
        assessment.record_duplicate_check(actor=officer, application=flagged, is_duplicate=True, note=" ")
    checked = assessment.record_duplicate_check(
        actor=officer, application=flagged, is_duplicate=True, note="Same event, sent twice by mistake"
    )
    assert checked.duplicate_check == "duplicate" and checked.duplicate_checked_by == officer
    assert checked.status == ApplicationStatus.SUBMITTED  # still the panel's to decide
    event = audit_rows("grants.grantapplication", "update").get()
    assert event.changes["duplicate_check"] == ["", "duplicate"]


def test_asking_the_group_a_question_emails_them_without_the_message(django_capture_on_commit_callbacks):
    officer = grants_officer()
    application = an_application()
    with django_capture_on_commit_callbacks(execute=True):
        message = messages_staff.ask_the_group(
            actor=officer, application=application, body="Qzvsecret: who else is helping to run the feast?"
        )
    assert message.from_team and message.staff_author == officer
    (email,) = mail.outbox
    assert email.to == [application.applicant.email]
    assert email.subject == f"You have a message about your application {application.reference}"
    assert "Qzvsecret" not in email.body and "Sign in" in email.body
    assert "/grants/sign-in/" in email.body  # the applicants' own sign-in page
    assert audit_rows("grants.applicationmessage").get().changes["application"] == application.pk


def test_only_grants_officers_ask_the_group_and_an_empty_message_is_refused():
    application = an_application()
    with pytest.raises(PermissionDenied):
        messages_staff.ask_the_group(actor=an_assessor(), application=application, body="Hello")
    with pytest.raises(ValidationError):
        messages_staff.ask_the_group(actor=grants_officer(), application=application, body="  ")
    assert not ApplicationMessage.objects.exists() and not mail.outbox


# --- Assessing -----------------------------------------------------------------------------------------


def test_assigning_two_assessors_sends_it_for_assessment_and_tells_each():
    officer, first, second = grants_officer(), an_assessor(), an_assessor()
    application = an_application()
    assessment.assign_assessors(actor=officer, application=application, assessors=[first, second])
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_ASSESSMENT
    told = Notification.objects.filter(kind=NotificationKind.GRANT_APPLICATION_TO_SCORE)
    assert {n.recipient for n in told} == {first, second}
    assert all(
        application.reference in n.subject and application.organisation_name not in n.subject for n in told
    )
    event = audit_rows("grants.grantapplication", "update").get()
    assert event.changes["status"] == ["submitted", "in_assessment"]


def test_one_assessor_or_someone_who_does_not_assess_is_refused_and_nothing_changes():
    officer = grants_officer()
    application = an_application()
    with pytest.raises(ValidationError) as refused:
        assessment.assign_assessors(actor=officer, application=application, assessors=[an_assessor()])
    assert refused.value.message_dict == {"assessors": ["Select 2 different assessors"]}
    with pytest.raises(ValidationError):
        assessment.assign_assessors(
            actor=officer,
            application=application,
            assessors=[an_assessor(), staff(Role.PARTNER_OFFICER, BOLTON)],
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not application.assignments.exists() and not Notification.objects.exists()
    assert not audit_rows("grants.grantapplication", "update").exists()


def scores(application, first: int, second: int):
    criteria = list(application.grant_round.criteria.all())
    return {criteria[0].pk: (first, "Reaches newer residents"), criteria[1].pk: (second, "Fair costs")}


def test_a_declared_conflict_bars_the_assessor_from_scoring():
    conflicted, other = an_assessor(), an_assessor()
    application = being_assessed(conflicted, other)
    assessment.declare_interest(
        actor=conflicted, application=application, has_conflict=True, details="My sister runs the group"
    )
    with pytest.raises(ValidationError) as refused:
        assessment.submit_scores(actor=conflicted, application=application, scores=scores(application, 5, 5))
    assert refused.value.messages == [assessment.CONFLICT_BARS_SCORING]
    assert not Assessment.objects.exists()
    assert audit_rows("grants.conflictdeclaration").get().changes["has_conflict"] is True


def test_scores_wait_for_a_declaration_and_a_conflict_needs_its_details():
    assessor = an_assessor()
    application = being_assessed(assessor, an_assessor())
    with pytest.raises(ValidationError) as refused:
        assessment.submit_scores(actor=assessor, application=application, scores=scores(application, 3, 3))
    assert refused.value.messages == ["Declare any conflict of interest before you score this application"]
    with pytest.raises(ValidationError) as refused:
        assessment.declare_interest(actor=assessor, application=application, has_conflict=True)
    assert refused.value.message_dict == {"details": ["Say what your conflict of interest is"]}


def test_an_assessor_scores_only_applications_assigned_to_them():
    stranger = an_assessor()
    application = being_assessed()
    with pytest.raises(PermissionDenied):
        assessment.declare_interest(actor=stranger, application=application, has_conflict=False)
    with pytest.raises(PermissionDenied):
        assessment.submit_scores(actor=stranger, application=application, scores=scores(application, 3, 3))


def score_as(assessor, application, first, second):
    assessment.declare_interest(actor=assessor, application=application, has_conflict=False)
    return assessment.submit_scores(
        actor=assessor, application=application, scores=scores(application, first, second), comment="Overall"
    )


def test_the_weighted_total_is_kept_and_close_totals_do_not_disagree():
    first, second = an_assessor(), an_assessor()
    application = being_assessed(first, second)
    # Weights 3 and 1: (4 x 3 + 2 x 1) / 20 = 70%; (4 x 3 + 4 x 1) / 20 = 80%
    assert score_as(first, application, 4, 2).weighted_total == Decimal("70.0")
    assert score_as(second, application, 4, 4).weighted_total == Decimal("80.0")
    application.refresh_from_db()
    assert not application.scores_disagree
    assert not Notification.objects.filter(kind=NotificationKind.GRANT_SCORES_DISAGREE).exists()


def test_totals_further_apart_than_the_threshold_disagree_and_tell_the_officers_and_panel():
    first, second = an_assessor(), an_assessor()
    officer, panel = grants_officer(), a_panel_member()
    application = being_assessed(first, second)
    score_as(first, application, 5, 5)  # 100%
    score_as(second, application, 2, 2)  # 40%
    application.refresh_from_db()
    assert application.scores_disagree and application.moderation_note == ""
    told = {n.recipient for n in Notification.objects.filter(kind=NotificationKind.GRANT_SCORES_DISAGREE)}
    assert {officer, panel} <= told and first not in told


def disagreeing():
    first, second = an_assessor(), an_assessor()
    application = being_assessed(first, second)
    score_as(first, application, 5, 5)
    score_as(second, application, 1, 1)
    application.refresh_from_db()
    return application


def test_the_panel_cannot_decide_while_scores_disagree_until_a_moderation_note_is_recorded():
    panel = a_panel_member()
    application = disagreeing()
    with pytest.raises(ValidationError) as refused:
        decisions.decide(actor=panel, application=application, outcome="award", reasons="Strong plan")
    assert refused.value.messages == [decisions.DISAGREEMENT_UNRESOLVED]
    assert not PanelDecision.objects.exists()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_ASSESSMENT
    with pytest.raises(PermissionDenied):
        assessment.record_moderation(actor=an_assessor(), application=application, note="Fine")
    assessment.record_moderation(
        actor=grants_officer(), application=application, note="The second assessor misread the budget"
    )
    decision = decisions.decide(actor=panel, application=application, outcome="award", reasons="Strong plan")
    assert decision.amount_awarded == Decimal("1500.00")


# --- The panel's decision ----------------------------------------------------------------------------


def test_an_award_in_full_creates_the_monitoring_report_and_emails_the_reasons(
    django_capture_on_commit_callbacks,
):
    panel = a_panel_member()
    application = being_assessed()
    with django_capture_on_commit_callbacks(execute=True):
        decision = decisions.decide(
            actor=panel,
            application=application,
            outcome="award",
            reasons="A clear plan reaching newer residents",
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWARDED
    assert decision.amount_awarded == Decimal("1500.00") and decision.applicant_told_at is not None
    report = MonitoringReport.objects.get(application=application)
    ends = timezone.localtime(application.event_ends_at).date()
    assert report.due_on == ends + timedelta(days=28)
    (email,) = mail.outbox
    assert email.to == [application.applicant.email]
    assert "£1,500.00" in email.body and "A clear plan reaching newer residents" in email.body
    event = audit_rows("grants.paneldecision").get()
    assert event.actor == panel and event.changes["status"] == ["in_assessment", "awarded"]


def test_a_decline_gives_its_reasons_and_makes_no_report(django_capture_on_commit_callbacks):
    application = being_assessed()
    with django_capture_on_commit_callbacks(execute=True):
        decisions.decide(
            actor=a_panel_member(), application=application, outcome="decline", reasons="Outside the boroughs"
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DECLINED
    assert not MonitoringReport.objects.exists()
    (email,) = mail.outbox
    assert "Outside the boroughs" in email.body and "not to fund" in email.body


def test_a_decision_needs_reasons_and_the_panels_permission():
    application = being_assessed()
    with pytest.raises(ValidationError) as refused:
        decisions.decide(actor=a_panel_member(), application=application, outcome="award", reasons=" ")
    assert refused.value.message_dict == {"reasons": ["Enter the panel's reasons: the group is told them"]}
    with pytest.raises(PermissionDenied):
        decisions.decide(actor=grants_officer(), application=application, outcome="award", reasons="Good")
    assert not PanelDecision.objects.exists()


def test_an_award_over_the_rounds_budget_is_refused_showing_what_remains(django_capture_on_commit_callbacks):
    grant_round = GrantRoundFactory(budget=Decimal("5000"), maximum_award=Decimal("2000"))
    awarded(Decimal("2000"), grant_round=grant_round)
    awarded(Decimal("2200"), grant_round=grant_round)
    application = being_assessed(grant_round=grant_round)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as refused:
        decisions.decide(actor=a_panel_member(), application=application, outcome="award", reasons="Good")
    assert refused.value.message_dict == {
        "amount": ["This award would take the round over its budget: £800.00 of the budget remains"]
    }
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_ASSESSMENT
    assert not PanelDecision.objects.filter(application=application).exists()
    assert not MonitoringReport.objects.filter(application=application).exists()
    assert not audit_rows("grants.paneldecision").exists() and not mail.outbox
    # A part award within what remains is made.
    decision = decisions.decide(
        actor=a_panel_member(),
        application=application,
        outcome="award",
        amount=Decimal("800"),
        reasons="Good",
    )
    assert decision.amount_awarded == Decimal("800")
    assert round_money(grant_round).remaining == Decimal("0")


def test_a_part_award_cannot_exceed_what_was_asked_for():
    application = being_assessed()
    with pytest.raises(ValidationError) as refused:
        decisions.decide(
            actor=a_panel_member(),
            application=application,
            outcome="award",
            amount=Decimal("1600"),
            reasons="Good",
        )
    assert refused.value.message_dict == {
        "amount": ["An award cannot be more than the £1,500.00 the group asked for"]
    }


def test_a_decided_application_cannot_be_decided_again():
    application = awarded()
    with pytest.raises(ValidationError):
        decisions.decide(
            actor=a_panel_member(), application=application, outcome="decline", reasons="Changed"
        )


# --- Payments and monitoring -------------------------------------------------------------------------


def test_payments_add_up_to_the_award_and_no_further():
    officer = grants_officer()
    application = awarded(Decimal("1500"))
    payments.record_payment(
        actor=officer, application=application, paid_on=date.today(), amount=Decimal("1000")
    )
    with pytest.raises(ValidationError) as refused:
        payments.record_payment(
            actor=officer, application=application, paid_on=date.today(), amount=Decimal("600")
        )
    assert refused.value.message_dict == {
        "amount": ["This payment would take the total paid above the award: £500.00 is left to pay"]
    }
    assert Payment.objects.count() == 1 and audit_rows("grants.payment").count() == 1
    money = round_money(application.grant_round)
    assert (money.awarded, money.paid, money.remaining) == (Decimal("1500"), Decimal("1000"), Decimal("8500"))


def test_a_payment_needs_an_award_and_a_grants_officer():
    with pytest.raises(ValidationError):
        payments.record_payment(
            actor=grants_officer(), application=an_application(), paid_on=date.today(), amount=Decimal("10")
        )
    with pytest.raises(PermissionDenied):
        payments.record_payment(
            actor=a_panel_member(), application=awarded(), paid_on=date.today(), amount=Decimal("10")
        )
    assert not Payment.objects.exists()


def test_a_received_report_is_marked_reviewed_once():
    officer = grants_officer()
    report = awarded().monitoring
    with pytest.raises(ValidationError):
        payments.mark_report_reviewed(actor=officer, report=report)
    MonitoringReport.objects.filter(pk=report.pk).update(submitted_at=timezone.now(), attendance=90)
    reviewed = payments.mark_report_reviewed(actor=officer, report=report)
    assert reviewed.reviewed_by == officer
    assert audit_rows("grants.monitoringreport", "update").count() == 1
    with pytest.raises(ValidationError):
        payments.mark_report_reviewed(actor=officer, report=report)


def test_an_overdue_monitoring_report_tells_the_officers_once():
    officer = grants_officer()
    application = awarded()
    MonitoringReport.objects.filter(application=application).update(
        due_on=timezone.localdate() - timedelta(days=1)
    )
    awarded()  # not yet due
    assert overdue_monitoring_sweep(timezone.now()) >= 1
    (notice,) = Notification.objects.filter(recipient=officer, kind=NotificationKind.GRANT_MONITORING_OVERDUE)
    assert application.reference in notice.subject
    assert overdue_monitoring_sweep(timezone.now()) == 0


# --- The public calendar -------------------------------------------------------------------------------


def test_an_award_puts_the_event_on_the_public_calendar_when_the_group_agreed():
    from commonground.calendar.models import Event, EventStatus

    application = being_assessed(consents_to_calendar=True)
    decisions.decide(actor=a_panel_member(), application=application, outcome="award", reasons="Good")
    event = Event.objects.get(source_reference=application.reference)
    assert event.status == EventStatus.PUBLISHED
    assert (event.title, event.organiser) == (application.event_title, application.organisation_name)
    assert event.consent_source == decisions.CALENDAR_CONSENT
    decision_event = audit_rows("grants.paneldecision").get()
    assert decision_event.changes["calendar"] == f"published as event {event.pk}"


def test_no_consent_or_a_decline_puts_nothing_on_the_calendar():
    from commonground.calendar.models import Event

    panel = a_panel_member()
    decisions.decide(
        actor=panel, application=being_assessed(consents_to_calendar=False), outcome="award", reasons="Good"
    )
    decisions.decide(
        actor=panel, application=being_assessed(consents_to_calendar=True), outcome="decline", reasons="No"
    )
    assert not Event.objects.exists()


def test_an_event_the_calendar_cannot_take_never_undoes_the_award():
    from commonground.calendar.models import Event

    application = being_assessed(consents_to_calendar=True, event_venue="")
    decision = decisions.decide(
        actor=a_panel_member(), application=application, outcome="award", reasons="Good"
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWARDED and decision.pk
    assert not Event.objects.exists()
    assert audit_rows("grants.paneldecision").get().changes["calendar"].startswith("not published:")
