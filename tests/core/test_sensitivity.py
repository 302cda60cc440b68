"""Need to know (core/sensitivity.py): a record view answers only the fields its purpose's classes
allow, a template naming a hidden field renders nothing, and system check core.E008 fails on a
declared model with a field left unclassified."""

from datetime import date

import pytest
from django.template import Context, Template

from commonground.core import checks, sensitivity
from commonground.core.sensitivity import Hidden, Purpose, Sensitivity, view_of
from commonground.safeguarding.models import Referral


def a_referral() -> Referral:
    return Referral(
        pk=7,
        first_name="Ada",
        last_name="Brook",
        date_of_birth=date(2008, 2, 3),
        address="1 Mill Lane",
        referrer_contact="head@school.example",
        concern="Worrying posts",
        concern_type="islamist",
    )


def test_a_panel_view_answers_the_panels_fields_and_refuses_the_rest():
    view = view_of(a_referral(), Purpose.PANEL)
    assert (view.pk, view.full_name, view.concern) == (7, "Ada Brook", "Worrying posts")
    assert view.get_concern_type_display() == "Islamist"
    for hidden in ("address", "referrer_contact", "referrer_name", "ward", "language"):
        with pytest.raises(Hidden):
            getattr(view, hidden)
    with pytest.raises(AttributeError):
        view.address = "changed"


def test_a_template_naming_a_hidden_field_renders_nothing():
    view = view_of(a_referral(), Purpose.ANSWERING_AGENCY)
    rendered = Template(
        "{{ r.full_name }}|{{ r.date_of_birth|date:'Y' }}|{{ r.concern }}|{{ r.address }}|"
        "{% if r.referrer_contact %}contact{% endif %}"
    ).render(Context({"r": view}))
    assert rendered == "Ada Brook|2008|||"


def test_a_derived_value_is_shown_only_with_every_field_it_comes_from():
    sensitivity.declare(
        "tests.Imaginary",
        {"first": Sensitivity.IDENTIFYING, "secret": Sensitivity.EQUALITY_MONITORING},
        derived={"both": ("first", "secret")},
    )
    try:
        assert sensitivity.shows(Purpose.SUBJECT_ACCESS, "tests.Imaginary", "both")
        assert not sensitivity.shows(Purpose.CASE_MANAGEMENT, "tests.Imaginary", "both")
        assert sensitivity.fields_for("tests.Imaginary", Purpose.PANEL) == ["first"]
        with pytest.raises(ValueError, match="undeclared"):
            sensitivity.declare("tests.Other", {"a": Sensitivity.IDENTIFYING}, derived={"b": ("a", "c")})
    finally:
        sensitivity._DECLARATIONS.pop("tests.imaginary")


def test_each_purpose_needs_its_classes_and_equality_monitoring_stays_apart():
    assert Purpose.SUBJECT_ACCESS.classes == frozenset(Sensitivity)
    for purpose in (Purpose.CASE_MANAGEMENT, Purpose.PANEL, Purpose.ANSWERING_AGENCY, Purpose.OVERSIGHT):
        assert Sensitivity.EQUALITY_MONITORING not in purpose.classes
    assert Purpose.PANEL.classes.isdisjoint({Sensitivity.CONTACT, Sensitivity.REFERRER})
    assert Purpose.ANSWERING_AGENCY.classes == {
        Sensitivity.IDENTIFYING,
        Sensitivity.PARTNER_INFORMATION,
        Sensitivity.OPERATIONAL,
    }


def test_the_system_check_fails_on_a_field_without_a_class_and_a_class_without_a_field():
    assert checks.every_field_of_a_declared_model_has_a_sensitivity_class(None) == []
    declared = sensitivity.declaration_of(Referral)
    classes = dict(declared.classes)
    classes.pop("referrer_contact")
    classes["shoe_size"] = Sensitivity.IDENTIFYING
    sensitivity.declare(Referral, classes, derived=declared.derived)
    try:
        errors = checks.every_field_of_a_declared_model_has_a_sensitivity_class(None)
    finally:
        sensitivity.declare(Referral, declared.classes, derived=declared.derived)
    assert {error.id for error in errors} == {"core.E008"}
    assert sorted(error.msg for error in errors) == [
        "safeguarding.Referral declares a sensitivity class for shoe_size, which it does not have.",
        "safeguarding.Referral.referrer_contact has no sensitivity class.",
    ]
    assert checks.every_field_of_a_declared_model_has_a_sensitivity_class(None) == []
