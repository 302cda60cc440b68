"""The panel part of casework: coordinators manage the meetings of their boroughs (another
borough's meeting is 404); a panel member opens only the open cases on the agendas of panels they
attend (anything else is 404); the attendance report is for coordinators and data protection
officers. Forms post to their own URLs: a GET there is 405 for those who may post."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, DPO, ROLES, only

COORDINATOR = Role.SAFEGUARDING_COORDINATOR.value
PANEL_MEMBER = Role.PANEL_MEMBER.value
ITEM = {"meeting_id": "{meeting}", "item_id": "{agenda_item}"}
ITEM_ELSEWHERE = {"meeting_id": "{meeting_elsewhere}", "item_id": "{agenda_item_elsewhere}"}

EXPECTED = {
    "safeguarding:panels": [({}, only(COORDINATOR, PANEL_MEMBER))],
    "safeguarding:new-panel": [({}, only(COORDINATOR))],
    "safeguarding:attendance-report": [({}, only(COORDINATOR, DPO))],
    "safeguarding:panel": [
        ({"meeting_id": "{meeting}"}, only(COORDINATOR)),
        ({"meeting_id": "{meeting_elsewhere}"}, only(COORDINATOR, ok=404)),
    ],
    "safeguarding:add-to-agenda": [({"meeting_id": "{meeting}"}, only(COORDINATOR, ok=405))],
    "safeguarding:record-attendance": [({"meeting_id": "{meeting}"}, only(COORDINATOR, ok=405))],
    "safeguarding:agenda-item": [(ITEM, only(COORDINATOR)), (ITEM_ELSEWHERE, only(COORDINATOR, ok=404))],
    "safeguarding:record-factor-discussion": [(ITEM, only(COORDINATOR, ok=405))],
    "safeguarding:record-panel-decision": [(ITEM, only(COORDINATOR, ok=405))],
    # The panel member attends this meeting: they see the case as the panel case view only (the
    # coordinator's referral page and its sub-pages are in expected/safeguarding.py: 404 to them).
    "safeguarding:panel-case": [
        ({"meeting_id": "{meeting}", "referral_id": "{panel_case}"}, only(PANEL_MEMBER)),
        ({"meeting_id": "{meeting}", "referral_id": "{referral_off_agenda}"}, only(PANEL_MEMBER, ok=404)),
    ],
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)


def sample_values(agency):
    """A Bolton meeting attended by the Bolton agency's panel member, with one case on its agenda,
    and an Oldham meeting with its own case."""
    from commonground.core.models import User
    from tests.factories import BOLTON, OLDHAM
    from tests.safeguarding.test_panels import attend, meeting_with_case, ready_referral

    bolton_meeting, bolton_item = meeting_with_case(BOLTON)
    member = User.objects.get(agency=agency, groups__name=Role.PANEL_MEMBER.label)
    attend(bolton_meeting, member)
    oldham_meeting, oldham_item = meeting_with_case(OLDHAM)

    return {
        "meeting": bolton_meeting.pk,
        "agenda_item": bolton_item.pk,
        "panel_case": bolton_item.referral_id,
        "referral_off_agenda": ready_referral(BOLTON).pk,
        "meeting_elsewhere": oldham_meeting.pk,
        "agenda_item_elsewhere": oldham_item.pk,
    }
