"""Routing reports to team queues by kind and borough (rules editable by administrators), and
suggesting links between reports that are likely about the same event. Never by who the person is.

Consent decides: a partner team that needs consent (`Team.requires_consent`) receives a report only
while the reporter agrees to share it with that partner, or after a triage officer records a lawful
reason to share without consent. Each time a report reaches such a team, or leaves it, a
`ShareRecord` keeps when. And an information sharing agreement must cover the partnership's agency
and the partner's for hate incident reports: without one the partner's team does not receive it (the
report stays with the partnership) and the data protection officers are told; with one, the
disclosure is logged under it. A report no rule sends anywhere goes to the partnership triage team,
marked "not routed by a rule" until a person routes it."""

from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone

from commonground.core.models import Agency, AgencyKind, Area, User
from commonground.reports.models import (
    ConsentRecord,
    LinkSuggestion,
    Report,
    ReportKind,
    RoutingRule,
    ShareBasis,
    ShareRecord,
    Team,
)
from commonground.sharing.actions.checks import require_agreement, share_if_agreed
from commonground.sharing.models import DataCategory

# "Likely the same event": same kind, same ward (or same borough when no ward), within 3 days.
LINK_WINDOW = timedelta(days=3)
PARTNERSHIP_AGENCY = "Common Ground partnership"
PARTNERSHIP_TRIAGE_TEAM = "Partnership triage team"


def consents_given_now():
    """Consent records that are the latest for their report and partner, and give consent."""
    later = ConsentRecord.objects.filter(
        report=OuterRef("report"), partner=OuterRef("partner"), pk__gt=OuterRef("pk")
    )
    return ConsentRecord.objects.filter(given=True).exclude(Exists(later))


def current_consents(report: Report) -> set[str]:
    latest: dict[str, bool] = {}
    for partner, given in report.consents.order_by("pk").values_list("partner", "given"):
        latest[partner] = given
    return {partner for partner, given in latest.items() if given}


def partnership_triage_team() -> Team:
    team = Team.objects.filter(is_partnership_triage=True).first()
    if team is None:
        agency, _ = Agency.objects.get_or_create(
            name=PARTNERSHIP_AGENCY, defaults={"kind": AgencyKind.COMBINED_AUTHORITY}
        )
        team, _ = Team.objects.get_or_create(
            agency=agency, name=PARTNERSHIP_TRIAGE_TEAM, defaults={"is_partnership_triage": True}
        )
    return team


def teams_for(report: Report) -> list[Team]:
    """The teams whose rules match the report's kind and borough, whatever the consent."""
    rules = RoutingRule.objects.filter(kind=report.kind).select_related("team")
    matching = [
        rule.team for rule in rules if rule.borough_id is None or rule.borough_id == report.borough_id
    ]
    return list({team.pk: team for team in matching}.values())


def may_receive(team: Team, consents: set[str]) -> bool:
    return not team.requires_consent or team.requires_consent in consents


def agreed_with_partner(report: Report, team: Team) -> bool:
    """A partner's team (one that needs consent) receives a report only under an agreement in force
    between the partnership's agency and the team's; the partnership's own teams always do."""
    if not team.requires_consent:
        return True
    return share_if_agreed(
        from_agency=partnership_triage_team().agency,
        to_agency=team.agency,
        category=DataCategory.HATE_INCIDENT_REPORTS,
        record=report,
        reference=report.reference,
    )


def require_agreement_with_partner(actor: User, report: Report, team: Team) -> None:
    """As `agreed_with_partner`, for a person routing or sharing the report: refused (a
    `SharingRefused` naming what is missing) without an agreement."""
    if team.requires_consent:
        require_agreement(
            actor=actor,
            from_agency=partnership_triage_team().agency,
            to_agency=team.agency,
            category=DataCategory.HATE_INCIDENT_REPORTS,
            record=report,
            reference=report.reference,
        )


