"""Insights hold aggregates only. Editions are disclosure-controlled tables with no personal data;
published ones are public, and drafts are guarded by permission in the queries."""

from commonground.core import access

access.declare_unscoped(
    "insights.statisticsedition", "aggregate tables under disclosure control; no personal data"
)
access.declare_unscoped(
    "insights.tablewithdrawal", "a note that a published aggregate table was taken down; no personal data"
)
access.declare_unscoped(
    "insights.preventtarget",
    "a partnership-wide target for an aggregate measure, set by the programme team; no personal data",
)
