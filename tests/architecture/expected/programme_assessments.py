"""Self-assessments and their moderation. Those who follow the programme (the programme team and
borough programme leads) see the assessments in their areas; another borough's is 404, like a
missing one, and so is its evidence file. Both complete them. The programme manager moderates, but
in this world their agency serves Bolton, so Bolton's submitted assessment is their own borough's:
refused with a page that says why (403)."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, ROLES, only

MANAGER = Role.PROGRAMME_MANAGER.value
LEAD = Role.BOROUGH_PROGRAMME_LEAD.value
FOLLOWERS = (MANAGER, LEAD)

DRAFT = {"assessment_id": "{self_assessment_draft}"}
ELSEWHERE = {"assessment_id": "{self_assessment_elsewhere}"}
DRAFT_DIMENSION = {"assessment_id": "{self_assessment_draft}", "dimension_id": "{self_assessment_dimension}"}
ELSEWHERE_DIMENSION = {
    "assessment_id": "{self_assessment_elsewhere}",
    "dimension_id": "{self_assessment_dimension}",
}
SUBMITTED_DIMENSION = {
    "assessment_id": "{self_assessment_submitted}",
    "dimension_id": "{self_assessment_dimension}",
}

EXPECTED = {
    "programme:assessment-list": [({}, only(*FOLLOWERS))],
    "programme:assessment-start": [({}, only(*FOLLOWERS))],
    "programme:assessment-detail": [
        (DRAFT, only(*FOLLOWERS)),
        ({"assessment_id": "{self_assessment_submitted}"}, only(*FOLLOWERS)),
        (ELSEWHERE, only(*FOLLOWERS, ok=404)),
    ],
    "programme:assessment-dimension": [
        (DRAFT_DIMENSION, only(*FOLLOWERS)),
        (ELSEWHERE_DIMENSION, only(*FOLLOWERS, ok=404)),
    ],
    "programme:assessment-submit": [
        (DRAFT, only(*FOLLOWERS)),
        (ELSEWHERE, only(*FOLLOWERS, ok=404)),
    ],
    "programme:assessment-moderate": [
        (SUBMITTED_DIMENSION, only()),
        (ELSEWHERE_DIMENSION, only(MANAGER, ok=404)),
    ],
    "programme:assessment-evidence-file": [
        ({"evidence_id": "{self_assessment_evidence}"}, only(*FOLLOWERS)),
        ({"evidence_id": "{self_assessment_evidence_elsewhere}"}, only(*FOLLOWERS, ok=404)),
    ],
    # Post only: a GET answers 405 to those who may post.
    "programme:assessment-evidence-remove": [
        ({"evidence_id": "{self_assessment_evidence}"}, only(*FOLLOWERS, ok=405)),
    ],
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)


def sample_values(agency):
    from datetime import date

    from commonground.programme.documents import check_document
    from tests.factories import OLDHAM
    from tests.programme.test_assessment_actions import (
        DimensionAnswer,
        dimensions,
        lead_of,
        save_dimension,
        started,
        submitted,
        tiny_pdf,
    )

    def with_file(code):
        lead = lead_of(code)
        draft = started(code, lead=lead)
        score = save_dimension(
            actor=lead,
            assessment=draft,
            dimension=dimensions()[0],
            expected_version=1,
            answer=DimensionAnswer(level=3, reasons="Sample", evidence_file=check_document(tiny_pdf())),
        )
        return draft, score.evidence.get()

    draft, evidence = with_file("E08000001")
    elsewhere, evidence_elsewhere = with_file(OLDHAM)
    assessment, _ = submitted(start=date(2024, 4, 1), end=date(2025, 3, 31))
    return {
        "self_assessment_draft": draft.pk,
        "self_assessment_elsewhere": elsewhere.pk,
        "self_assessment_submitted": assessment.pk,
        "self_assessment_dimension": dimensions()[0].pk,
        "self_assessment_evidence": evidence.pk,
        "self_assessment_evidence_elsewhere": evidence_elsewhere.pk,
    }
