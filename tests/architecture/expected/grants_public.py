"""Community grants' public side: the rounds for everyone; the sign-in pages; and the applicant's
own pages, which send anyone who is not a signed-in applicant (nobody, or any staff account) to the
applicant sign-in. A staff account is told it cannot apply (a sign-in link sends it there too)."""

from tests.architecture.roles_matrix import ANON, ROLES, everyone


def sample_values(agency):
    from commonground.grants.models import Applicant
    from tests.grants.helpers import make_round

    grant_round = make_round(slug="matrix-round")
    applicant = Applicant.objects.create(email="matrix-group@example.org")
    application = grant_round.applications.create(applicant=applicant, reference="DRAFT-MATRIX")
    return {"grants_public_round": grant_round.slug, "grants_public_application": application.pk}


APPLICANT_ONLY = everyone(302)
APPLICATION = {"application_id": "{grants_public_application}"}

EXPECTED = {
    "grants:public-rounds": [({}, everyone(200))],
    "grants:public-round": [
        ({"slug": "{grants_public_round}"}, everyone(200)),
        ({"slug": "no-such-round"}, everyone(404)),
    ],
    "grants:public-start": [({"slug": "{grants_public_round}"}, APPLICANT_ONLY)],
    # Staff accounts get a page saying a staff account cannot apply.
    "grants:public-sign-in": [({}, everyone(200))],
    "grants:public-sign-in-sent": [({}, everyone(200))],
    "grants:public-sign-in-link": [
        ({"token": "not-a-real-link"}, {ANON: 404, **{r: 302 for r in ROLES if r != ANON}})
    ],
    "grants:public-sign-out": [({}, everyone(405))],  # POST only
    "grants:public-applications": [({}, APPLICANT_ONLY)],
    "grants:public-application": [(APPLICATION, APPLICANT_ONLY)],
    "grants:public-continue": [(APPLICATION, APPLICANT_ONLY)],
    "grants:public-check": [(APPLICATION, APPLICANT_ONLY)],
    "grants:public-sent": [(APPLICATION, APPLICANT_ONLY)],
    "grants:public-withdraw": [(APPLICATION, APPLICANT_ONLY)],
    "grants:public-monitoring": [(APPLICATION, APPLICANT_ONLY)],
    "grants:public-question": [({**APPLICATION, "step": "organisation"}, APPLICANT_ONLY)],
}
