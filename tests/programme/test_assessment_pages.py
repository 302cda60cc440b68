"""The self-assessment pages, driven as people use them: forms posted by the right and the wrong
account, what each page then says, nothing typed lost, and evidence files opened only in scope."""

import html
import os
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commonground.core.models import AuditEvent
from commonground.core.roles import Role
from commonground.programme.models import AssessmentEvidence, AssessmentStatus, BoroughAssessment, Moderation
from tests.conftest import signed_in
from tests.factories import BOLTON, OLDHAM, staff
from tests.programme.test_assessment_actions import (
    answer_all,
    dimensions,
    lead_of,
    moderator,
    started,
    submitted,
    tiny_pdf,
)

pytestmark = pytest.mark.django_db


def detail(assessment) -> str:
    return reverse("programme:assessment-detail", args=[assessment.pk])


def dimension_url(assessment, dimension) -> str:
    return reverse("programme:assessment-dimension", args=[assessment.pk, dimension.pk])


def text(response) -> str:
    """The page as a reader sees its words (entities such as &#x27; decoded)."""
    return html.unescape(response.content.decode())


# --- Starting ------------------------------------------------------------------------------------------


def test_a_lead_starts_one_for_their_borough_and_lands_on_its_page():
    lead = lead_of()
    client = signed_in(lead)
    response = client.post(
        reverse("programme:assessment-start"),
        {"borough": str(_bolton().pk), "period_start": "1/4/2025", "period_end": "31/3/2026"},
    )
    assessment = BoroughAssessment.objects.get()
    assert response.status_code == 302 and response.url == detail(assessment)
    page = text(client.get(detail(assessment)))
    assert "Bolton" in page and dimensions()[0].title in page
    assert "Answer this dimension" in page


def test_an_already_assessed_period_links_to_the_existing_one_and_keeps_what_was_typed():
    lead = lead_of()
    existing = started(lead=lead)
    response = signed_in(lead).post(
        reverse("programme:assessment-start"),
        {"borough": str(_bolton().pk), "period_start": "1/4/2025", "period_end": "30/9/2025"},
    )
    page = text(response)
    assert response.status_code == 200
    assert "already has a self-assessment" in page
    assert detail(existing) in page
    assert 'value="30/9/2025"' in page


def test_a_period_ending_before_it_starts_is_refused_on_the_page():
    response = signed_in(lead_of()).post(
        reverse("programme:assessment-start"),
        {"borough": str(_bolton().pk), "period_start": "1/4/2026", "period_end": "1/3/2026"},
    )
    assert "The period must end on or after the day it starts" in text(response)
    assert 'value="1/4/2026"' in text(response)
    assert not BoroughAssessment.objects.exists()


def test_another_borough_is_not_offered_and_is_refused_if_posted():
    from commonground.core.models import Area

    response = signed_in(lead_of()).post(
        reverse("programme:assessment-start"),
        {
            "borough": str(Area.objects.get(code=OLDHAM).pk),
            "period_start": "1/4/2025",
            "period_end": "1/3/2026",
        },
    )
    assert "Select a borough in your areas" in text(response)
    assert not BoroughAssessment.objects.exists()


# --- Answering a dimension -------------------------------------------------------------------------


