"""Information sharing agreements: every member of staff who may see agreements (triage officers,
coordinators, panel members, partner officers, data protection officers) sees those their agency is
party to; data protection officers see every one and alone record, amend and end them. Anyone else
gets 404, so that the routes are not revealed."""

from commonground.core.roles import Role
from tests.architecture.roles_matrix import ANON, DPO, ROLES, only

VIEWERS = [
    Role.TRIAGE_OFFICER.value,
    Role.SAFEGUARDING_COORDINATOR.value,
    Role.PANEL_MEMBER.value,
    Role.PARTNER_OFFICER.value,
    DPO,
]

EXPECTED = {
    "sharing:agreements": [({}, only(*VIEWERS, other=404))],
    "sharing:record": [({}, only(DPO, other=404))],
    "sharing:agreement": [
        ({"agreement_id": "{agreement_with_bolton}"}, only(*VIEWERS, other=404)),
        ({"agreement_id": "{agreement_without_bolton}"}, only(DPO, other=404)),
        ({"agreement_id": "999999"}, only(DPO, ok=404, other=404)),
    ],
    "sharing:document": [
        ({"agreement_id": "{agreement_with_bolton}"}, only(*VIEWERS, other=404)),
        ({"agreement_id": "{agreement_without_bolton}"}, only(DPO, other=404)),
    ],
    **{
        f"sharing:{name}": [
            ({"agreement_id": "{agreement_with_bolton}"}, only(DPO, other=404)),
            ({"agreement_id": "999999"}, only(DPO, ok=404, other=404)),
        ]
        for name in ("amend", "end")
    },
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)


def sample_values(agency):
    from django.core.files.base import ContentFile

    from tests.factories import AgencyFactory, sharing_agreement

    police, health = AgencyFactory(), AgencyFactory()
    with_bolton = sharing_agreement(agency, police, title="Matrix sample: Bolton and police")
    with_bolton.signed_document.save("signed.pdf", ContentFile(b"%PDF-1.4 matrix sample"))
    without_bolton = sharing_agreement(police, health, title="Matrix sample: police and health")
    without_bolton.signed_document.save("signed.pdf", ContentFile(b"%PDF-1.4 matrix sample"))
    return {"agreement_with_bolton": with_bolton.pk, "agreement_without_bolton": without_bolton.pk}
