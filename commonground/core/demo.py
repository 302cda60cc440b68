"""The demo dataset: clearly synthetic agencies and one account per role, each with a second
factor ready to use. Idempotent: running it again creates nothing new."""

import hashlib
from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from commonground.core.actions.roles import grant_role
from commonground.core.models import Agency, AgencyKind, Area, AreaLevel, User
from commonground.core.roles import Role

DEMO_PASSWORD = "demo-password-not-for-real-use"  # noqa: S105 (printed for the demo on purpose)

DEMO_AGENCIES = [
    # name, kind, area codes served ("CA" = the combined authority)
    ("Demo Combined Authority Team", AgencyKind.COMBINED_AUTHORITY, ["CA"]),
    ("Demo Bolton Council", AgencyKind.COUNCIL, ["E08000001"]),
    ("Demo Oldham Council", AgencyKind.COUNCIL, ["E08000004"]),
    ("Demo Police Force", AgencyKind.POLICE, ["CA"]),
    ("Demo Health Partnership", AgencyKind.HEALTH, ["CA"]),
    ("Demo Bolton Hate Crime Reporting Centre", AgencyKind.REPORTING_CENTRE, ["E08000001"]),
]

DEMO_ACCOUNTS = [
    # username, role, agency, first name, job title
    ("helpline", Role.HELPLINE_ADVISOR, "Demo Combined Authority Team", "Helpline advisor"),
    ("triage", Role.TRIAGE_OFFICER, "Demo Bolton Council", "Community safety officer"),
    ("coordinator", Role.SAFEGUARDING_COORDINATOR, "Demo Bolton Council", "Channel coordinator"),
    ("panel", Role.PANEL_MEMBER, "Demo Police Force", "Prevent officer"),
    ("analyst", Role.TENSION_ANALYST, "Demo Oldham Council", "Community tension analyst"),
    ("programme", Role.PROGRAMME_MANAGER, "Demo Combined Authority Team", "Cohesion programme manager"),
    ("dpo", Role.DATA_PROTECTION_OFFICER, "Demo Combined Authority Team", "Data protection officer"),
    ("admin", Role.SYSTEM_ADMINISTRATOR, "Demo Combined Authority Team", "System administrator"),
    ("partner", Role.PARTNER_OFFICER, "Demo Police Force", "Neighbourhood police officer"),
    (
        "centre",
        Role.REPORTING_CENTRE_WORKER,
        "Demo Bolton Hate Crime Reporting Centre",
        "Reporting centre volunteer",
    ),
    ("borough-lead", Role.BOROUGH_PROGRAMME_LEAD, "Demo Bolton Council", "Cohesion and Prevent lead"),
    ("training-lead", Role.TRAINING_LEAD, "Demo Police Force", "Prevent training lead"),
    ("grants", Role.GRANTS_OFFICER, "Demo Combined Authority Team", "Community grants officer"),
    ("assessor", Role.GRANT_ASSESSOR, "Demo Health Partnership", "Community health lead"),
    ("assessor-2", Role.GRANT_ASSESSOR, "Demo Oldham Council", "Cohesion officer"),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role_label: str
    agency: str


def demo_totp_key(username: str) -> str:
    """A fixed key per demo account, so the printed instructions stay true across runs."""
    return hashlib.sha256(f"common-ground-demo:{username}".encode()).hexdigest()[:40]


@transaction.atomic
def load_demo() -> list[DemoAccount]:
    authority = Area.objects.filter(level=AreaLevel.COMBINED_AUTHORITY).first()
    if authority is None:
        raise ValueError("Load places first (manage.py load_places).")
    agencies = {}
    for name, kind, codes in DEMO_AGENCIES:
        agency, _ = Agency.objects.get_or_create(name=name, defaults={"kind": kind})
        areas = [authority] if codes == ["CA"] else list(Area.objects.filter(code__in=codes))
        agency.areas.set(areas)
        agencies[name] = agency
    accounts = []
    for username, role, agency_name, job_title in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": "Demo",
                "last_name": role.label.replace(" (Prevent/Channel)", ""),
                "email": f"{username}@demo.commonground.invalid",
                "agency": agencies[agency_name],
                "job_title": job_title,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        grant_role(actor=None, user=user, role=role, reason="Demo account")
        TOTPDevice.objects.get_or_create(
            user=user,
            name="Demo authenticator",
            defaults={"key": demo_totp_key(username), "confirmed": True},
        )
        accounts.append(DemoAccount(username=username, role_label=role.label, agency=agency_name))
    return accounts
