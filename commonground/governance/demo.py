"""Demo information governance (synthetic; development only): a subject access request waiting for
the demo data protection officer, and an emergency opening of another borough's report by the demo
triage officer, waiting for the officer's review. Idempotent."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core.actions.access_review import open_in_emergency
from commonground.core.models import BreakGlassAccess, User
from commonground.governance.actions.requests import create_request
from commonground.governance.models import SubjectAccessRequest
from commonground.reports.models import Report

DPO = "dpo"
TRIAGE = "triage"  # the demo Bolton Council triage officer (core/demo.py)
OLDHAM = "E08000004"
DEMO_REQUEST = "[Demo] Everything you hold about me, from the report line and any referral."


def load_demo() -> None:
    """Nothing to set up: the officers come from core."""


@transaction.atomic
def load_demo_records() -> None:
    dpo = User.objects.filter(username=DPO).first()
    if dpo is not None and not SubjectAccessRequest.objects.filter(description=DEMO_REQUEST).exists():
        create_request(
            actor=dpo,
            subject_name="Demo Person Two",
            contact="demo.person.two@example.org",
            received_on=timezone.localdate() - timedelta(days=20),
            description=DEMO_REQUEST,
        )
    triage = User.objects.filter(username=TRIAGE).first()
    oldham_report = Report.objects.filter(borough__code=OLDHAM).order_by("pk").first()
    if triage is None or oldham_report is None or BreakGlassAccess.objects.filter(user=triage).exists():
        return
    try:
        open_in_emergency(
            actor=triage,
            reference=oldham_report.reference,
            reason="[Demo] A caller says the person named in this report is at their door now.",
        )
    except ValidationError:
        return  # the report is in the triage officer's queues after all: nothing to show
