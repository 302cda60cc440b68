"""Withdrawing a table from a published edition, and re-auditing every published edition.

A published edition never changes. When a later, stronger audit finds that small numbers can be
worked out from one of its tables, that table is withdrawn: a `TableWithdrawal` records it, with a
note the public sees in place of the table, and from then on the table's figures are served
nowhere (page, downloads, API, quarterly report). A table derived from a withdrawn one (the rates
worked out from the counts by borough) is withdrawn with it. A full correction, counted again from
the data, can follow through the usual correction and approval.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from commonground.core import audit
from commonground.core.access import scope_for
from commonground.core.models import AuditAction, User
from commonground.core.roles import Permission
from commonground.insights import edition_audit
from commonground.insights.models import EditionStatus, StatisticsEdition, TableWithdrawal

REAUDIT_NOTE = (
    "Withdrawn after publication: a review of our disclosure control found that small numbers could "
    "be worked out from this table together with the other figures of this edition."
)
REAUDIT_ACTOR = "disclosure re-audit (reaudit_editions)"


@transaction.atomic
def withdraw_table(
    *,
    actor: User | None,
    edition: StatisticsEdition,
    table_name: str,
    note: str,
    reasons: Sequence[str] = (),
    actor_label: str = "",
) -> TableWithdrawal:
    """Take one table of a published edition down, with a note shown in its place.

    `actor` is a data protection officer (APPROVE_STATISTICS), or `None` for the re-audit an
    operator runs. Withdrawing a table already withdrawn changes nothing and returns the first
    withdrawal.
    """
    if actor is not None:
        scope_for(actor).require(Permission.APPROVE_STATISTICS)
    if not note.strip():
        raise ValidationError({"note": "Say why the table is being withdrawn"})
    edition = StatisticsEdition.objects.select_for_update().get(pk=edition.pk)
    if edition.status != EditionStatus.PUBLISHED:
        raise ValidationError("Only a table of a published edition can be withdrawn")
    if not any(t["name"] == table_name and not t["withheld"] for t in edition.tables):
        raise ValidationError("The edition publishes no such table")
    existing = TableWithdrawal.objects.filter(edition=edition, table_name=table_name).first()
    if existing is not None:
        return existing
    withdrawal = TableWithdrawal.objects.create(
        edition=edition,
        table_name=table_name,
        note=note.strip(),
        reasons=list(reasons),
        withdrawn_by=actor,
        withdrawn_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        actor_label=actor_label,
        action=AuditAction.CREATE,
        obj=withdrawal,
        changes={"edition": edition.pk, "table": table_name, "content_sha256": edition.content_sha256},
        reason=withdrawal.note,
    )
    return withdrawal


@dataclass
class EditionReaudit:
    edition: StatisticsEdition
    tables_audited: int = 0
    cells_audited: int = 0
    withdrawn: list[str] = field(default_factory=list)
    already_withdrawn: list[str] = field(default_factory=list)
    reasons: dict[str, tuple[str, ...]] = field(default_factory=dict)


def reaudit_published_editions(*, dry_run: bool = False) -> list[EditionReaudit]:
    """Run the current auditor on every published edition, jointly over each edition's tables,
    and withdraw every table it refuses (and the tables derived from it), unless `dry_run`."""
    results = []
    for edition in StatisticsEdition.objects.published().order_by("period_start", "revision"):
        withdrawn = set(edition.withdrawals.values_list("table_name", flat=True))
        still_published = [t for t in edition.tables if t["name"] not in withdrawn]
        audits = edition_audit.audit_edition(edition.headlines, still_published)
        result = EditionReaudit(
            edition,
            tables_audited=len(audits),
            cells_audited=sum(len(a.bounds) for a in audits.values()),
            already_withdrawn=sorted(withdrawn),
        )
        refused = [name for name, found in audits.items() if found.refused]
        result.reasons = {name: audits[name].reasons for name in refused}
        to_withdraw = [*refused, *(d for name in refused for d in edition_audit.DERIVED.get(name, ()))]
        published_names = {t["name"] for t in still_published if not t["withheld"]}
        for name in to_withdraw:
            if name not in published_names:
                continue
            if not dry_run:
                withdraw_table(
                    actor=None,
                    edition=edition,
                    table_name=name,
                    note=REAUDIT_NOTE,
                    reasons=result.reasons.get(name, ()),
                    actor_label=REAUDIT_ACTOR,
                )
            result.withdrawn.append(name)
        results.append(result)
    return results
