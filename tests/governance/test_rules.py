"""The pure rules of subject access: the deadline, the search keys, the name rule and the grouping
of records into people, and the request's table."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commonground.core import person_keys
from commonground.core.state_machine import MoveRefused
from commonground.governance import deadlines, workflow
from commonground.governance.people import Candidate, group_into_people, name_matches, text_mentions


@pytest.mark.parametrize(
    ("received", "extension", "due"),
    [
        (date(2026, 3, 4), 0, date(2026, 4, 4)),
        (date(2026, 1, 31), 0, date(2026, 2, 28)),
        (date(2028, 1, 31), 0, date(2028, 2, 29)),
        (date(2026, 12, 15), 0, date(2027, 1, 15)),
        (date(2026, 3, 4), 2, date(2026, 6, 4)),
        (date(2026, 11, 30), 2, date(2027, 2, 28)),
    ],
)
def test_a_request_is_due_one_calendar_month_after_it_arrived_and_extensions_add_whole_months(
    received, extension, due
):
    assert deadlines.due_on(received, extension) == due


def test_an_extension_is_of_at_most_two_months():
    with pytest.raises(ValueError, match="one or two months"):
        deadlines.due_on(date(2026, 3, 4), 3)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 2))
def test_the_deadline_is_never_before_the_day_the_request_arrived_and_never_past_three_months(
    received, extension
):
    due = deadlines.due_on(received, extension)
    assert received < due <= deadlines.months_after(received, 3)
    assert 28 * (1 + extension) <= (due - received).days <= 31 * (1 + extension)


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Robert", "R163"),
        ("Rupert", "R163"),
        ("Ashcraft", "A261"),
        ("Tymczak", "T522"),
        ("Khan", "K500"),
        ("Kahn", "K500"),
    ],
)
def test_soundex_codes_as_published(word, code):
    assert person_keys.soundex(word) == code


def test_close_spellings_share_a_name_key_and_a_name_written_surname_first_is_looked_up_too():
    assert person_keys.name_key("Mohammed Khan") == person_keys.name_key("Muhammad Kahn") == "K500 m"
    assert person_keys.name_key("Khan Mohammed") in person_keys.name_keys_to_look_up("Mohammed Khan")
    assert person_keys.name_key("") == ""


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("07700 900123", "07700900123"),
        ("+44 7700 900123", "07700900123"),
        ("0044 (0)7700900123", "007700900123"[1:]),
    ],
)
def test_phone_numbers_are_compared_as_digits_in_the_uk_form(typed, key):
    assert person_keys.phone_key(typed) == key


def test_email_addresses_are_compared_in_lower_case_without_spaces():
    assert person_keys.email_key(" Amina.Begum@Example.ORG ") == "amina.begum@example.org"


def test_names_match_fuzzily_and_either_way_round():
    assert name_matches("Amina Begum", "Aminah Begum")
    assert name_matches("Amina Begum", "Begum Amina")
    assert name_matches("Amina Begum", "A Begum")
    assert not name_matches("Amina Begum", "Peter Jones")
    assert not name_matches("", "Amina Begum")


def test_free_text_mentions_a_name_only_with_every_word():
    assert text_mentions("Amina Begum", "Caller (Amina BEGUM) rang again about the bus stop.")
    assert not text_mentions("Amina Begum", "Amina rang about the bus stop.")


def test_records_are_grouped_by_links_shared_details_and_matching_names_but_not_across_dates_of_birth():
    report = Candidate(
        source="Report", ref="reports.report:1", reference="CG-1", name="Amina Begum", email="a@x.org"
    )
    call = Candidate(source="Call", ref="reports.helplinecall:5", reference="", links=("reports.report:1",))
    referral = Candidate(
        source="Referral",
        ref="safeguarding.referral:9",
        reference="SG-1",
        name="Aminah Begum",
        date_of_birth=date(1990, 3, 4),
    )
    applicant = Candidate(
        source="Applicant", ref="grants.applicant:3", reference="", name="A. Begum", email="A@x.org"
    )
    namesake = Candidate(
        source="Referral",
        ref="safeguarding.referral:10",
        reference="SG-2",
        name="Amina Begum",
        date_of_birth=date(2001, 1, 1),
    )
    stranger = Candidate(source="Report", ref="reports.report:2", reference="CG-2", name="Peter Jones")

    people = group_into_people([report, call, referral, applicant, namesake, stranger])

    groups = [{record.ref for record in person.records} for person in people]
    assert {
        "reports.report:1",
        "reports.helplinecall:5",
        "safeguarding.referral:9",
        "grants.applicant:3",
    } in groups
    assert {"reports.report:2"} in groups
    assert people[0].date_of_birth == date(1990, 3, 4)


def test_a_request_is_answered_or_withdrawn_once():
    assert workflow.MACHINE.after(workflow.OPEN, "answer") == workflow.ANSWERED
    with pytest.raises(MoveRefused, match="already answered"):
        workflow.MACHINE.after(workflow.ANSWERED, "withdraw")
