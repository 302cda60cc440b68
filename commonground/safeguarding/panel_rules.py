"""The panel's rules (pure: no Django), tested in milliseconds.

- **Consent** (Channel duty guidance; ../shared/guides/domain.md section 1): support is voluntary,
  so a case is adopted only with recorded consent, given on a date that has passed. For a child
  (under 18 on the day of the decision) a parent or guardian must consent; an adult consents for
  themselves.
- **Not adopting** names where the person was signposted: the panel must consider alternatives.
- **Meeting dates** must be plausible: at most a year back (recording a past panel) and a year ahead.
  A decision is recorded once its meeting has happened, never at a meeting held before the referral
  was received.
- **Police attendance**: the police sit on every panel; a panel is "with police" when someone from a
  police agency attended (apologies do not count). Health presence is counted the same way.
- Vulnerability factors are professional judgement: nothing here counts or scores them.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from commonground.safeguarding.matching import whole_years_between
from commonground.safeguarding.workflow import long_date

ADULT_AGE = 18
MEETING_WINDOW = timedelta(days=366)

ADOPT = "adopt"
NOT_ADOPT = "not_adopt"
REVIEW_NEXT = "review_next"
OUTCOMES = (ADOPT, NOT_ADOPT, REVIEW_NEXT)

PERSON = "person"
PARENT_OR_GUARDIAN = "parent_or_guardian"

POLICE_KIND = "police"
HEALTH_KIND = "health"


def age_on(
    on: date, *, date_of_birth: date | None, age_years: int | None, age_given_on: date | None
) -> int | None:
    """Whole years on `on`: from the date of birth, or else the age given plus the years since."""
    if date_of_birth is not None:
        return whole_years_between(date_of_birth, on)
    if age_years is None:
        return None
    return age_years + (whole_years_between(age_given_on, on) if age_given_on else 0)


def consent_required_from(age: int | None) -> str:
    """Who must consent: a parent or guardian for a child (or when the age is unknown), else the person."""
    if age is None or age < ADULT_AGE:
        return PARENT_OR_GUARDIAN
    return PERSON


def decision_errors(
    *,
    outcome: str,
    reasons: str,
    signposted_to: str,
    consent_given_by: str,
    consent_given_on: date | None,
    age: int | None,
    today: date,
) -> dict[str, str]:
    """Field → message for each rule the decision breaks; empty when it may be recorded."""
    errors: dict[str, str] = {}
    if outcome not in OUTCOMES:
        errors["outcome"] = "Select the panel's decision"
    if not reasons.strip():
        errors["reasons"] = "Give the reasons for the decision"
    if outcome == NOT_ADOPT and not signposted_to.strip():
        errors["signposted_to"] = "Name where the person was signposted for other support"
    if outcome == ADOPT:
        required = consent_required_from(age)
        if not consent_given_by:
            errors["consent_given_by"] = (
                "A case can only be adopted with consent: select who gave it"
                if required == PERSON
                else "A case can only be adopted with consent: a parent or guardian must consent for a child under 18"
            )
        elif consent_given_by != required:
            errors["consent_given_by"] = (
                "The person is under 18: a parent or guardian must give consent"
                if required == PARENT_OR_GUARDIAN
                else "The person is an adult: they must give consent themselves"
            )
        if consent_given_on is None:
            errors["consent_given_on"] = "Enter the date consent was given"
        elif consent_given_on > today:
            errors["consent_given_on"] = "The date consent was given must be today or in the past"
    return errors


def decision_date_error(meets_on: date, *, received_on: date, today: date) -> str:
    """A panel decides at its meeting: not before the meeting has happened, and not at a meeting
    held before the referral was received. A message, else an empty string."""
    if meets_on > today:
        return (
            f"The panel meets on {long_date(meets_on)}: its decision can be recorded from that day, "
            "once the meeting has happened"
        )
    if meets_on < received_on:
        return (
            f"This panel met on {long_date(meets_on)}, before the referral was received on "
            f"{long_date(received_on)}: record the decision of a later panel"
        )
    return ""


def meeting_date_error(meets_on: date, today: date) -> str:
    """A message when the meeting date is implausible, else an empty string."""
    if meets_on < today - MEETING_WINDOW:
        return "The meeting date must be within the last year"
    if meets_on > today + MEETING_WINDOW:
        return "The meeting date must be within the next year"
    return ""


def serves_borough(
    agency_area_ids: Iterable[int], *, borough_id: int, combined_authority_id: int | None
) -> bool:
    """An agency may sit on a borough's panel when it serves that borough or the combined authority."""
    areas = set(agency_area_ids)
    return borough_id in areas or (combined_authority_id is not None and combined_authority_id in areas)


def police_present(attending_agency_kinds: Iterable[str]) -> bool:
    return POLICE_KIND in set(attending_agency_kinds)


def attendees_of_kind(attending_agency_kinds: Iterable[str], kind: str) -> int:
    """How many attendees (one agency kind per person present) came for agencies of `kind`."""
    return sum(1 for attending in attending_agency_kinds if attending == kind)


def period_error(date_from: date, date_to: date) -> str:
    if date_from > date_to:
        return "The start of the period must be the same as or before its end"
    return ""
