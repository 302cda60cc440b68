"""The measures of Prevent across the boroughs and the red, amber and green rule for their targets
(pure: no Django). The programme team sets each target; nothing here decides what good looks like.

A target has a green and an amber threshold and a direction. When higher is better, a value at or
above green is green, at or above amber is amber, and below amber is red; when lower is better,
the same with "at or below". A cell with no value (no referrals, no panels) has no status.
"""

from dataclasses import dataclass

GREEN = "green"
AMBER = "amber"
RED = "red"
RAG_LABELS = {GREEN: "Green", AMBER: "Amber", RED: "Red"}

HIGHER_IS_BETTER = "higher"
LOWER_IS_BETTER = "lower"
DIRECTIONS = {HIGHER_IS_BETTER: "Higher is better", LOWER_IS_BETTER: "Lower is better"}

PER_100K = "per 100,000"
PERCENT = "%"
DAYS = "days"


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str


REFERRAL_RATE = "referral_rate"
SCREENED_ON_TIME = "screened_on_time"
ADOPTION_RATE = "adoption_rate"
DAYS_TO_SCREENING = "days_to_screening"
DAYS_TO_PANEL = "days_to_panel"
DAYS_TO_DECISION = "days_to_decision"
DAYS_ADOPTION_TO_EXIT = "days_adoption_to_exit"
REVIEWS_ON_TIME = "reviews_on_time"
PANELS_WITH_POLICE_AND_HEALTH = "panels_with_police_and_health"

MEASURES = (
    Measure(REFERRAL_RATE, "Referrals per 100,000 residents", PER_100K),
    Measure(SCREENED_ON_TIME, "Screened within the target time", PERCENT),
    Measure(ADOPTION_RATE, "Adopted, of those decided at panel", PERCENT),
    Measure(DAYS_TO_SCREENING, "Median days from referral to screening", DAYS),
    Measure(DAYS_TO_PANEL, "Median days from screening to panel", DAYS),
    Measure(DAYS_TO_DECISION, "Median days from panel to decision", DAYS),
    Measure(DAYS_ADOPTION_TO_EXIT, "Median days from adoption to exit", DAYS),
    Measure(REVIEWS_ON_TIME, "Exit reviews done on time", PERCENT),
    Measure(PANELS_WITH_POLICE_AND_HEALTH, "Panels with police and health present", PERCENT),
)
MEASURES_BY_KEY = {measure.key: measure for measure in MEASURES}


@dataclass(frozen=True)
class Target:
    measure: str
    green: float
    amber: float
    direction: str
    reason: str


def rag(value: float | None, *, green: float, amber: float, direction: str) -> str | None:
    """GREEN, AMBER or RED for a value against its thresholds; None when there is no value."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}")
    if value is None:
        return None
    if direction == HIGHER_IS_BETTER:
        return GREEN if value >= green else AMBER if value >= amber else RED
    return GREEN if value <= green else AMBER if value <= amber else RED


def threshold_errors(*, green: float, amber: float, direction: str) -> dict[str, str]:
    """Field → message when the thresholds are the wrong way round for the direction."""
    if direction == HIGHER_IS_BETTER and amber > green:
        return {"amber": "When higher is better, the amber threshold must be at or below the green one"}
    if direction == LOWER_IS_BETTER and amber < green:
        return {"amber": "When lower is better, the amber threshold must be at or above the green one"}
    return {}
