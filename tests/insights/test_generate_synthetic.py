"""generate_synthetic: the counts asked for, every row marked, reproducible with a seed, the
published mixes roughly kept, stages in order, and --replace removing only synthetic rows."""

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from commonground.core.models import Agency, Area, AuditEvent
from commonground.insights.synthetic import AGENCY_NAME, MARK, PLANTED_PATTERN, REFERENCE_PREFIX, generate
from commonground.insights.synthetic.shapes import STRAND_SHARES
from commonground.reports.models import HostilityStrand, Report
from commonground.safeguarding.models import (
    AgendaItem,
    CaseEvent,
    EqualityMonitoring,
    ExitReview,
    GatewayCheck,
    PanelDecision,
    PanelMeeting,
    Referral,
    ScreeningDecision,
)
from commonground.tension.models import TensionReport
from tests.clock import FROZEN

# The outcome depends on the date (see tests/clock.py).
pytestmark = [pytest.mark.django_db, FROZEN]


@pytest.fixture(autouse=True)
def debug_on(settings):
    settings.DEBUG = True


def run(*args: str) -> str:
    out = StringIO()
    call_command("generate_synthetic", *args, "--skip-checks", stdout=out, stderr=StringIO(), verbosity=0)
    return out.getvalue()


@pytest.fixture
def real_rows():
    """One real report, referral and tension report, which no synthetic run may touch."""
    borough = Area.objects.boroughs().get(code="E08000001")
    report = Report.objects.create(
        reference="CG-AAAA-BBBB",
        status_nonce="0" * 32,
        status_secret_hash="f" * 64,
        kind="hate_incident",
        triage_due_at=timezone.now() + timedelta(days=2),
        description="A real report.",
        borough=borough,
    )
    report.strands.add(HostilityStrand.objects.get(code="race"))
    referral = Referral.objects.create(
        first_name="Real",
        last_name="Person",
        age_years=15,
        borough=borough,
        referrer_name="A teacher",
        referring_sector="education",
        referrer_contact="01234 567890",
        concern="A real concern.",
        concern_type="no_ideology",
        person_aware="yes",
        safeguarding_lead_consulted=True,
    )
    tension = TensionReport.objects.create(
        reference="TR-AAAAAA",
        observed_at=timezone.now(),
        category="graffiti",
        description="Real graffiti.",
        source_type="council",
        source_evaluation="1",
        information_assessment="A",
    )
    tension.areas.add(borough)
    return report, referral, tension


def test_it_writes_the_counts_asked_for_all_marked_synthetic():
    run("--incidents", "300", "--referrals", "200", "--tension-reports", "100", "--seed", "1")

    agency = Agency.objects.get(name=AGENCY_NAME)
    reports = Report.objects.all()
    assert reports.count() == 300
    assert all(r.reference.startswith(REFERENCE_PREFIX) and len(r.reference) <= 12 for r in reports)
    assert all(r.description.startswith(MARK) and r.recorded_by_agency_id == agency.pk for r in reports)
    assert set(reports.values_list("kind", flat=True)) == {"hate_incident"}
    assert Referral.objects.filter(referrer_agency=agency, concern__startswith=MARK).count() == 200
    assert Referral.objects.count() == 200
    tension = TensionReport.objects.all()
    assert tension.count() == 100
    assert all(t.reference.startswith(REFERENCE_PREFIX) and t.description.startswith(MARK) for t in tension)
    assert all(t.submitting_agency_id == agency.pk for t in tension)
    assert not tension.annotate(n=Count("areas")).filter(n=0).exists()
    assert not Report.objects.annotate(n=Count("strands")).filter(n=0).exists()
    assert AuditEvent.objects.filter(object_type="insights.synthetic", action="create").exists()


def test_the_same_seed_gives_the_same_data():
    def snapshot():
        reports = Report.objects.order_by("submitted_at", "id")
        return (
            [
                (
                    r.submitted_at,
                    r.borough_id,
                    r.ward_id,
                    r.status,
                    tuple(sorted(s.code for s in r.strands.all())),
                )
                for r in reports.prefetch_related("strands")
            ],
            list(
                Referral.objects.order_by("received_at", "id").values_list(
                    "received_at", "borough_id", "concern_type", "referring_sector", "age_years", "status"
                )
            ),
            list(TensionReport.objects.order_by("observed_at", "id").values_list("observed_at", "category")),
        )

    run("--incidents", "200", "--referrals", "100", "--tension-reports", "50", "--seed", "42", "--years", "1")
    first = snapshot()
    run(
        "--incidents",
        "200",
        "--referrals",
        "100",
        "--tension-reports",
        "50",
        "--seed",
        "42",
        "--years",
        "1",
        "--replace",
    )
    second = snapshot()
    # Times are relative to now, which moved on between the runs.
    shift = second[0][0][0] - first[0][0][0]
    assert abs(shift) < timedelta(minutes=1)
    assert [row[1:] for row in first[0]] == [row[1:] for row in second[0]]
    assert [row[1:] for row in first[1]] == [row[1:] for row in second[1]]
    assert [row[1:] for row in first[2]] == [row[1:] for row in second[2]]


def test_strand_shares_roughly_match_the_published_mix():
    generate(incidents=2000, referrals=0, tension_reports=0, seed=3, progress=False)

    counts = Counter(Report.strands.through.objects.values_list("hostilitystrand__code", flat=True))
    for code in ("race", "religion", "sexual_orientation", "disability"):
        assert counts[code] / 2000 == pytest.approx(STRAND_SHARES[code], abs=0.035), code
    with_two = Report.objects.annotate(n=Count("strands")).filter(n=2).count()
    assert 0.04 < with_two / 2000 < 0.12


