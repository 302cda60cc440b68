"""A group's application: started (a draft), answered step by step, sent, withdrawn. The applicant
acts through their own session; they are never a staff user, so the audit trail names their account
number (`applicant:<pk>`), and every status change goes through the application's state machine."""

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.core import audit, notify
from commonground.core.actions.moves import make_move
from commonground.core.models import AuditAction, NotificationKind
from commonground.core.notifications import Notice, item_key, notify_people
from commonground.core.policy import who_may
from commonground.core.roles import Permission
from commonground.grants import duplicates, journey, workflow
from commonground.grants.actions.applicants import applicant_label
from commonground.grants.forms.public_application import EventTimesForm, borough_by_code
from commonground.grants.models import (
    Applicant,
    ApplicationAnswer,
    ApplicationStatus,
    BudgetLine,
    GrantApplication,
    GrantRound,
)

# Letters and digits nobody confuses when reading a reference out (no 0/O, 1/I/L).
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def round_is_open(grant_round: GrantRound) -> bool:
    today = timezone.localdate()
    return grant_round.published and grant_round.opens_on <= today <= grant_round.closes_on


def _code(length: int) -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(length))


def _audit(
    applicant: Applicant, action: AuditAction, application: GrantApplication, reason: str, changes=None
):
    audit.record(
        actor=None,
        actor_label=applicant_label(applicant),
        action=action,
        obj=application,
        reason=reason,
        changes=changes,
    )


@transaction.atomic
def start_application(*, applicant: Applicant, grant_round: GrantRound) -> GrantApplication:
    """The applicant's draft for this round: the one they started before, or a new one."""
    if not round_is_open(grant_round):
        raise ValidationError(_("This round is closed to new applications"))
    draft = GrantApplication.objects.filter(
        applicant=applicant, grant_round=grant_round, status=ApplicationStatus.DRAFT
    ).first()
    if draft is not None:
        return draft
    application = GrantApplication.objects.create(
        grant_round=grant_round, applicant=applicant, reference=f"DRAFT-{_code(10)}"
    )
    _audit(applicant, AuditAction.CREATE, application, "Started an application")
    return application


@transaction.atomic
def save_answer(
    *, applicant: Applicant, application: GrantApplication, step: str, values: dict[str, object]
) -> None:
    """Keep what was typed on one page of a draft (save and return)."""
    locked = GrantApplication.objects.select_for_update().get(pk=application.pk, applicant=applicant)
    if locked.status != ApplicationStatus.DRAFT:
        raise ValidationError(_("This application has already been sent"))
    locked.draft_answers = {**locked.draft_answers, step: values}
    locked.save(update_fields=["draft_answers"])
    application.draft_answers = locked.draft_answers


@dataclass(frozen=True)
class Sent:
    application: GrantApplication
    possible_duplicate_of: GrantApplication | None


