"""The demo loader: 12 reporting centres and 12 meeting spaces across the ten boroughs, each audit
story present (meets, with an open action, does not meet, overdue, never audited), and running it
again adds nothing."""

import pytest
from django.conf import settings
from django.utils import timezone

from commonground.core.demo import load_demo
from commonground.core.models import Area
from commonground.directory import demo, listing_rules
from commonground.directory.models import Audit, AuditAction, AuditResult, DirectoryEntry, EntryKind
from commonground.directory.queries.public import publicly_listed

pytestmark = pytest.mark.django_db


def test_the_demo_loads_both_directories_across_the_boroughs_and_again_adds_nothing():
    load_demo()
    demo.load_demo()
    demo.load_demo_records()
    entries = DirectoryEntry.objects.all()
    assert entries.filter(kind=EntryKind.REPORTING_CENTRE).count() >= 12
    assert entries.filter(kind=EntryKind.MEETING_SPACE).count() >= 12
    assert set(entries.values_list("borough", flat=True)) == set(
        Area.objects.boroughs().values_list("pk", flat=True)
    )
    assert all(entry.organisation_name.startswith("Demo ") for entry in entries)
    assert all(entry.ward_id and entry.latitude for entry in entries)

    assert AuditAction.objects.filter(
        done_on__isnull=True, audit__result=AuditResult.MEETS_WITH_ACTIONS
    ).exists()
    failing = entries.get(latest_audit_result=AuditResult.DOES_NOT_MEET)
    assert failing not in publicly_listed()
    never = entries.filter(latest_audit_on__isnull=True)
    assert never.count() == 1 and never.get() not in publicly_listed()
    today, period = timezone.localdate(), settings.DIRECTORY_AUDIT_PERIOD_DAYS
    overdue = [
        e
        for e in entries
        if listing_rules.overdue_for_audit(latest_audit_on=e.latest_audit_on, today=today, period_days=period)
    ]
    assert len(overdue) == 2  # one audited long ago, one never audited
    assert publicly_listed().count() == entries.count() - 2  # all but "does not meet" and "never audited"
    days = {h.weekday for e in entries for h in e.opening_hours.all()}
    assert days == set(range(7))
    split = [e for e in entries if len([h for h in e.opening_hours.all() if h.weekday == 0]) > 1]
    assert split

    counts = (entries.count(), Audit.objects.count(), AuditAction.objects.count())
    demo.load_demo_records()
    assert (DirectoryEntry.objects.count(), Audit.objects.count(), AuditAction.objects.count()) == counts
