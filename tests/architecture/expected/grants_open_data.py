"""Community grants' open data: the page, the 360Giving JSON and CSV downloads and the API's list
are open to everyone, signed in or not (a session is not needed, and no token for the API)."""

from tests.architecture.roles_matrix import everyone

EXPECTED = {
    "grants:open-data": [({}, everyone(200))],
    "grants:open-data-json": [({}, everyone(200))],
    "grants:open-data-csv": [({}, everyone(200))],
    "api:list_grants": [({}, everyone(200))],
}


def sample_values(agency):
    """One awarded grant, so that the downloads have a row."""
    from datetime import UTC, date, datetime
    from decimal import Decimal

    from commonground.grants.models import (
        Applicant,
        ApplicationStatus,
        DecisionOutcome,
        GrantApplication,
        GrantRound,
        PanelDecision,
    )
    from tests.factories import UserFactory

    officer = UserFactory(agency=agency)
    grant_round = GrantRound.objects.create(
        name="Matrix round",
        slug="grants-open-matrix-round",
        summary="For the URL matrix.",
        budget=Decimal("1000"),
        maximum_award=Decimal("500"),
        opens_on=date(2026, 1, 1),
        closes_on=date(2026, 1, 31),
        created_by=officer,
    )
    applicant = Applicant.objects.create(email="matrix-grant@example.org", full_name="Matrix Contact")
    application = GrantApplication.objects.create(
        grant_round=grant_round,
        applicant=applicant,
        reference="GO-MATRIX-1",
        status=ApplicationStatus.AWARDED,
        organisation_name="Matrix Community Group",
        event_title="Matrix event",
        amount_requested=Decimal("400"),
        submitted_at=datetime(2026, 1, 10, tzinfo=UTC),
    )
    PanelDecision.objects.create(
        application=application,
        outcome=DecisionOutcome.AWARD,
        amount_awarded=Decimal("400"),
        reasons="Matrix",
        decided_by=officer,
    )
    return {"grants_open_awarded": application.pk}
