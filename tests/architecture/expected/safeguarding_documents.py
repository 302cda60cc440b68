"""Safeguarding documents. The panel pack is for the meeting's coordinator (borough in scope) and
the panel members recorded as present at it; to every other member of staff it is 404, like a
missing meeting, and another borough's pack is 404 to everyone. The subject access export exists
only for data protection officers: 404 to everyone else, so the route itself is not revealed."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, DPO, ROLES, only

COORDINATOR = Role.SAFEGUARDING_COORDINATOR.value
PANEL_MEMBER = Role.PANEL_MEMBER.value

EXPECTED = {
    "safeguarding:panel-pack": [
        ({"meeting_id": "{pack_meeting}"}, only(COORDINATOR, PANEL_MEMBER, other=404)),
        ({"meeting_id": "{pack_meeting_elsewhere}"}, only(other=404)),
    ],
    # A pack the worker prepared: for the person who asked for it alone (here, the coordinator).
    "safeguarding:prepared-panel-pack": [
        (
            {"meeting_id": "{pack_meeting}", "pack_id": "{prepared_pack}"},
            only(COORDINATOR, other=404),
        ),
    ],
    "safeguarding:subject-access": [
        ({"referral_id": "{subject_access_referral}"}, only(DPO, other=404)),
    ],
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)


COORDINATOR_GROUP = Role.SAFEGUARDING_COORDINATOR.label


def _prepared_pack(meeting, reader):
    """A pack of the meeting the worker has prepared for `reader`."""
    from commonground.safeguarding.actions.documents import prepare_panel_pack, render_prepared_panel_pack

    pack = prepare_panel_pack(actor=reader, meeting_id=meeting.pk)
    render_prepared_panel_pack(pack.pk)
    return pack


def sample_values(agency):
    """A Bolton meeting with one case, attended by the Bolton agency's panel member; an Oldham
    meeting; an Oldham referral (outside every role user's scope) for the export."""
    from commonground.core.models import User
    from tests.factories import BOLTON, OLDHAM
    from tests.safeguarding.builders import referral_in
    from tests.safeguarding.test_panels import attend, meeting_with_case

    meeting, _item = meeting_with_case(BOLTON)
    attend(meeting, User.objects.get(agency=agency, groups__name=Role.PANEL_MEMBER.label))
    elsewhere, _ = meeting_with_case(OLDHAM)
    prepared = _prepared_pack(meeting, User.objects.get(agency=agency, groups__name=COORDINATOR_GROUP))
    return {
        "pack_meeting": meeting.pk,
        "prepared_pack": prepared.pk,
        "pack_meeting_elsewhere": elsewhere.pk,
        "subject_access_referral": referral_in(OLDHAM).pk,
    }
