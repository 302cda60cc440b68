"""Statistical disclosure control for tables that leave the staff area (pure: no Django).

- `tables`: tables of counts, policies, rounding and what a published table shows;
- `suppression`: primary and secondary suppression, protecting and publishing, alone or together;
- `auditor`: the integer-programming audit of what a reader can work out from what is published.

docs/methods/statistics.md, section 5, describes each rule and why it was chosen.
"""

from commonground.insights.disclosure.auditor import Audit, Bound, Link, Source, audit, audit_together
from commonground.insights.disclosure.suppression import (
    Candidate,
    DisclosureRefused,
    Protection,
    display_rate,
    primary_suppression,
    protect,
    publish,
    publish_together,
    publishable_rate,
    secondary_suppression,
    strengthen,
)
from commonground.insights.disclosure.tables import (
    HATE_INCIDENTS,
    PREVENT_CHANNEL,
    SUPPRESSED,
    TOTAL,
    Policy,
    Position,
    PublishedTable,
    Table,
    published_view,
    round_to_base,
    rounding_range,
    table_from_rows,
)

__all__ = [
    "HATE_INCIDENTS",
    "PREVENT_CHANNEL",
    "SUPPRESSED",
    "TOTAL",
    "Audit",
    "Bound",
    "Candidate",
    "DisclosureRefused",
    "Link",
    "Policy",
    "Position",
    "Protection",
    "PublishedTable",
    "Source",
    "Table",
    "audit",
    "audit_together",
    "display_rate",
    "primary_suppression",
    "protect",
    "publish",
    "publish_together",
    "publishable_rate",
    "published_view",
    "round_to_base",
    "rounding_range",
    "secondary_suppression",
    "strengthen",
    "table_from_rows",
]
