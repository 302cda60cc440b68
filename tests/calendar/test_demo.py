"""The calendar's demo events: loaded once, all synthetic, some upcoming, some past, one cancelled."""

import pytest

from commonground.calendar import demo
from commonground.calendar.models import Event, EventStatus
from commonground.core.demo import load_demo
from tests.clock import FROZEN

pytestmark = [pytest.mark.django_db, FROZEN]


def test_the_demo_events_load_once_and_are_clearly_synthetic():
    load_demo()
    demo.load_demo()
    demo.load_demo_records()
    count = Event.objects.count()
    demo.load_demo_records()
    assert Event.objects.count() == count == 31
    assert all(event.organiser.startswith("Demo ") for event in Event.objects.all())
    assert Event.objects.filter(status=EventStatus.CANCELLED).count() == 1
    assert Event.objects.filter(status=EventStatus.DRAFT).count() == 1
    assert Event.objects.exclude(source_reference="").count() == 2
    public = Event.objects.public()
    assert public.filter(ends_at__lt=Event.objects.order_by("pk").first().created_at).count() == 10
    assert public.values("borough").distinct().count() > 5
