"""The demo training records: made with the actions, so the coverage page and the waiting lists of
the demo training lead show something; loading twice adds nothing."""

import pytest

from commonground.core import demo as core_demo
from commonground.core.models import User
from commonground.programme.demo import training
from commonground.programme.models import Attendance, FrontLineStaff, TrainingSession
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_the_demo_shows_coverage_with_overdue_refreshers_and_a_session_waiting():
    core_demo.load_demo()
    training.load()
    training.load()
    assert TrainingSession.objects.count() == 7
    assert FrontLineStaff.objects.count() == 14
    assert Attendance.objects.filter(status="completed").count() == 18
    lead = User.objects.get(username="training-lead")
    page = signed_in(lead).get("/staff/programme/training/coverage/").content.decode()
    assert "Overdue" in page and "Due soon" in page and "<svg" in page
    home = signed_in(lead).get("/staff/").content.decode()
    assert "Record attendance: Challenging conversations" in home
