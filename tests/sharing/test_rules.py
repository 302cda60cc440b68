"""The pure rules of sharing agreements: in force, coverage, what is missing, reviews."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from commonground.sharing import rules
from commonground.sharing.rules import Missing, Terms

POLICE, COUNCIL, SCHOOL = 1, 2, 3


def terms(**overrides) -> Terms:
    values = {
        "title": "Prevent casework",
        "parties": frozenset({POLICE, COUNCIL}),
        "categories": frozenset({"safeguarding_cases"}),
        "starts_on": date(2026, 1, 1),
        "review_on": date(2027, 1, 1),
        "ends_on": date(2027, 12, 31),
    }
    values.update(overrides)
    return Terms(**values)


def test_in_force_from_its_first_day_to_its_last():
    agreement = terms()
    assert not rules.in_force(agreement, date(2025, 12, 31))
    assert rules.in_force(agreement, date(2026, 1, 1))
    assert rules.in_force(agreement, date(2027, 12, 31))
    assert not rules.in_force(agreement, date(2028, 1, 1))
    assert rules.in_force(terms(ends_on=None), date(2099, 1, 1))


def test_covers_both_parties_and_the_category_only():
    agreement = terms()
    on = date(2026, 6, 1)
    assert rules.covers(agreement, on=on, parties=[POLICE, COUNCIL], category="safeguarding_cases")
    assert not rules.covers(agreement, on=on, parties=[POLICE, SCHOOL], category="safeguarding_cases")
    assert not rules.covers(agreement, on=on, parties=[POLICE, COUNCIL], category="helpline_calls")


def test_what_is_missing_names_the_nearest_reason():
    on = date(2026, 6, 1)
    parties = [POLICE, COUNCIL]
    assert rules.what_is_missing([terms()], on=on, parties=parties, category="safeguarding_cases") is None
    assert rules.what_is_missing([], on=on, parties=parties, category="safeguarding_cases") == Missing(
        "no_agreement"
    )
    ended = terms(title="Old", ends_on=date(2026, 3, 31))
    assert rules.what_is_missing([ended], on=on, parties=parties, category="safeguarding_cases") == Missing(
        "expired", agreement_title="Old", ended_on=date(2026, 3, 31)
    )
    later = terms(title="Next", starts_on=date(2026, 9, 1), review_on=date(2027, 9, 1))
    assert rules.what_is_missing([later], on=on, parties=parties, category="safeguarding_cases") == Missing(
        "not_in_force_yet", agreement_title="Next", starts_on=date(2026, 9, 1)
    )
    assert rules.what_is_missing([terms()], on=on, parties=parties, category="helpline_calls") == Missing(
        "category_not_covered", agreement_title="Prevent casework"
    )
    assert rules.what_is_missing(
        [terms()], on=on, parties=[POLICE, SCHOOL], category="safeguarding_cases"
    ) == (Missing("no_agreement"))


def test_dates_that_cannot_make_an_agreement():
    assert rules.dates_problem(date(2026, 1, 1), date(2026, 6, 1), date(2025, 12, 31)) == "end_before_start"
    assert rules.dates_problem(date(2026, 1, 1), date(2025, 6, 1), None) == "review_before_start"
    assert rules.dates_problem(date(2026, 1, 1), date(2026, 6, 1), None) is None


def test_review_state():
    agreement = terms(review_on=date(2026, 6, 30), ends_on=date(2026, 12, 31))
    assert rules.review_state(agreement, date(2026, 5, 1)) is None
    assert rules.review_state(agreement, date(2026, 6, 1)) == "review_due"
    assert rules.review_state(agreement, date(2026, 7, 1)) == "review_overdue"
    assert rules.review_state(agreement, date(2027, 1, 1)) == "expired"


def test_month_key():
    assert rules.month_key(date(2026, 3, 9)) == "2026-03"


days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(start=days, length=st.integers(0, 2000), on=days, category=st.sampled_from(["a", "b"]))
def test_missing_is_none_exactly_when_one_covers(start, length, on, category):
    from datetime import timedelta

    agreement = terms(
        starts_on=start, review_on=start, ends_on=start + timedelta(days=length), categories=frozenset({"a"})
    )
    covered = rules.covers(agreement, on=on, parties=[POLICE, COUNCIL], category=category)
    missing = rules.what_is_missing([agreement], on=on, parties=[POLICE, COUNCIL], category=category)
    assert (missing is None) == covered
    assert covered == (category == "a" and start <= on <= start + timedelta(days=length))
