"""Demo safeguarding referrals (synthetic; development only). Idempotent: each demo referral is
recognised by its concern text, which starts with "[Demo]", and is made only once."""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from commonground.core.models import Agency, Area, User
from commonground.safeguarding.actions.information import send_information_request
from commonground.safeguarding.actions.referrals import ReferralDetails, submit_referral
from commonground.safeguarding.actions.steps import record_screening_decision
from commonground.safeguarding.models import Referral, ScreeningOutcome

BOLTON = "E08000001"
COORDINATOR = "coordinator"  # the demo Bolton Council safeguarding coordinator (core/demo.py)
POLICE = "Demo Police Force"

DEMO_REFERRALS: list[tuple[dict[str, Any], bool]] = [
    # details, whether the coordinator screens it through to information gathering
    (
        {
            "first_name": "Demo",
            "last_name": "Person One",
            "age_years": 16,
            "gender": "Male",
            "referrer_name": "Demo Teacher",
            "referrer_role": "Designated safeguarding lead",
            "referrer_agency_name": "Demo High School",
            "referring_sector": "education",
            "referrer_contact": "dsl@demo-school.example.org",
            "concern": "[Demo] Has been sharing violent extremist videos with classmates.",
            "concern_type": "extreme_right_wing",
            "action_already_taken": "Spoke to the family; school safeguarding plan in place.",
            "person_aware": "yes",
            "safeguarding_lead_consulted": True,
        },
        True,
    ),
    (
        {
            "first_name": "Demo",
            "last_name": "Person Two",
            "age_years": 24,
            "referrer_name": "Demo Youth Worker",
            "referring_sector": "community",
            "referrer_contact": "01204 000001",
            "concern": "[Demo] Talks about a coming 'race war' and has asked how to make weapons.",
            "concern_type": "mixed_unclear_unstable",
            "person_aware": "not_asked",
            "safeguarding_lead_consulted": False,
        },
        False,
    ),
    (
        {
            "first_name": "Demo",
            "last_name": "Person Three",
            "age_years": 31,
            "referrer_name": "Demo GP",
            "referring_sector": "health",
            "referrer_contact": "gp@demo-practice.example.org",
            "concern": "[Demo] Fixated on past school attacks and keeps a scrapbook about them.",
            "concern_type": "school_massacre",
            "person_aware": "no",
            "safeguarding_lead_consulted": True,
        },
        False,
    ),
]


def load_demo() -> None:
    """Nothing to set up: the demo coordinator, panel members and agencies come from core."""


@transaction.atomic
def load_demo_records() -> None:
    """Three clearly-marked synthetic referrals in Bolton, one screened through to information
    gathering with an information request to the demo police force."""
    coordinator = User.objects.filter(username=COORDINATOR).first()
    borough = Area.objects.filter(code=BOLTON).first()
    police = Agency.objects.filter(name=POLICE).first()
    if coordinator is None or borough is None or police is None:
        return
    for details, screen in DEMO_REFERRALS:
        if Referral.objects.filter(concern=details["concern"]).exists():
            continue
        referral = submit_referral(actor=coordinator, details=ReferralDetails(borough=borough, **details))
        if screen:
            record_screening_decision(
                actor=coordinator,
                referral=referral,
                decision=ScreeningOutcome.PROCEED,
                reasons="[Demo] Vulnerability and ideology both present; gather information.",
            )
            send_information_request(
                actor=coordinator,
                referral=referral,
                agency=police,
                question="[Demo] Is the person known to the police?",
                due_on=timezone.localdate() + timedelta(days=10),
            )