@transaction.atomic
def submit_application(
    *, applicant: Applicant, application: GrantApplication, answers: journey.Answers, site_root: str
) -> Sent:
    """Check every answer again, write them to the application, and send it: its reference, the
    duplicate flag, the grants officers told, the group's confirmation email."""
    grant_round = application.grant_round
    if application.applicant_id != applicant.pk:
        raise ValidationError(_("This is not your application"))
    if not round_is_open(grant_round):
        raise ValidationError(_("This round has closed, so the application cannot be sent"))
    forms, missing = journey.validated(grant_round, answers)
    if missing is not None:
        raise ValidationError(_("Answer every question before you send the application"))
    organisation = forms["organisation"].cleaned_data
    address = forms["address"].cleaned_data
    event = forms["event"].cleaned_data
    times = forms["when-and-where"].cleaned_data
    people = forms["people"].cleaned_data
    budget = forms["budget"]
    declarations = forms["declarations"].cleaned_data
    application.organisation_name = organisation["organisation_name"]
    application.organisation_type = organisation["organisation_type"]
    application.charity_number = organisation["charity_number"]
    application.company_number = organisation["company_number"]
    application.address = address["address"]
    application.postcode = address["postcode"]
    application.borough = borough_by_code(address.get("borough", ""))
    application.event_title = event["event_title"]
    application.event_description = event["event_description"]
    application.event_starts_at = EventTimesForm.starts(times)
    application.event_ends_at = EventTimesForm.ends(times)
    application.event_venue = times["event_venue"]
    application.event_postcode = times["event_postcode"]
    application.communities = people["communities"]
    application.expected_attendance = people["expected_attendance"]
    application.accessibility = people["accessibility"]
    application.amount_requested = budget.cleaned_data["amount_requested"]
    application.declared_true = declarations["declared_true"]
    application.consents_to_calendar = declarations["consents_to_calendar"]
    application.draft_answers = answers
    application.submitted_at = timezone.now()
    application.reference = _unused_reference()
    application.possible_duplicate_of = _likely_duplicate(application)
    before, after = make_move(
        application,
        workflow.APPLICATION,
        workflow.SUBMIT,
        also=[
            *(name for name in _WRITTEN_FIELDS),
            "draft_answers",
            "submitted_at",
            "reference",
            "possible_duplicate_of",
        ],
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(application=application, item=item, amount=amount, position=position)
        for position, (item, amount) in enumerate(budget.lines())
    )
    if "questions" in forms:
        answered = forms["questions"].cleaned_data
        ApplicationAnswer.objects.bulk_create(
            ApplicationAnswer(application=application, question_id=int(name.split("_")[1]), answer=text)
            for name, text in answered.items()
            if text
        )
    _audit(applicant, AuditAction.UPDATE, application, "Sent the application", {"status": [before, after]})
    notify_people(
        who_may(Permission.MANAGE_GRANTS),
        Notice(
            kind=NotificationKind.GRANT_APPLICATION_RECEIVED,
            item_key=item_key(application),
            subject=f"Grant application {application.reference} received",
            url=reverse("grants:staff-application", args=[application.pk]),
        ),
    )
    notify.email(
        to=[applicant.email],
        subject=_("We have received your application %(reference)s") % {"reference": application.reference},
        body=_(
            "Thank you for applying for a #WeStandTogether community grant.\n\n"
            "Your reference is %(reference)s. We will email you when there is news; you can see your "
            "application, and any questions from the grants team, here:\n\n%(link)s"
        )
        % {
            "reference": application.reference,
            "link": site_root.rstrip("/") + reverse("grants:public-applications"),
        },
    )
    return Sent(application=application, possible_duplicate_of=application.possible_duplicate_of)


_WRITTEN_FIELDS = (
    "organisation_name",
    "organisation_type",
    "charity_number",
    "company_number",
    "address",
    "postcode",
    "borough",
    "event_title",
    "event_description",
    "event_starts_at",
    "event_ends_at",
    "event_venue",
    "event_postcode",
    "communities",
    "expected_attendance",
    "accessibility",
    "amount_requested",
    "declared_true",
    "consents_to_calendar",
)


def _unused_reference() -> str:
    while True:
        reference = f"WST-{_code(6)}"
        if not GrantApplication.objects.filter(reference=reference).exists():
            return reference


def _candidate(application: GrantApplication) -> duplicates.Candidate:
    return duplicates.Candidate(
        key=application.pk,
        organisation_name=application.organisation_name,
        charity_number=application.charity_number,
        company_number=application.company_number,
        event_title=application.event_title,
    )


def _likely_duplicate(application: GrantApplication) -> GrantApplication | None:
    others = list(
        GrantApplication.objects.filter(grant_round=application.grant_round)
        .exclude(status=ApplicationStatus.DRAFT)
        .exclude(pk=application.pk)
    )
    key = duplicates.likely_duplicate(_candidate(application), (_candidate(o) for o in others))
    return next((o for o in others if o.pk == key), None) if key is not None else None


@transaction.atomic
def withdraw_application(*, applicant: Applicant, application: GrantApplication) -> None:
    if application.applicant_id != applicant.pk:
        raise ValidationError(_("This is not your application"))
    before, after = make_move(application, workflow.APPLICATION, workflow.WITHDRAW)
    _audit(
        applicant, AuditAction.UPDATE, application, "Withdrew the application", {"status": [before, after]}
    )
