"""GET /api/v1/events: open data, no token; published events only, filtered and paged."""

import pytest
from django.test import Client

from commonground.calendar.actions import events as actions
from commonground.calendar.models import EventKind
from tests.calendar import world
from tests.clock import FROZEN
from tests.factories import BOLTON, OLDHAM

pytestmark = [pytest.mark.django_db, FROZEN]


def _get(**params):
    response = Client().get("/api/v1/events", params)
    return response.status_code, response.json()


def test_published_events_come_with_their_details_and_drafts_never():
    manager = world.programme_manager()
    event = world.published(manager)
    world.draft(manager, title="Demo draft")
    status, body = _get()
    assert status == 200 and body["count"] == 1
    (item,) = body["items"]
    assert item["uid"] == str(event.uid) and item["title"] == "Bolton shared iftar"
    assert item["borough_code"] == BOLTON and item["kind"] == "food_and_shared_meal"
    assert item["status"] == "published" and item["sequence"] == 2
    assert item["links"] == {"page": f"/events/{event.uid}/", "ics": f"/events/{event.uid}/event.ics"}


def test_filters_by_borough_kind_and_days_and_the_archive_on_request():
    manager = world.programme_manager()
    world.published(manager, title="Demo Bolton meal")
    world.published(
        manager,
        title="Demo Oldham match",
        kind=EventKind.SPORT,
        postcode="",
        borough=world.borough(OLDHAM),
        starts_at=world.in_days(40, 10),
        ends_at=world.in_days(40, 12),
    )
    world.past_published(title="Demo past vigil", kind=EventKind.VIGIL_OR_REMEMBRANCE)
    titles = lambda **params: [item["title"] for item in _get(**params)[1]["items"]]  # noqa: E731
    assert titles(borough=OLDHAM.lower()) == ["Demo Oldham match"]
    assert titles(kind="sport") == ["Demo Oldham match"]
    assert titles(to=world.in_days(20).date().isoformat()) == ["Demo Bolton meal"]
    assert titles(**{"from": world.in_days(20).date().isoformat()}) == ["Demo Oldham match"]
    assert titles(include_past="true") == ["Demo past vigil", "Demo Bolton meal", "Demo Oldham match"]
    assert titles(include_past="true", **{"from": "0001-01-01", "to": "9999-12-31"})[0] == "Demo past vigil"


def test_paged_with_limit_and_offset():
    manager = world.programme_manager()
    for number in range(3):
        world.published(
            manager,
            title=f"Demo {number}",
            starts_at=world.in_days(5 + number),
            ends_at=world.in_days(5 + number, 21),
        )
    status, body = _get(limit=2, offset=1)
    assert status == 200
    assert (body["count"], body["limit"], body["offset"]) == (3, 2, 1)
    assert [item["title"] for item in body["items"]] == ["Demo 1", "Demo 2"]


def test_a_cancelled_event_is_marked():
    manager = world.programme_manager()
    actions.cancel_event(actor=manager, event=world.published(manager))
    assert _get()[1]["items"][0]["status"] == "cancelled"


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"borough": "E99999999"}, 404),
        ({"kind": "rave"}, 422),
        ({"limit": 0}, 422),
        ({"from": "yesterday"}, 422),
    ],
)
def test_odd_requests_are_refused_as_problems(params, status):
    response = Client().get("/api/v1/events", params)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/problem+json")
