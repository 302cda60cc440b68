"""The fairness check: referral rates by group against the Census population of the user's
boroughs, adoption shares with Wilson intervals, the share not recorded, and the over-referral
flag, all against figures worked out by hand for a small fixed dataset in Bolton."""

from datetime import date

import pytest
from django.urls import reverse

from commonground.core.roles import Role
from tests.conftest import signed_in
from tests.factories import BOLTON, BURY, staff
from tests.insights import staff_builders as build

pytestmark = pytest.mark.django_db

PERIOD = {"date_from": "1/1/2026", "date_to": "30/6/2026"}
# Bolton, Census 2021 (TS021, summed from the detailed groups): Asian 59,596; Black 11,238;
# Mixed 6,643; White 212,941; Other 5,542; in all 295,960.


def _referrals(group: str, count: int, adopted: int, coordinator, *, religion: str | None = None):
    for n in range(count):
        made = build.referral(BOLTON, date(2026, 2, 1 + n % 28), ethnic_group=group, religion=religion)
        if n < adopted:
            build.at_panel(made, date(2026, 3, 1 + n % 28), coordinator, adopt_on=date(2026, 3, 1 + n % 28))


@pytest.fixture
def coordinator():
    return staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)


@pytest.fixture
def analyst():
    return staff(Role.TENSION_ANALYST, BOLTON)


def _dataset(coordinator, *, asian_adopted: int):
    _referrals("asian_pakistani", 20, min(asian_adopted, 20), coordinator, religion="muslim")
    _referrals("asian_indian", 10, max(asian_adopted - 20, 0), coordinator, religion="hindu")
    _referrals("white_british", 40, 12, coordinator, religion="christian")
    _referrals("black_african", 2, 1, coordinator)
    _referrals("", 5, 1, coordinator)  # the form was given, but this answer left blank
    _referrals("prefer_not_to_say", 3, 0, coordinator)
    # Not counted: in Bury, and outside the period.
    build.referral(BURY, date(2026, 2, 1), ethnic_group="asian_pakistani")
    build.referral(BOLTON, date(2025, 2, 1), ethnic_group="asian_pakistani")


def _page(client, **params):
    return client.get(reverse("insights:staff-fairness"), {**PERIOD, **params})


def test_referral_rates_and_intervals_by_broad_ethnic_group_match_the_hand_computed_figures(
    coordinator, analyst
):
    _dataset(coordinator, asian_adopted=3)
    data = _page(signed_in(analyst)).context["data"]
    groups = {g.group: g for g in data.report.groups}
    asian = groups["Asian"]
    # 30 referrals among 59,596 residents: 30 / 59,596 * 100,000 = 50.339. Garwood 95% interval for
    # a count of 30 is 20.241 to 42.827, divided by 59,596 and times 100,000: 33.963 to 71.862.
    assert asian.referral_rate.count == 30 and asian.referral_rate.population == 59_596
    assert asian.referral_rate.rate == pytest.approx(50.339, abs=0.001)
    assert asian.referral_rate.interval.lower == pytest.approx(33.963, abs=0.001)
    assert asian.referral_rate.interval.upper == pytest.approx(71.862, abs=0.001)
    # White: 40 / 212,941 = 18.785 per 100,000 (13.420 to 25.579).
    assert groups["White"].referral_rate.rate == pytest.approx(18.785, abs=0.001)
    assert groups["White"].referral_rate.interval.lower == pytest.approx(13.420, abs=0.001)
    # All recorded groups: 72 / 295,960 = 24.328 (19.035 to 30.637).
    assert data.report.overall_rate.rate == pytest.approx(24.328, abs=0.001)
    assert data.report.overall_rate.interval.upper == pytest.approx(30.637, abs=0.001)
    # A group with no referrals has a rate of 0 and an interval from 0.
    assert groups["Mixed"].referral_rate.rate == 0 and groups["Mixed"].referral_rate.interval.lower == 0


