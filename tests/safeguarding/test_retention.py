"""Retention of safeguarding casework: a daily task lists the referrals past their retention period
(no further action: 3 years from the decision; Channel case: 6 years from exit); a data protection
officer confirms the erasure of personal data, or holds the record. Statistical facts stay."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.db.models import Count

from commonground.core.models import Area, AuditAction, AuditEvent
from commonground.core.roles import Role
from commonground.safeguarding import tasks
from commonground.safeguarding.actions import exit_and_transfer, steps, support
from commonground.safeguarding.actions.referrals import EqualityAnswers
from commonground.safeguarding.actions.retention import ERASED, list_records_past_retention
from commonground.safeguarding.models import (
    EqualityMonitoring,
    Referral,
    ReferralStatus,
    RetentionReview,
    ScreeningDecision,
)
from tests.factories import BOLTON, OLDHAM, staff
from tests.safeguarding.builders import referral_in
from tests.safeguarding.test_support_plan import adopted_referral_in

pytestmark = pytest.mark.django_db

DECIDED = datetime(2023, 3, 10, 11, 0, tzinfo=UTC)
THREE_YEARS_AND_A_DAY = datetime(2026, 3, 11, 9, 0, tzinfo=UTC)
LIST = "/staff/safeguarding/retention/"


@pytest.fixture
def coordinator():
    return staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)


@pytest.fixture
def officer():
    # A data protection officer whose agency serves another borough: reviews are partnership-wide.
    return staff(Role.DATA_PROTECTION_OFFICER, OLDHAM)


def no_further_action_referral(coordinator, decided_at=DECIDED, **overrides):
    with time_machine.travel(decided_at - timedelta(days=2), tick=False):
        referral = referral_in(
            BOLTON,
            equality=EqualityAnswers(ethnic_group="white_british", religion="no_religion"),
            other_names="Sammy",
            address="1 High Street, Bolton",
            gender="Male",
            **overrides,
        )
    with time_machine.travel(decided_at, tick=False):
        steps.record_screening_decision(
            actor=coordinator,
            referral=referral,
            decision="no_further_action",
            reasons="Sam talked about the videos with his teacher; no risk found.",
        )
    referral.refresh_from_db()
    return referral


def confirm_url(review):
    return f"{LIST}{review.pk}/confirm/"


def test_the_periods_are_settings_with_the_documented_defaults():
    assert settings.SAFEGUARDING_RETENTION_NO_FURTHER_ACTION_DAYS == 3 * 365
    assert settings.SAFEGUARDING_RETENTION_CASE_DAYS == 6 * 365


def test_a_no_further_action_referral_past_3_years_is_listed_confirmed_and_erased(
    sign_in, coordinator, officer
):
    referral = no_further_action_referral(coordinator)
    assert EqualityMonitoring.objects.filter(referral=referral).exists()

    with time_machine.travel(THREE_YEARS_AND_A_DAY, tick=False):
        assert list_records_past_retention() == 1
        review = RetentionReview.objects.get(referral=referral)
        assert review.due_since == date(2023, 3, 10) + timedelta(days=3 * 365)
        assert "No further action" in review.rule
        assert review.age_band == "11_to_15"  # born 17 May 2010, referred March 2023: 12

        client = sign_in(officer)
        home = client.get("/staff/").content.decode()
        assert "Records past retention to confirm" in home and f"Referral {referral.pk}" in home
        listing = client.get(LIST).content.decode()
        assert f"Referral {referral.pk}" in listing and "Sam" not in listing

        page = client.get(confirm_url(review))
        assert page.status_code == 200 and "Erase personal details" in page.content.decode()
        refused = client.post(confirm_url(review), {"reason": ""})
        assert refused.status_code == 200 and "Give the reason" in refused.content.decode()
        assert Referral.objects.get(pk=referral.pk).first_name == "Sam"

        response = client.post(confirm_url(review), {"reason": "Checked: no complaint or request open."})
        assert response.status_code == 302

    erased = Referral.objects.get(pk=referral.pk)
    assert (erased.first_name, erased.last_name, erased.other_names) == ("[erased]", "", "")
    assert erased.date_of_birth is None and erased.gender == "" and erased.address == ""
    assert (
        erased.referrer_name,
        erased.referrer_role,
        erased.referrer_agency_name,
        erased.referrer_contact,
    ) == (
        "[erased]",
        "",
        "",
        "",
    )
    assert erased.referred_by is None and erased.concern == ERASED
    assert not EqualityMonitoring.objects.filter(referral=referral).exists()
    decision = ScreeningDecision.objects.get(referral=referral)
    assert decision.reasons == ERASED and decision.decided_at == DECIDED
    # Statistical facts stay.
    assert erased.received_at == referral.received_at
    assert (erased.borough.code, erased.concern_type, erased.referring_sector, erased.status) == (
        BOLTON,
        referral.concern_type,
        referral.referring_sector,
        ReferralStatus.NO_FURTHER_ACTION,
    )
    counts = Referral.objects.values("borough__code", "concern_type").annotate(n=Count("pk"))
    assert list(counts) == [{"borough__code": BOLTON, "concern_type": referral.concern_type, "n": 1}]

    review.refresh_from_db()
    assert review.confirmed_by == officer and review.erased_at is not None and review.age_band == "11_to_15"
    event = AuditEvent.objects.get(action=AuditAction.ERASE)
    assert event.actor == officer and event.reason == "Checked: no complaint or request open."
    assert event.subject_ref == f"safeguarding.referral:{referral.pk}"

    # The coordinator's referral page still opens, and says what happened.
    page = sign_in(coordinator).get(f"/staff/safeguarding/referrals/{referral.pk}/").content.decode()
    assert "Personal details erased under the retention policy on 11 March 2026" in page
    assert "1 High Street" not in page and "Sam talked" not in page


def test_a_recent_no_further_action_referral_is_not_listed(coordinator):
    no_further_action_referral(coordinator)
    with time_machine.travel(datetime(2026, 3, 9, 9, 0, tzinfo=UTC), tick=False):
        assert list_records_past_retention() == 0
    assert not RetentionReview.objects.exists()


def test_an_open_referral_is_never_listed(coordinator):
    with time_machine.travel(DECIDED, tick=False):
        referral_in(BOLTON)
    with time_machine.travel(datetime(2033, 1, 1, tzinfo=UTC), tick=False):
        assert list_records_past_retention() == 0


def test_a_signposted_referral_counts_from_the_police_gateway_check(coordinator):
    with time_machine.travel(DECIDED - timedelta(days=5), tick=False):
        referral = referral_in(BOLTON)
    with time_machine.travel(DECIDED, tick=False):
        steps.record_gateway_check(
            actor=coordinator, referral=referral, outcome="signposted", notes="To CAMHS"
        )
    with time_machine.travel(THREE_YEARS_AND_A_DAY, tick=False):
        list_records_past_retention()
    assert RetentionReview.objects.get().due_since == date(2023, 3, 10) + timedelta(days=3 * 365)


def test_a_channel_case_is_listed_6_years_after_exit_not_before(coordinator):
    with time_machine.travel(datetime(2020, 1, 6, 10, tzinfo=UTC), tick=False):
        case = adopted_referral_in(BOLTON, received_on=date(2020, 1, 6))
    with time_machine.travel(datetime(2020, 9, 1, 10, tzinfo=UTC), tick=False):
        exit_and_transfer.close_case(
            actor=coordinator, referral=case, happened_on=date(2020, 8, 31), reasons="Done."
        )
    with time_machine.travel(datetime(2026, 8, 1, 10, tzinfo=UTC), tick=False):
        # 3 years past the exit: a case is kept 6 years.
        assert list_records_past_retention() == 0
    with time_machine.travel(datetime(2026, 9, 1, 10, tzinfo=UTC), tick=False):
        assert list_records_past_retention() == 1
    review = RetentionReview.objects.get(referral=case)
    assert review.due_since == date(2020, 8, 31) + timedelta(days=6 * 365)
    assert "Channel case" in review.rule


def test_the_task_run_twice_lists_once(coordinator):
    referral = no_further_action_referral(coordinator)
    with time_machine.travel(THREE_YEARS_AND_A_DAY, tick=False):
        tasks.list_records_past_retention.call()
        tasks.list_records_past_retention.call()
    assert list(RetentionReview.objects.values_list("referral_id", flat=True)) == [referral.pk]


def test_the_task_is_scheduled_daily_at_5():
    from commonground.core.schedule import SCHEDULE

    entry = next(e for e in SCHEDULE if e.name.endswith("list_records_past_retention"))
    assert entry.cron == "0 5 * * *"


def test_a_coordinator_cannot_see_or_confirm_an_erasure(sign_in, coordinator):
    referral = no_further_action_referral(coordinator)
    with time_machine.travel(THREE_YEARS_AND_A_DAY, tick=False):
        list_records_past_retention()
        review = RetentionReview.objects.get()
        client = sign_in(coordinator)
        assert client.get(LIST).status_code == 404
        assert client.post(confirm_url(review), {"reason": "Tidy up"}).status_code == 404
        assert "Records past retention to confirm" not in client.get("/staff/").content.decode()
    assert Referral.objects.get(pk=referral.pk).first_name == "Sam"
    assert RetentionReview.objects.get().erased_at is None


def test_a_hold_keeps_the_record_until_its_date(sign_in, coordinator, officer):
    referral = no_further_action_referral(coordinator)
    with time_machine.travel(THREE_YEARS_AND_A_DAY, tick=False):
        list_records_past_retention()
        review = RetentionReview.objects.get()
        client = sign_in(officer)
        past = client.post(f"{LIST}{review.pk}/hold/", {"reason": "Litigation", "held_until": "01/01/2026"})
        assert "must be in the future" in past.content.decode()
        response = client.post(
            f"{LIST}{review.pk}/hold/", {"reason": "Litigation: claim 123 open", "held_until": "31/12/2026"}
        )
        assert response.status_code == 302
        listing = client.get(LIST).content.decode()
        assert "Litigation: claim 123 open" in listing
        assert "Records past retention to confirm" in client.get("/staff/").content.decode()
        refused = client.post(confirm_url(review), {"reason": "Erase anyway"})
        assert "held until 31 December 2026" in refused.content.decode()
        list_records_past_retention()  # the daily task does not undo a hold
    review.refresh_from_db()
    assert review.held_until == date(2026, 12, 31) and review.held_by == officer
    assert Referral.objects.get(pk=referral.pk).first_name == "Sam"
    assert RetentionReview.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, reason="Litigation: claim 123 open").exists()

    # After the hold ends it is listed to confirm again.
    with time_machine.travel(datetime(2027, 1, 2, 9, tzinfo=UTC), tick=False):
        page = sign_in(officer).get(LIST).content.decode()
    assert "Was held until 31 December 2026" in page


def test_erasure_reaches_every_related_record(coordinator, officer):
    from commonground.safeguarding.actions.information import send_information_request
    from commonground.safeguarding.actions.information_answers import (
        amend_answer,
        answer_information_request,
        post_message,
    )
    from commonground.safeguarding.actions.retention import confirm_erasure
    from commonground.safeguarding.models import (
        CaseEvent,
        InformationAnswerRevision,
        InformationRequest,
        InformationRequestMessage,
        Intervention,
    )
    from tests.factories import AgencyFactory, UserFactory

    with time_machine.travel(datetime(2019, 1, 7, 10, tzinfo=UTC), tick=False):
        case = adopted_referral_in(BOLTON, received_on=date(2019, 1, 7))
        agency = AgencyFactory(serves=[BOLTON])
        request = send_information_request(
            actor=coordinator,
            referral=case,
            agency=agency,
            question="Is Sam Taylor known to you?",
            due_on=date(2019, 1, 20),
        )
        answerer = UserFactory(agency=agency, roles=[Role.PANEL_MEMBER])
        answer_information_request(actor=answerer, request=request, answer="Sam is known to us.")
        amend_answer(actor=answerer, request=request, answer="Sam and his brother.", reason="Sam's file")
        post_message(actor=coordinator, request=request, body="Which school does Sam attend?")
        intervention = support.add_intervention(
            actor=coordinator,
            referral=case,
            kind="mentoring",
            provider="Jo Mentor",
            owner=coordinator,
            starts_on=date(2019, 1, 8),
            due_on=date(2019, 3, 8),
        )
        support.add_progress_note(
            actor=coordinator, referral=case, intervention_id=intervention.pk, note="Sam met Jo."
        )
        exit_and_transfer.close_case(
            actor=coordinator, referral=case, happened_on=date(2019, 1, 7), reasons="Sam moved."
        )
    with time_machine.travel(datetime(2025, 2, 1, 10, tzinfo=UTC), tick=False):
        list_records_past_retention()
        confirm_erasure(actor=officer, review=RetentionReview.objects.get(), reason="Period over")
    assert InformationRequest.objects.get().question == ERASED
    assert set(InformationAnswerRevision.objects.values_list("answer", "reason")) == {(ERASED, "")}
    assert InformationRequestMessage.objects.get().body == ERASED
    assert Intervention.objects.get().provider == ERASED
    assert Intervention.objects.get().notes.get().note == ERASED
    event = CaseEvent.objects.get()
    assert (event.reasons, event.kind, event.happened_on) == (ERASED, "exited", date(2019, 1, 7))
    assert Referral.objects.get().borough == Area.objects.get(code=BOLTON)


def test_an_erased_referral_cannot_have_its_personal_details_typed_back_in(coordinator, officer):
    from django.core.exceptions import ValidationError

    from commonground.safeguarding.actions.referrals import edit_referral
    from commonground.safeguarding.actions.retention import confirm_erasure
    from tests.safeguarding.builders import details

    with time_machine.travel(datetime(2019, 1, 7, 10, tzinfo=UTC), tick=False):
        case = adopted_referral_in(BOLTON, received_on=date(2019, 1, 7))
        exit_and_transfer.close_case(
            actor=coordinator, referral=case, happened_on=date(2019, 1, 7), reasons="Moved."
        )
    with time_machine.travel(datetime(2025, 2, 1, 10, tzinfo=UTC), tick=False):
        list_records_past_retention()
        confirm_erasure(actor=officer, review=RetentionReview.objects.get(), reason="Period over")
    erased = Referral.objects.get()
    with pytest.raises(ValidationError, match="erased under the retention policy"):
        edit_referral(
            actor=coordinator, referral=erased, expected_version=erased.version, details=details(BOLTON)
        )
    assert Referral.objects.get().first_name != "Sam"