def test_referrals_follow_the_published_mixes_and_stage_conversion():
    generate(incidents=0, referrals=2000, tension_reports=0, seed=5, progress=False)

    referrals = Referral.objects.all()
    concern = Counter(referrals.values_list("concern_type", flat=True))
    sector = Counter(referrals.values_list("referring_sector", flat=True))
    assert concern["no_ideology"] / 2000 == pytest.approx(0.56, abs=0.04)
    assert concern["extreme_right_wing"] / 2000 == pytest.approx(0.20, abs=0.03)
    assert sector["education"] / 2000 == pytest.approx(0.36, abs=0.04)
    assert referrals.filter(gender="Male").count() / 2000 == pytest.approx(0.89, abs=0.03)
    assert referrals.filter(age_years__gte=11, age_years__lte=15).count() / 2000 == pytest.approx(
        0.36, abs=0.04
    )
    at_panel = AgendaItem.objects.count() / 2000
    assert 0.15 < at_panel < 0.28
    adopted = PanelDecision.objects.filter(outcome="adopt").count() / PanelDecision.objects.count()
    assert 0.35 < adopted < 0.6
    assert EqualityMonitoring.objects.count() / 2000 == pytest.approx(0.70, abs=0.04)


def test_stage_dates_are_in_order_and_adoption_always_has_consent():
    generate(incidents=0, referrals=1500, tension_reports=0, seed=9, progress=False)
    now = timezone.now()

    for referral in Referral.objects.prefetch_related(
        "screening_decisions",
        "gateway_checks",
        "agenda_items__decision",
        "agenda_items__meeting",
        "case_events",
    ):
        steps = [referral.received_at]
        screenings = sorted(s.decided_at for s in referral.screening_decisions.all())
        checks = [g.recorded_at for g in referral.gateway_checks.all()]
        if checks:
            assert screenings[0] < checks[0]
            if len(screenings) == 2:
                assert checks[0] < screenings[1]
        steps += screenings
        for item in referral.agenda_items.all():
            assert item.meeting.meets_on >= steps[-1].date()
            decision = item.decision
            assert decision.decided_at > steps[-1]
            steps.append(decision.decided_at)
            if decision.outcome == "adopt":
                assert decision.consent_given_on and decision.consent_given_by
                assert decision.consent_given_on >= screenings[-1].date()
                expected = "parent_or_guardian" if referral.age_years < 18 else "person"
                assert decision.consent_given_by == expected
            else:
                assert decision.signposted_to
        for event in referral.case_events.all():
            assert event.happened_on > steps[-1].date()
            assert referral.status == "exited"
        assert steps == sorted(steps)
        assert steps[-1] <= now
    assert not PanelDecision.objects.filter(outcome="adopt", consent_given_on__isnull=True).exists()
    assert ExitReview.objects.count() == 2 * CaseEvent.objects.count()
    for review in ExitReview.objects.all():
        exited_on = CaseEvent.objects.get(referral_id=review.referral_id).happened_on
        assert review.due_on > exited_on
        assert review.completed_at is None or review.due_on <= review.completed_at.date() <= now.date()
    assert not ScreeningDecision.objects.filter(decision="not_appropriate", signposted_to="").exists()
    assert GatewayCheck.objects.exists()
    assert (
        Referral.objects.filter(status="adopted").exists()
        or Referral.objects.filter(status="exited").exists()
    )


def test_the_planted_over_referral_is_there():
    generate(incidents=0, referrals=3000, tension_reports=0, seed=11, progress=False)

    recorded = EqualityMonitoring.objects.exclude(ethnic_group="prefer_not_to_say")
    planted = recorded.filter(ethnic_group=PLANTED_PATTERN.ethnic_group).count() / recorded.count()
    # The group's Census share in Greater Manchester is about 3.8%; the plant lifts it about 1.6 times.
    assert 0.045 < planted < 0.075


def test_replace_removes_earlier_synthetic_rows_and_no_real_ones(real_rows):
    report, referral, tension = real_rows
    run("--incidents", "150", "--referrals", "150", "--tension-reports", "40", "--seed", "1")
    run("--incidents", "100", "--referrals", "60", "--tension-reports", "20", "--seed", "2", "--replace")

    assert Report.objects.count() == 101
    assert Referral.objects.count() == 61
    assert TensionReport.objects.count() == 21
    assert PanelMeeting.objects.count() == PanelMeeting.objects.filter(location=AGENCY_NAME).count()
    report.refresh_from_db()
    referral.refresh_from_db()
    tension.refresh_from_db()
    assert list(report.strands.values_list("code", flat=True)) == ["race"]
    assert tension.areas.count() == 1

    out = run("--remove-only")
    assert "Removed" in out
    assert list(Report.objects.all()) == [report]
    assert list(Referral.objects.all()) == [referral]
    assert list(TensionReport.objects.all()) == [tension]
    assert not PanelMeeting.objects.exists()
    assert not EqualityMonitoring.objects.exists()


def test_without_replace_a_second_run_adds_to_the_first():
    run("--incidents", "50", "--referrals", "20", "--tension-reports", "10", "--seed", "1")
    run("--incidents", "50", "--referrals", "20", "--tension-reports", "10", "--seed", "1")

    assert Report.objects.count() == 100
    assert Referral.objects.count() == 40


def test_it_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG is off"):
        run("--incidents", "10")
    assert not Report.objects.exists()

    run("--incidents", "10", "--referrals", "0", "--tension-reports", "0", "--allow-production")
    assert Report.objects.count() == 10