def route(report: Report) -> list[Team]:
    """Put a new report in the queues of its teams: those its rules match, its consents allow and
    an agreement covers, else the partnership triage team."""
    consents = current_consents(report)
    teams = [
        team
        for team in teams_for(report)
        if may_receive(team, consents) and agreed_with_partner(report, team)
    ]
    if not teams:
        teams = [partnership_triage_team()]
        Report.objects.filter(pk=report.pk).update(not_routed_by_rule=True)
        report.not_routed_by_rule = True
    Report.teams.through.objects.bulk_create(
        Report.teams.through(report_id=report.pk, team_id=team.pk) for team in teams
    )
    open_shares(report, [team for team in teams if team.requires_consent], basis=ShareBasis.CONSENT)
    return teams


def open_shares(report: Report, teams: list[Team], *, basis: str) -> None:
    now = timezone.now()
    already = set(
        ShareRecord.objects.filter(report=report, team__in=teams, withdrawn_at__isnull=True).values_list(
            "team_id", flat=True
        )
    )
    ShareRecord.objects.bulk_create(
        ShareRecord(report=report, team=team, basis=basis, shared_at=now)
        for team in teams
        if team.pk not in already
    )


def close_shares(report: Report, teams: list[Team]) -> None:
    ShareRecord.objects.filter(report=report, team__in=teams, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )


def consent_given(report: Report, partner: str) -> list[Team]:
    """Consent given (again): the partner's teams whose rules match receive the report now."""
    teams = [
        team
        for team in teams_for(report)
        if team.requires_consent == partner
        and not report.teams.filter(pk=team.pk).exists()
        and agreed_with_partner(report, team)
    ]
    report.teams.add(*teams)
    open_shares(report, teams, basis=ShareBasis.CONSENT)
    return teams


def consent_withdrawn(report: Report, partner: str) -> list[Team]:
    """Consent withdrawn: the partner's teams lose the report at once, unless a triage officer
    recorded a lawful reason to share with that team without consent."""
    overridden = ShareRecord.objects.filter(
        report=report, basis=ShareBasis.WITHOUT_CONSENT, withdrawn_at__isnull=True
    ).values("team_id")
    teams = list(report.teams.filter(requires_consent=partner).exclude(pk__in=overridden))
    report.teams.remove(*teams)
    ShareRecord.objects.filter(
        report=report, team__in=teams, basis=ShareBasis.CONSENT, withdrawn_at__isnull=True
    ).update(withdrawn_at=timezone.now())
    if not report.teams.exists():
        report.teams.add(partnership_triage_team())
        Report.objects.filter(pk=report.pk).update(not_routed_by_rule=True)
    return teams


def suggest_links(report: Report) -> list[LinkSuggestion]:
    if report.borough_id is None:
        return []
    candidates = Report.objects.filter(
        kind=report.kind,
        submitted_at__gte=report.submitted_at - LINK_WINDOW,
    ).exclude(pk=report.pk)
    candidates = (
        candidates.filter(ward=report.ward) if report.ward_id else candidates.filter(borough=report.borough)
    )
    candidate_ids = list(candidates.order_by("-submitted_at").values_list("pk", flat=True)[:5])
    return LinkSuggestion.objects.bulk_create(
        [LinkSuggestion(report=report, candidate_id=candidate_id) for candidate_id in candidate_ids],
        ignore_conflicts=True,
    )


def kinds_and_boroughs_without_a_rule() -> list[tuple[str, str]]:
    """(kind, borough name) pairs no rule routes (a rule without a borough covers every borough).
    Such reports still reach the partnership triage team, but only as "not routed by a rule"."""
    boroughs = list(Area.objects.boroughs().order_by("name").values_list("pk", "name"))
    covered = set(RoutingRule.objects.values_list("kind", "borough_id"))
    return [
        (kind, name)
        for kind in ReportKind.values
        # The plugin types the nullable borough_id as int; a rule without a borough has None.
        if (kind, None) not in covered  # type: ignore[comparison-overlap]
        for pk, name in boroughs
        if (kind, pk) not in covered
    ]
