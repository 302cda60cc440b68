"""The shape of the synthetic data: mixes taken from published figures, seasonality, and the
vectorised draws that use them (pure: numpy only, no Django).

Sources (official and police statistics; editions pinned here, as they get revised):
- Hate incident strands: Greater Manchester Police, police-recorded hate crime 2020/21 (9,133
  crimes: race 6,784, religion 750, sexual orientation 1,461, disability 735, transgender 169) and
  2023/24 (race 7,149 of 10,081, religion 1,098). Strands do not sum to the total because one crime
  can carry several.
- Prevent referrals: Home Office, England and Wales 2024/25 (8,778 referrals: education 3,129,
  police 2,631, local authority 895; no identified ideology 4,917, extreme right-wing 1,798,
  Islamist 870; aged 11-15 3,192, 16-17 1,178, 10 or under 345; 89% male), with the stage
  conversion of 2019/20 to 2021/22 (about 22% of referrals discussed at a panel, about half of
  those adopted).

Everything else (channels, delays, weekday and hour patterns) is a plausible guess, not a figure.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

SECONDS_PER_DAY = 86_400

# --- Seasonality ------------------------------------------------------------------------------

# Relative level by calendar month (January first): a summer peak and a winter dip.
HATE_INCIDENT_MONTHS = (0.86, 0.84, 0.93, 0.97, 1.04, 1.10, 1.18, 1.13, 1.01, 0.99, 0.96, 0.89)
# Referrals follow the school year: a dip in August and over Christmas, a rise in the autumn term.
REFERRAL_MONTHS = (1.02, 1.06, 1.10, 0.96, 1.04, 1.02, 0.92, 0.55, 1.02, 1.16, 1.14, 0.86)
TENSION_MONTHS = (0.90, 0.88, 0.95, 0.98, 1.03, 1.08, 1.15, 1.12, 1.00, 1.00, 0.97, 0.92)
# Monday first.
HATE_INCIDENT_WEEKDAYS = (0.97, 0.95, 0.95, 0.97, 1.06, 1.08, 1.02)
REFERRAL_WEEKDAYS = (1.15, 1.2, 1.2, 1.15, 1.05, 0.15, 0.1)
TENSION_WEEKDAYS = (1.05, 1.05, 1.05, 1.05, 1.0, 0.9, 0.85)
# Hour of the day (0-23), when hate incidents are reported: an evening peak.
HATE_INCIDENT_HOURS = (
    0.4,
    0.3,
    0.2,
    0.15,
    0.1,
    0.1,
    0.2,
    0.4,
    0.7,
    0.9,
    1.0,
    1.1,
    1.2,
    1.2,
    1.25,
    1.35,
    1.5,
    1.6,
    1.7,
    1.7,
    1.6,
    1.3,
    1.0,
    0.7,
)
OFFICE_HOURS = (0,) * 8 + (0.6, 1.1, 1.2, 1.2, 0.9, 1.0, 1.2, 1.1, 0.9, 0.4) + (0,) * 6
# Week-to-week variation beyond Poisson: a gamma multiplier with this shape (coefficient of
# variation 1/sqrt(shape), about 18%). Keeps weekly counts overdispersed, as real ones are.
WEEKLY_GAMMA_SHAPE = 30.0
# Slow growth in recording, per year.
YEARLY_TREND = 0.04

# --- Mixes ------------------------------------------------------------------------------------

# Share of hate incidents that carry each strand (codes of the HostilityStrand reference rows).
STRAND_SHARES: Mapping[str, float] = {
    "race": 0.74,
    "religion": 0.09,
    "sexual_orientation": 0.15,
    "disability": 0.075,
    "transgender": 0.02,
    "alternative_subculture": 0.005,
}
# Share of hate incidents with a second strand (the figures above add up to 108%).
SECOND_STRAND_SHARE = 0.08

CONCERN_TYPES: Mapping[str, float] = {
    "no_ideology": 0.56,
    "extreme_right_wing": 0.20,
    "islamist": 0.10,
    "mixed_unclear_unstable": 0.06,
    "conflicted": 0.02,
    "school_massacre": 0.03,
    "other": 0.03,
}
REFERRING_SECTORS: Mapping[str, float] = {
    "education": 0.36,
    "police": 0.30,
    "local_authority": 0.10,
    "health": 0.10,
    "community": 0.04,
    "family_and_friends": 0.04,
    "prisons_probation": 0.03,
    "other": 0.03,
}
# Age bands at referral: (youngest, oldest, share).
AGE_BANDS: Sequence[tuple[int, int, float]] = (
    (7, 10, 0.04),
    (11, 15, 0.36),
    (16, 17, 0.13),
    (18, 24, 0.20),
    (25, 39, 0.17),
    (40, 70, 0.10),
)
MALE_SHARE = 0.89
FEMALE_SHARE = 0.10  # the rest leave gender blank

# Screening decision shares before the concern-type adjustment below.
SCREENING: Mapping[str, float] = {
    "proceed": 0.17,
    "passed_to_police": 0.48,
    "not_appropriate": 0.17,
    "no_further_action": 0.18,
}
# How much more (or less) likely each type of concern is to proceed to information gathering.
PROCEED_BY_CONCERN: Mapping[str, float] = {
    "no_ideology": 0.7,
    "extreme_right_wing": 1.5,
    "islamist": 1.6,
    "mixed_unclear_unstable": 1.0,
    "conflicted": 1.0,
    "school_massacre": 1.2,
    "other": 0.8,
}
GATEWAY: Mapping[str, float] = {
    "no_further_action": 0.40,
    "signposted": 0.33,
    "police_led": 0.12,
    "passed_to_channel": 0.15,
}
ADOPTION_SHARE = 0.5
EQUALITY_RECORDED_SHARE = 0.70
PREFER_NOT_TO_SAY_SHARE = 0.03


@dataclass(frozen=True)
class PlantedPattern:
    """A difference put into the synthetic referrals on purpose, so that the fairness analysis
    has something to find. It describes no real group: the group was picked arbitrarily."""

    ethnic_group: str
    # The group is referred this many times as often as its Census share predicts...
    referral_rate_ratio: float
    # ...and adopted this many times as often as everyone else once at a panel.
    adoption_ratio: float


PLANTED_PATTERN = PlantedPattern(ethnic_group="white_other", referral_rate_ratio=1.6, adoption_ratio=0.6)

# Census 2021 religion associated with some ethnic groups, used instead of the borough's religion
# mix for those groups so that the two answers look plausible together.
RELIGION_BY_ETHNIC_GROUP: Mapping[str, Mapping[str, float]] = {
    "asian_pakistani": {"muslim": 0.92, "no_religion": 0.03, "prefer_not_to_say": 0.05},
    "asian_bangladeshi": {"muslim": 0.92, "no_religion": 0.03, "prefer_not_to_say": 0.05},
    "other_arab": {"muslim": 0.80, "christian": 0.08, "no_religion": 0.06, "prefer_not_to_say": 0.06},
    "asian_indian": {"hindu": 0.42, "muslim": 0.16, "sikh": 0.16, "christian": 0.10, "no_religion": 0.11}
    | {"prefer_not_to_say": 0.05},
}


# --- Draws ------------------------------------------------------------------------------------


def categorical(rng: np.random.Generator, shares: Mapping[str, float], size: int) -> np.ndarray:
    """`size` draws of the keys of `shares` (normalised), as a numpy array of strings."""
    keys = np.array(list(shares))
    weights = np.array(list(shares.values()), dtype=float)
    return keys[rng.choice(len(keys), size=size, p=weights / weights.sum())]


def event_times(
    rng: np.random.Generator,
    *,
    count: int,
    start_day: np.datetime64,
    days: int,
    months: Sequence[float],
    weekdays: Sequence[float],
    hours: Sequence[float],
) -> np.ndarray:
    """`count` moments (datetime64[s], sorted) over `days` days from `start_day`.

    Each week's expected share follows the month of its middle day, a slow yearly trend and a
    gamma multiplier (overdispersion); the weekly counts are then a multinomial draw, so they
    are Poisson-like around a seasonal mean and add up to exactly `count`.
    """
    if count == 0:
        return np.array([], dtype="datetime64[s]")
    day_numbers = start_day.astype("datetime64[D]") + np.arange(days)
    weeks = int(np.ceil(days / 7))
    month_level = np.asarray(months)[(day_numbers.astype("datetime64[M]").astype(int) % 12)]
    trend = (1 + YEARLY_TREND) ** (np.arange(days) / 365.25)
    weekday_level = np.asarray(weekdays)[(day_numbers.astype(int) + 3) % 7]  # 1970-01-01 was a Thursday
    day_level = month_level * trend * weekday_level
    week_of_day = np.arange(days) // 7
    week_level = np.bincount(week_of_day, weights=month_level * trend, minlength=weeks)
    week_level = week_level / np.bincount(week_of_day, minlength=weeks)
    week_weight = week_level * rng.gamma(WEEKLY_GAMMA_SHAPE, 1 / WEEKLY_GAMMA_SHAPE, size=weeks)
    week_weight *= np.bincount(week_of_day, minlength=weeks) / 7  # a last, partial week
    per_week = rng.multinomial(count, week_weight / week_weight.sum())

    # Within each week, the day follows the weekday pattern (and the month, across a month's end).
    day = np.empty(count, dtype=np.int64)
    position = 0
    for week, n in enumerate(per_week):
        if n:
            first, last = week * 7, min(week * 7 + 7, days)
            level = day_level[first:last]
            day[position : position + n] = first + rng.choice(last - first, size=n, p=level / level.sum())
            position += n
    hour_weights = np.asarray(hours, dtype=float)
    hour = rng.choice(24, size=count, p=hour_weights / hour_weights.sum())
    seconds = day * SECONDS_PER_DAY + hour * 3600 + rng.integers(0, 3600, size=count)
    return np.sort(start_day.astype("datetime64[s]") + seconds.astype("timedelta64[s]"))


def area_weights(rng: np.random.Generator, populations: Sequence[float], *, variation: float) -> np.ndarray:
    """Shares proportional to population, each scaled by a log-normal factor (some places report
    more than their size suggests, some less)."""
    base = np.asarray(populations, dtype=float)
    weights = base * rng.lognormal(0.0, variation, size=len(base))
    return weights / weights.sum()


def primary_strand_shares() -> np.ndarray:
    """Shares for the first strand such that, once second strands are added (drawn from the same
    shares, never the first strand again), each strand's overall share is close to STRAND_SHARES."""
    shares = np.array(list(STRAND_SHARES.values()))
    p = shares / shares.sum()
    for _ in range(50):
        # Chance that strand i is the second strand: some other strand j first, then i from the rest.
        second = p * ((p / (1 - p)).sum() - p / (1 - p))
        p = np.clip(shares - SECOND_STRAND_SHARE * second, 1e-6, None)
        p = p / p.sum()
    return p


