"""The check other apps make before sharing: an agreement in force must cover both agencies and the
data; a refusal names what is missing and reaches the data protection officers even though the
refused action is rolled back."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from commonground.core.models import AuditEvent, Notification
from commonground.core.models.notifications import NotificationKind
from commonground.core.roles import Role
from commonground.sharing.actions.checks import SharingRefused, reports_refusals, require_agreement
from commonground.sharing.models import AgreementDisclosure, DataCategory
from tests.factories import AgencyFactory, UserFactory, sharing_agreement

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies():
    return AgencyFactory(name="Greater Manchester Police"), AgencyFactory(name="Bolton Council")


@pytest.fixture
def officer():
    return UserFactory(roles=[Role.DATA_PROTECTION_OFFICER])


@reports_refusals
@transaction.atomic
def share(*, actor, police, council, category=DataCategory.SAFEGUARDING_CASES):
    # Stands for another app's action: it writes, then asks for the agreement, in one transaction.
    AgencyFactory(name="Written before the check")
    return require_agreement(
        actor=actor, from_agency=police, to_agency=council, category=category, record=council, reference="R-1"
    )


def test_without_an_agreement_the_sharing_is_refused_naming_what_is_missing(agencies, officer):
    police, council = agencies
    with pytest.raises(SharingRefused) as refused:
        share(actor=None, police=police, council=council)
    assert refused.value.messages == [
        "No sharing agreement in force covers Greater Manchester Police and Bolton Council for "
        "safeguarding case details."
    ]
    # Nothing the action wrote is kept, but the data protection officer is told.
    assert not AgreementDisclosure.objects.exists()
    assert not type(police).objects.filter(name="Written before the check").exists()
    notice = Notification.objects.get(recipient=officer, kind=NotificationKind.SHARING_REFUSED)
    assert "Greater Manchester Police and Bolton Council" in notice.subject


def test_an_agreement_in_force_lets_it_through_and_records_the_disclosure(agencies, officer):
    police, council = agencies
    agreement = sharing_agreement(police, council, categories=[DataCategory.SAFEGUARDING_CASES])
    assert share(actor=officer, police=police, council=council) == agreement
    disclosure = AgreementDisclosure.objects.get()
    assert (disclosure.agreement, disclosure.from_agency, disclosure.to_agency) == (
        agreement,
        police,
        council,
    )
    assert disclosure.reference == "R-1"
    assert AuditEvent.objects.filter(
        object_type="sharing.agreementdisclosure", object_id=str(disclosure.pk)
    ).exists()
    assert not Notification.objects.filter(kind=NotificationKind.SHARING_REFUSED).exists()


def test_an_expired_agreement_is_named_with_its_end(agencies, officer):
    police, council = agencies
    today = timezone.localdate()
    sharing_agreement(
        police,
        council,
        title="Channel panel agreement",
        starts_on=today - timedelta(days=400),
        review_on=today - timedelta(days=100),
        ends_on=today - timedelta(days=1),
    )
    with pytest.raises(SharingRefused) as refused:
        share(actor=None, police=police, council=council)
    assert (
        "“Channel panel agreement” between Greater Manchester Police and Bolton Council ended on"
        in (refused.value.messages[0])
    )
    assert not AgreementDisclosure.objects.exists()


def test_an_agreement_that_leaves_the_data_out_says_so(agencies, officer):
    police, council = agencies
    sharing_agreement(police, council, title="Reports", categories=[DataCategory.HATE_INCIDENT_REPORTS])
    with pytest.raises(SharingRefused) as refused:
        share(actor=None, police=police, council=council)
    assert refused.value.messages == [
        "The sharing agreement “Reports” between Greater Manchester Police and Bolton Council does not "
        "cover safeguarding case details."
    ]


def test_an_agreement_with_a_third_party_does_not_cover_these_two(agencies, officer):
    police, council = agencies
    sharing_agreement(police, AgencyFactory(name="Bolton School"))
    with pytest.raises(SharingRefused):
        share(actor=None, police=police, council=council)


def test_within_one_agency_nothing_is_shared(agencies):
    police, _ = agencies
    assert share(actor=None, police=police, council=police) is None
    assert not AgreementDisclosure.objects.exists()
