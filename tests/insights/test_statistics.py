"""Rates, intervals, the fairness analysis and stage conversion, against hand-worked figures."""

from datetime import date

import pytest

from commonground.insights.statistics import (
    GroupCounts,
    fairness,
    poisson_interval,
    proportion,
    rate,
    stage_conversion,
    wilson_interval,
)

approx = pytest.approx


# --- Poisson (Garwood) intervals: published values, e.g. Ulm (1990) and standard tables. --------


def test_garwood_interval_for_a_zero_count_runs_from_zero_to_3_689():
    # Upper = chi2.ppf(0.975, 2) / 2 = -ln(0.025) = 3.6889.
    interval = poisson_interval(0)
    assert interval.lower == 0
    assert interval.upper == approx(3.6889, abs=1e-4)


def test_garwood_interval_for_five_runs_from_1_6235_to_11_6683():
    interval = poisson_interval(5)
    assert interval.lower == approx(1.6235, abs=1e-4)
    assert interval.upper == approx(11.6683, abs=1e-4)


def test_garwood_interval_for_one_runs_from_0_0253_to_5_5716():
    interval = poisson_interval(1)
    assert interval.lower == approx(0.0253, abs=1e-4)
    assert interval.upper == approx(5.5716, abs=1e-4)


def test_rate_per_100k_scales_the_count_interval_by_the_population():
    # 5 in 50,000 = 10 per 100,000; interval 1.6235 * 2 to 11.6683 * 2.
    result = rate(count=5, population=50_000)
    assert result.rate == approx(10.0)
    assert result.interval.lower == approx(3.2470, abs=1e-3)
    assert result.interval.upper == approx(23.3367, abs=1e-3)


def test_rate_of_zero_has_a_zero_lower_limit_and_a_positive_upper_limit():
    # 0 in 20,000: upper 3.6889 * 5 = 18.44 per 100,000.
    result = rate(count=0, population=20_000)
    assert result.rate == 0
    assert result.interval.lower == 0
    assert result.interval.upper == approx(18.444, abs=1e-2)


def test_rate_for_an_empty_population_is_none_rather_than_a_division_by_zero():
    result = rate(count=3, population=0)
    assert result.rate is None
    assert result.interval is None


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError, match="negative"):
        rate(count=-1, population=10)


# --- Wilson intervals: Newcombe (1998), Statistics in Medicine 17:857-872, table I. ------------


def test_wilson_interval_for_10_of_50():
    # p = 0.2, z^2 = 3.8415; centre = (0.2 + 0.038415) / 1.076829 = 0.22140;
    # half-width = 1.96 * sqrt(0.0032 + 0.0003841) / 1.076829 = 0.10897.
    interval = wilson_interval(10, 50)
    assert interval.lower == approx(0.1124, abs=1e-4)
    assert interval.upper == approx(0.3304, abs=1e-4)


@pytest.mark.parametrize(
    ("successes", "trials", "lower", "upper"),
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718)],
)
def test_wilson_interval_matches_newcombe_table(successes, trials, lower, upper):
    interval = wilson_interval(successes, trials)
    assert interval.lower == approx(lower, abs=1e-4)
    assert interval.upper == approx(upper, abs=1e-4)


def test_proportion_of_nothing_is_none():
    assert proportion(successes=0, trials=0).proportion is None


def test_more_successes_than_trials_is_refused():
    with pytest.raises(ValueError, match="exceed"):
        proportion(successes=3, trials=2)


# --- Fairness ---------------------------------------------------------------------------------


def _over_referred_a(adopted_a: int = 3, adopted_b: int = 6) -> dict[str, GroupCounts]:
    # A: 30 referrals in 10,000 = 300 per 100,000. B: 20 in 40,000 = 50 per 100,000.
    # Overall: 50 in 50,000 = 100 per 100,000.
    return {
        "A": GroupCounts(referrals=30, population=10_000, adopted=adopted_a),
        "B": GroupCounts(referrals=20, population=40_000, adopted=adopted_b),
    }


def test_fairness_gives_rates_and_ratios_by_group():
    report = fairness(groups=_over_referred_a(), not_recorded_referrals=10, not_recorded_adopted=1)
    a, b = report.groups
    assert report.overall_rate.rate == approx(100.0)
    assert a.referral_rate.rate == approx(300.0)
    assert b.referral_rate.rate == approx(50.0)
    # 300 / 100 and 50 / 100.
    assert a.rate_ratio == approx(3.0)
    assert b.rate_ratio == approx(0.5)
    # To the rest: (30 / 10,000) / (20 / 40,000) = 6, and its inverse for B.
    assert a.rate_ratio_to_rest == approx(6.0)
    assert b.rate_ratio_to_rest == approx(1 / 6)
    assert a.rate_ratio_to_rest_interval.lower < 6.0 < a.rate_ratio_to_rest_interval.upper
    # Under equal rates A's count would be Binomial(50, 0.2), mean 10: 30 is far out.
    assert a.rate_p_value < 0.001
    assert a.rate_p_value == approx(b.rate_p_value)


