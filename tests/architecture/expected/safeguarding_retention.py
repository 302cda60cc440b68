"""Retention of safeguarding casework: the list of records past retention, confirming an erasure
and holding a record exist only for data protection officers (partnership-wide): 404 to every
other member of staff, so that the route itself is not revealed."""

from tests.architecture.roles_matrix import ANON, DPO, ROLES, only

EXPECTED = {
    "safeguarding:retention": [({}, only(DPO, other=404))],
    "safeguarding:retention-confirm": [
        ({"review_id": "{retention_review}"}, only(DPO, other=404)),
        ({"review_id": "999999"}, only(DPO, ok=404, other=404)),
    ],
    "safeguarding:retention-hold": [
        ({"review_id": "{retention_review}"}, only(DPO, other=404)),
        ({"review_id": "999999"}, only(DPO, ok=404, other=404)),
    ],
}

assert all(
    set(expected) == set(ROLES) and ANON in expected
    for samples in EXPECTED.values()
    for _, expected in samples
)


def sample_values(agency):
    from django.utils import timezone

    from commonground.safeguarding.models import RetentionReview
    from tests.factories import OLDHAM
    from tests.safeguarding.builders import referral_in

    # In a borough the role users' agency does not serve: officers see reviews partnership-wide.
    review = RetentionReview.objects.create(
        referral=referral_in(OLDHAM),
        found_at=timezone.now(),
        due_since=timezone.localdate(),
        rule="No further action: kept 1095 days from the decision",
    )
    return {"retention_review": review.pk}
