"""The report line's reference data and content in the Django admin: teams, routing rules and
strands for system administrators; advice scripts and pages for programme managers."""

from tests.architecture.roles_matrix import ANON, PROGRAMME, ROLES, SYSADMIN


def _admin(sysadmin: int, programme: int) -> dict:
    return {**dict.fromkeys(ROLES, 302), SYSADMIN: sysadmin, PROGRAMME: programme, ANON: 302}


def sample_values(agency):
    from commonground.reports.models import AdviceScript, ContentPage, HostilityStrand, RoutingRule, Team

    team = Team.objects.create(agency=agency, name="Matrix test team")
    # The agency's own borough: a rule for every borough is the combined authority's to change.
    borough = agency.areas.get(level="borough")
    rule = RoutingRule.objects.create(kind="hate_incident", borough=borough, team=team)
    return {
        "reports_team": team.pk,
        "reports_routingrule": rule.pk,
        "reports_hostilitystrand": HostilityStrand.objects.first().pk,
        "reports_advicescript": AdviceScript.objects.first().pk,
        "reports_contentpage": ContentPage.objects.first().pk,
    }


# model: (changelist, add, change, history, delete) for the system administrator, then the programme manager.
# Teams and routing rules are scoped to the administrator's areas: to a programme manager a team
# does not exist, so its history redirects.
MODELS = {
    "team": ((200, 200, 200, 200, 403), (403, 403, 403, 302, 403)),
    "routingrule": ((200, 200, 200, 200, 200), (403, 403, 403, 302, 403)),
    "hostilitystrand": ((200, 200, 200, 200, 403), (403, 403, 403, 403, 403)),
    "advicescript": ((403, 403, 403, 403, 403), (200, 200, 200, 200, 403)),
    "contentpage": ((403, 403, 403, 403, 403), (200, 200, 200, 200, 403)),
}

EXPECTED = {}
for model, (sysadmin, programme) in MODELS.items():
    sample = {"object_id": f"{{reports_{model}}}"}
    names = ["changelist", "add", "change", "history", "delete"]
    for index, name in enumerate(names):
        kwargs = sample if name in ("change", "history", "delete") else {}
        EXPECTED[f"admin:reports_{model}_{name}"] = [(kwargs, _admin(sysadmin[index], programme[index]))]
    EXPECTED[f"admin:admin/reports/{model}/<path:object_id>/"] = [(sample, _admin(302, 302))]
