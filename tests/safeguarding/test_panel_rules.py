"""The panel's pure rules: consent by age, the decision's required parts, meeting dates, who may sit
on a borough's panel, police attendance. No database."""

from datetime import date

from commonground.safeguarding import panel_rules as rules

TODAY = date(2026, 11, 22)


def decide(**overrides):
    values = {
        "outcome": "adopt",
        "reasons": "Agrees to mentoring",
        "signposted_to": "",
        "consent_given_by": "person",
        "consent_given_on": TODAY,
        "age": 30,
        "today": TODAY,
    }
    return rules.decision_errors(**(values | overrides))


def test_age_comes_from_the_date_of_birth_or_the_age_given_plus_the_years_since():
    assert rules.age_on(TODAY, date_of_birth=date(2010, 11, 23), age_years=None, age_given_on=None) == 15
    assert rules.age_on(TODAY, date_of_birth=date(2010, 11, 22), age_years=None, age_given_on=None) == 16
    assert rules.age_on(TODAY, date_of_birth=None, age_years=16, age_given_on=date(2024, 1, 1)) == 18
    assert rules.age_on(TODAY, date_of_birth=None, age_years=None, age_given_on=None) is None


def test_under_18_needs_a_parent_or_guardians_consent():
    assert rules.consent_required_from(16) == rules.PARENT_OR_GUARDIAN
    assert rules.consent_required_from(17) == rules.PARENT_OR_GUARDIAN
    assert rules.consent_required_from(18) == rules.PERSON
    assert rules.consent_required_from(None) == rules.PARENT_OR_GUARDIAN


def test_adoption_needs_consent_from_the_right_person_on_a_past_date():
    assert decide() == {}
    assert set(decide(consent_given_by="", consent_given_on=None)) == {"consent_given_by", "consent_given_on"}
    assert "parent or guardian must give consent" in decide(age=16)["consent_given_by"]
    assert decide(age=16, consent_given_by="parent_or_guardian") == {}
    assert "adult" in decide(consent_given_by="parent_or_guardian")["consent_given_by"]
    assert "today or in the past" in decide(consent_given_on=date(2026, 11, 23))["consent_given_on"]


def test_not_adopting_names_where_signposted_and_every_decision_has_reasons():
    assert set(decide(outcome="not_adopt", consent_given_by="")) == {"signposted_to"}
    assert decide(outcome="not_adopt", signposted_to="Early help") == {}
    assert decide(outcome="review_next", consent_given_by="", consent_given_on=None) == {}
    assert set(decide(outcome="review_next", reasons=" ")) == {"reasons"}
    assert set(decide(outcome="maybe")) == {"outcome"}


def test_a_decision_is_recorded_once_its_meeting_has_happened_and_after_the_referral():
    received = date(2026, 6, 1)
    assert rules.decision_date_error(TODAY, received_on=received, today=TODAY) == ""
    assert rules.decision_date_error(date(2026, 6, 1), received_on=received, today=TODAY) == ""
    assert rules.decision_date_error(date(2026, 12, 3), received_on=received, today=TODAY) == (
        "The panel meets on 3 December 2026: its decision can be recorded from that day, "
        "once the meeting has happened"
    )
    assert "before the referral was received on 1 June 2026" in rules.decision_date_error(
        date(2026, 5, 31), received_on=received, today=TODAY
    )


def test_meeting_dates_must_be_within_a_year_either_side():
    assert rules.meeting_date_error(TODAY, TODAY) == ""
    assert rules.meeting_date_error(date(2026, 1, 1), TODAY) == ""
    assert "last year" in rules.meeting_date_error(date(1926, 1, 1), TODAY)
    assert "next year" in rules.meeting_date_error(date(2030, 1, 1), TODAY)


def test_an_agency_sits_on_a_panel_when_it_serves_the_borough_or_the_combined_authority():
    assert rules.serves_borough([1, 2], borough_id=1, combined_authority_id=9)
    assert rules.serves_borough([9], borough_id=1, combined_authority_id=9)
    assert not rules.serves_borough([4], borough_id=1, combined_authority_id=9)
    assert not rules.serves_borough([], borough_id=1, combined_authority_id=None)


def test_police_presence_and_periods():
    assert rules.police_present(["council", "police"])
    assert not rules.police_present(["council", "health"])
    assert rules.period_error(date(2026, 6, 1), date(2026, 5, 1))
    assert rules.period_error(date(2026, 5, 1), date(2026, 5, 1)) == ""
