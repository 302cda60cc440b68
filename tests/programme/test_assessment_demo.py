"""The demo self-assessments load through the actions with the demo accounts, show a moderated
history for three boroughs, one waiting for moderation and one draft, and load only once."""

import pytest

from commonground.core.demo import load_demo
from commonground.programme.demo import assessments as demo
from commonground.programme.models import BoroughAssessment, Moderation

pytestmark = pytest.mark.django_db


def test_the_demo_shows_history_one_waiting_and_one_draft_and_loads_once():
    load_demo()
    demo.load()
    statuses = list(BoroughAssessment.objects.values_list("borough__code", "status"))
    assert statuses.count((demo.BOLTON, "moderated")) == 3
    assert {code for code, status in statuses if status == "moderated"} == {
        demo.BOLTON,
        demo.OLDHAM,
        demo.BURY,
    }
    assert [code for code, status in statuses if status == "submitted"] == [demo.OLDHAM]
    assert [code for code, status in statuses if status == "draft"] == [demo.BOLTON]
    bolton_draft = BoroughAssessment.objects.get(status="draft")
    assert bolton_draft.created_by.username == "borough-lead"
    assert Moderation.objects.filter(outcome="adjusted").exclude(reason="").exists()
    count = BoroughAssessment.objects.count()
    demo.load()
    assert BoroughAssessment.objects.count() == count == len(demo.PLAN)
