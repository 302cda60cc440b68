"""The published open data as people and programs fetch it: the page at /grants/open-data/, the
360Giving JSON and CSV downloads, and GET /api/v1/grants. Only awarded applications appear; a
declined, withdrawn, draft or still-assessed one never does; no applicant's name or email appears
anywhere; every record passes the standard's checks (tests/grants/test_threesixtygiving.py)."""

import csv
import io
import itertools
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.test import Client

from commonground.core.models import Area
from commonground.core.roles import Role
from commonground.grants.models import (
    Applicant,
    ApplicationStatus,
    DecisionOutcome,
    GrantApplication,
    GrantRound,
    PanelDecision,
    Payment,
)
from tests.factories import BOLTON, BURY, staff
from tests.grants.test_threesixtygiving import assert_valid_360giving_package

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


def a_round(officer, *, slug: str, name: str) -> GrantRound:
    grant_round = GrantRound.objects.create(
        name=name,
        slug=slug,
        summary="Events that bring neighbours together.",
        budget=Decimal("25000"),
        maximum_award=Decimal("2500"),
        opens_on=date(2026, 1, 5),
        closes_on=date(2026, 2, 27),
        published=True,
        created_by=officer,
    )
    grant_round.boroughs.set(Area.objects.filter(code__in=[BOLTON, BURY]))
    return grant_round


def an_application(grant_round, *, status: str, group: str, contact: str, **fields) -> GrantApplication:
    n = next(_numbers)
    applicant = Applicant.objects.create(
        email=f"{contact.split()[0].lower()}{n}@example.org", full_name=contact
    )
    return GrantApplication.objects.create(
        grant_round=grant_round,
        applicant=applicant,
        reference=f"CG-2026-{n:04d}",
        status=status,
        organisation_name=group,
        organisation_type=fields.pop("organisation_type", "community_group"),
        borough=Area.objects.get(code=fields.pop("borough", BOLTON)),
        event_title=fields.pop("event_title", f"{group} street feast"),
        event_description=fields.pop(
            "event_description", f"Neighbours share a meal. Ask {contact} for details."
        ),
        event_starts_at=datetime(2026, 6, 6, 12, tzinfo=UTC),
        event_ends_at=datetime(2026, 6, 6, 18, tzinfo=UTC),
        amount_requested=Decimal("2000"),
        submitted_at=None if status == ApplicationStatus.DRAFT else datetime(2026, 2, 1, tzinfo=UTC),
        **fields,
    )


def decide(application, officer, *, amount: Decimal | None, paid: Decimal | None = None) -> None:
    decision = PanelDecision.objects.create(
        application=application,
        outcome=DecisionOutcome.AWARD if amount else DecisionOutcome.DECLINE,
        amount_awarded=amount,
        reasons="Scored well against every criterion." if amount else "Another event was funded nearby.",
        decided_by=officer,
        decided_at=datetime(2026, 3, 2, 10, tzinfo=UTC),
    )
    if paid:
        Payment.objects.create(decision=decision, paid_on=date(2026, 3, 9), amount=paid, recorded_by=officer)


@pytest.fixture
def grants():
    officer = staff(Role.GRANTS_OFFICER, BOLTON, BURY)
    spring = a_round(officer, slug="spring-events-2026", name="Spring events 2026")
    autumn = a_round(officer, slug="autumn-events-2026", name="Autumn events 2026")
    awarded = an_application(
        spring,
        status=ApplicationStatus.AWARDED,
        group="Demo Riverside Community Association",
        contact="Priya Okonkwo-Hartley",
        charity_number="1070468",
        organisation_type="registered_charity",
    )
    decide(awarded, officer, amount=Decimal("1500"), paid=Decimal("750"))
    company = an_application(
        autumn,
        status=ApplicationStatus.AWARDED,
        group="Demo Hilltop Residents CIC",
        contact="Tomasz Wielgosz",
        company_number="9876543",
        organisation_type="cic",
        borough=BURY,
    )
    decide(company, officer, amount=Decimal("2499.50"))
    declined = an_application(
        spring, status=ApplicationStatus.DECLINED, group="Demo Declined Group", contact="Declan Refused"
    )
    decide(declined, officer, amount=None)
    for status, group, contact in (
        (ApplicationStatus.WITHDRAWN, "Demo Withdrawn Group", "Wanda Withdrew"),
        (ApplicationStatus.DRAFT, "Demo Draft Group", "Dora Drafting"),
        (ApplicationStatus.IN_ASSESSMENT, "Demo Assessed Group", "Asa Waiting"),
    ):
        an_application(spring, status=status, group=group, contact=contact)
    return {"awarded": awarded, "company": company, "spring": spring, "autumn": autumn}


PRIVATE = ("Priya", "Okonkwo-Hartley", "Tomasz", "Wielgosz", "@example.org")
NEVER_PUBLISHED = ("Demo Declined Group", "Demo Withdrawn Group", "Demo Draft Group", "Demo Assessed Group")


