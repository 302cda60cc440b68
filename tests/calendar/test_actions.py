"""The calendar's actions: each rule and refusal, the audit row written with each change, nothing
changed when refused, the scope of a borough lead, and the funded-event action that the grants app
calls, idempotent on its reference."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from commonground.calendar.actions import events as actions
from commonground.calendar.models import Event, EventKind, EventStatus
from commonground.core.models import AuditEvent
from commonground.core.roles import Role
from tests.calendar import world
from tests.clock import FROZEN
from tests.factories import BOLTON, MANCHESTER, OLDHAM, staff

pytestmark = [pytest.mark.django_db, FROZEN]


def _audit(event):
    return list(
        AuditEvent.objects.filter(object_id=str(event.pk), object_type__icontains="event").order_by(
            "sequence"
        )
    )


def test_adding_an_event_saves_a_draft_with_the_borough_from_its_postcode_and_audits_it():
    manager = world.programme_manager()
    event = actions.add_event(actor=manager, details=world.details(postcode="bl26pn"))
    assert event.status == EventStatus.DRAFT
    assert event.postcode == "BL2 6PN"
    assert event.borough.code == BOLTON
    assert event.version == 1 and event.uid
    (row,) = _audit(event)
    assert row.action == "create" and row.actor == manager
    assert row.changes["borough"] == BOLTON


def test_a_known_postcode_wins_over_the_borough_chosen():
    event = world.draft(borough=world.borough(OLDHAM))
    assert event.borough.code == BOLTON


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"ends_at": (10, 17)}, "ends_at", "The end must be after the start"),
        ({"starts_at": (-2, 18), "ends_at": (-2, 21)}, "starts_at", "cannot begin in the past"),
        ({"postcode": "not a postcode"}, "postcode", "Enter a full UK postcode"),
        ({"postcode": "ZZ9 9ZZ"}, "postcode", "We could not find the postcode ZZ9 9ZZ"),
        ({"postcode": ""}, "borough", "Select the borough"),
        ({"title": "  "}, "title", "Enter the event's title"),
        ({"organiser": ""}, "organiser", "organisation running the event"),
        ({"is_free": False, "cost": ""}, "cost", "what the event costs"),
        ({"kind": "rave"}, "kind", "Select the kind of event"),
    ],
)
def test_each_refusal_names_its_field_and_adds_nothing(changes, field, words):
    # Days are (days from today, hour), worked out on the test's own clock.
    changes = {
        name: world.in_days(*value) if isinstance(value, tuple) else value for name, value in changes.items()
    }
    with pytest.raises(ValidationError) as refused:
        actions.add_event(actor=world.programme_manager(), details=world.details(**changes))
    assert any(words in message for message in refused.value.message_dict[field])
    assert not Event.objects.exists()


def test_an_unknown_postcode_is_accepted_with_a_chosen_borough():
    event = world.draft(postcode="ZZ9 9ZZ", borough=world.borough(MANCHESTER))
    assert event.borough.code == MANCHESTER and event.postcode == "ZZ9 9ZZ"


def test_a_borough_lead_adds_events_only_in_their_borough():
    lead = world.bolton_lead()
    assert world.draft(lead).borough.code == BOLTON
    with pytest.raises(ValidationError) as refused:
        world.draft(lead, postcode="", borough=world.borough(OLDHAM))
    assert "boroughs you work in" in refused.value.message_dict["borough"][0]


def test_someone_without_the_permission_cannot_add_an_event():
    with pytest.raises(PermissionDenied):
        world.draft(staff(Role.HELPLINE_ADVISOR, BOLTON))
    assert not Event.objects.exists()


def test_publishing_needs_the_organisers_agreement_and_records_who_and_when():
    manager = world.programme_manager()
    event = world.draft(manager)
    with pytest.raises(ValidationError) as refused:
        actions.publish_event(actor=manager, event=event, organiser_agreed=False)
    assert "organiser's agreement is recorded" in refused.value.message_dict["organiser_agreed"][0]
    event.refresh_from_db()
    assert event.status == EventStatus.DRAFT and event.consent_recorded_at is None
    published = actions.publish_event(
        actor=manager, event=event, organiser_agreed=True, consent_source="By email on 3 March"
    )
    published.refresh_from_db()
    assert published.status == EventStatus.PUBLISHED
    assert published.consent_recorded_by == manager
    assert published.consent_recorded_at is not None and published.consent_recorded_at <= timezone.now()
    assert published.consent_source == "By email on 3 March"
    assert published.version == 2
    assert _audit(published)[-1].changes["status"] == ["draft", "published"]


def test_the_database_refuses_a_published_event_without_consent():
    event = world.draft()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(status=EventStatus.PUBLISHED)


def test_the_database_refuses_an_event_ending_before_it_starts():
    event = world.draft()
    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(ends_at=event.starts_at)


def test_cancelling_keeps_the_event_public_as_cancelled_and_is_final():
    manager = world.programme_manager()
    event = world.published(manager)
    cancelled = actions.cancel_event(actor=manager, event=event)
    assert cancelled.status == EventStatus.CANCELLED and cancelled.is_public
    assert cancelled.version == 3
    with pytest.raises(ValidationError, match="already cancelled"):
        actions.cancel_event(actor=manager, event=cancelled)
    with pytest.raises(ValidationError, match="only a draft can be published"):
        actions.publish_event(actor=manager, event=cancelled, organiser_agreed=True)
    assert Event.objects.get(pk=event.pk).version == 3


def test_editing_bumps_the_version_and_audits_the_fields_changed():
    manager = world.programme_manager()
    event = world.published(manager)
    edited = actions.edit_event(
        actor=manager,
        event=event,
        expected_version=event.version,
        details=world.details(title="Bolton iftar"),
    )
    assert edited.title == "Bolton iftar" and edited.version == event.version + 1
    assert _audit(edited)[-1].changes["fields"] == ["title"]


def test_a_stale_edit_is_refused_naming_what_changed_and_changes_nothing():
    manager, lead = world.programme_manager(), world.bolton_lead()
    event = world.draft(manager)
    opened_at = event.version
    actions.edit_event(
        actor=lead, event=event, expected_version=opened_at, details=world.details(venue_name="Demo Library")
    )
    with pytest.raises(actions.EventConflict) as conflict:
        actions.edit_event(
            actor=manager, event=event, expected_version=opened_at, details=world.details(title="New")
        )
    assert conflict.value.changed == {"venue_name": "Venue"}
    assert "Venue" in str(conflict.value)
    assert Event.objects.get(pk=event.pk).title == "Bolton shared iftar"


def test_a_borough_lead_cannot_change_another_boroughs_event():
    event = world.draft(world.programme_manager(), postcode="", borough=world.borough(OLDHAM))
    lead = world.bolton_lead()
    with pytest.raises(PermissionDenied):
        actions.cancel_event(actor=lead, event=event)
    with pytest.raises(PermissionDenied):
        actions.edit_event(actor=lead, event=event, expected_version=1, details=world.details())
    assert Event.objects.get(pk=event.pk).status == EventStatus.DRAFT


def _funded(actor, **changes):
    values = {
        "title": "Demo Oldham youth football festival",
        "description": "Five-a-side for teams from every part of the town.",
        "kind": EventKind.SPORT,
        "starts_at": world.in_days(30, 10),
        "ends_at": world.in_days(30, 16),
        "venue": "Demo Leisure Centre",
        "address": "2 Demo Road, Oldham",
        "postcode": "",
        "borough": world.borough(OLDHAM),
        "organiser": "Demo Oldham Youth Sport",
        "source_reference": "CG-GRANT-0001",
        "consent_source": "The group agreed on their grant application",
    }
    values.update(changes)
    return actions.publish_funded_event(actor=actor, **values)


def test_a_funded_event_is_published_with_the_groups_consent():
    officer = world.grants_officer()
    event = _funded(officer)
    assert event.status == EventStatus.PUBLISHED and event.is_public
    assert event.source_reference == "CG-GRANT-0001"
    assert event.consent_source == "The group agreed on their grant application"
    assert event.consent_recorded_by == officer
    assert [row.action for row in _audit(event)] == ["create", "update"]


def test_publishing_a_funded_event_twice_updates_it_and_never_duplicates():
    officer = world.grants_officer()
    first = _funded(officer)
    again = _funded(
        officer,
        title="Demo Oldham youth football festival (new date)",
        starts_at=world.in_days(31, 10),
        ends_at=world.in_days(31, 16),
    )
    assert again.pk == first.pk
    assert Event.objects.count() == 1
    assert again.title.endswith("(new date)") and again.version == first.version + 1
    unchanged = _funded(
        officer,
        title="Demo Oldham youth football festival (new date)",
        starts_at=world.in_days(31, 10),
        ends_at=world.in_days(31, 16),
    )
    assert unchanged.version == again.version


def test_a_funded_event_needs_a_reference_and_the_groups_consent():
    officer = world.grants_officer()
    with pytest.raises(ValidationError) as refused:
        _funded(officer, source_reference=" ", consent_source="")
    assert set(refused.value.message_dict) == {"source_reference", "consent_source"}
    assert not Event.objects.exists()


def test_a_cancelled_funded_event_stays_cancelled_when_sent_again():
    officer = world.grants_officer()
    event = actions.cancel_event(actor=officer, event=_funded(officer))
    again = _funded(officer, title="Renamed")
    assert again.pk == event.pk and again.status == EventStatus.CANCELLED and again.title == "Renamed"
