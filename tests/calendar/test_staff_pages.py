"""The calendar's staff pages as their users work them: adding an event through the form (bad
input explained, nothing typed lost), editing with a stale page, publishing with the organiser's
agreement, cancelling, and another borough's event answering 404."""

import pytest

from commonground.calendar.models import Event, EventStatus
from tests.calendar import world
from tests.clock import FROZEN
from tests.conftest import signed_in
from tests.factories import OLDHAM

pytestmark = [pytest.mark.django_db, FROZEN]


def _form(**changes) -> dict:
    day = world.in_days(14)
    values = {
        "title": "Demo Bolton street party",
        "kind": "community_gathering",
        "description": "Music, food and games for every neighbour.",
        "start_day": day.strftime("%d/%m/%Y"),
        "start_time": "12:00",
        "end_day": day.strftime("%d/%m/%Y"),
        "end_time": "17:00",
        "venue_name": "Demo Park",
        "address": "Demo Lane",
        "postcode": "bl2 6pn",
        "borough": "",
        "organiser": "Demo Residents Association",
        "website": "",
        "booking_link": "",
        "accessibility": "Level paths and accessible toilets",
        "is_free": "yes",
        "cost": "",
    }
    values.update(changes)
    return values


def test_a_borough_lead_adds_an_event_through_the_form():
    client = signed_in(world.bolton_lead())
    assert "Add an event" in client.get("/staff/").content.decode()
    response = client.post("/staff/events/new/", _form())
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/staff/events/{event.pk}/"
    assert event.status == EventStatus.DRAFT and event.borough.code == "E08000001"
    assert event.starts_at.hour == 12  # 12:00 in London, GMT in winter


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_time": "11:00"}, "The end must be after the start"),
        ({"start_day": "01/01/2020", "end_day": "01/01/2020"}, "a new event cannot begin in the past"),
        ({"postcode": "ZZ9 9ZZ"}, "We could not find the postcode ZZ9 9ZZ"),
        ({"start_day": "31/02/2027"}, "Enter the date as day/month/year"),
        ({"start_time": "noon"}, "Enter the time as hours and minutes"),
    ],
)
def test_bad_input_is_explained_and_nothing_typed_is_lost(changes, message):
    client = signed_in(world.bolton_lead())
    page = client.post("/staff/events/new/", _form(**changes)).content.decode()
    assert message in page and "govuk-error-summary" in page and "<title>Error:" in page
    assert "Demo Bolton street party" in page and "Level paths and accessible toilets" in page
    assert not Event.objects.exists()


def test_publishing_needs_the_box_ticked_and_records_who_and_when():
    lead = world.bolton_lead()
    client = signed_in(lead)
    event = world.draft(lead)
    refused = client.post(f"/staff/events/{event.pk}/publish/", {"consent_source": ""})
    assert refused.status_code == 400
    assert "organiser&#x27;s agreement is recorded" in refused.content.decode()
    assert Event.objects.get(pk=event.pk).status == EventStatus.DRAFT
    client.post(
        f"/staff/events/{event.pk}/publish/", {"organiser_agreed": "on", "consent_source": "By phone"}
    )
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED and event.consent_recorded_by == lead
    page = client.get(f"/staff/events/{event.pk}/").content.decode()
    assert "By phone" in page and "See it on the public calendar" in page


def test_cancelling_from_the_events_page():
    lead = world.bolton_lead()
    event = world.published(lead)
    client = signed_in(lead)
    client.post(f"/staff/events/{event.pk}/cancel/")
    assert Event.objects.get(pk=event.pk).status == EventStatus.CANCELLED
    assert "Cancelled" in client.get("/staff/events/").content.decode()


def test_a_stale_edit_names_what_changed_and_keeps_what_was_typed():
    lead, manager = world.bolton_lead(), world.programme_manager()
    event = world.draft(lead)
    client = signed_in(lead)
    form = client.get(f"/staff/events/{event.pk}/edit/").content.decode()
    assert 'name="version" value="1"' in form
    signed_in(manager).post(f"/staff/events/{event.pk}/edit/", _form(venue_name="Demo Library", version="1"))
    page = client.post(
        f"/staff/events/{event.pk}/edit/", _form(title="My new title", version="1")
    ).content.decode()
    assert "Someone else changed this while you were editing it" in page and "<li>Venue</li>" in page
    assert "My new title" in page
    assert Event.objects.get(pk=event.pk).title == "Demo Bolton street party"


def test_the_list_shows_upcoming_drafts_and_past_and_filters_by_borough():
    manager = world.programme_manager()
    world.published(manager, title="Demo published one")
    world.draft(manager, title="Demo draft one", postcode="", borough=world.borough(OLDHAM))
    world.past_published(title="Demo past one")
    client = signed_in(manager)
    upcoming = client.get("/staff/events/").content.decode()
    assert "Demo published one" in upcoming and "Demo draft one" not in upcoming
    drafts = client.get("/staff/events/", {"show": "drafts"}).content.decode()
    assert "Demo draft one" in drafts
    assert "Demo past one" in client.get("/staff/events/", {"show": "past"}).content.decode()
    oldham = world.borough(OLDHAM)
    filtered = client.get("/staff/events/", {"show": "drafts", "borough": oldham.pk}).content.decode()
    assert "Demo draft one" in filtered


def test_a_borough_lead_of_another_borough_gets_not_found():
    event = world.draft(world.bolton_lead())
    client = signed_in(world.oldham_lead())
    for path in (f"/staff/events/{event.pk}/", f"/staff/events/{event.pk}/edit/"):
        assert client.get(path).status_code == 404
    for path in (f"/staff/events/{event.pk}/publish/", f"/staff/events/{event.pk}/cancel/"):
        assert client.post(path, {"organiser_agreed": "on"}).status_code == 404
    assert "Bolton shared iftar" not in client.get("/staff/events/", {"show": "drafts"}).content.decode()
    assert Event.objects.get(pk=event.pk).status == EventStatus.DRAFT
