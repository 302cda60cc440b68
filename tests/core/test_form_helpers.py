"""The GOV.UK form helpers every app shares: an action's refusal shown on the form, a typed day, the
select of objects, and the form shown again after an edit conflict."""

from datetime import date
from types import SimpleNamespace

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict

from commonground.core.conflicts import ConflictError
from commonground.core.form_helpers import (
    add_action_errors,
    date_field,
    form_after_conflict,
    parse_day,
    pick_field,
)


class EditForm(forms.Form):
    title = forms.CharField()
    starts_on = date_field("Start date", required_message="Enter the start date", invalid="Enter a real date")
    version = forms.IntegerField(widget=forms.HiddenInput)


def test_an_action_error_goes_on_the_field_it_names_its_alias_or_above_the_form():
    form = EditForm({"title": "x", "starts_on": "1/2/2026", "version": "1"})
    form.is_valid()

    add_action_errors(
        form,
        ValidationError({"title": "Too short", "start": "Too early", "elsewhere": "Not allowed"}),
        aliases={"start": "starts_on"},
    )
    add_action_errors(form, ValidationError("Refused"))

    assert form.errors["title"] == ["Too short"]
    assert form.errors["starts_on"] == ["Too early"]
    assert form.non_field_errors() == ["Not allowed", "Refused"]


def test_the_date_field_reads_the_forms_people_type_and_says_what_is_wrong():
    assert EditForm({"title": "x", "starts_on": "27/3/2026", "version": "1"}).is_valid()
    form = EditForm({"title": "x", "starts_on": "32/3/2026", "version": "1"})
    assert form.errors["starts_on"] == ["Enter a real date"]
    assert EditForm({"title": "x", "version": "1"}).errors["starts_on"] == ["Enter the start date"]


def test_parse_day():
    assert parse_day(" 27/3/2026 ") == date(2026, 3, 27)
    assert parse_day("2026-03-27") == date(2026, 3, 27)
    assert parse_day("tomorrow") is None


def test_the_pick_field_cleans_to_the_object_chosen():
    first, second = SimpleNamespace(pk=1, name="One"), SimpleNamespace(pk=2, name="Two")
    field = pick_field("Which", [first, second], lambda o: o.name, message="Select one")

    assert field.clean("2") is second
    assert field.choices == [("", "Select"), ("1", "One"), ("2", "Two")]


def test_after_a_conflict_the_form_keeps_what_was_typed_at_the_version_now_stored():
    posted = QueryDict(mutable=True)
    posted.update({"title": "Mine", "starts_on": "1/2/2026", "version": "3"})
    error = ConflictError({"title": "Title"}, 5)

    form = form_after_conflict(EditForm, posted, error, then="Check it, then save again.")

    assert form.data["title"] == "Mine"
    assert form.data["version"] == "5"
    assert posted["version"] == "3"  # the request's own data is left alone
    assert form.non_field_errors() == [
        "Someone else changed this referral while you were editing it: Title. Check it, then save again."
    ]


def test_one_conflict_error_for_both_shapes_of_record():
    by_fields = ConflictError({"age_years": "Age"}, 4)
    assert (by_fields.changed, by_fields.current_version, by_fields.current) == (
        {"age_years": "Age"},
        4,
        None,
    )

    assessor = SimpleNamespace(get_full_name=lambda: "Sam Analyst")
    current = SimpleNamespace(revision=2, assessed_by=assessor)
    by_revision = ConflictError(current)
    assert by_revision.current is current
    assert by_revision.current_revision == by_revision.current_version == 2
    assert (
        str(by_revision) == "Sam Analyst amended this assessment (now revision 2) while you were editing it"
    )
