"""The data protection officer records, amends and ends agreements; bad input changes nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from commonground.core.conflicts import ConflictError
from commonground.core.models import AuditEvent
from commonground.core.roles import Role
from commonground.sharing.actions.agreements import (
    AgreementTerms,
    amend_agreement,
    end_agreement,
    record_agreement,
)
from commonground.sharing.actions.checks import SharingRefused, require_agreement
from commonground.sharing.models import Article6Basis, DataCategory, SharingAgreement
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return UserFactory(roles=[Role.DATA_PROTECTION_OFFICER])


def terms(*parties, **overrides) -> AgreementTerms:
    today = timezone.localdate()
    values = {
        "title": "Prevent casework",
        "purpose": "Safeguarding people at risk of radicalisation",
        "article_6_basis": Article6Basis.PUBLIC_TASK,
        "article_9_condition": "",
        "schedule_1_condition": "",
        "categories": [DataCategory.SAFEGUARDING_CASES],
        "parties": list(parties),
        "starts_on": today,
        "review_on": today + timedelta(days=365),
        "ends_on": None,
    }
    values.update(overrides)
    return AgreementTerms(**values)


def test_the_officer_records_an_agreement_with_its_signed_document(officer):
    police, council = AgencyFactory(), AgencyFactory()
    document = SimpleUploadedFile("signed.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    agreement = record_agreement(actor=officer, terms=terms(police, council), signed_document=document)
    assert set(agreement.parties.all()) == {police, council}
    assert agreement.signed_document.name.endswith(".pdf")
    event = AuditEvent.objects.get(object_type="sharing.sharingagreement", object_id=str(agreement.pk))
    assert event.changes["parties"] == sorted([police.name, council.name])


def test_only_the_officer_may_record_one():
    partner = UserFactory(roles=[Role.PARTNER_OFFICER])
    with pytest.raises(PermissionDenied):
        record_agreement(actor=partner, terms=terms(AgencyFactory(), AgencyFactory()))
    assert not SharingAgreement.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"ends_on": date(2020, 1, 1)},
            "ends_on",
            "The end date must be the same as or after the start date",
        ),
        (
            {"categories": [DataCategory.SPECIAL_CATEGORY]},
            "article_9_condition",
            "Special category data needs both an article 9 condition and a Data Protection Act 2018 "
            "schedule 1 condition",
        ),
        ({"categories": []}, "categories", "Choose the categories of data the agreement covers"),
    ],
)
def test_bad_terms_are_refused_with_a_message_and_nothing_is_recorded(officer, overrides, field, message):
    with pytest.raises(ValidationError) as refused:
        record_agreement(actor=officer, terms=terms(AgencyFactory(), AgencyFactory(), **overrides))
    assert refused.value.message_dict[field] == [message]
    assert not SharingAgreement.objects.exists()


def test_a_party_that_is_not_an_agency_is_refused(officer):
    with pytest.raises(ValidationError) as refused:
        record_agreement(actor=officer, terms=terms(AgencyFactory(), officer))
    assert refused.value.message_dict["parties"] == ["Every party must be an agency of the partnership"]
    assert not SharingAgreement.objects.exists()


def test_an_amendment_from_an_old_version_is_refused(officer):
    police, council = AgencyFactory(), AgencyFactory()
    agreement = record_agreement(actor=officer, terms=terms(police, council))
    amend_agreement(actor=officer, agreement=agreement, version=1, terms=terms(police, council, title="New"))
    with pytest.raises(ConflictError):
        amend_agreement(
            actor=officer, agreement=agreement, version=1, terms=terms(police, council, title="Old")
        )
    assert SharingAgreement.objects.get().title == "New"


def test_after_an_agreement_ends_nothing_is_shared_under_it(officer):
    police, council = AgencyFactory(), AgencyFactory()
    today = timezone.localdate()
    agreement = record_agreement(
        actor=officer, terms=terms(police, council, starts_on=today - timedelta(days=10))
    )
    end_agreement(actor=officer, agreement=agreement, ends_on=today - timedelta(days=1))
    with pytest.raises(SharingRefused) as refused:
        require_agreement(
            actor=officer,
            from_agency=police,
            to_agency=council,
            category=DataCategory.SAFEGUARDING_CASES,
            record=council,
            reference="X",
        )
    assert "ended on" in refused.value.messages[0]
