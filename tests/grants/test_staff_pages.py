"""The grants staff pages, driven as people use them: forms sent, pages read, messages shown, and
each page tried from an account that should not reach it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from commonground.core.models import Area
from commonground.grants.models import (
    ApplicationMessage,
    ApplicationStatus,
    Assessment,
    GrantRound,
    MonitoringReport,
    Payment,
)
from tests.conftest import signed_in
from tests.factories import BOLTON, BURY
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


def round_form(**changes):
    return {
        "name": "Autumn 2026",
        "slug": "autumn-2026",
        "summary": "Events that bring neighbours together.",
        "budget": "15000",
        "maximum_award": "2000",
        "opens_on": "1/9/2026",
        "closes_on": "31/10/2026",
        "boroughs": [Area.objects.get(code=BOLTON).pk, Area.objects.get(code=BURY).pk],
        "participation_categories": "Young people\nOlder people",
        "monitoring_due_days": "28",
        "disagreement_threshold": "20",
        "published": "on",
        **changes,
    }


def test_an_officer_creates_a_round_and_sees_its_money_at_a_glance():
    client = signed_in(grants_officer())
    response = client.post(reverse("grants:staff-round-new"), round_form())
    created = GrantRound.objects.get()
    assert response.url == reverse("grants:staff-round", args=[created.pk])
    assert created.participation_categories == ["Young people", "Older people"]
    page = client.get(response.url).content.decode()
    assert "Autumn 2026" in page and "£15,000.00" in page and "Add a criterion" in page
    client.post(
        reverse("grants:staff-criterion-new", args=[created.pk]),
        {"title": "Brings people together", "weight": "3"},
    )
    assert created.criteria.get().weight == 3


def test_a_round_form_with_mistakes_says_what_to_fix_and_keeps_what_was_typed():
    client = signed_in(grants_officer())
    response = client.post(
        reverse("grants:staff-round-new"),
        round_form(budget="lots", maximum_award="2000", closes_on="31/2/2026", summary="Our summary Qzvkept"),
    )
    page = response.content.decode()
    assert response.status_code == 200 and page.count("Error:") >= 2
    assert "Budget must be an amount in pounds" in page
    assert "Enter the closing date as day/month/year" in page
    assert "Qzvkept" in page
    assert not GrantRound.objects.exists()


def test_the_rounds_glance_counts_awards_and_payments():
    officer = grants_officer()
    application = awarded(Decimal("1500"))
    Payment.objects.create(
        decision=application.decision,
        paid_on=timezone.localdate(),
        amount=Decimal("500"),
        recorded_by=officer,
    )
    page = (
        signed_in(officer)
        .get(reverse("grants:staff-round", args=[application.grant_round_id]))
        .content.decode()
    )
    glance = page[page.index('id="round-money"') :]
    for figure in ("£10,000.00", "£1,500.00", "£500.00", "£8,500.00"):
        assert figure in glance
    assert application.reference in page


def test_the_list_flags_a_possible_duplicate_and_the_officer_records_the_check():
    officer = grants_officer()
    original = an_application()
    flagged = an_application(grant_round=original.grant_round, possible_duplicate_of=original)
    client = signed_in(officer)
    listing = client.get(
        reverse("grants:staff-applications"), {"round": original.grant_round_id}
    ).content.decode()
    assert "Possible duplicate" in listing and flagged.reference in listing
    response = client.post(
        reverse("grants:staff-duplicate-check", args=[flagged.pk]),
        {"finding": "not_duplicate", "note": "A different event on another date"},
    )
    assert response.url == reverse("grants:staff-application", args=[flagged.pk])
    page = client.get(response.url).content.decode()
    assert "Checked: not a duplicate" in page and "A different event on another date" in page
    assert "Duplicate check recorded" in page


def test_the_officer_asks_the_group_a_question_and_sees_it_in_the_thread(django_capture_on_commit_callbacks):
    application = an_application()
    client = signed_in(grants_officer())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("grants:staff-message", args=[application.pk]), {"body": "Who will run the stalls?"}
        )
    page = client.get(response.url).content.decode()
    assert "Who will run the stalls?" in page and "Message sent" in page
    assert mail.outbox[0].subject == f"You have a message about your application {application.reference}"
    empty = client.post(reverse("grants:staff-message", args=[application.pk]), {"body": ""})
    assert "Enter your message to the group" in empty.content.decode()
    assert ApplicationMessage.objects.count() == 1


def test_assigning_assessors_from_the_page_and_the_assessor_finds_it_on_their_home():
    officer, first, second = grants_officer(), an_assessor(), an_assessor()
    application = an_application()
    client = signed_in(officer)
    too_few = client.post(reverse("grants:staff-assign", args=[application.pk]), {"assessors": [first.pk]})
    assert "Select 2 different assessors" in too_few.content.decode()
    client.post(reverse("grants:staff-assign", args=[application.pk]), {"assessors": [first.pk, second.pk]})
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_ASSESSMENT
    home = signed_in(first).get(reverse("core:staff-home")).content.decode()
    assert "Grant applications waiting for your score" in home and application.reference in home
    assert "Community grants" in home


def test_an_assessor_who_declares_a_conflict_cannot_score_and_is_told_why():
    conflicted, other = an_assessor(), an_assessor()
    application = being_assessed(conflicted, other)
    client = signed_in(conflicted)
    assert client.get(reverse("grants:staff-score", args=[application.pk])).url == reverse(
        "grants:staff-declare", args=[application.pk]
    )
    client.post(
        reverse("grants:staff-declare", args=[application.pk]),
        {"has_conflict": "yes", "details": "I chair the group's committee"},
    )
    criteria = list(application.grant_round.criteria.all())
    scores = {f"score_{c.pk}": "5" for c in criteria} | {f"comment_{c.pk}": "Great" for c in criteria}
    response = client.post(
        reverse("grants:staff-score", args=[application.pk]), {**scores, "comment": "Good"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "You declared a conflict of interest in this application, so you cannot score it" in page
    assert not Assessment.objects.exists()
    # The officer sees the declaration and may assign another assessor.
    officer_page = (
        signed_in(grants_officer())
        .get(reverse("grants:staff-application", args=[application.pk]))
        .content.decode()
    )
    assert "Conflict of interest declared" in officer_page and "Assign another assessor" in officer_page


def test_an_assessor_scores_from_the_page():
    assessor = an_assessor()
    application = being_assessed(assessor, an_assessor())
    client = signed_in(assessor)
    client.post(reverse("grants:staff-declare", args=[application.pk]), {"has_conflict": "no"})
    criteria = list(application.grant_round.criteria.all())
    missing = client.post(
        reverse("grants:staff-score", args=[application.pk]), {"comment": "Kept Qzvoverall"}
    )
    assert f"Enter a score for {criteria[0].title}" in missing.content.decode()
    assert "Kept Qzvoverall" in missing.content.decode()
    scores = {f"score_{criteria[0].pk}": "4", f"score_{criteria[1].pk}": "2"}
    scores |= {f"comment_{c.pk}": "Reasons" for c in criteria}
    response = client.post(
        reverse("grants:staff-score", args=[application.pk]), {**scores, "comment": "Overall"}
    )
    assert response.url == reverse("grants:staff-my-assessments")
    assert Assessment.objects.get().weighted_total == Decimal("70.0")
    assert "Scored" in client.get(response.url).content.decode()


def test_an_assessor_opening_an_application_not_assigned_to_them_gets_not_found():
    application = being_assessed()
    client = signed_in(an_assessor())
    for name in ("grants:staff-application", "grants:staff-declare", "grants:staff-score"):
        assert client.get(reverse(name, args=[application.pk])).status_code == 404


def test_the_panel_is_refused_an_award_over_budget_and_shown_what_remains():
    grant_round = GrantRoundFactory(budget=Decimal("3000"), maximum_award=Decimal("2000"))
    awarded(Decimal("2000"), grant_round=grant_round)
    application = being_assessed(grant_round=grant_round)
    client = signed_in(a_panel_member())
    response = client.post(
        reverse("grants:staff-decide", args=[application.pk]),
        {"outcome": "award_full", "reasons": "A strong plan Qzvreasons"},
    )
    page = response.content.decode()
    assert "This award would take the round over its budget: £1,000.00 of the budget remains" in page
    assert "Qzvreasons" in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_ASSESSMENT
    response = client.post(
        reverse("grants:staff-decide", args=[application.pk]),
        {"outcome": "award_part", "amount": "1000", "reasons": "A strong plan"},
    )
    assert response.url == reverse("grants:staff-application", args=[application.pk])
    assert "Decision recorded" in client.get(response.url).content.decode()


def test_the_panel_cannot_decide_with_an_unresolved_disagreement_from_the_page():
    application = being_assessed(scores_disagree=True)
    client = signed_in(a_panel_member())
    page = client.post(
        reverse("grants:staff-decide", args=[application.pk]), {"outcome": "decline", "reasons": "No"}
    ).content.decode()
    assert "record a moderation note before the panel decides" in page
    client.post(reverse("grants:staff-moderate", args=[application.pk]), {"note": "Looked again: agreed"})
    response = client.post(
        reverse("grants:staff-decide", args=[application.pk]), {"outcome": "decline", "reasons": "No"}
    )
    assert response.status_code == 302


def test_a_payment_above_the_award_is_refused_on_the_page_with_the_amount_left():
    application = awarded(Decimal("1500"))
    client = signed_in(grants_officer())
    url = reverse("grants:staff-payment", args=[application.pk])
    client.post(url, {"paid_on": timezone.localdate().strftime("%d/%m/%Y"), "amount": "1000"})
    page = client.post(
        url, {"paid_on": timezone.localdate().strftime("%d/%m/%Y"), "amount": "501"}
    ).content.decode()
    assert "£500.00 is left to pay" in page
    assert Payment.objects.count() == 1


def test_overdue_reports_are_on_the_officers_home_and_a_received_one_is_marked_reviewed():
    officer = grants_officer()
    late = awarded()
    MonitoringReport.objects.filter(application=late).update(due_on=timezone.localdate() - timedelta(days=3))
    received = awarded()
    MonitoringReport.objects.filter(application=received).update(submitted_at=timezone.now())
    client = signed_in(officer)
    home = client.get(reverse("core:staff-home")).content.decode()
    assert "Overdue grant monitoring reports" in home and late.reference in home
    monitoring = client.get(reverse("grants:staff-monitoring")).content.decode()
    assert f"Mark {received.reference} reviewed" in monitoring
    response = client.post(reverse("grants:staff-monitoring-reviewed", args=[received.monitoring.pk]))
    assert "Monitoring report marked as reviewed" in client.get(response.url).content.decode()
    assert MonitoringReport.objects.get(application=received).reviewed_by == officer


def test_the_panel_sees_applications_ready_for_it_on_its_home():
    first, second = an_assessor(), an_assessor()
    application = being_assessed(first, second)
    for assessor in (first, second):
        Assessment.objects.create(application=application, assessor=assessor, weighted_total=Decimal("70"))
    home = signed_in(a_panel_member()).get(reverse("core:staff-home")).content.decode()
    assert "Grant applications ready for the panel" in home and application.reference in home
