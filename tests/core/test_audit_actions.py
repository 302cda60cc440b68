"""Audit actions are listed in code (AuditAction), not in the database: a new action needs no
migration, and `audit.record` refuses a value that is not listed."""

import pytest

from commonground.core import audit
from commonground.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def test_the_action_column_carries_no_choices_so_a_new_action_needs_no_migration():
    assert AuditEvent._meta.get_field("action").choices is None


def test_an_action_not_in_the_list_is_refused_and_nothing_is_recorded():
    before = AuditEvent.objects.count()

    with pytest.raises(ValueError, match="not an audit action"):
        audit.record(actor=None, action="made_up", object_type="core.thing", object_id="1")
    with pytest.raises(ValueError, match="not an audit action"):
        audit.record_each(actor=None, action="made_up", subject_refs=["core.thing:1"])

    assert AuditEvent.objects.count() == before


def test_a_listed_action_is_recorded_and_shown_by_its_label():
    event = audit.record(actor=None, action=AuditAction.LIST_VIEWED, object_type="core.thing")

    assert event.action == "list_viewed"
    assert AuditEvent.objects.get(pk=event.pk).get_action_display() == "Viewed a list"
