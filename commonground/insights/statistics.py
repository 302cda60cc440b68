"""Rates, proportions, a fairness analysis of referrals and stage conversion (pure: no Django).

Every method here is described, with its formula, source and limits, in docs/methods/statistics.md.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from math import sqrt
from statistics import median

from scipy.stats import binomtest, chi2, fisher_exact, norm

PER_100K = 100_000
SIGNIFICANCE = 0.05
STAGES = ("referral", "screened", "panel", "adopted", "exited")


@dataclass(frozen=True)
class Interval:
    lower: float
    upper: float


@dataclass(frozen=True)
class Rate:
    """A count per `per` people, with a confidence interval; `None` when the population is zero."""

    count: int
    population: int
    per: int
    rate: float | None
    interval: Interval | None


@dataclass(frozen=True)
class Proportion:
    """A share of `trials`, with a Wilson interval; `None` when there were no trials."""

    successes: int
    trials: int
    proportion: float | None
    interval: Interval | None


def _check_count(name: str, value: int) -> None:
    if value < 0:
        raise ValueError(f"{name} must not be negative (got {value})")


def poisson_interval(count: int, *, confidence: float = 0.95) -> Interval:
    """The exact (Garwood) interval for the mean of a Poisson count.

    lower = chi2.ppf(alpha/2, 2k) / 2 and upper = chi2.ppf(1 - alpha/2, 2k + 2) / 2, where
    alpha = 1 - confidence; for k = 0 the lower limit is 0.
    """
    _check_count("count", count)
    alpha = 1 - confidence
    lower = 0.0 if count == 0 else float(chi2.ppf(alpha / 2, 2 * count)) / 2
    upper = float(chi2.ppf(1 - alpha / 2, 2 * count + 2)) / 2
    return Interval(lower, upper)


def rate(*, count: int, population: int, per: int = PER_100K, confidence: float = 0.95) -> Rate:
    """A rate per 100,000 (by default) with the Garwood interval scaled by the population."""
    _check_count("count", count)
    _check_count("population", population)
    if population == 0:
        return Rate(count, population, per, None, None)
    counts = poisson_interval(count, confidence=confidence)
    scale = per / population
    return Rate(count, population, per, count * scale, Interval(counts.lower * scale, counts.upper * scale))


def wilson_interval(successes: int, trials: int, *, confidence: float = 0.95) -> Interval:
    """The Wilson score interval for a binomial proportion (Wilson 1927)."""
    _check_count("successes", successes)
    if successes > trials:
        raise ValueError(f"successes ({successes}) cannot exceed trials ({trials})")
    if trials == 0:
        raise ValueError("a proportion needs at least one trial")
    z = float(norm.ppf(1 - (1 - confidence) / 2))
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half_width = z * sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    # Clamp the rounding error at the ends (0/n and n/n give exactly 0 and 1).
    return Interval(max(0.0, centre - half_width), min(1.0, centre + half_width))


def proportion(*, successes: int, trials: int, confidence: float = 0.95) -> Proportion:
    if trials == 0:
        _check_count("successes", successes)
        if successes:
            raise ValueError(f"successes ({successes}) cannot exceed trials (0)")
        return Proportion(0, 0, None, None)
    interval = wilson_interval(successes, trials, confidence=confidence)
    return Proportion(successes, trials, successes / trials, interval)


# --- Fairness of referrals -------------------------------------------------------------------


@dataclass(frozen=True)
class GroupCounts:
    """What is known about one group: referrals, its Census population and referrals adopted."""

    referrals: int
    population: int
    adopted: int


@dataclass(frozen=True)
class GroupFairness:
    group: str
    referral_rate: Rate
    # The group's rate over the overall rate of all groups with a recorded value.
    rate_ratio: float | None
    # The group's rate over the rate in everyone else, with its exact conditional interval.
    rate_ratio_to_rest: float | None
    rate_ratio_to_rest_interval: Interval | None
    # Two-sided exact conditional test that the group's rate equals the rate in everyone else.
    rate_p_value: float | None
    adoption: Proportion
    # Two-sided Fisher exact test that the group's adoption rate equals that of everyone else.
    adoption_p_value: float | None
    possible_over_referral: bool


@dataclass(frozen=True)
class FairnessReport:
    groups: tuple[GroupFairness, ...]
    overall_rate: Rate
    overall_adoption: Proportion
    not_recorded_referrals: int
    not_recorded_adopted: int
    # Share of all referrals (recorded or not) whose group was not recorded.
    not_recorded_share: Proportion


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


def _compare_with_rest(
    counts: GroupCounts, *, rest_referrals: int, rest_population: int, confidence: float
) -> tuple[float | None, Interval | None, float | None]:
    """Rate ratio to the rest, its exact interval and p-value, by conditioning on the total count.

    Under equal rates, the group's count given the total is Binomial(total, share of population).
    """
    total = counts.referrals + rest_referrals
    if total == 0 or counts.population == 0 or rest_population == 0:
        return None, None, None
    share = counts.population / (counts.population + rest_population)
    test = binomtest(counts.referrals, total, share, alternative="two-sided")
    bounds = test.proportion_ci(confidence_level=confidence, method="exact")
    population_ratio = rest_population / counts.population

    def to_ratio(p: float) -> float:
        # p / (1 - p) is the group-to-rest ratio of counts; scale by the populations for rates.
        return float("inf") if p >= 1 else p / (1 - p) * population_ratio

    point = None if rest_referrals == 0 else counts.referrals / rest_referrals * population_ratio
    return point, Interval(to_ratio(bounds.low), to_ratio(bounds.high)), float(test.pvalue)


def fairness(
    *,
    groups: Mapping[str, GroupCounts],
    not_recorded_referrals: int = 0,
    not_recorded_adopted: int = 0,
    per: int = PER_100K,
    confidence: float = 0.95,
    significance: float = SIGNIFICANCE,
) -> FairnessReport:
    """Referral rates, rate ratios and adoption rates by group, and which groups may be over-referred.

    `possible_over_referral` is set when the group's referral rate is significantly higher than
    everyone else's (two-sided exact test, p < `significance`) and its adoption rate is lower than
    the overall adoption rate. The adoption difference need not be significant: adopted counts are
    small, so requiring it would almost never flag the small groups the check exists for. Its
    p-value is reported alongside so that readers can judge its strength.
    """
    _check_count("not_recorded_referrals", not_recorded_referrals)
    _check_count("not_recorded_adopted", not_recorded_adopted)
    if not_recorded_adopted > not_recorded_referrals:
        raise ValueError("more referrals adopted than referred among those with no group recorded")
    for name, counts in groups.items():
        if counts.adopted > counts.referrals:
            raise ValueError(f"{name}: adopted ({counts.adopted}) exceeds referrals ({counts.referrals})")
    total_referrals = sum(c.referrals for c in groups.values())
    total_population = sum(c.population for c in groups.values())
    total_adopted = sum(c.adopted for c in groups.values())
    overall_rate = rate(count=total_referrals, population=total_population, per=per, confidence=confidence)
    overall_adoption = proportion(successes=total_adopted, trials=total_referrals, confidence=confidence)

    results = []
    for name, counts in groups.items():
        group_rate = rate(
            count=counts.referrals, population=counts.population, per=per, confidence=confidence
        )
        adoption = proportion(successes=counts.adopted, trials=counts.referrals, confidence=confidence)
        rest_referrals = total_referrals - counts.referrals
        rest_adopted = total_adopted - counts.adopted
        ratio_to_rest, ratio_interval, rate_p = _compare_with_rest(
            counts,
            rest_referrals=rest_referrals,
            rest_population=total_population - counts.population,
            confidence=confidence,
        )
        adoption_p = None
        if counts.referrals and rest_referrals:
            table = [
                [counts.adopted, counts.referrals - counts.adopted],
                [rest_adopted, rest_referrals - rest_adopted],
            ]
            adoption_p = float(fisher_exact(table).pvalue)
        higher = (
            rate_p is not None
            and rate_p < significance
            and group_rate.rate is not None
            and overall_rate.rate is not None
            and group_rate.rate > overall_rate.rate
        )
        adopted_less = (
            adoption.proportion is not None
            and overall_adoption.proportion is not None
            and adoption.proportion < overall_adoption.proportion
        )
        results.append(
            GroupFairness(
                group=name,
                referral_rate=group_rate,
                rate_ratio=_ratio(group_rate.rate, overall_rate.rate),
                rate_ratio_to_rest=ratio_to_rest,
                rate_ratio_to_rest_interval=ratio_interval,
                rate_p_value=rate_p,
                adoption=adoption,
                adoption_p_value=adoption_p,
                possible_over_referral=higher and adopted_less,
            )
        )
    return FairnessReport(
        groups=tuple(results),
        overall_rate=overall_rate,
        overall_adoption=overall_adoption,
        not_recorded_referrals=not_recorded_referrals,
        not_recorded_adopted=not_recorded_adopted,
        not_recorded_share=proportion(
            successes=not_recorded_referrals,
            trials=total_referrals + not_recorded_referrals,
            confidence=confidence,
        ),
    )


# --- Conversion through stages ---------------------------------------------------------------


@dataclass(frozen=True)
class StageSummary:
    stage: str
    reached: int
    # Percentage of records that reached the first stage; `None` when none did.
    percent_of_first: float | None
    # Percentage of records that reached the previous stage; `None` for the first stage.
    percent_of_previous: float | None
    # Median whole days from reaching this stage to reaching the next, among records that reached
    # both; `None` for the last stage or when no record has moved on.
    median_days_in_stage: float | None
    moved_on: int
    # Records whose next stage is dated before this one: a data error, left out of the median.
    out_of_order: int


def _percent(part: int, whole: int) -> float | None:
    return None if whole == 0 else 100 * part / whole


def stage_conversion(
    records: Sequence[Mapping[str, date | None]], *, stages: Sequence[str] = STAGES
) -> tuple[StageSummary, ...]:
    """How many records reached each stage, as percentages, and the median days spent in each.

    Each record maps a stage name to the date it was reached, or `None` (or no key) if it was not.
    """
    if not stages:
        raise ValueError("at least one stage is needed")
    reached = [sum(1 for r in records if r.get(stage) is not None) for stage in stages]
    summaries = []
    for index, stage in enumerate(stages):
        days: list[int] = []
        out_of_order = 0
        if index + 1 < len(stages):
            following = stages[index + 1]
            for record in records:
                start, end = record.get(stage), record.get(following)
                if start is None or end is None:
                    continue
                if end < start:
                    out_of_order += 1
                else:
                    days.append((end - start).days)
        summaries.append(
            StageSummary(
                stage=stage,
                reached=reached[index],
                percent_of_first=_percent(reached[index], reached[0]),
                percent_of_previous=None if index == 0 else _percent(reached[index], reached[index - 1]),
                median_days_in_stage=float(median(days)) if days else None,
                moved_on=len(days),
                out_of_order=out_of_order,
            )
        )
    return tuple(summaries)


@dataclass(frozen=True)
class MedianDays:
    """The median whole days between pairs of dates, over the `count` pairs in order."""

    median: float | None
    count: int
    # Pairs whose end is dated before their start: a data error, left out of the median.
    out_of_order: int


def median_days(pairs: Sequence[tuple[date, date]]) -> MedianDays:
    """The median of the whole days from each (start, end); `None` when there are no pairs."""
    days = [(end - start).days for start, end in pairs if end >= start]
    out_of_order = len(pairs) - len(days)
    return MedianDays(float(median(days)) if days else None, len(days), out_of_order)
