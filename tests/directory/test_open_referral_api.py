"""The Open Referral UK open data: /api/v1/openreferral/… answers in the shape of HSDS 3.0.

The field lists below are written from the Open Referral specification's own documentation, not
from our code: the required fields, types and identifier formats of each object come from
`schema/simple/schema.csv` of the openreferral/specification repository (HSDS 3.0, which Open
Referral UK 3.0 profiles: `constraints_required` true, `format` uuid), and the list header
(`total_items`, `total_pages`, `page_number`, `size`, `first_page`, `last_page`, `empty`, then the
array) from its `docs/hsds/api_reference.md`, "Lists". Enumerations are from the same CSV
(service.status, location.location_type, address.address_type, schedule.freq, schedule.byday).
"""

import uuid
from datetime import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commonground.directory.models import AuditResult, EntryKind
from commonground.directory.open_referral import object_id
from tests.directory import finder_world as world

pytestmark = pytest.mark.django_db

API = "/api/v1/openreferral"

# object → {field: JSON type} for the fields HSDS 3.0 marks required.
REQUIRED = {
    "service": {"id": str, "name": str, "status": str},
    "organization": {"id": str, "name": str, "description": str},
    "location": {"id": str, "location_type": str},
    "service_at_location": {"id": str},
    "address": {
        "id": str,
        "address_1": str,
        "city": str,
        "state_province": str,
        "postal_code": str,
        "country": str,
        "address_type": str,
    },
    "phone": {"id": str, "number": str},
    "schedule": {"id": str},
    "language": {"id": str},
    "service_area": {"id": str},
    "accessibility": {"id": str},
    "attribute": {"id": str},
}
# object → {field: JSON type} for the optional fields we fill, as the CSV types them.
OPTIONAL = {
    "service": {
        "organization_id": str,
        "description": str,
        "url": str,
        "email": str,
        "fees_description": str,
        "assured_date": str,
        "last_modified": str,
        "phones": list,
        "languages": list,
        "service_areas": list,
        "schedules": list,
        "service_at_locations": list,
        "attributes": list,
        "organization": dict,
    },
    "location": {
        "organization_id": str,
        "name": str,
        "latitude": float,
        "longitude": float,
        "addresses": list,
        "accessibility": list,
    },
    "service_at_location": {"service_id": str, "location_id": str, "location": dict},
    "address": {"location_id": str, "address_2": str, "region": str},
    "phone": {"service_id": str, "type": str},
    "schedule": {
        "service_id": str,
        "freq": str,
        "wkst": str,
        "byday": str,
        "opens_at": str,
        "closes_at": str,
        "timezone": (int, float),
        "description": str,
        "notes": str,
    },
    "language": {"service_id": str, "name": str, "code": str},
    "service_area": {"service_id": str, "name": str, "uri": str},
    "accessibility": {"location_id": str, "description": str},
    "attribute": {"link_id": str, "link_type": str, "link_entity": str, "value": str, "label": str},
}
# Fields whose format is uuid in the CSV.
UUID_FIELDS = {"id", "organization_id", "service_id", "location_id", "link_id"}
ENUMS = {
    ("service", "status"): {"active", "inactive", "defunct", "temporarily closed"},
    ("location", "location_type"): {"physical", "postal", "virtual"},
    ("address", "address_type"): {"physical", "postal", "virtual"},
    ("schedule", "freq"): {"WEEKLY", "MONTHLY"},
    ("schedule", "wkst"): {"MO", "TU", "WE", "TH", "FR", "SA", "SU"},
    ("schedule", "byday"): {"MO", "TU", "WE", "TH", "FR", "SA", "SU"},
}
LIST_HEADER = {
    "total_items": int,
    "total_pages": int,
    "page_number": int,
    "size": int,
    "first_page": bool,
    "last_page": bool,
    "empty": bool,
    "content": list,
}
CHILDREN = {
    "service": {
        "organization": "organization",
        "phones": "phone",
        "languages": "language",
        "service_areas": "service_area",
        "schedules": "schedule",
        "service_at_locations": "service_at_location",
        "attributes": "attribute",
    },
    "service_at_location": {"location": "location"},
    "location": {"addresses": "address", "accessibility": "accessibility"},
}


