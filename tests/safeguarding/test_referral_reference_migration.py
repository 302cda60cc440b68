"""The migration that gives every existing referral a random reference (0005): its data step."""

import re
from importlib import import_module

import pytest
from django.apps import apps

from commonground.safeguarding.models import Referral
from tests.factories import BOLTON
from tests.safeguarding.builders import referral_in

pytestmark = pytest.mark.django_db

migration = import_module("commonground.safeguarding.migrations.0005_referral_reference")


def test_existing_referrals_are_each_given_a_different_random_reference():
    made = {referral_in(BOLTON, first_name=name).pk for name in ("Ann", "Ben", "Cat")}
    before = dict(Referral.objects.values_list("pk", "reference"))

    migration.give_existing_referrals_a_reference(apps, schema_editor=None)

    after = dict(Referral.objects.values_list("pk", "reference"))
    assert set(after) == made
    assert len(set(after.values())) == len(made)
    assert all(after[pk] != before[pk] for pk in made)
    assert all(re.fullmatch(r"SG-[0-9A-Z]{4}-[0-9A-Z]{4}", reference) for reference in after.values())
