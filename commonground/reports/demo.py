"""Demo teams and routing rules for the report line (synthetic; development only). Idempotent."""

from typing import Any

from commonground.core.models import Agency, AgencyKind, Area, User
from commonground.reports.actions.submission import ReportAnswers, submit_report
from commonground.reports.models import ReportKind, RoutingRule, SharingPartner, Team
from commonground.reports.routing import partnership_triage_team

DEMO_TEAMS = [
    # team, agency, borough code, kinds routed to it
    ("Bolton community safety team", "Demo Bolton Council", "E08000001", [ReportKind.HATE_INCIDENT]),
    ("Bolton cohesion team", "Demo Bolton Council", "E08000001", [ReportKind.COMMUNITY_TENSION]),
    ("Bolton safeguarding coordinators", "Demo Bolton Council", "E08000001", [ReportKind.WORRY]),
    ("Oldham community safety team", "Demo Oldham Council", "E08000004", [ReportKind.HATE_INCIDENT]),
    ("Oldham cohesion team", "Demo Oldham Council", "E08000004", [ReportKind.COMMUNITY_TENSION]),
    ("Oldham safeguarding coordinators", "Demo Oldham Council", "E08000004", [ReportKind.WORRY]),
]
POLICE_TEAM = "Police hate crime unit"
VICTIM_SUPPORT_TEAM = "Victim support hate crime service"


DEMO_REPORTS: list[tuple[str, dict[str, Any]]] = [
    # key, answers
    (
        "demo:1",
        {
            "kind": ReportKind.HATE_INCIDENT,
            "borough_code": "E08000001",
            "street": "Demo Street bus stop",
            "description": "[Demo] Two people shouted abuse about a woman's headscarf at the bus stop.",
            "reporter_role": "witness",
            "strand_codes": ["religion"],
            "reported_to_police": "no",
        },
    ),
    (
        "demo:2",
        {
            "kind": ReportKind.COMMUNITY_TENSION,
            "borough_code": "E08000001",
            "tension_category": "graffiti",
            "description": "[Demo] Hateful graffiti sprayed on the wall of the community centre.",
            "contact_email": "demo.reporter@example.org",
        },
    ),
    (
        "demo:3",
        {
            "kind": ReportKind.HATE_INCIDENT,
            "borough_code": "E08000004",
            "is_online": False,
            "description": "[Demo] A neighbour's car was damaged with a slur scratched on the door.",
            "reporter_role": "victim",
            "strand_codes": ["race"],
            "reported_to_police": "yes",
            "urgent": True,
        },
    ),
    (
        "demo:4",
        {
            "kind": ReportKind.WORRY,
            "borough_code": "E08000004",
            "worry_route": "call_back",
            "description": "[Demo] My cousin has started sharing violent videos and talks about 'them'.",
            "contact_name": "Demo Caller",
            "contact_phone": "07700 900123",
        },
    ),
]


def load_demo_records() -> None:
    """A few clearly-marked synthetic reports, so that the staff pages have something to show."""
    for key, answers in DEMO_REPORTS:
        submit_report(
            actor=None, answers=ReportAnswers(**answers), submission_key=key, actor_label="demo data"
        )


def load_demo() -> None:
    for name, agency_name, borough_code, kinds in DEMO_TEAMS:
        agency = Agency.objects.get(name=agency_name)
        team, _ = Team.objects.get_or_create(agency=agency, name=name)
        borough = Area.objects.get(code=borough_code)
        for kind in kinds:
            RoutingRule.objects.get_or_create(kind=kind, borough=borough, team=team)
    police = Agency.objects.filter(kind=AgencyKind.POLICE, name__startswith="Demo").first()
    if police is not None:
        unit, _ = Team.objects.update_or_create(
            agency=police, name=POLICE_TEAM, defaults={"requires_consent": SharingPartner.POLICE}
        )
        RoutingRule.objects.get_or_create(kind=ReportKind.HATE_INCIDENT, borough=None, team=unit)
    charity, _ = Agency.objects.get_or_create(
        name="Demo Victim Support", defaults={"kind": AgencyKind.VOLUNTARY_COMMUNITY_FAITH}
    )
    support, _ = Team.objects.update_or_create(
        agency=charity, name=VICTIM_SUPPORT_TEAM, defaults={"requires_consent": SharingPartner.VICTIM_SUPPORT}
    )
    RoutingRule.objects.get_or_create(kind=ReportKind.HATE_INCIDENT, borough=None, team=support)
    # Catches every report no rule routes; combined authority triage officers work its queue.
    partnership_triage_team()
    for username, team_name in (
        ("triage", "Bolton community safety team"),
        ("coordinator", "Bolton safeguarding coordinators"),
    ):
        user = User.objects.filter(username=username).first()
        if user is not None:
            Team.objects.get(name=team_name).members.add(user)
