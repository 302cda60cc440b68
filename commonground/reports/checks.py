"""System checks of the report line's configuration."""

from django.core import checks
from django.db import DatabaseError

from commonground.reports.models import ReportKind
from commonground.reports.routing import kinds_and_boroughs_without_a_rule


@checks.register()
def every_kind_and_borough_has_a_routing_rule(app_configs, **kwargs):
    """Information, not a warning: a fresh database has no boroughs yet, and an unrouted report
    still reaches the partnership triage team. Shown so that administrators add the rules."""
    try:
        missing = kinds_and_boroughs_without_a_rule()
    except DatabaseError:  # before the first migration
        return []
    return [
        checks.Info(
            f"No routing rule for {ReportKind(kind).label.lower()} reports from {borough}.",
            hint="Such reports go to the partnership triage team, marked “not routed by a rule”. "
            "Add a routing rule in the admin.",
            id="reports.I001",
        )
        for kind, borough in missing
    ]
