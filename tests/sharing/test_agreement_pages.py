"""The pages of sharing agreements: a data protection officer records, amends and ends one (bad input
gets a clear message, keeps what was typed and changes nothing); each party sees the agreements it
is in, what was shared under each by month, and the disclosures of its own agency only; the signed
document is downloaded through an access check; agreements near review wait on the officers' home
and they are told once."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from commonground.core.models import Notification
from commonground.core.models.notifications import NotificationKind
from commonground.core.notifications import run_sweeps
from commonground.core.roles import Role
from commonground.sharing.models import AgreementDisclosure, DataCategory, SharingAgreement
from tests.factories import BOLTON, AgencyFactory, UserFactory, sharing_agreement, staff

pytestmark = pytest.mark.django_db

LIST = "/staff/sharing-agreements/"
NEW = "/staff/sharing-agreements/new/"


@pytest.fixture
def officer():
    return UserFactory(roles=[Role.DATA_PROTECTION_OFFICER])


@pytest.fixture
def council():
    return AgencyFactory(name="Bolton Council", serves=[BOLTON])


@pytest.fixture
def police():
    return AgencyFactory(name="Greater Manchester Police", serves=[BOLTON])


def _day(days_from_today: int) -> str:
    return (timezone.localdate() + timedelta(days=days_from_today)).strftime("%d/%m/%Y")


def _form(*parties, **changes):
    data = {
        "title": "Prevent information sharing agreement",
        "purpose": "Safeguarding people at risk of radicalisation.",
        "parties": [party.pk for party in parties],
        "categories": [DataCategory.SAFEGUARDING_CASES],
        "article_6_basis": "public_task",
        "article_9_condition": "",
        "schedule_1_condition": "",
        "starts_on": _day(0),
        "review_on": _day(365),
        "ends_on": "",
    }
    data.update(changes)
    return data


def test_an_officer_records_an_agreement_with_its_signed_document(sign_in, officer, council, police):
    client = sign_in(officer)
    form = client.get(f"{NEW}?parties={council.pk}&parties={police.pk}&category=panel_cases").content.decode()
    assert "Record an information sharing agreement" in form
    assert f'value="{council.pk}" checked' in form and 'value="panel_cases" checked' in form

    document = SimpleUploadedFile("signed.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    response = client.post(NEW, {**_form(council, police), "signed_document": document})

    agreement = SharingAgreement.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{LIST}{agreement.pk}/"
    assert set(agreement.parties.all()) == {council, police} and agreement.recorded_by == officer
    page = client.get(response["Location"]).content.decode()
    assert "Prevent information sharing agreement" in page and "In force" in page
    download = client.get(f"{LIST}{agreement.pk}/document/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"starts_on": _day(0), "ends_on": _day(-5)},
            "The end date must be the same as or after the start date",
        ),
        ({"parties": "one"}, "Choose at least two agencies that share information"),
        ({"parties": ["999999"]}, "Every party must be an agency of the partnership"),
        (
            {"categories": [DataCategory.SPECIAL_CATEGORY]},
            "Special category data needs both an article 9 condition",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_keeping_what_was_typed(
    sign_in, officer, council, police, changes, message
):
    data = _form(council, police, **changes)
    if data["parties"] == "one":
        data["parties"] = [council.pk]
    response = sign_in(officer).post(NEW, data)

    html = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in html
    assert message in html
    assert "Safeguarding people at risk of radicalisation." in html
    assert not SharingAgreement.objects.exists()


def test_a_signed_document_that_is_not_a_pdf_is_refused(sign_in, officer, council, police):
    fake = SimpleUploadedFile("signed.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = sign_in(officer).post(NEW, {**_form(council, police), "signed_document": fake})
    assert "The signed agreement must be a PDF" in response.content.decode()
    assert not SharingAgreement.objects.exists()


def test_an_officer_amends_then_ends_an_agreement(sign_in, officer, council, police):
    agreement = sharing_agreement(council, police, title="Old title")
    client = sign_in(officer)
    assert "Old title" in client.get(f"{LIST}{agreement.pk}/amend/").content.decode()

    response = client.post(
        f"{LIST}{agreement.pk}/amend/", {**_form(council, police, title="New title"), "version": "1"}
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.title, agreement.version) == ("New title", 2)
    # A second save from the form as it was first opened is refused: someone changed it since.
    stale = client.post(
        f"{LIST}{agreement.pk}/amend/", {**_form(council, police, title="Stale"), "version": "1"}
    )
    assert "Someone else changed this agreement" in stale.content.decode()

    assert client.post(f"{LIST}{agreement.pk}/end/", {"ends_on": ""}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.ends_on == timezone.localdate()


def test_a_party_sees_its_agreements_the_counts_and_only_its_own_disclosures(sign_in, council, police):
    health = AgencyFactory(name="Health partnership")
    theirs = sharing_agreement(council, police, health, title="Three-way agreement")
    sharing_agreement(police, health, title="Police and health only")
    AgreementDisclosure.objects.create(
        agreement=theirs,
        from_agency=council,
        to_agency=police,
        category=DataCategory.SAFEGUARDING_CASES,
        record_label="safeguarding.informationrequest",
        record_id="1",
        reference="Referral 1, information request 1",
    )
    AgreementDisclosure.objects.create(
        agreement=theirs,
        from_agency=police,
        to_agency=health,
        category=DataCategory.SAFEGUARDING_CASES,
        record_label="safeguarding.informationrequest",
        record_id="2",
        reference="Referral 2, information request 2",
    )
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    coordinator.agency = council
    coordinator.save()
    client = sign_in(coordinator)

    listing = client.get(LIST).content.decode()
    assert "Three-way agreement" in listing and "Police and health only" not in listing
    assert "Record an agreement" not in listing
    page = client.get(f"{LIST}{theirs.pk}/").content.decode()
    assert "Referral 1, information request 1" in page
    assert "Referral 2, information request 2" not in page  # between two other parties: counted only
    month = timezone.localdate().strftime("%Y-%m")
    assert month in page and ">2</td>" in page
    other = SharingAgreement.objects.get(title="Police and health only")
    assert client.get(f"{LIST}{other.pk}/").status_code == 404
    assert client.get(f"{LIST}{theirs.pk}/amend/").status_code == 404
    assert client.get(NEW).status_code == 404


def test_staff_who_may_not_see_agreements_get_not_found(sign_in, council, police):
    agreement = sharing_agreement(council, police)
    analyst = staff(Role.TENSION_ANALYST, BOLTON)
    client = sign_in(analyst)
    for url in (LIST, NEW, f"{LIST}{agreement.pk}/", f"{LIST}{agreement.pk}/document/"):
        assert client.get(url).status_code == 404, url


def test_agreements_near_review_or_expired_wait_on_the_officers_home_and_they_are_told_once(
    sign_in, officer, council, police
):
    today = timezone.localdate()
    near = sharing_agreement(council, police, title="Near its review", review_on=today + timedelta(days=10))
    sharing_agreement(
        council,
        police,
        title="Ended last week",
        starts_on=today - timedelta(days=400),
        review_on=today - timedelta(days=30),
        ends_on=today - timedelta(days=7),
    )
    sharing_agreement(council, police, title="Far from review", review_on=today + timedelta(days=200))

    home = sign_in(officer).get("/staff/").content.decode()
    assert "Sharing agreements to review" in home
    assert "Near its review" in home and "Ended last week" in home
    assert "Far from review" not in home

    run_sweeps()
    run_sweeps()
    notices = Notification.objects.filter(recipient=officer, kind=NotificationKind.AGREEMENT_REVIEW_DUE)
    assert [notice.url for notice in notices] == [f"{LIST}{near.pk}/"]
