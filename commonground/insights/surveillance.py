"""Spike detection in weekly counts per area and strand (pure: no Django).

Two families of method, both described with their parameters in docs/methods/statistics.md:
EARS C1, C2 and C3 (short baselines, for series with little history) and a simplified Farrington
method (same weeks in previous years, quasi-Poisson, for series with a year or more of history).
Every week gets a result; weeks without enough history say so instead of raising.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from math import exp, log, sqrt
from statistics import fmean, stdev

import numpy as np
from scipy.stats import norm

WEEKS_PER_YEAR = 52
ASSESSED = "assessed"
NOT_ENOUGH_HISTORY = "not enough history"


class Method(StrEnum):
    EARS_C1 = "ears_c1"
    EARS_C2 = "ears_c2"
    EARS_C3 = "ears_c3"
    FARRINGTON = "farrington"


@dataclass(frozen=True)
class WeekResult:
    week_start: date
    count: int
    method: Method
    status: str  # ASSESSED or NOT_ENOUGH_HISTORY
    expected: float | None = None
    # The count above which the week is flagged (before the minimum count is applied).
    threshold: float | None = None
    # EARS: the C1, C2 or C3 statistic. Farrington: (count - expected) / (threshold - expected),
    # above 1 when the count is over the threshold.
    score: float | None = None
    flagged: bool = False


def weekly_counts(series: Iterable[tuple[date, int]]) -> tuple[list[date], list[int]]:
    """Sort a series by week and fill missing weeks with zero (a week with no records).

    Week starts must fall on one 7-day grid; a repeated week is an error, not something to add up.
    """
    by_week: dict[date, int] = {}
    for week_start, count in series:
        if week_start in by_week:
            raise ValueError(f"week starting {week_start} appears twice")
        if count < 0:
            raise ValueError(f"week starting {week_start} has a negative count")
        by_week[week_start] = count
    if not by_week:
        return [], []
    first, last = min(by_week), max(by_week)
    if any((d - first).days % 7 for d in by_week):
        raise ValueError("week start dates must be whole weeks apart")
    weeks = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    return weeks, [by_week.get(week, 0) for week in weeks]


# --- EARS -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EarsSettings:
    baseline_weeks: int = 7
    # C1 and C2 flag a statistic above this many standard deviations.
    sd_threshold: float = 3.0
    # C3 flags a sum above this.
    c3_threshold: float = 2.0
    # A flat baseline has no spread; this floor stops a count of one over it being an alarm.
    minimum_sd: float = 1.0
    # Counts below this are never flagged, however unusual.
    minimum_count: int = 5


def _ears_statistic(
    counts: Sequence[int], t: int, *, guard: int, settings: EarsSettings
) -> tuple[float, float, float] | None:
    """(mean, floored sd, statistic) for week t against the weeks before it, skipping `guard` weeks."""
    end = t - guard
    start = end - settings.baseline_weeks
    if start < 0:
        return None
    baseline = counts[start:end]
    mean = fmean(baseline)
    sd = max(stdev(baseline), settings.minimum_sd)
    return mean, sd, (counts[t] - mean) / sd


def ears(
    series: Iterable[tuple[date, int]],
    *,
    method: Method | str = Method.EARS_C2,
    settings: EarsSettings | None = None,
) -> list[WeekResult]:
    """EARS C1 (baseline: the 7 weeks before), C2 (the 7 weeks before a 2-week guard band) or C3.

    C1, C2: statistic = (count - mean) / max(sd, minimum_sd); flag above 3.
    C3: the sum over this week and the two before of max(0, C2 - 1); flag above 2.
    """
    settings = settings or EarsSettings()
    method = Method(method)
    if method is Method.FARRINGTON:
        raise ValueError("use farrington() for the Farrington method")
    weeks, counts = weekly_counts(series)
    guard = 0 if method is Method.EARS_C1 else 2
    results = []
    for t, (week, count) in enumerate(zip(weeks, counts, strict=True)):
        current = _ears_statistic(counts, t, guard=guard, settings=settings)
        earlier = [_ears_statistic(counts, t - i, guard=guard, settings=settings) for i in (1, 2)]
        if current is None or (method is Method.EARS_C3 and None in earlier):
            results.append(WeekResult(week, count, method, NOT_ENOUGH_HISTORY))
            continue
        mean, sd, statistic = current
        if method is Method.EARS_C3:
            # Only C2 values more than one sd above the mean add to C3.
            carried = sum(max(0.0, s[2] - 1) for s in earlier if s is not None)
            score = max(0.0, statistic - 1) + carried
            exceeded = score > settings.c3_threshold
            # The count above which C3 passes its line. Once the two weeks before carry more than
            # the line on their own, every count does: C3 keeps signalling after a spike.
            margin = settings.c3_threshold - carried
            threshold = max(0.0, mean + sd * (1 + margin)) if margin >= 0 else 0.0
        else:
            score = statistic
            exceeded = score > settings.sd_threshold
            threshold = mean + settings.sd_threshold * sd
        flagged = exceeded and count >= settings.minimum_count
        results.append(WeekResult(week, count, method, ASSESSED, mean, threshold, score, flagged))
    return results


# --- Farrington -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FarringtonSettings:
    # Compare with up to this many previous years ...
    years: int = 5
    # ... taking this many weeks either side of the same week in each.
    half_window: int = 3
    # One-sided: the threshold is the upper 1 - alpha prediction limit.
    alpha: float = 0.01
    # A linear trend is considered only with at least this many years of baseline.
    trend_years: int = 3
    minimum_count: int = 5


@dataclass(frozen=True)
class _Fit:
    beta: np.ndarray
    # Unscaled covariance of the coefficients: multiply by the dispersion.
    covariance: np.ndarray
    dispersion: float


def _fit_poisson(design: np.ndarray, counts: np.ndarray, weights: np.ndarray) -> _Fit:
    """Weighted Poisson regression with a log link, by iteratively reweighted least squares,
    with the Pearson estimate of overdispersion floored at 1 (never less variable than Poisson)."""
    beta = np.zeros(design.shape[1])
    beta[0] = log(np.average(counts, weights=weights))
    for _ in range(100):
        eta = design @ beta
        mu = np.exp(eta)
        weighted = design.T * (weights * mu)
        updated = np.linalg.solve(weighted @ design, weighted @ (eta + (counts - mu) / mu))
        converged = np.max(np.abs(updated - beta)) < 1e-10
        beta = updated
        if converged:
            break
    mu = np.exp(design @ beta)
    covariance = np.linalg.inv((design.T * (weights * mu)) @ design)
    freedom = len(counts) - design.shape[1]
    pearson = float(np.sum(weights * (counts - mu) ** 2 / mu)) / freedom if freedom > 0 else 1.0
    return _Fit(beta, covariance, max(1.0, pearson))


def _robust_fit(design: np.ndarray, counts: np.ndarray) -> _Fit:
    """Fit, then refit with past unusual weeks down-weighted (Farrington et al. 1996, section 3.3).

    Weeks whose standardised Anscombe residual s is above 1 get weight proportional to 1 / s^2,
    the others a constant, scaled so that the weights add up to the number of weeks. Past
    outbreaks in the baseline then raise the expectation less.
    """
    first = _fit_poisson(design, counts, np.ones(len(counts)))
    mu = np.exp(design @ first.beta)
    leverage = mu * np.einsum("ij,jk,ik->i", design, first.covariance, design)
    residuals = (
        1.5
        * (counts ** (2 / 3) - mu ** (2 / 3))
        / (mu ** (1 / 6) * np.sqrt(first.dispersion * np.clip(1 - leverage, 1e-9, None)))
    )
    weights = np.where(residuals > 1, 1 / np.maximum(residuals, 1) ** 2, 1.0)
    return _fit_poisson(design, counts, weights * len(counts) / weights.sum())


def _farrington_week(
    counts: Sequence[int], t: int, settings: FarringtonSettings
) -> tuple[float, float] | None:
    """(expected, threshold) for week t, or None without a full window in the year before."""
    offsets = []
    for year in range(1, settings.years + 1):
        centre = t - WEEKS_PER_YEAR * year
        if centre - settings.half_window < 0:
            break
        offsets += [centre + k for k in range(-settings.half_window, settings.half_window + 1)]
    if not offsets:
        return None
    years_used = len(offsets) // (2 * settings.half_window + 1)
    baseline = np.array([counts[i] for i in offsets], dtype=float)
    if baseline.sum() == 0:
        # Nothing at this time of year before: any count is unexpected; the minimum count decides.
        return 0.0, 0.0
    # Time in years before week t, so that week t itself is at 0 and the intercept predicts it.
    time = np.array([(i - t) / WEEKS_PER_YEAR for i in offsets])
    design = np.column_stack([np.ones_like(time), time])
    use_trend = years_used >= settings.trend_years
    if use_trend:
        fit = _robust_fit(design, baseline)
        trend_z = fit.beta[1] / sqrt(fit.dispersion * fit.covariance[1, 1])
        # Keep the trend only if it is significant and does not predict beyond anything seen.
        use_trend = abs(trend_z) > norm.ppf(0.975) and exp(fit.beta[0]) <= baseline.max()
    if not use_trend:
        fit = _robust_fit(design[:, :1], baseline)
    phi = fit.dispersion
    expected = exp(fit.beta[0])
    # Delta method: var(mu0) = mu0^2 * var(log mu0), and var(log mu0) is the intercept's variance.
    variance_of_expected = expected**2 * phi * fit.covariance[0, 0]
    tau = phi + variance_of_expected / expected
    # The 2/3-power transformation makes counts near-normal (Farrington et al. 1996).
    se = sqrt(4 / 9 * expected ** (1 / 3) * tau)
    z = norm.ppf(1 - settings.alpha)
    threshold = (expected ** (2 / 3) + z * se) ** 1.5
    return float(expected), float(threshold)


def farrington(
    series: Iterable[tuple[date, int]], *, settings: FarringtonSettings | None = None
) -> list[WeekResult]:
    """Flag weeks above the upper prediction limit from the same weeks in previous years."""
    settings = settings or FarringtonSettings()
    weeks, counts = weekly_counts(series)
    results = []
    for t, (week, count) in enumerate(zip(weeks, counts, strict=True)):
        fitted = _farrington_week(counts, t, settings)
        if fitted is None:
            results.append(WeekResult(week, count, Method.FARRINGTON, NOT_ENOUGH_HISTORY))
            continue
        expected, threshold = fitted
        score = (count - expected) / (threshold - expected) if threshold > expected else None
        flagged = count > threshold and count >= settings.minimum_count
        results.append(
            WeekResult(week, count, Method.FARRINGTON, ASSESSED, expected, threshold, score, flagged)
        )
    return results


# --- What analysts see ------------------------------------------------------------------------


@dataclass(frozen=True)
class Spike:
    key: Hashable
    week_start: date
    count: int
    method: Method
    expected: float
    threshold: float
    score: float | None


@dataclass(frozen=True)
class SpikeDetection:
    spikes: tuple[Spike, ...]
    # Keys with no week that could be assessed: too short a history for the method.
    not_enough_history: tuple[Hashable, ...]


def assess(
    series: Iterable[tuple[date, int]],
    *,
    method: Method | str = Method.FARRINGTON,
    settings: EarsSettings | FarringtonSettings | None = None,
) -> list[WeekResult]:
    """Every week of one series, assessed by the chosen method."""
    method = Method(method)
    if method is Method.FARRINGTON:
        if settings is not None and not isinstance(settings, FarringtonSettings):
            raise TypeError("the Farrington method takes FarringtonSettings")
        return farrington(series, settings=settings)
    if settings is not None and not isinstance(settings, EarsSettings):
        raise TypeError("the EARS methods take EarsSettings")
    return ears(series, method=method, settings=settings)


def detect_spikes(
    series_by_key: Mapping[Hashable, Sequence[tuple[date, int]]],
    *,
    method: Method | str = Method.FARRINGTON,
    settings: EarsSettings | FarringtonSettings | None = None,
) -> SpikeDetection:
    """The flagged weeks of every series, keyed (for example) by (area, strand)."""
    spikes, too_short = [], []
    for key, series in series_by_key.items():
        results = assess(series, method=method, settings=settings)
        if not any(r.status == ASSESSED for r in results):
            too_short.append(key)
        spikes += [
            Spike(key, r.week_start, r.count, r.method, r.expected, r.threshold, r.score)
            for r in results
            if r.flagged and r.expected is not None and r.threshold is not None
        ]
    return SpikeDetection(tuple(spikes), tuple(too_short))
