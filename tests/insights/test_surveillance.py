"""Spike detection: EARS C1, C2, C3 and the Farrington method on fixed and synthetic weekly series."""

import math
from datetime import date, timedelta

import pytest

from commonground.insights.surveillance import (
    ASSESSED,
    NOT_ENOUGH_HISTORY,
    EarsSettings,
    Method,
    assess,
    detect_spikes,
    ears,
    farrington,
    weekly_counts,
)

MONDAY = date(2021, 1, 4)


def weekly(counts: list[int], start: date = MONDAY) -> list[tuple[date, int]]:
    return [(start + timedelta(weeks=i), c) for i, c in enumerate(counts)]


def seasonal(years: int, *, level: float = 10, swing: float = 6) -> list[int]:
    # A smooth yearly cycle with no noise, so that nothing in it is unusual.
    return [round(level + swing * math.sin(2 * math.pi * i / 52)) for i in range(52 * years)]


# The 7-week baseline used below: mean 35 / 7 = 5; squared deviations 4, 0, 1, 1, 0, 1, 9 sum to
# 16, so the sample variance is 16 / 6 = 2.667 and the sd 1.633. C1 threshold: 5 + 3 * 1.633 = 9.90.
BASELINE = [3, 5, 4, 6, 5, 4, 8]


def test_c1_by_hand_flags_10_but_not_9_after_the_baseline():
    over, under = (
        ears(weekly([*BASELINE, 10]), method=Method.EARS_C1)[-1],
        ears(weekly([*BASELINE, 9]), method=Method.EARS_C1)[-1],
    )
    assert over.expected == pytest.approx(5.0)
    assert over.threshold == pytest.approx(5 + 3 * math.sqrt(16 / 6))
    # (10 - 5) / 1.633 = 3.06 > 3, and 10 is at least the minimum count of 5.
    assert over.score == pytest.approx(5 / math.sqrt(16 / 6))
    assert over.flagged
    # (9 - 5) / 1.633 = 2.45.
    assert under.score == pytest.approx(4 / math.sqrt(16 / 6))
    assert not under.flagged


def test_the_first_weeks_have_not_enough_history_rather_than_an_error():
    results = ears(weekly([*BASELINE, 10]), method=Method.EARS_C1)
    assert [r.status for r in results] == [NOT_ENOUGH_HISTORY] * 7 + [ASSESSED]
    assert results[0].expected is None and not results[0].flagged


def test_c2_skips_a_two_week_guard_band_so_a_rise_over_two_weeks_stays_visible():
    counts = [*BASELINE, 20, 20, 10]
    # Week 9 (10): C1's baseline includes the two 20s (mean 9.57) so 10 is ordinary; C2's baseline
    # is weeks 0-6 again, so 10 is (10 - 5) / 1.633 = 3.06 sd above it.
    assert not ears(weekly(counts), method=Method.EARS_C1)[-1].flagged
    c2 = ears(weekly(counts), method=Method.EARS_C2)[-1]
    assert c2.score == pytest.approx(5 / math.sqrt(16 / 6))
    assert c2.flagged


def test_c3_by_hand_catches_a_rise_that_c2_misses_week_by_week():
    # Weeks 0-8 are 2 (sd 0, floored at 1); weeks 9, 10, 11 are 4, 4, 5. Each C2 baseline is all 2s,
    # so C2 = 2, 2, 3: never above 3. C3 at week 11 = (2 - 1) + (2 - 1) + (3 - 1) = 4, above 2.
    counts = [2] * 9 + [4, 4, 5]
    c2 = ears(weekly(counts), method=Method.EARS_C2)
    c3 = ears(weekly(counts), method=Method.EARS_C3)
    assert [r.score for r in c2[9:]] == pytest.approx([2, 2, 3])
    assert not any(r.flagged for r in c2)
    assert c3[11].score == pytest.approx(4)
    assert c3[11].flagged
    # The two weeks before carry 2 already, so any count above mean + 1 sd = 3 passes.
    assert c3[11].threshold == pytest.approx(3)


def test_c3_needs_two_more_weeks_of_history_than_c2():
    counts = [*BASELINE, 5, 5, 5, 5, 5]
    c2 = ears(weekly(counts), method=Method.EARS_C2)
    c3 = ears(weekly(counts), method=Method.EARS_C3)
    assert [r.status for r in c2].index(ASSESSED) == 9
    assert [r.status for r in c3].index(ASSESSED) == 11


def test_a_flat_baseline_uses_the_minimum_sd_instead_of_alarming_at_one_more():
    # sd 0 is floored at 1: 5 is 3 sd above 2 (not above 3), 6 is 4 sd above.
    assert not ears(weekly([2] * 7 + [5]), method=Method.EARS_C1)[-1].flagged
    assert ears(weekly([2] * 7 + [6]), method=Method.EARS_C1)[-1].flagged


