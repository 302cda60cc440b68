"""Subject access and erasure requests, and legal holds: pages for data protection officers alone
(partnership-wide); 404 to every other member of staff, so that the routes are not revealed."""

from tests.architecture.roles_matrix import ANON, DPO, ROLES, only

_PER_REQUEST = ["request", "search", "export", "extend", "erase", "close"]

EXPECTED = {
    "governance:requests": [({}, only(DPO, other=404))],
    "governance:request-new": [({}, only(DPO, other=404))],
    **{
        f"governance:{name}": [
            ({"request_id": "{governance_request}"}, only(DPO, other=404)),
            ({"request_id": "999999"}, only(DPO, ok=404, other=404)),
        ]
        for name in _PER_REQUEST
    },
    # A POST from the search's results; opened, it leads back to the search.
    "governance:choose": [
        ({"request_id": "{governance_request}"}, only(DPO, ok=302, other=404)),
        ({"request_id": "999999"}, only(DPO, ok=404, other=404)),
    ],
    # A POST from a chosen record's row; opened, it leads back to the request.
    "governance:remove-record": [
        (
            {"request_id": "{governance_request}", "record_id": "{governance_record}"},
            only(DPO, ok=302, other=404),
        ),
        ({"request_id": "999999", "record_id": "{governance_record}"}, only(DPO, ok=404, other=404)),
    ],
    "governance:holds": [({}, only(DPO, other=404))],
    "governance:hold-lift": [
        ({"hold_id": "{governance_hold}"}, only(DPO, other=404)),
        ({"hold_id": "999999"}, only(DPO, ok=404, other=404)),
    ],
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)


def sample_values(agency):
    from django.utils import timezone

    from commonground.core.roles import Role
    from commonground.governance.models import ChosenRecord, LegalHold, SubjectAccessRequest
    from tests.factories import OLDHAM, staff

    officer = staff(Role.DATA_PROTECTION_OFFICER, OLDHAM)
    # Received today, with a record chosen: its page links to the export, the erasure and the extension.
    request = SubjectAccessRequest(
        subject_name="Matrix Sample Person",
        contact="by post",
        received_on=timezone.localdate(),
        created_by=officer,
    )
    request.save()
    record = ChosenRecord.objects.create(
        request=request,
        ref=f"core.user:{officer.pk}",
        source="Staff account",
        label="Matrix sample",
        chosen_by=officer,
    )
    hold = LegalHold.objects.create(ref="reports.report:1", reason="Matrix sample hold", placed_by=officer)
    return {"governance_request": request.pk, "governance_hold": hold.pk, "governance_record": record.pk}
