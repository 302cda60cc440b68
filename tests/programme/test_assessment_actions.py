"""Starting, answering, submitting and moderating a borough's self-assessment through its actions:
each change writes its audit event, and each refusal changes nothing (another borough, a moderator
of their own borough, a stale version, a level outside 1 to 5, a period already assessed)."""

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commonground.core.conflicts import ConflictError
from commonground.core.models import Area, AuditEvent, Notification
from commonground.core.roles import Role
from commonground.programme.actions.assessment_moderation import moderate_dimension
from commonground.programme.actions.assessments import (
    MODERATED_NOTICE,
    SUBMITTED_NOTICE,
    AlreadyAssessed,
    DimensionAnswer,
    save_dimension,
    start_assessment,
    submit_assessment,
)
from commonground.programme.models import (
    AssessmentStatus,
    BoroughAssessment,
    Dimension,
    DimensionScore,
    EvidenceKind,
    Moderation,
)
from commonground.programme.queries.assessments import current_framework
from tests.factories import BOLTON, GREATER_MANCHESTER, OLDHAM, staff

pytestmark = pytest.mark.django_db

START, END = date(2025, 4, 1), date(2026, 3, 31)


# --- Builders (used by the other self-assessment tests too) -----------------------------------------


def dimensions() -> list[Dimension]:
    return list(Dimension.objects.filter(framework=current_framework()).order_by("position"))


def lead_of(code: str = BOLTON):
    return staff(Role.BOROUGH_PROGRAMME_LEAD, code)


def moderator():
    """The combined authority's programme team: moderates every borough but none of its own."""
    return staff(Role.PROGRAMME_MANAGER, GREATER_MANCHESTER)


def started(code: str = BOLTON, *, lead=None, start: date = START, end: date = END) -> BoroughAssessment:
    return start_assessment(
        actor=lead or lead_of(code), borough=Area.objects.get(code=code), period_start=start, period_end=end
    )


def answer_all(assessment: BoroughAssessment, lead, level: int = 3) -> BoroughAssessment:
    for dimension in dimensions():
        assessment.refresh_from_db()
        save_dimension(
            actor=lead,
            assessment=assessment,
            dimension=dimension,
            expected_version=assessment.version,
            answer=DimensionAnswer(
                level=level, reasons=f"Reasons for {dimension.key}", next_steps=["Do more"]
            ),
        )
    assessment.refresh_from_db()
    return assessment


def submitted(code: str = BOLTON, *, start: date = START, end: date = END, level: int = 3):
    lead = lead_of(code)
    assessment = answer_all(started(code, lead=lead, start=start, end=end), lead, level)
    return submit_assessment(actor=lead, assessment=assessment, expected_version=assessment.version), lead


def tiny_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=72, height=72)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def events(obj, action: str) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk), action=action)
    )


# --- Starting -------------------------------------------------------------------------------------------


def test_a_borough_lead_starts_a_draft_against_the_current_framework_and_it_is_audited():
    assessment = started()
    assert assessment.status == AssessmentStatus.DRAFT
    assert assessment.framework == current_framework()
    [event] = events(assessment, "create")
    assert event.changes["borough"] == BOLTON


def test_another_borough_is_refused():
    with pytest.raises(ValidationError) as refused:
        started(OLDHAM, lead=lead_of(BOLTON))
    assert "Select a borough in your areas" in str(refused.value)
    assert not BoroughAssessment.objects.exists()


def test_a_period_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError) as refused:
        started(start=date(2026, 4, 1), end=date(2026, 3, 1))
    assert "end on or after" in str(refused.value)


def test_a_period_already_assessed_names_the_existing_assessment():
    lead = lead_of()
    first = started(lead=lead)
    with pytest.raises(AlreadyAssessed) as refused:
        started(lead=lead)
    assert refused.value.existing == first
    assert BoroughAssessment.objects.count() == 1


# --- Answering ------------------------------------------------------------------------------------------


def test_saving_a_dimension_keeps_its_level_steps_and_evidence_and_bumps_the_version():
    from commonground.programme.documents import check_document

    lead = lead_of()
    assessment = started(lead=lead)
    first = dimensions()[0]
    score = save_dimension(
        actor=lead,
        assessment=assessment,
        dimension=first,
        expected_version=1,
        answer=DimensionAnswer(
            level=4,
            reasons="Strong partnership",
            next_steps=["Publish the plan", "", "Train staff"],
            evidence_text="Survey of 200 residents",
            evidence_url="https://example.org/report",
            evidence_file=check_document(tiny_pdf()),
            evidence_file_name="minutes.pdf",
        ),
    )
    assessment.refresh_from_db()
    assert assessment.version == 2
    assert score.level == 4
    assert [step.text for step in score.next_steps.all()] == ["Publish the plan", "Train staff"]
    assert sorted(score.evidence.values_list("kind", flat=True)) == ["file", "link", "text"]
    stored = score.evidence.get(kind=EvidenceKind.FILE)
    assert stored.original_name == "minutes.pdf" and stored.content_type == "application/pdf"
    [event] = events(assessment, "update")
    assert event.changes["dimensions"] == [first.key]
    assert event.changes["version"] == [1, 2]
    assert "Strong partnership" not in str(event.changes)