def test_adoption_shares_have_wilson_intervals(coordinator, analyst):
    _dataset(coordinator, asian_adopted=3)
    data = _page(signed_in(analyst)).context["data"]
    groups = {g.group: g for g in data.report.groups}
    # 3 of 30 adopted: 10%, Wilson 95% interval 3.46% to 25.62%.
    asian = groups["Asian"].adoption
    assert (asian.successes, asian.trials) == (3, 30)
    assert asian.interval.lower == pytest.approx(0.03460, abs=0.00001)
    assert asian.interval.upper == pytest.approx(0.25621, abs=0.00001)
    # Overall, 16 of 72 (22.2%): 14.17% to 33.09%.
    overall = data.report.overall_adoption
    assert (overall.successes, overall.trials) == (16, 72)
    assert overall.interval.lower == pytest.approx(0.14167, abs=0.00001)


def test_referrals_without_a_recorded_group_are_shown_not_hidden(coordinator, analyst):
    _dataset(coordinator, asian_adopted=3)
    response = _page(signed_in(analyst))
    data = response.context["data"]
    assert data.total_referrals == 80
    assert data.report.not_recorded_referrals == 8 and data.report.not_recorded_adopted == 1
    assert (data.not_asked, data.prefer_not_to_say) == (5, 3)
    assert data.report.not_recorded_share.proportion == pytest.approx(8 / 80)
    assert "Not recorded: 8 of 80 referrals (10%)" in response.content.decode()


def test_a_group_referred_more_often_and_adopted_less_often_is_flagged(coordinator, analyst):
    _dataset(coordinator, asian_adopted=3)
    response = _page(signed_in(analyst))
    data = response.context["data"]
    assert [g.group for g in data.flagged] == ["Asian"]
    groups = {g.group: g for g in data.report.groups}
    assert groups["Asian"].rate_p_value < 0.05
    # White: referred less often than everyone else; Black: 2 referrals, no significant difference.
    assert not groups["White"].possible_over_referral and not groups["Black"].possible_over_referral
    content = response.content.decode()
    assert "Possible over-referral: Asian" in content
    assert "govuk-tag--red" in content
    assert "does not show that anyone acted unfairly" in content


def test_no_flag_when_the_group_is_adopted_as_often_as_others(coordinator, analyst):
    # 10 of 30 adopted (33.3%) against 23 of 72 overall (31.9%): referred more, but not adopted less.
    _dataset(coordinator, asian_adopted=10)
    response = _page(signed_in(analyst))
    assert response.context["data"].flagged == ()
    assert "No group is flagged" in response.content.decode()


def test_rates_by_religion_use_the_census_religion_population(coordinator, analyst):
    _dataset(coordinator, asian_adopted=3)
    data = _page(signed_in(analyst), grouping="religion").context["data"]
    groups = {g.group: g for g in data.report.groups}
    # 20 Muslim referrals among Bolton's 58,997 Muslim residents: 33.900 per 100,000.
    assert groups["Muslim"].referral_rate.count == 20
    assert groups["Muslim"].referral_rate.rate == pytest.approx(20 / 58_997 * 100_000)
    # No religion recorded for the 10 Black and not-recorded referrals... (2 + 5 + 3).
    assert data.report.not_recorded_referrals == 10
    # "Not answered" in the Census has no referrals to set against it: it is left out.
    assert "Not answered" not in groups


def test_detailed_ethnic_groups_map_to_the_census_categories(coordinator, analyst):
    _dataset(coordinator, asian_adopted=3)
    data = _page(signed_in(analyst), grouping="ethnic_detailed").context["data"]
    groups = {g.group: g for g in data.report.groups}
    pakistani = groups["Asian, Asian British or Asian Welsh: Pakistani"]
    assert pakistani.referral_rate.count == 20 and pakistani.referral_rate.population == 27_897


def test_no_referrals_in_the_period_shows_the_empty_state(analyst):
    response = _page(signed_in(analyst))
    assert "No records match these filters" in response.content.decode()


def test_staff_without_the_insights_permission_are_refused(coordinator):
    assert _page(signed_in(coordinator)).status_code == 403