def test_fairness_keeps_the_share_not_recorded():
    report = fairness(groups=_over_referred_a(), not_recorded_referrals=10, not_recorded_adopted=1)
    # 10 of the 60 referrals had no group recorded.
    assert report.not_recorded_referrals == 10
    assert report.not_recorded_adopted == 1
    assert report.not_recorded_share.proportion == approx(10 / 60)
    assert report.not_recorded_share.interval is not None


def test_a_group_referred_more_and_adopted_less_is_flagged():
    # Adoption: A 3 / 30 = 10%, overall 9 / 50 = 18%.
    report = fairness(groups=_over_referred_a(adopted_a=3, adopted_b=6))
    a, b = report.groups
    assert a.adoption.proportion == approx(0.10)
    assert report.overall_adoption.proportion == approx(0.18)
    assert a.possible_over_referral is True
    # B is referred less, so never flagged, whatever its adoption rate.
    assert b.possible_over_referral is False
    # The adoption difference itself is not significant (Fisher exact), and need not be.
    assert a.adoption_p_value > 0.05


def test_a_group_referred_more_but_adopted_as_often_is_not_flagged():
    # Adoption: A 9 / 30 = 30%, overall 15 / 50 = 30%: not lower.
    report = fairness(groups=_over_referred_a(adopted_a=9, adopted_b=6))
    assert report.groups[0].possible_over_referral is False


def test_a_higher_rate_that_is_not_significant_is_not_flagged():
    # A: 3 in 10,000 (30 per 100,000), B: 8 in 40,000 (20 per 100,000); adoption A 0 / 3, B 4 / 8.
    report = fairness(
        groups={
            "A": GroupCounts(referrals=3, population=10_000, adopted=0),
            "B": GroupCounts(referrals=8, population=40_000, adopted=4),
        }
    )
    a = report.groups[0]
    assert a.rate_ratio == approx(30 / (11 / 50_000 * 100_000))
    assert a.rate_p_value > 0.05
    assert a.possible_over_referral is False


def test_fairness_copes_with_empty_groups():
    report = fairness(
        groups={
            "none referred": GroupCounts(referrals=0, population=5_000, adopted=0),
            "no population": GroupCounts(referrals=0, population=0, adopted=0),
            "others": GroupCounts(referrals=12, population=20_000, adopted=2),
        }
    )
    none_referred, no_population, _ = report.groups
    assert none_referred.referral_rate.rate == 0
    assert none_referred.adoption.proportion is None
    assert none_referred.possible_over_referral is False
    assert no_population.referral_rate.rate is None
    assert no_population.rate_ratio is None
    assert no_population.rate_p_value is None


def test_fairness_with_nothing_at_all_does_not_divide_by_zero():
    report = fairness(groups={"A": GroupCounts(0, 0, 0)}, not_recorded_referrals=0)
    assert report.overall_rate.rate is None
    assert report.not_recorded_share.proportion is None
    assert report.groups[0].possible_over_referral is False


def test_fairness_refuses_more_adopted_than_referred():
    with pytest.raises(ValueError, match="adopted"):
        fairness(groups={"A": GroupCounts(referrals=1, population=100, adopted=2)})
    with pytest.raises(ValueError, match="adopted"):
        fairness(groups={}, not_recorded_referrals=1, not_recorded_adopted=2)


# --- Stage conversion -------------------------------------------------------------------------


def test_stage_conversion_counts_percentages_and_median_days():
    records = [
        {"referral": date(2026, 1, 1), "screened": date(2026, 1, 5), "panel": date(2026, 1, 20)},
        {"referral": date(2026, 1, 1), "screened": date(2026, 1, 3), "panel": None},
        {"referral": date(2026, 1, 1), "screened": date(2026, 1, 11), "panel": date(2026, 1, 12)},
        {"referral": date(2026, 1, 1), "screened": None},
    ]
    referral, screened, panel = stage_conversion(records, stages=("referral", "screened", "panel"))
    # Reached: 4, 3, 2. As a share of the first: 100%, 75%, 50%; of the one before: 75%, 66.7%.
    assert (referral.reached, screened.reached, panel.reached) == (4, 3, 2)
    assert screened.percent_of_first == approx(75.0)
    assert panel.percent_of_first == approx(50.0)
    assert referral.percent_of_previous is None
    assert panel.percent_of_previous == approx(200 / 3)
    # Days from referral to screening: 4, 2, 10 -> median 4. Screening to panel: 15, 1 -> 8.
    assert referral.median_days_in_stage == 4
    assert screened.median_days_in_stage == 8
    assert panel.median_days_in_stage is None


def test_stage_conversion_sets_aside_dates_out_of_order():
    records = [
        {"referral": date(2026, 2, 1), "screened": date(2026, 1, 1)},
        {"referral": date(2026, 1, 1), "screened": date(2026, 1, 3)},
    ]
    referral, _ = stage_conversion(records, stages=("referral", "screened"))
    assert referral.out_of_order == 1
    assert referral.median_days_in_stage == 2


def test_stage_conversion_of_no_records_gives_no_percentages():
    summaries = stage_conversion([])
    assert [s.stage for s in summaries] == ["referral", "screened", "panel", "adopted", "exited"]
    assert all(s.reached == 0 and s.percent_of_first is None for s in summaries)
