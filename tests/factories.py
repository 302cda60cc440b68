"""Test data builders (factory_boy). Places come from the shipped Greater Manchester files,
loaded once per test session (see conftest.py)."""

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonground.core.actions.roles import grant_role
from commonground.core.models import Agency, AgencyKind, Area, User
from commonground.core.roles import Role

BOLTON = "E08000001"
BURY = "E08000002"
MANCHESTER = "E08000003"
OLDHAM = "E08000004"
GREATER_MANCHESTER = "E47000001"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test agency {n}")
    kind = AgencyKind.COUNCIL

    @factory.post_generation
    def serves(self, create, area_codes, **kwargs):
        if create and area_codes:
            self.areas.set(Area.objects.filter(code__in=area_codes))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    agency = factory.SubFactory(AgencyFactory)
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def roles(self, create, roles, **kwargs):
        for role in roles or []:
            grant_role(actor=None, user=self, role=role)


def staff(role: Role, *areas: str, kind: AgencyKind = AgencyKind.COUNCIL, **fields) -> User:
    """A member of staff of a new agency serving `areas` (ONS codes), holding `role`."""
    agency = AgencyFactory(kind=kind, serves=list(areas))
    return UserFactory(agency=agency, roles=[role], **fields)


def confirmed_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Test authenticator", confirmed=True)


def sharing_agreement(*parties: Agency, categories=None, **fields):
    """An information sharing agreement in force today between `parties`, covering `categories`
    (every category when not given): where a test assumes the partnership's sharing is agreed."""
    from datetime import timedelta

    from django.utils import timezone

    from commonground.sharing.models import Article6Basis, DataCategory, SharingAgreement

    today = timezone.localdate()
    values = {
        "title": "Partnership information sharing agreement",
        "purpose": "Preventing hateful extremism and safeguarding people at risk of radicalisation.",
        "article_6_basis": Article6Basis.PUBLIC_TASK,
        "article_9_condition": "substantial_public_interest",
        "schedule_1_condition": "safeguarding",
        "categories": list(categories if categories is not None else DataCategory.values),
        "starts_on": today - timedelta(days=30),
        "review_on": today + timedelta(days=335),
        "ends_on": None,
    }
    values.update(fields)
    agreement = SharingAgreement.objects.create(**values)
    agreement.parties.set(parties)
    return agreement