@pytest.mark.parametrize("level", [0, 6, None])
def test_a_level_outside_one_to_five_is_refused(level):
    lead = lead_of()
    assessment = started(lead=lead)
    with pytest.raises(ValidationError) as refused:
        save_dimension(
            actor=lead,
            assessment=assessment,
            dimension=dimensions()[0],
            expected_version=1,
            answer=DimensionAnswer(level=level, reasons="x"),
        )
    assert "Select a level from 1 to 5" in str(refused.value)
    assert not DimensionScore.objects.exists()


def test_a_save_from_a_stale_version_is_refused_naming_what_changed():
    lead, colleague = lead_of(), lead_of()
    assessment = started(lead=lead)
    first, second = dimensions()[:2]
    save_dimension(
        actor=colleague,
        assessment=assessment,
        dimension=first,
        expected_version=1,
        answer=DimensionAnswer(level=2, reasons="Theirs"),
    )
    with pytest.raises(ConflictError) as refused:
        save_dimension(
            actor=lead,
            assessment=assessment,
            dimension=second,
            expected_version=1,
            answer=DimensionAnswer(level=5, reasons="Mine"),
        )
    assert first.title in str(refused.value)
    assert "self-assessment" in str(refused.value)
    assert refused.value.current_version == 2
    assert not DimensionScore.objects.filter(dimension=second).exists()


def test_another_boroughs_lead_cannot_save_it():
    assessment = started()
    with pytest.raises(PermissionDenied):
        save_dimension(
            actor=lead_of(OLDHAM),
            assessment=assessment,
            dimension=dimensions()[0],
            expected_version=1,
            answer=DimensionAnswer(level=2, reasons="x"),
        )


# --- Submitting -----------------------------------------------------------------------------------------


def test_submitting_needs_every_dimension_and_names_those_missing():
    lead = lead_of()
    assessment = started(lead=lead)
    first = dimensions()[0]
    save_dimension(
        actor=lead,
        assessment=assessment,
        dimension=first,
        expected_version=1,
        answer=DimensionAnswer(level=2, reasons=""),
    )
    with pytest.raises(ValidationError) as refused:
        submit_assessment(actor=lead, assessment=assessment, expected_version=2)
    messages = refused.value.messages
    assert f"{first.title} needs the reasons" in messages
    assert f"{dimensions()[1].title} needs a level and the reasons" in messages
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT


def test_a_submitted_assessment_tells_the_moderators_who_may_moderate_it_and_no_one_else():
    outside = moderator()
    own = staff(Role.PROGRAMME_MANAGER, BOLTON)
    assessment, lead = submitted()
    assert assessment.status == AssessmentStatus.SUBMITTED
    told = set(Notification.objects.filter(kind=SUBMITTED_NOTICE).values_list("recipient", flat=True))
    assert told == {outside.pk}
    assert own.pk not in told and lead.pk not in told
    assert events(assessment, "update")[0].changes["status"] == ["draft", "submitted"]


# --- Moderating -----------------------------------------------------------------------------------------


def test_a_moderator_agrees_and_adjusts_and_the_last_one_makes_it_moderated_and_tells_the_leads():
    assessment, lead = submitted(level=3)
    person = moderator()
    first, *rest = dimensions()
    moderate_dimension(
        actor=person, assessment=assessment, dimension=first, level=2, reason="Little evidence"
    )
    for dimension in rest:
        assessment.refresh_from_db()
        assert assessment.status == AssessmentStatus.SUBMITTED
        moderate_dimension(actor=person, assessment=assessment, dimension=dimension, level=3)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.MODERATED
    assert assessment.moderated_by == person
    adjusted = Moderation.objects.get(score__dimension=first)
    assert (adjusted.outcome, adjusted.level, adjusted.reason) == ("adjusted", 2, "Little evidence")
    assert Moderation.objects.filter(outcome="agreed").count() == len(rest)
    assert events(adjusted, "create")[0].changes["moderated_level"] == 2
    told = set(Notification.objects.filter(kind=MODERATED_NOTICE).values_list("recipient", flat=True))
    assert lead.pk in told


def test_an_adjustment_needs_a_reason():
    assessment, _ = submitted(level=3)
    with pytest.raises(ValidationError) as refused:
        moderate_dimension(actor=moderator(), assessment=assessment, dimension=dimensions()[0], level=4)
    assert "Explain why" in str(refused.value)
    assert not Moderation.objects.exists()


def test_a_moderator_of_their_own_borough_is_refused():
    assessment, _ = submitted()
    own = staff(Role.PROGRAMME_MANAGER, BOLTON)
    with pytest.raises(PermissionDenied) as refused:
        moderate_dimension(actor=own, assessment=assessment, dimension=dimensions()[0], level=3)
    assert "your own borough" in str(refused.value)
    assert not Moderation.objects.exists()


def test_a_draft_cannot_be_moderated_nor_a_moderated_level_outside_one_to_five():
    lead = lead_of()
    draft = answer_all(started(lead=lead), lead)
    with pytest.raises(ValidationError):
        moderate_dimension(actor=moderator(), assessment=draft, dimension=dimensions()[0], level=3)
    assessment, _ = submitted(start=date(2024, 4, 1), end=date(2025, 3, 31))
    with pytest.raises(ValidationError):
        moderate_dimension(actor=moderator(), assessment=assessment, dimension=dimensions()[0], level=7)
    assert not Moderation.objects.exists()