def test_small_counts_are_never_flagged_however_unusual():
    result = ears(weekly([0] * 7 + [4]), method=Method.EARS_C1)[-1]
    assert result.score == pytest.approx(4.0)
    assert not result.flagged
    assert ears(weekly([0] * 7 + [4]), method=Method.EARS_C1, settings=EarsSettings(minimum_count=3))[
        -1
    ].flagged


@pytest.mark.parametrize("method", list(Method))
def test_a_flat_series_is_never_flagged(method):
    results = assess(weekly([6] * 300), method=method)
    assert not any(r.flagged for r in results)
    assert any(r.status == ASSESSED for r in results)


# Week 221 (2021-01-04 + 221 weeks) is at the top of the yearly cycle: 10 + 6 = 16 a week.
PEAK = 221


def test_farrington_flags_a_spike_injected_into_a_seasonal_series():
    counts = seasonal(5)
    assert counts[PEAK] == 16
    clean = farrington(weekly(counts))
    assert not any(r.flagged for r in clean)
    spiked = list(counts)
    spiked[PEAK] += 15
    results = farrington(weekly(spiked))
    assert [i for i, r in enumerate(results) if r.flagged] == [PEAK]
    assert results[PEAK].score > 1
    # The same weeks in earlier years (all 13 to 16) set the expectation, so it follows the season.
    assert results[PEAK].expected == pytest.approx(16, abs=1)


def test_farrington_is_not_blinded_by_outbreaks_in_earlier_years():
    # The same week one and two years before had outbreaks of 30 more; they are down-weighted,
    # so the expectation stays near 16 and a rise of 15 this year is still flagged.
    counts = seasonal(5)
    counts[PEAK - 52] += 30
    counts[PEAK - 104] += 30
    counts[PEAK] += 15
    result = farrington(weekly(counts))[PEAK]
    assert result.expected == pytest.approx(16, abs=1)
    assert result.flagged


def test_farrington_follows_the_season_where_ears_would_alarm():
    # The seasonal rise itself trips a 7-week baseline now and then; the yearly one is not fooled.
    counts = seasonal(5, level=20, swing=15)
    assert not any(r.flagged for r in farrington(weekly(counts)))


def test_farrington_needs_a_year_and_a_half_window_of_history():
    results = farrington(weekly(seasonal(1)))
    assert all(r.status == NOT_ENOUGH_HISTORY for r in results)
    # Week 55 is the first with weeks 0-6 (52 +/- 3 back) all available.
    longer = farrington(weekly(seasonal(2)))
    assert [r.status for r in longer].index(ASSESSED) == 55


def test_farrington_allows_for_a_steady_trend():
    # Growing by 10% a year with no noise: the trend is fitted and nothing is flagged.
    counts = [round(20 * 1.1 ** (i / 52)) for i in range(52 * 5)]
    assert not any(r.flagged for r in farrington(weekly(counts)))


def test_farrington_after_a_baseline_of_zeros_flags_only_from_the_minimum_count():
    counts = [0] * (52 * 2)
    for count, flagged in ((3, False), (6, True)):
        results = farrington(weekly([*counts, count]))
        assert results[-1].expected == 0
        assert results[-1].flagged is flagged


def test_missing_weeks_count_as_zero_and_duplicates_are_refused():
    weeks, counts = weekly_counts([(MONDAY + timedelta(weeks=2), 4), (MONDAY, 1)])
    assert weeks == [MONDAY, MONDAY + timedelta(weeks=1), MONDAY + timedelta(weeks=2)]
    assert counts == [1, 0, 4]
    with pytest.raises(ValueError, match="twice"):
        weekly_counts([(MONDAY, 1), (MONDAY, 2)])
    with pytest.raises(ValueError, match="whole weeks"):
        weekly_counts([(MONDAY, 1), (MONDAY + timedelta(days=3), 2)])


def test_detect_spikes_returns_flagged_weeks_by_key_and_names_short_series():
    spiked = seasonal(5)
    spiked[PEAK] += 15
    detection = detect_spikes(
        {
            ("Bolton", "race"): weekly(spiked),
            ("Wigan", "religion"): weekly(seasonal(5)),
            ("Bury", "disability"): weekly([3, 4, 2]),
        },
        method=Method.FARRINGTON,
    )
    assert [(s.key, s.week_start) for s in detection.spikes] == [
        (("Bolton", "race"), MONDAY + timedelta(weeks=PEAK))
    ]
    spike = detection.spikes[0]
    assert spike.count == spiked[PEAK]
    assert spike.method is Method.FARRINGTON
    assert spike.count > spike.threshold > spike.expected
    assert detection.not_enough_history == (("Bury", "disability"),)


def test_detect_spikes_with_ears_on_a_short_series_says_not_enough_history():
    detection = detect_spikes({"short": weekly([1, 2, 3])}, method="ears_c1")
    assert detection.spikes == ()
    assert detection.not_enough_history == ("short",)


def test_settings_for_the_wrong_method_are_refused():
    with pytest.raises(TypeError):
        assess(weekly([1] * 10), method=Method.FARRINGTON, settings=EarsSettings())
