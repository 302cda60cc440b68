"""The demo briefings load through the actions, once: the local risk profile reaches Bolton's
coordinator (who has opened it) and the national alert waits for the partner officer."""

import pytest
from django.conf import settings

from commonground.core.access import scope_for
from commonground.core.actions.places import load_places
from commonground.core.demo import load_demo
from commonground.core.models import User
from commonground.programme.demo import briefings as demo
from commonground.programme.models import Briefing, BriefingReceipt
from commonground.programme.queries.briefings import waiting_for_me

pytestmark = pytest.mark.django_db


def test_the_demo_briefings_load_once_and_reach_their_audiences():
    load_places(actor=None, folder=settings.DEFAULT_PLACES_DIR)
    load_demo()
    demo.load()
    demo.load()
    assert Briefing.objects.filter(title__startswith="[Demo]", status="sent").count() == 2
    coordinator = User.objects.get(username="coordinator")
    assert BriefingReceipt.objects.get(reader=coordinator).briefing.title == demo.RISK_PROFILE
    partner = User.objects.get(username="partner")
    assert [b.title for b in waiting_for_me(scope_for(partner))] == [demo.NATIONAL_ALERT]
    assert not waiting_for_me(scope_for(User.objects.get(username="analyst"))).exists()
