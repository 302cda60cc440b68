"""Routing reports to team queues by kind and borough (rules editable by administrators), and
suggesting links between reports that are likely about the same event. Never by who the person is."""

from datetime import timedelta

from commonground.reports.models import LinkSuggestion, Report, RoutingRule, Team

# "Likely the same event": same kind, same ward (or same borough when no ward), within 3 days.
LINK_WINDOW = timedelta(days=3)


def teams_for(report: Report) -> list[Team]:
    rules = RoutingRule.objects.filter(kind=report.kind).select_related("team")
    matching = [
        rule.team for rule in rules if rule.borough_id is None or rule.borough_id == report.borough_id
    ]
    return list({team.pk: team for team in matching}.values())


def route(report: Report) -> list[Team]:
    """Put a new report in the queues of its teams."""
    teams = teams_for(report)
    Report.teams.through.objects.bulk_create(
        Report.teams.through(report_id=report.pk, team_id=team.pk) for team in teams
    )
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
