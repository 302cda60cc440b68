"""Auditors are told once when an entry of their borough is overdue for audit; nobody else is."""

from datetime import timedelta

import pytest
from django.utils import timezone

from commonground.core.models import Notification, NotificationKind
from commonground.core.roles import Role
from commonground.directory.notifications import overdue_audits_sweep
from tests.directory.world import a_lead, a_manager, an_audit, an_entry
from tests.factories import BOLTON, OLDHAM, staff

pytestmark = pytest.mark.django_db


def test_auditors_in_scope_are_told_once_of_an_overdue_entry():
    bolton_lead, oldham_lead, manager = a_lead(BOLTON), a_lead(OLDHAM), a_manager()
    partner = staff(Role.PARTNER_OFFICER, BOLTON)
    overdue = an_entry(manager, organisation_name="Demo Overdue Centre")
    an_audit(overdue, manager, days_ago=400)
    recent = an_entry(manager, organisation_name="Demo Recent Centre")
    an_audit(recent, manager, days_ago=10)

    overdue_audits_sweep(timezone.now())
    told = Notification.objects.filter(kind=NotificationKind.DIRECTORY_AUDIT_OVERDUE)
    assert set(told.values_list("recipient", flat=True)) == {bolton_lead.pk, manager.pk}
    assert all("Demo Overdue Centre" in n.subject for n in told)
    assert oldham_lead.pk not in told.values_list("recipient", flat=True)
    assert partner.pk not in told.values_list("recipient", flat=True)

    assert overdue_audits_sweep(timezone.now() + timedelta(hours=1)) == 0