def strands(rng: np.random.Generator, size: int) -> tuple[np.ndarray, np.ndarray]:
    """Primary strand and second strand (an empty string where there is none) for each incident."""
    codes = np.array(list(STRAND_SHARES))
    p = primary_strand_shares()
    primary = rng.choice(len(codes), size=size, p=p)
    second = rng.choice(len(codes), size=size, p=p)
    clash = second == primary
    while clash.any():
        second[clash] = rng.choice(len(codes), size=int(clash.sum()), p=p)
        clash = second == primary
    has_second = rng.random(size) < SECOND_STRAND_SHARE
    return codes[primary], np.where(has_second, codes[second], "")


def ages(rng: np.random.Generator, size: int) -> np.ndarray:
    bands = rng.choice(len(AGE_BANDS), size=size, p=[share for *_, share in AGE_BANDS])
    youngest = np.array([low for low, _, _ in AGE_BANDS])[bands]
    oldest = np.array([high for _, high, _ in AGE_BANDS])[bands]
    return rng.integers(youngest, oldest + 1)


def genders(rng: np.random.Generator, size: int) -> np.ndarray:
    draw = rng.random(size)
    return np.where(draw < MALE_SHARE, "Male", np.where(draw < MALE_SHARE + FEMALE_SHARE, "Female", ""))


