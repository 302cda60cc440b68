"""The demo's information governance: a subject access request and an emergency opening of another
borough's report wait on the demo data protection officer's home, made through the actions with the
demo accounts, and loading the demo again adds nothing."""

import pytest

from commonground.core.demo import load_demo
from commonground.core.models import AuditAction, AuditEvent, BreakGlassAccess, User
from commonground.governance import demo
from commonground.governance.models import SubjectAccessRequest
from commonground.reports import demo as reports_demo

pytestmark = pytest.mark.django_db


def _load_everything():
    load_demo()
    for module in (reports_demo, demo):
        module.load_demo()
    for module in (reports_demo, demo):
        module.load_demo_records()


def test_the_demo_officer_has_a_request_and_an_emergency_opening_to_review(sign_in):
    _load_everything()
    _load_everything()

    request = SubjectAccessRequest.objects.get()
    assert request.subject_name == "Demo Person Two" and request.created_by.username == "dpo"
    grant = BreakGlassAccess.objects.get()
    assert grant.user.username == "triage" and grant.reason.startswith("[Demo]")
    assert AuditEvent.objects.filter(action=AuditAction.BREAK_GLASS, actor=grant.user).count() == 1

    home = sign_in(User.objects.get(username="dpo")).get("/staff/").content.decode()
    assert grant.record_reference in home
    assert (
        "Demo Person Two"
        in sign_in(User.objects.get(username="dpo")).get("/staff/subject-access/").content.decode()
    )
