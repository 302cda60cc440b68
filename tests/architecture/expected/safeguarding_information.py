"""Information requests: the coordinator sends them on a referral in scope; staff of the addressed
agency who answer requests (triage officers, panel members, coordinators: every role user here is
in the Bolton agency the request is addressed to) open it, and a request for another agency is 404
to them. That agency, being part of the case, may ask its coordinator about it (404 for a case it
is not part of, and for anyone who does not answer requests). The coordinator lists the requests of
their cases and opens each (404 for another borough's, and for anyone else); chasing is POST only. Opening a referral outside normal scope exists only for data protection officers: 404 to
everyone else, so that the route itself is not revealed."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, DPO, ROLES, only

COORDINATOR = Role.SAFEGUARDING_COORDINATOR.value
ANSWERERS = (Role.TRIAGE_OFFICER.value, Role.PANEL_MEMBER.value, COORDINATOR)

EXPECTED = {
    "safeguarding:send-information-request": [
        ({"referral_id": "{information_referral}"}, only(COORDINATOR, other=404)),
        ({"referral_id": "{information_referral_elsewhere}"}, only(COORDINATOR, ok=404, other=404)),
    ],
    "safeguarding:information-requests": [({}, only(*ANSWERERS))],
    "safeguarding:information-request": [
        ({"request_id": "{information_request}"}, only(*ANSWERERS)),
        ({"request_id": "{information_request_elsewhere}"}, only(*ANSWERERS, ok=404)),
    ],
    "safeguarding:ask-coordinator": [
        ({"referral_id": "{information_referral}"}, only(*ANSWERERS, other=404)),
        ({"referral_id": "{information_referral_elsewhere}"}, only(*ANSWERERS, ok=404, other=404)),
    ],
    "safeguarding:case-requests": [({}, only(COORDINATOR))],
    "safeguarding:case-request": [
        ({"request_id": "{information_request}"}, only(COORDINATOR, other=404)),
        ({"request_id": "{information_request_oldham}"}, only(COORDINATOR, ok=404, other=404)),
    ],
    "safeguarding:chase-request": [
        ({"request_id": "{information_request}"}, only(COORDINATOR, ok=405, other=404)),
    ],
    "safeguarding:referral-outside-scope": [
        ({"referral_id": "{information_referral_elsewhere}"}, only(DPO, other=404)),
    ],
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)


def sample_values(agency):
    from datetime import timedelta

    from django.utils import timezone

    from commonground.safeguarding.actions.information import send_information_request
    from tests.factories import BOLTON, OLDHAM, AgencyFactory, staff
    from tests.safeguarding.builders import referral_in

    referral = referral_in(BOLTON)
    coordinator = staff(Role.SAFEGUARDING_COORDINATOR, BOLTON)
    due_on = timezone.localdate() + timedelta(days=10)
    ours = send_information_request(
        actor=coordinator, referral=referral, agency=agency, question="Known to you?", due_on=due_on
    )
    theirs = send_information_request(
        actor=coordinator,
        referral=referral,
        agency=AgencyFactory(serves=[BOLTON]),
        question="Known to you?",
        due_on=due_on,
    )
    elsewhere = referral_in(OLDHAM)
    oldham = send_information_request(
        actor=staff(Role.SAFEGUARDING_COORDINATOR, OLDHAM),
        referral=elsewhere,
        agency=AgencyFactory(serves=[OLDHAM]),
        question="Known to you?",
        due_on=due_on,
    )
    return {
        "information_referral": referral.pk,
        "information_referral_elsewhere": elsewhere.pk,
        "information_request_oldham": oldham.pk,
        "information_request": ours.pk,
        "information_request_elsewhere": theirs.pk,
    }
