"""Is this the same person as one already referred? Pure rules, no Django.

Two people are a *possible duplicate* when both their names and their ages agree:

- **Names** agree when the normalised full names ("first last": accents removed, lower case, only
  letters, single spaces) have a `difflib.SequenceMatcher` ratio of at least 0.85 — "Mohammed
  Khan" and "Muhammad Khan" do — or when the normalised surnames are equal and the first names
  start with the same letter ("J Smith" and "John Smith").
- **Ages** agree when both dates of birth are known and equal; or, when either date of birth is
  unknown, when their ages today differ by at most one year (an age given at referral grows by the
  whole years since).

A suggestion only: a coordinator decides whether two records are the same person.
"""

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from difflib import SequenceMatcher

NAME_RATIO = 0.85
AGE_TOLERANCE_YEARS = 1


@dataclass(frozen=True)
class PersonDetails:
    first_name: str
    last_name: str
    date_of_birth: date | None = None
    age_years: int | None = None
    # When the age was given (a referral's received date); today when omitted.
    age_given_on: date | None = None


def normalise(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c if c.isalpha() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.lower().split())


def names_match(a: PersonDetails, b: PersonDetails) -> bool:
    full_a = normalise(f"{a.first_name} {a.last_name}")
    full_b = normalise(f"{b.first_name} {b.last_name}")
    if full_a and SequenceMatcher(None, full_a, full_b).ratio() >= NAME_RATIO:
        return True
    last_a, last_b = normalise(a.last_name), normalise(b.last_name)
    first_a, first_b = normalise(a.first_name), normalise(b.first_name)
    return bool(last_a) and last_a == last_b and bool(first_a) and bool(first_b) and first_a[0] == first_b[0]


def whole_years_between(start: date, end: date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def age_on(person: PersonDetails, today: date) -> int | None:
    if person.date_of_birth is not None:
        return whole_years_between(person.date_of_birth, today)
    if person.age_years is None:
        return None
    given_on = person.age_given_on or today
    return person.age_years + max(0, whole_years_between(given_on, today))


def ages_match(a: PersonDetails, b: PersonDetails, today: date) -> bool:
    if a.date_of_birth is not None and b.date_of_birth is not None:
        return a.date_of_birth == b.date_of_birth
    age_a, age_b = age_on(a, today), age_on(b, today)
    return age_a is not None and age_b is not None and abs(age_a - age_b) <= AGE_TOLERANCE_YEARS


def is_possible_duplicate(new: PersonDetails, existing: PersonDetails, today: date) -> bool:
    return names_match(new, existing) and ages_match(new, existing, today)


def as_date(moment: date | datetime | None) -> date | None:
    return moment.date() if isinstance(moment, datetime) else moment
