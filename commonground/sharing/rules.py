"""The rules of information sharing agreements, in pure Python (no Django): whether an agreement is
in force on a day, whether it covers two parties and a category of data, what is missing when none
does and how to say so, and when one is near its review."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

# An agreement whose review falls within this many days waits on the data protection officers' home.
REVIEW_WARNING_DAYS = 30


@dataclass(frozen=True)
class Terms:
    """What the rules need to know of one agreement."""

    title: str
    parties: frozenset[int]
    categories: frozenset[str]
    starts_on: date
    review_on: date
    ends_on: date | None = None


def dates_problem(starts_on: date, review_on: date, ends_on: date | None) -> str | None:
    """Why these dates cannot make an agreement, or None when they can."""
    if ends_on is not None and ends_on < starts_on:
        return "end_before_start"
    if review_on < starts_on:
        return "review_before_start"
    return None


def in_force(terms: Terms, on: date) -> bool:
    return terms.starts_on <= on and (terms.ends_on is None or on <= terms.ends_on)


def expired(terms: Terms, on: date) -> bool:
    return terms.ends_on is not None and terms.ends_on < on


def covers(terms: Terms, *, on: date, parties: Iterable[int], category: str) -> bool:
    return in_force(terms, on) and set(parties) <= terms.parties and category in terms.categories


def first_covering(
    agreements: Sequence[Terms], *, on: date, parties: Iterable[int], category: str
) -> Terms | None:
    wanted = set(parties)
    for terms in agreements:
        if covers(terms, on=on, parties=wanted, category=category):
            return terms
    return None


@dataclass(frozen=True)
class Missing:
    """Why no agreement covers a sharing: the nearest reason, for the message."""

    reason: str  # "no_agreement", "not_in_force_yet", "expired", "category_not_covered"
    agreement_title: str | None = None
    ended_on: date | None = None
    starts_on: date | None = None


def what_is_missing(
    agreements: Sequence[Terms], *, on: date, parties: Iterable[int], category: str
) -> Missing | None:
    """None when an agreement in force covers the parties and the category; otherwise the closest
    thing to one, so the message can say what to put right: an agreement between the parties that
    covers the category but has expired or not started, or one in force that leaves the category
    out, or nothing between them at all."""
    wanted = set(parties)
    if first_covering(agreements, on=on, parties=wanted, category=category) is not None:
        return None
    between = [terms for terms in agreements if wanted <= terms.parties]
    with_category = [terms for terms in between if category in terms.categories]
    ended = sorted(
        (terms for terms in with_category if expired(terms, on)),
        key=lambda terms: terms.ends_on or terms.starts_on,
        reverse=True,
    )
    if ended:
        return Missing("expired", agreement_title=ended[0].title, ended_on=ended[0].ends_on)
    future = sorted((terms for terms in with_category if terms.starts_on > on), key=lambda t: t.starts_on)
    if future:
        return Missing("not_in_force_yet", agreement_title=future[0].title, starts_on=future[0].starts_on)
    current = [terms for terms in between if in_force(terms, on)]
    if current:
        return Missing("category_not_covered", agreement_title=current[0].title)
    return Missing("no_agreement")


def review_state(terms: Terms, on: date, *, warning_days: int = REVIEW_WARNING_DAYS) -> str | None:
    """ "expired", "review_overdue", "review_due" (within the warning), or None when nothing is due."""
    if expired(terms, on):
        return "expired"
    if terms.review_on < on:
        return "review_overdue"
    if terms.review_on <= on + timedelta(days=warning_days):
        return "review_due"
    return None


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"
