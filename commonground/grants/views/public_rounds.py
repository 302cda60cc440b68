"""The open rounds and a round's page, for everyone."""

from django.shortcuts import render

from commonground.grants import applicant_session
from commonground.grants.actions.applications import round_is_open
from commonground.grants.queries import applicant_applications as queries


def rounds(request):
    return render(
        request,
        "grants/public/rounds.html",
        {"rounds": queries.open_rounds(), "applicant": applicant_session.current_applicant(request)},
    )


def round_page(request, slug: str):
    grant_round = queries.published_round(slug)
    return render(
        request,
        "grants/public/round.html",
        {
            "round": grant_round,
            "is_open": round_is_open(grant_round),
            "boroughs": grant_round.boroughs.order_by("name"),
            "applicant": applicant_session.current_applicant(request),
        },
    )