def test_the_json_download_holds_only_awarded_grants_as_valid_360giving(grants):
    response = Client().get("/grants/open-data/360giving.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="360giving-grants.json"'
    document = response.json()
    assert_valid_360giving_package(document)
    assert [g["id"] for g in document["grants"]] == [
        f"360G-commonground-demo-{grants['awarded'].reference}",
        f"360G-commonground-demo-{grants['company'].reference}",
    ]
    charity, company = document["grants"]
    assert charity["recipientOrganization"] == [
        {"id": "GB-CHC-1070468", "name": "Demo Riverside Community Association", "charityNumber": "1070468"}
    ]
    assert charity["amountAwarded"] == 1500 and charity["amountDisbursed"] == 750
    assert charity["amountAppliedFor"] == 2000
    assert charity["awardDate"] == "2026-03-02"
    assert charity["plannedDates"] == [{"startDate": "2026-06-06", "endDate": "2026-06-06"}]
    assert charity["beneficiaryLocation"] == [{"name": "Bolton", "geoCode": BOLTON, "geoCodeType": "LAD"}]
    assert charity["grantProgramme"] == [{"code": "spring-events-2026", "title": "Spring events 2026"}]
    assert company["recipientOrganization"][0]["id"] == "GB-COH-09876543"
    assert company["amountAwarded"] == 2499.5 and "amountDisbursed" not in company
    text = response.content.decode()
    for word in PRIVATE + NEVER_PUBLISHED:
        assert word not in text, word
    # The contact's name was in the group's description, and was taken out.
    assert "[name withheld]" in charity["description"]


def test_the_csv_download_has_the_standards_columns_and_the_same_grants(grants):
    response = Client().get("/grants/open-data/360giving.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="360giving-grants.csv"'
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["Identifier"] for r in rows] == [
        f"360G-commonground-demo-{grants['awarded'].reference}",
        f"360G-commonground-demo-{grants['company'].reference}",
    ]
    assert rows[0]["Recipient Org:Charity Number"] == "1070468"
    assert rows[0]["Amount Awarded"] == "1500"
    assert rows[1]["Beneficiary Location:Geographic Code"] == BURY
    for word in PRIVATE + NEVER_PUBLISHED:
        assert word not in text, word


def test_the_page_says_what_is_published_under_which_licence(grants):
    page = Client().get("/grants/open-data/").content.decode()
    assert "Open Government Licence v3.0" in page
    assert "Individuals are never named" in page
    assert 'href="/grants/open-data/360giving.json"' in page
    assert 'href="/grants/open-data/360giving.csv"' in page
    assert "Spring events 2026" in page and "Autumn events 2026" in page


def test_the_licence_and_the_funder_are_settings(grants, settings):
    settings.THREESIXTYGIVING_PREFIX = "360G-gmca"
    settings.THREESIXTYGIVING_FUNDER_ID = "GB-GOR-PB999"
    settings.THREESIXTYGIVING_FUNDER_NAME = "The Partnership"
    settings.THREESIXTYGIVING_LICENCE_NAME = "Creative Commons Attribution 4.0"
    settings.THREESIXTYGIVING_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
    document = Client().get("/grants/open-data/360giving.json").json()
    assert document["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert document["grants"][0]["id"].startswith("360G-gmca-CG-")
    assert document["grants"][0]["fundingOrganization"] == [{"id": "GB-GOR-PB999", "name": "The Partnership"}]
    assert "Creative Commons Attribution 4.0" in Client().get("/grants/open-data/").content.decode()


def test_nothing_awarded_yet_gives_an_empty_list_and_says_so():
    assert Client().get("/grants/open-data/360giving.json").json()["grants"] == []
    assert "No grants have been awarded yet." in Client().get("/grants/open-data/").content.decode()


def test_the_downloads_take_no_more_queries_as_grants_grow(grants, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        Client().get("/grants/open-data/360giving.json")


# --- The API -----------------------------------------------------------------------------------------


def test_the_api_gives_the_same_records_without_a_token(grants):
    response = Client().get("/api/v1/grants")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2 and body["limit"] == 100 and body["offset"] == 0
    download = Client().get("/grants/open-data/360giving.json").json()["grants"]
    assert body["items"] == download
    assert_valid_360giving_package({"grants": body["items"]})


def test_the_api_pages_and_filters_by_round(grants):
    page = Client().get("/api/v1/grants?limit=1&offset=1").json()
    assert page["count"] == 2 and [g["id"] for g in page["items"]] == [
        f"360G-commonground-demo-{grants['company'].reference}"
    ]
    spring = Client().get("/api/v1/grants?round=spring-events-2026").json()
    assert spring["count"] == 1
    assert spring["items"][0]["grantProgramme"][0]["code"] == "spring-events-2026"


def test_a_round_without_awards_or_unknown_is_not_found(grants):
    grants["autumn"].applications.update(status=ApplicationStatus.WITHDRAWN)
    for name in ("autumn-events-2026", "no-such-round"):
        response = Client().get(f"/api/v1/grants?round={name}")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


def test_odd_paging_is_refused_kindly(grants):
    for query in ("limit=0", "limit=501", "offset=-1", "limit=abc"):
        response = Client().get(f"/api/v1/grants?{query}")
        assert response.status_code == 422, query


@pytest.mark.parametrize(
    ("language", "heading", "never_named"),
    [
        ("ur", "کمیونٹی گرانٹس: اوپن ڈیٹا", "افراد کے نام کبھی ظاہر نہیں کیے جاتے"),
        ("pl", "Granty społecznościowe: otwarte dane", "Osoby prywatne nigdy nie są wymieniane"),
    ],
)
def test_the_page_is_offered_in_urdu_and_polish(grants, settings, language, heading, never_named):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/grants/open-data/").content.decode()
    assert f'lang="{language}"' in page
    assert heading in page and never_named in page
