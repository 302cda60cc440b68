"""A statistics edition moves only by its table (insights/edition_workflow.py): a step the table
does not allow is refused by the action and changes nothing; an allowed one is audited."""

import pytest
from django.core.exceptions import ValidationError

from commonground.core.models import AuditAction, AuditEvent
from commonground.insights.actions import editions
from commonground.insights.models import EditionStatus, StatisticsEdition
from tests.insights.test_editions import august_2026, draft, officer, preparer  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def _status_updates(edition: StatisticsEdition) -> list[list[str]]:
    events = AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="insights.statisticsedition", object_id=str(edition.pk)
    )
    return [event.changes["status"] for event in events.order_by("sequence") if "status" in event.changes]


def test_a_draft_cannot_be_approved_or_published_and_nothing_is_written(draft, preparer, officer):  # noqa: F811
    with pytest.raises(ValidationError, match="not awaiting approval"):
        editions.approve_edition(actor=officer, edition=draft)
    with pytest.raises(ValidationError, match="Only an approved edition can be published"):
        editions.publish_edition(actor=preparer, edition=draft)
    stored = StatisticsEdition.objects.get(pk=draft.pk)
    assert (stored.status, stored.approved_by, stored.published_at) == (EditionStatus.DRAFT, None, None)
    assert _status_updates(draft) == []


def test_each_allowed_step_is_audited_with_the_status_before_and_after(draft, preparer, officer):  # noqa: F811
    editions.submit_for_approval(actor=preparer, edition=draft)
    editions.send_back(actor=officer, edition=draft, reasons="Say where the rates come from")
    editions.submit_for_approval(actor=preparer, edition=draft)
    editions.approve_edition(actor=officer, edition=draft, note="Checked")
    editions.publish_edition(actor=preparer, edition=draft)
    assert _status_updates(draft) == [
        ["draft", "awaiting_approval"],
        ["awaiting_approval", "draft"],
        ["draft", "awaiting_approval"],
        ["awaiting_approval", "approved"],
        ["approved", "published"],
    ]
    assert StatisticsEdition.objects.get(pk=draft.pk).status == EditionStatus.PUBLISHED