def check(kind: str, value: dict, seen: dict[str, str]) -> None:
    """Required fields present with their types, optional fields typed, ids UUIDs unique per type,
    enumerations respected, and every nested object checked the same way."""
    for name, expected in REQUIRED[kind].items():
        assert name in value, f"{kind}.{name} is required"
        assert isinstance(value[name], expected), f"{kind}.{name}"
    for name, expected in OPTIONAL.get(kind, {}).items():
        if name in value:
            assert value[name] is not None, f"{kind}.{name}: an empty field is left out, not null"
            assert isinstance(value[name], expected), f"{kind}.{name}"
    unknown = set(value) - set(REQUIRED[kind]) - set(OPTIONAL.get(kind, {}))
    assert not unknown, f"{kind} has fields HSDS does not define: {unknown}"
    for name in UUID_FIELDS & set(value):
        assert str(uuid.UUID(value[name])) == value[name], f"{kind}.{name} is a UUID"
    for (enum_kind, name), allowed in ENUMS.items():
        if enum_kind == kind and name in value:
            assert value[name] in allowed, f"{kind}.{name}"
    assert seen.setdefault(f"{kind}:{value['id']}", kind) == kind
    for field, child_kind in CHILDREN.get(kind, {}).items():
        children = value.get(field, [])
        for child in children if isinstance(children, list) else [children]:
            check(child_kind, child, seen)


def check_list(body: dict, kind: str) -> None:
    assert list(body) == list(LIST_HEADER), "the HSDS list header, then the content"
    for name, expected in LIST_HEADER.items():
        assert isinstance(body[name], expected), name
    seen: dict[str, str] = {}
    for item in body["content"]:
        check(kind, item, seen)


@pytest.fixture
def places():
    world.postcode(*world.SEARCHED)
    near = world.entry(
        "Bolton Library",
        53.579,
        -2.430,
        hours=[(0, time(9), time(12, 30)), (0, time(14), time(17)), (5, time(10), time(13))],
        languages=("ur", "pl"),
        step_free_access=True,
        hearing_loop=True,
        description="On the ground floor.",
        opening_hours_note="Closed on bank holidays",
    )
    far = world.entry("Bury Advice Centre", 53.593, -2.297, borough_code=world.BURY)
    space = world.entry("Community Hall", 53.58, -2.44, kind=EntryKind.MEETING_SPACE, cost_note="Free")
    hidden = world.entry("Hidden Centre", 53.5781, -2.4291, result=AuditResult.DOES_NOT_MEET)
    withdrawn = world.entry("Withdrawn Centre", 53.5782, -2.4292, published=False)
    never = world.entry("Never Audited", 53.5783, -2.4293, result="")
    return {"near": near, "far": far, "space": space, "hidden": [hidden, withdrawn, never]}


def test_services_are_listed_in_the_hsds_shape(client, places):
    body = client.get(f"{API}/services").json()
    check_list(body, "service")
    assert body["total_items"] == 3 and body["page_number"] == 1 and body["first_page"] and body["last_page"]
    names = [s["name"] for s in body["content"]]
    assert names == ["Bolton Library", "Bury Advice Centre", "Community Hall"]


def test_a_service_carries_its_schedules_languages_area_and_location(client, places):
    service = client.get(f"{API}/services").json()["content"][0]
    assert service["status"] == "active"
    assert service["url"].endswith(f"/find/reporting-centres/{places['near'].pk}/")
    assert service["organization"]["name"] == "Bolton Library"
    assert service["phones"][0]["number"] == "01204 333333"
    assert {language["code"] for language in service["languages"]} == {"ur", "pl"}
    assert service["service_areas"][0]["uri"].endswith("E08000001")
    monday = [s for s in service["schedules"] if s["byday"] == "MO"]
    assert [(s["opens_at"][:5], s["closes_at"][:5]) for s in monday] == [
        ("09:00", "12:30"),
        ("14:00", "17:00"),
    ]
    assert all(
        s["freq"] == "WEEKLY" and s["opens_at"][5:] in ("+00:00", "+01:00") for s in service["schedules"]
    )
    location = service["service_at_locations"][0]["location"]
    assert location["latitude"] == pytest.approx(53.579)
    assert location["addresses"][0]["postal_code"] == "BL1 1AA"
    assert {a["description"] for a in location["accessibility"]} == {"Step-free access", "Hearing loop"}
    assert "Sam Private" not in str(service), "the contact's name is never published"


