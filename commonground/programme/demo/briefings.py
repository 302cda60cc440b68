"""Demo briefings (synthetic), written and sent through the actions: an OFFICIAL-SENSITIVE local
risk profile from the programme manager to Bolton's safeguarding coordinators, opened by the demo
coordinator; and a national alert passed down to every partner officer, not yet read. Idempotent:
each is recognised by its "[Demo]" title and made once."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from commonground.core.models import Area, User
from commonground.core.roles import Role
from commonground.programme.actions import briefings as actions
from commonground.programme.models import Briefing, HandlingMarking

PROGRAMME_MANAGER = "programme"  # core/demo.py
COORDINATOR = "coordinator"  # Demo Bolton Council's safeguarding coordinator
BOLTON = "E08000001"
RISK_PROFILE = "[Demo] Bolton local risk profile, winter"
NATIONAL_ALERT = "[Demo] National alert: extremist stickers on transport routes"


def load() -> None:
    author = User.objects.filter(username=PROGRAMME_MANAGER).first()
    if author is None:
        return
    now = timezone.now()
    if not Briefing.objects.filter(title=RISK_PROFILE).exists():
        profile = actions.write_briefing(
            actor=author,
            title=RISK_PROFILE,
            body=(
                "The police counter-terrorism local profile for Bolton (synthetic demo text).\n\n"
                "Themes this quarter: online radicalisation of young people through gaming platforms; "
                "leafleting by a far-right group near two secondary schools; tension after a town "
                "centre protest. Suggested actions for Channel coordinators are listed at the end."
            ),
            marking=HandlingMarking.OFFICIAL_SENSITIVE,
            roles=[Group.objects.get(name=Role.SAFEGUARDING_COORDINATOR.group_name)],
            agencies=[],
            boroughs=list(Area.objects.filter(code=BOLTON)),
            expires_at=now + timedelta(days=90),
        )
        profile = actions.send_briefing(actor=author, briefing=profile)
        reader = User.objects.filter(username=COORDINATOR).first()
        if reader is not None:
            actions.record_opened(actor=reader, briefing=profile)
    if not Briefing.objects.filter(title=NATIONAL_ALERT).exists():
        alert = actions.write_briefing(
            actor=author,
            title=NATIONAL_ALERT,
            body=(
                "Passed down from the national Prevent team (synthetic demo text): stickers with "
                "extremist slogans have been reported at stations and bus stops across several regions. "
                "Report any you see through the tension report form, with a photo, and remove them "
                "where it is safe to do so."
            ),
            marking=HandlingMarking.OFFICIAL,
            roles=[Group.objects.get(name=Role.PARTNER_OFFICER.group_name)],
            agencies=[],
            boroughs=[],
            expires_at=now + timedelta(days=30),
        )
        actions.send_briefing(actor=author, briefing=alert)
