"""The possible-duplicate rule, pure: no database, milliseconds."""

from datetime import date

from commonground.safeguarding.matching import (
    PersonDetails,
    age_on,
    is_possible_duplicate,
    names_match,
    normalise,
)

TODAY = date(2026, 11, 22)
BORN = date(2010, 5, 17)


def person(first, last, born=BORN, age=None, given_on=None):
    return PersonDetails(first, last, born, age, given_on)


def test_names_are_compared_without_case_accents_or_punctuation():
    assert normalise("  Zoë  O'Brien-Smith ") == "zoe o brien smith"


def test_mohammed_and_muhammad_khan_born_the_same_day_may_be_the_same_person():
    assert is_possible_duplicate(person("Mohammed", "Khan"), person("Muhammad", "Khan"), TODAY)


def test_a_close_spelling_of_both_names_matches_on_the_ratio_alone():
    assert names_match(person("Jonathon", "Smith"), person("Jonathan", "Smyth"))


def test_the_same_surname_and_first_initial_match():
    assert names_match(person("J", "Smith"), person("John", "Smith"))


def test_different_people_with_the_same_birthday_do_not_match():
    assert not is_possible_duplicate(person("Sam", "Taylor"), person("Priya", "Patel"), TODAY)


def test_the_same_name_with_a_different_date_of_birth_does_not_match():
    assert not is_possible_duplicate(
        person("Sam", "Taylor"), person("Sam", "Taylor", date(2010, 5, 18)), TODAY
    )


def test_without_a_date_of_birth_ages_within_a_year_match():
    assert is_possible_duplicate(person("Sam", "Taylor"), person("Sam", "Taylor", None, 17), TODAY)
    assert not is_possible_duplicate(person("Sam", "Taylor"), person("Sam", "Taylor", None, 14), TODAY)


def test_an_age_given_at_referral_grows_by_the_years_since():
    aged_14_in_2024 = person("Sam", "Taylor", None, 14, date(2024, 6, 1))
    assert age_on(aged_14_in_2024, TODAY) == 16
    assert is_possible_duplicate(person("Sam", "Taylor"), aged_14_in_2024, TODAY)


def test_with_no_date_of_birth_and_no_age_nothing_matches():
    assert not is_possible_duplicate(person("Sam", "Taylor", None), person("Sam", "Taylor", None), TODAY)