def test_only_entries_shown_to_the_public_are_published(client, places):
    for path in ("services", "locations", "service_at_locations"):
        body = client.get(f"{API}/{path}").json()
        assert body["total_items"] == 3
        assert not any("Hidden" in str(item) or "Withdrawn" in str(item) for item in body["content"])
    for entry in places["hidden"]:
        assert client.get(f"{API}/services/{object_id('service', entry.pk)}").status_code == 404


def test_one_service_by_its_id(client, places):
    listed = client.get(f"{API}/services").json()["content"][0]
    answer = client.get(f"{API}/services/{listed['id']}")
    assert answer.status_code == 200
    check("service", answer.json(), {})
    assert answer.json() == listed


def test_unknown_ids_are_not_found_as_problem_details(client, places):
    for path in (f"services/{uuid.uuid4()}", "services/not-a-uuid", f"organizations/{uuid.uuid4()}"):
        answer = client.get(f"{API}/{path}")
        assert answer.status_code == 404
        assert answer["Content-Type"] == "application/problem+json"
        assert answer.json()["code"] == "not_found"


def test_filters_by_kind_and_borough(client, places):
    spaces = client.get(f"{API}/services?kind=meeting_space").json()
    assert [s["name"] for s in spaces["content"]] == ["Community Hall"]
    bury = client.get(f"{API}/services?borough=E08000002").json()
    assert [s["name"] for s in bury["content"]] == ["Bury Advice Centre"]
    assert client.get(f"{API}/services?kind=shop").status_code == 422


def test_postcode_orders_nearest_first(client, places):
    body = client.get(f"{API}/services?postcode=bl11ru").json()
    assert [s["name"] for s in body["content"]] == ["Bolton Library", "Community Hall", "Bury Advice Centre"]
    unknown = client.get(f"{API}/services?postcode=ZZ9 9ZZ")
    assert unknown.status_code == 404 and unknown.json()["code"] == "unknown_postcode"
    assert client.get(f"{API}/services?postcode=hello").status_code == 422


def test_pages(client, places):
    first = client.get(f"{API}/services?per_page=2").json()
    second = client.get(f"{API}/services?per_page=2&page=2").json()
    beyond = client.get(f"{API}/services?per_page=2&page=3").json()
    assert (first["total_pages"], first["first_page"], first["last_page"], first["size"]) == (
        2,
        True,
        False,
        2,
    )
    assert (second["first_page"], second["last_page"], len(second["content"])) == (False, True, 1)
    assert beyond["empty"] and beyond["content"] == []


def test_organizations_and_locations(client, places):
    organisations = client.get(f"{API}/organizations").json()
    check_list(organisations, "organization")
    assert organisations["total_items"] == 3
    one = organisations["content"][0]
    assert client.get(f"{API}/organizations/{one['id']}").json() == one
    check_list(client.get(f"{API}/locations").json(), "location")
    check_list(client.get(f"{API}/service_at_locations").json(), "service_at_location")
    services = client.get(f"{API}/services?organization_id={one['id']}").json()
    assert [s["organization"]["id"] for s in services["content"]] == [one["id"]]


def test_a_list_costs_the_same_queries_whatever_its_length(client, places):
    def queries_for(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    before = queries_for(f"{API}/services?postcode=BL1 1RU")
    before_plain = queries_for(f"{API}/services")
    for n in range(10):
        world.entry(f"More {n}", 53.5 + n / 100, -2.4, languages=("ur", "pl", "ar"))
    assert queries_for(f"{API}/services?postcode=BL1 1RU") == before
    assert queries_for(f"{API}/services") == before_plain
