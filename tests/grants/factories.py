"""Test data builders for community grants (factory_boy): a round with its criteria and
questions, an applicant, an application at any status, and the people who run, assess and decide.

Rows are written directly, as the applicant and earlier steps would have left them; tests of a step
drive that step through its own action."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from commonground.core.models import Area
from commonground.core.roles import Role
from commonground.grants import models
from commonground.grants.models import ApplicationStatus
from tests.factories import BOLTON, GREATER_MANCHESTER, UserFactory, staff


def grants_officer(**fields):
    return staff(Role.GRANTS_OFFICER, GREATER_MANCHESTER, **fields)


def an_assessor(**fields):
    return staff(Role.GRANT_ASSESSOR, GREATER_MANCHESTER, **fields)


def a_panel_member(**fields):
    """The programme manager, who chairs the grants panel."""
    return staff(Role.PROGRAMME_MANAGER, GREATER_MANCHESTER, **fields)


class GrantRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.GrantRound
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"#WeStandTogether community grants, round {n}")
    slug = factory.Sequence(lambda n: f"we-stand-together-{n}")
    summary = "Small grants for events that bring neighbours of different backgrounds together."
    budget = Decimal("10000.00")
    maximum_award = Decimal("2000.00")
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    participation_categories = factory.LazyFunction(lambda: ["Young people", "Older people", "Faith groups"])
    monitoring_due_days = 28
    disagreement_threshold = 20
    published = True
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def boroughs(self, create, codes, **kwargs):
        if create:
            self.boroughs.set(Area.objects.filter(code__in=codes or [BOLTON]))

    @factory.post_generation
    def with_criteria(self, create, value, **kwargs):
        """Two criteria (weights 3 and 1) and one question, unless `with_criteria=False`."""
        if create and value is not False:
            CriterionFactory(grant_round=self, title="Brings communities together", weight=3, position=1)
            CriterionFactory(grant_round=self, title="Value for money", weight=1, position=2)
            RoundQuestionFactory(grant_round=self)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Criterion

    grant_round = factory.SubFactory(GrantRoundFactory, with_criteria=False)
    title = factory.Sequence(lambda n: f"Criterion {n}")
    guidance = "Score 5 where the plan is clear and realistic."
    weight = 1
    position = factory.Sequence(lambda n: n)


class RoundQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RoundQuestion

    grant_round = factory.SubFactory(GrantRoundFactory, with_criteria=False)
    text = "How will you reach people who do not usually come to community events?"
    position = factory.Sequence(lambda n: n)


class ApplicantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Applicant

    email = factory.Sequence(lambda n: f"group{n}@example.org")
    full_name = factory.Faker("name")


class GrantApplicationFactory(factory.django.DjangoModelFactory):
    """A sent application (status "submitted") asking for £1,500 with two budget lines."""

    class Meta:
        model = models.GrantApplication
        skip_postgeneration_save = True

    grant_round = factory.SubFactory(GrantRoundFactory)
    applicant = factory.SubFactory(ApplicantFactory)
    reference = factory.Sequence(lambda n: f"CG-G-{n:05d}")
    status = ApplicationStatus.SUBMITTED
    organisation_name = factory.Sequence(lambda n: f"Riverside Residents Association {n}")
    organisation_type = models.OrganisationType.COMMUNITY_GROUP
    address = "1 High Street, Bolton"
    postcode = "BL1 1AA"
    borough = factory.LazyFunction(lambda: Area.objects.get(code=BOLTON))
    event_title = "Street feast on Riverside Road"
    event_description = "A shared meal on the street, with food from each of the families."
    event_starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=60))
    event_ends_at = factory.LazyAttribute(lambda a: a.event_starts_at + timedelta(hours=5))
    event_venue = "Riverside Road"
    event_postcode = "BL1 2BB"
    communities = "Newer and longer-standing residents of the street."
    expected_attendance = 120
    amount_requested = Decimal("1500.00")
    declared_true = True
    consents_to_calendar = True
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def with_budget(self, create, value, **kwargs):
        if create and value is not False and self.amount_requested:
            models.BudgetLine.objects.create(application=self, item="Food", amount=Decimal("1000.00"))
            models.BudgetLine.objects.create(
                application=self, item="Tables and chairs", amount=self.amount_requested - Decimal("1000.00")
            )


def an_application(**fields) -> models.GrantApplication:
    return GrantApplicationFactory(**fields)


def being_assessed(*assessors, **fields) -> models.GrantApplication:
    """An application in assessment, assigned to `assessors` (two new ones if none are given)."""
    application = GrantApplicationFactory(status=ApplicationStatus.IN_ASSESSMENT, **fields)
    officer = grants_officer()
    for assessor in assessors or (an_assessor(), an_assessor()):
        models.AssessorAssignment.objects.create(
            application=application, assessor=assessor, assigned_by=officer
        )
    return application


def awarded(amount: Decimal = Decimal("1500.00"), **fields) -> models.GrantApplication:
    """An application the panel has awarded `amount`, with its monitoring report due."""
    application = GrantApplicationFactory(status=ApplicationStatus.AWARDED, **fields)
    models.PanelDecision.objects.create(
        application=application,
        outcome=models.DecisionOutcome.AWARD,
        amount_awarded=amount,
        reasons="A clear plan that reaches newer residents.",
        decided_by=a_panel_member(),
    )
    models.MonitoringReport.objects.create(
        application=application,
        due_on=(application.event_ends_at or timezone.now()).date() + timedelta(days=28),
    )
    return application