def test_a_dimension_is_saved_with_a_pdf_and_the_file_opens_only_in_scope_each_opening_audited():
    lead = lead_of()
    assessment = started(lead=lead)
    first = dimensions()[0]
    client = signed_in(lead)
    response = client.post(
        dimension_url(assessment, first),
        {
            "version": "1",
            "level": "3",
            "reasons": "A forum meets monthly",
            "next_steps": "Publish the minutes",
            "evidence_file": SimpleUploadedFile("minutes.pdf", tiny_pdf(), content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    evidence = AssessmentEvidence.objects.get()
    page = text(client.get(detail(assessment)))
    assert "A forum meets monthly" in page and "Download minutes.pdf" in page
    url = reverse("programme:assessment-evidence-file", args=[evidence.pk])
    download = client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        action="view", actor=lead, object_type="programme.assessmentevidence", object_id=str(evidence.pk)
    ).exists()
    assert signed_in(lead_of(OLDHAM)).get(url).status_code == 404
    assert signed_in(staff(Role.TENSION_ANALYST, BOLTON)).get(url).status_code == 403


def test_a_refused_file_gets_the_checkers_message_and_the_rest_is_kept():
    lead = lead_of()
    assessment = started(lead=lead)
    response = signed_in(lead).post(
        dimension_url(assessment, dimensions()[0]),
        {
            "version": "1",
            "level": "4",
            "reasons": "Kept reasons",
            "evidence_url": "https://example.org/kept",
            "evidence_file": SimpleUploadedFile(
                "run.exe", b"MZ\x90\x00binary", content_type="application/pdf"
            ),
        },
    )
    page = text(response)
    assert response.status_code == 200
    assert "The selected file must be a PDF, a Word or OpenDocument text file, or a photo" in page
    assert "Kept reasons" in page and "https://example.org/kept" in page
    assert 'value="4" checked' in page
    assert not AssessmentEvidence.objects.exists()


def test_a_file_over_ten_megabytes_is_refused_and_the_rest_is_kept():
    lead = lead_of()
    assessment = started(lead=lead)
    big = tiny_pdf() + b"0" * (10 * 1024 * 1024)
    response = signed_in(lead).post(
        dimension_url(assessment, dimensions()[0]),
        {
            "version": "1",
            "level": "2",
            "reasons": "Still here",
            "evidence_file": SimpleUploadedFile("big.pdf", big, content_type="application/pdf"),
        },
    )
    assert "The file must be smaller than 10MB" in text(response)
    assert "Still here" in text(response)
    assert not AssessmentEvidence.objects.exists()


def test_a_save_after_someone_elses_is_refused_saying_what_changed_and_keeps_the_answers():
    lead, colleague = lead_of(), lead_of()
    assessment = started(lead=lead)
    first, second = dimensions()[:2]
    opened = signed_in(lead).get(dimension_url(assessment, second))
    assert 'name="version" value="1"' in text(opened)
    signed_in(colleague).post(
        dimension_url(assessment, first), {"version": "1", "level": "2", "reasons": "Theirs"}
    )
    response = signed_in(lead).post(
        dimension_url(assessment, second), {"version": "1", "level": "5", "reasons": "My own typed reasons"}
    )
    page = text(response)
    assert response.status_code == 200
    assert "Someone else saved this self-assessment while you were editing it" in page
    assert first.title in page
    assert "My own typed reasons" in page
    assert 'name="version" value="2"' in page
    assessment.refresh_from_db()
    assert assessment.version == 2


def test_an_out_of_scope_assessment_is_not_found():
    assessment = started()
    other = signed_in(lead_of(OLDHAM))
    assert other.get(detail(assessment)).status_code == 404
    assert (
        other.post(dimension_url(assessment, dimensions()[0]), {"version": "1", "level": "2"}).status_code
        == 404
    )
    assert (
        other.post(reverse("programme:assessment-submit", args=[assessment.pk]), {"version": "1"}).status_code
        == 404
    )


# --- Submitting and moderating -------------------------------------------------------------------------


def test_submitting_an_incomplete_one_says_which_dimensions_are_missing():
    lead = lead_of()
    assessment = started(lead=lead)
    response = signed_in(lead).post(
        reverse("programme:assessment-submit", args=[assessment.pk]), {"version": "1"}
    )
    page = text(response)
    assert "Complete every dimension before you submit." in page
    assert f"{dimensions()[0].title} needs a level and the reasons" in page
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT


def test_submitted_moderated_and_the_borough_sees_both_levels_with_the_reason():
    lead = lead_of()
    assessment = answer_all(started(lead=lead), lead, level=4)
    response = signed_in(lead).post(
        reverse("programme:assessment-submit", args=[assessment.pk]), {"version": str(assessment.version)}
    )
    assert response.status_code == 302
    person = signed_in(moderator())
    home = text(person.get(reverse("core:staff-home")))
    assert "Self-assessments waiting for moderation" in home and detail(assessment) in home
    first, *rest = dimensions()
    moderate = reverse("programme:assessment-moderate", args=[assessment.pk, first.pk])
    refused = person.post(moderate, {"level": "2", "reason": ""})
    assert "Explain why you are changing the borough" in text(refused)
    person.post(moderate, {"level": "2", "reason": "The evidence shows level 2 work"})
    for dimension in rest:
        person.post(
            reverse("programme:assessment-moderate", args=[assessment.pk, dimension.pk]), {"level": "4"}
        )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.MODERATED
    page = text(signed_in(lead).get(detail(assessment)))
    assert "Borough's level" in page and "Level 4" in page
    assert "Level 2 (adjusted)" in page and "The evidence shows level 2 work" in page
    assert Moderation.objects.count() == len(dimensions())


def test_a_moderator_of_their_own_borough_is_told_why_and_cannot_moderate():
    assessment, _ = submitted()
    own = signed_in(staff(Role.PROGRAMME_MANAGER, BOLTON))
    url = reverse("programme:assessment-moderate", args=[assessment.pk, dimensions()[0].pk])
    response = own.get(url)
    assert response.status_code == 403
    assert "You cannot moderate this self-assessment" in text(response)
    assert own.post(url, {"level": "3"}).status_code == 403
    assert not Moderation.objects.exists()
    assert "Moderate this dimension" not in text(own.get(detail(assessment)))


def test_a_lead_sees_their_boroughs_drafts_waiting():
    lead = lead_of()
    assessment = started(lead=lead, start=date(2026, 4, 1), end=date(2027, 3, 31))
    home = text(signed_in(lead).get(reverse("core:staff-home")))
    assert (
        "Your boroughs&#x27; draft self-assessments" in home
        or "Your boroughs' draft self-assessments" in home
    )
    assert detail(assessment) in home


def _bolton():
    from commonground.core.models import Area

    return Area.objects.get(code=BOLTON)


# --- Removing evidence ----------------------------------------------------------------------------------


def _with_file(lead):
    assessment = started(lead=lead)
    signed_in(lead).post(
        dimension_url(assessment, dimensions()[0]),
        {
            "version": "1",
            "level": "3",
            "reasons": "x",
            "evidence_file": SimpleUploadedFile("wrong.pdf", tiny_pdf(), content_type="application/pdf"),
        },
    )
    return assessment, AssessmentEvidence.objects.get()


def test_a_lead_removes_a_wrong_file_and_its_file_goes_too(django_capture_on_commit_callbacks):
    lead = lead_of()
    assessment, evidence = _with_file(lead)
    stored = evidence.file.path
    client = signed_in(lead)
    page = text(client.get(dimension_url(assessment, dimensions()[0])))
    assert "Download wrong.pdf" in page and "Remove" in page
    url = reverse("programme:assessment-evidence-remove", args=[evidence.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"version": "2"}, follow=True)
    assert "Evidence removed" in text(response)
    assert not AssessmentEvidence.objects.exists()
    assert AuditEvent.objects.filter(action="delete", object_type="programme.assessmentevidence").exists()
    assert not os.path.exists(stored)


def test_removing_evidence_from_a_stale_page_or_another_borough_is_refused():
    lead = lead_of()
    _, evidence = _with_file(lead)
    url = reverse("programme:assessment-evidence-remove", args=[evidence.pk])
    stale = signed_in(lead).post(url, {"version": "1"}, follow=True)
    assert "Someone else saved this self-assessment" in text(stale)
    assert signed_in(lead_of(OLDHAM)).post(url, {"version": "2"}).status_code == 404
    assert AssessmentEvidence.objects.count() == 1


def test_a_submission_from_a_stale_page_is_refused_and_the_page_says_so():
    lead = lead_of()
    assessment = answer_all(started(lead=lead), lead)
    response = signed_in(lead).post(
        reverse("programme:assessment-submit", args=[assessment.pk]), {"version": str(assessment.version - 1)}
    )
    assert "Someone else saved this self-assessment while you were editing it" in text(response)
    assert f'value="{assessment.version}"' in text(response)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT


# Measured: 22 with five dimensions answered (sign-in, scope, navigation and the page's own reads).
QUERY_BUDGET = 24


def test_the_assessment_page_reads_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    """However much evidence there is: the page's reads are prefetched, not one per dimension."""
    lead = lead_of()
    assessment = answer_all(started(lead=lead), lead)
    client = signed_in(lead)
    client.get(detail(assessment))  # warm the session and the user's scope
    with django_assert_max_num_queries(QUERY_BUDGET):
        assert client.get(detail(assessment)).status_code == 200