def screening_decisions(rng: np.random.Generator, concern_types: np.ndarray) -> np.ndarray:
    decisions = np.empty(len(concern_types), dtype=object)
    for concern, factor in PROCEED_BY_CONCERN.items():
        rows = np.flatnonzero(concern_types == concern)
        shares = dict(SCREENING)
        shares["proceed"] *= factor
        decisions[rows] = categorical(rng, shares, len(rows))
    return decisions.astype(str)


def delays(rng: np.random.Generator, size: int, *, low: float, high: float) -> np.ndarray:
    """Working delays in seconds, skewed towards the short end of [low, high] days."""
    days = low + (high - low) * rng.beta(1.5, 3.0, size=size)
    return (days * SECONDS_PER_DAY).astype(np.int64).astype("timedelta64[s]")


def base32(numbers: np.ndarray, *, width: int, alphabet: str) -> np.ndarray:
    """Each number written in `width` characters of a 32-letter (or 16-letter) alphabet, most
    significant first, so that the strings sort as the numbers do."""
    bits = {32: 5, 16: 4}[len(alphabet)]
    shifts = bits * np.arange(width - 1, -1, -1, dtype=np.int64)
    digits = (np.asarray(numbers, dtype=np.int64)[:, None] >> shifts) & (len(alphabet) - 1)
    letters = np.array(list(alphabet), dtype="<U1")[digits]
    return np.ascontiguousarray(letters).view(f"<U{width}").ravel()


def rank_within(groups: np.ndarray) -> np.ndarray:
    """0, 1, 2, ... within each run of equal values, in the order the rows come (stable)."""
    order = np.argsort(groups, kind="stable")
    sorted_groups = groups[order]
    starts = np.r_[0, np.flatnonzero(sorted_groups[1:] != sorted_groups[:-1]) + 1]
    run_start = np.repeat(starts, np.diff(np.r_[starts, len(groups)]))
    ranks = np.empty(len(groups), dtype=np.int64)
    ranks[order] = np.arange(len(groups)) - run_start
    return ranks
