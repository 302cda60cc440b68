"""Insights hold statistics only (core/retention_schedule.py), imported by InsightsConfig.ready()."""

from commonground.core.retention_schedule import no_personal_data

no_personal_data(
    "Published statistics and targets: aggregates under disclosure control, never a person "
    "(the staff who prepared and approved them are named as in the audit trail)",
    "insights.StatisticsEdition",
    "insights.TableWithdrawal",
    "insights.PreventTarget",
)
