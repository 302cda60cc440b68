"""Recording who read personal data. Every page that shows a person's details calls one of these
from its query, never from the view: `record_read` when one record is opened, `record_list_view`
once per list page with the records actually shown on it (one event per page, not per row: each
event takes the chain's lock).

A thin layer over `audit.record`, so the trail's format and hashing stay in one place."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import models, transaction

from commonground.core import audit
from commonground.core.access import Scope
from commonground.core.models import AuditAction, AuditEvent


def refs_of(records: Iterable[models.Model]) -> list[str]:
    """Each record as "type:id", in the order shown, once each."""
    return list(dict.fromkeys(audit.subject_ref_of(record) for record in records))


def record_read(
    *,
    scope: Scope,
    obj: models.Model | None = None,
    object_type: str = "",
    object_repr: str = "",
    subject: models.Model | None = None,
    shown: Iterable[models.Model] = (),
    changes: Mapping[str, Any] | None = None,
    reason: str = "",
    outside_normal_scope: bool = False,
) -> AuditEvent:
    """One record opened by a member of staff (or, without `obj`, something read that is not one
    record, named by `object_type` and `object_repr`). `shown` names other people's records whose
    details appear on the same page (the referrals on a meeting's agenda, say)."""
    details = dict(changes or {})
    if _under_break_glass(scope, obj) or _under_break_glass(scope, subject):
        # Opened in an emergency, outside the person's scope: marked so the access review tells it.
        details["break_glass"] = True
        outside_normal_scope = True
    shown_refs = refs_of(shown)
    if shown_refs:
        details["shown"] = shown_refs
    with transaction.atomic():
        return audit.record(
            actor=scope.user,
            action=AuditAction.VIEW,
            obj=obj,
            object_type=object_type,
            object_repr=object_repr,
            subject=subject,
            changes=details,
            reason=reason,
            outside_normal_scope=outside_normal_scope,
        )


def _under_break_glass(scope: Scope, record: models.Model | None) -> bool:
    return record is not None and record.pk in scope.break_glass_pks(type(record))


def record_list_view(
    *, scope: Scope, records: Iterable[models.Model], list_name: str, page_number: int | None = None
) -> AuditEvent | None:
    """One list page: names every record shown on it. Nothing shown, nothing read: no event."""
    refs = refs_of(records)
    if not refs:
        return None
    object_types = {ref.rsplit(":", 1)[0] for ref in refs}
    label = list_name if page_number is None else f"{list_name}, page {page_number}"
    changes: dict[str, Any] = {"shown": refs}
    if page_number is not None:
        changes["page"] = page_number
    with transaction.atomic():
        return audit.record(
            actor=scope.user,
            action=AuditAction.LIST_VIEWED,
            object_type=object_types.pop() if len(object_types) == 1 else "",
            object_repr=label,
            changes=changes,
        )


def audited_page(
    scope: Scope,
    items: Any,
    *,
    page_number: str | int | None,
    list_name: str,
    per_page: int = 50,
) -> Page:
    """One page of a list, its reading recorded with exactly the records on that page. The page
    is read once, here: the template iterates the same rows the event names."""
    page = Paginator(items, per_page).get_page(page_number)
    page.object_list = list(page.object_list)
    record_list_view(scope=scope, records=page.object_list, list_name=list_name, page_number=page.number)
    return page
