"""The public calendar as a visitor reads it: upcoming events by day, the archive, an event's page,
the filters (a GET form), and never a draft or an event without the organiser's consent."""

import pytest
from django.test import Client

from commonground.calendar.actions import events as actions
from commonground.calendar.models import EventKind
from tests.calendar import world
from tests.clock import FROZEN
from tests.factories import OLDHAM

pytestmark = [pytest.mark.django_db, FROZEN]


def _page(path: str, **params) -> str:
    response = Client().get(path, params)
    assert response.status_code == 200
    return response.content.decode()


def test_upcoming_events_are_listed_by_day_and_drafts_never_shown():
    manager = world.programme_manager()
    world.published(manager, title="Demo shared iftar")
    world.published(
        manager,
        title="Demo open mosque day",
        kind=EventKind.FAITH_OPEN_DAY,
        starts_at=world.in_days(12, 11),
        ends_at=world.in_days(12, 15),
    )
    world.draft(manager, title="Demo secret draft")
    cancelled = world.published(
        manager, title="Demo rained-off picnic", starts_at=world.in_days(11), ends_at=world.in_days(11, 20)
    )
    actions.cancel_event(actor=manager, event=cancelled)
    page = _page("/events/")
    assert "Demo shared iftar" in page and "Demo open mosque day" in page
    assert "Demo secret draft" not in page
    assert "Demo rained-off picnic" in page and "Cancelled" in page
    # Grouped by day, soonest first.
    assert (
        page.index("Demo shared iftar")
        < page.index("Demo rained-off picnic")
        < page.index("Demo open mosque day")
    )
    assert page.count('<h2 class="govuk-heading-m govuk-!-margin-top-6">') == 3


def test_the_filters_narrow_by_borough_and_kind_without_javascript():
    manager = world.programme_manager()
    world.published(manager, title="Demo Bolton iftar")
    world.published(
        manager,
        title="Demo Oldham football",
        kind=EventKind.SPORT,
        postcode="",
        borough=world.borough(OLDHAM),
    )
    by_borough = _page("/events/", borough=OLDHAM)
    assert "Demo Oldham football" in by_borough and "Demo Bolton iftar" not in by_borough
    assert f"/events/boroughs/{OLDHAM}/calendar.ics" in by_borough
    by_kind = _page("/events/", kind=EventKind.FOOD_AND_SHARED_MEAL)
    assert "Demo Bolton iftar" in by_kind and "Demo Oldham football" not in by_kind


def test_an_odd_filter_is_explained_and_the_calendar_shown_whole():
    world.published(title="Demo Bolton iftar")
    page = _page("/events/", borough="<script>", kind="rave", page="999999")
    assert "Select a borough from the list" in page and "Select a kind of event from the list" in page
    assert "Error:" in page


def test_the_archive_lists_past_events_newest_first():
    world.past_published(days_ago=40, title="Demo older vigil")
    world.past_published(days_ago=5, title="Demo recent fun run")
    world.published(title="Demo future iftar")
    page = _page("/events/past/")
    assert page.index("Demo recent fun run") < page.index("Demo older vigil")
    assert "Demo future iftar" not in page
    assert "Demo future iftar" in _page("/events/") and "Demo recent fun run" not in _page("/events/")


def test_the_list_is_paged():
    manager = world.programme_manager()
    for number in range(27):
        world.published(
            manager,
            title=f"Demo event {number:02}",
            starts_at=world.in_days(5 + number),
            ends_at=world.in_days(5 + number, 21),
        )
    first = _page("/events/")
    assert "Demo event 24" in first and "Demo event 25" not in first and "Page 1 of 2" in first
    second = _page("/events/", page=2)
    assert "Demo event 25" in second and "Demo event 26" in second


def test_an_events_page_says_when_where_what_and_links_to_add_it_to_a_calendar():
    event = world.published(accessibility="Step-free, hearing loop", website="https://example.org/iftar")
    for key in (event.uid, event.pk):
        page = _page(f"/events/{key}/")
        assert "Bolton shared iftar" in page and "Demo Community Hall" in page and "BL2 6PN" in page
        assert "Step-free, hearing loop" in page and "Demo Bolton Interfaith Forum" in page
        assert f"/events/{event.uid}/event.ics" in page and "Add to your calendar" in page


def test_a_draft_or_unknown_event_is_not_found():
    draft = world.draft()
    for key in (draft.pk, draft.uid, "not-an-event", "99999999999999999999"):
        assert Client().get(f"/events/{key}/").status_code == 404


def test_the_calendar_is_offered_in_urdu_and_polish():
    world.published()
    client = Client()
    for code, words in (("ur", "/events/"), ("pl", "/events/")):
        client.get(f"/language/{code}/", {"next": words})
        page = client.get("/events/").content.decode()
        assert f'lang="{code}"' in page
        assert "#WeStandTogether" in page
