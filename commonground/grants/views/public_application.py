"""The application's question pages, check answers and sending. Adapters only: the steps are in
journey.py, the rules in the forms and actions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from commonground.grants import journey
from commonground.grants.actions import applications as actions
from commonground.grants.applicant_session import applicant_required
from commonground.grants.models import ApplicationStatus, GrantApplication
from commonground.grants.queries import applicant_applications as queries


def _draft(request, application_id: int) -> GrantApplication:
    application = queries.application_of(request.applicant, application_id)
    if application.status != ApplicationStatus.DRAFT:
        raise Http404("This application has been sent")
    return application


def _unavailable(response):
    response.status_code = 503
    response["Retry-After"] = "60"
    return response


@never_cache
@applicant_required
@require_http_methods(["GET", "POST"])
def start(request, slug: str):
    """Start (or continue) the applicant's application to this round."""
    grant_round = queries.published_round(slug)
    existing = next(
        (
            a
            for a in queries.applications_of(request.applicant)
            if a.grant_round_id == grant_round.pk and a.status == ApplicationStatus.DRAFT
        ),
        None,
    )
    if existing is not None:
        return redirect("grants:public-continue", existing.pk)
    if not actions.round_is_open(grant_round):
        return render(request, "grants/public/round_closed.html", {"round": grant_round})
    if request.method == "POST":
        application = actions.start_application(applicant=request.applicant, grant_round=grant_round)
        return redirect("grants:public-continue", application.pk)
    return render(request, "grants/public/start.html", {"round": grant_round})


@never_cache
@applicant_required
def continue_application(request, application_id: int):
    """Where the applicant left off: the first page not yet answered, or check answers."""
    application = _draft(request, application_id)
    following = journey.first_unanswered(application.grant_round, application.draft_answers)
    if following is None:
        return redirect("grants:public-check", application.pk)
    return redirect("grants:public-question", application.pk, following.slug)


@never_cache
@applicant_required
@require_http_methods(["GET", "POST"])
def question(request, application_id: int, step: str):
    application = _draft(request, application_id)
    grant_round = application.grant_round
    current = journey.step(grant_round, step)
    if current is None:
        raise Http404("No such question")
    changing = request.GET.get("change") == "1"
    if request.method == "POST":
        form = current.form_class(data=request.POST, grant_round=grant_round)
        if form.is_valid():
            try:
                actions.save_answer(
                    applicant=request.applicant,
                    application=application,
                    step=current.slug,
                    values=journey.posted_values(form, request.POST),
                )
            except DatabaseError:
                # What was typed is on the page again, ready to send again once the database is back.
                return _question_page(request, application, current, form, changing, outage=True)
            following = journey.next_step(grant_round, current.slug)
            _forms, missing = journey.validated(grant_round, application.draft_answers)
            if following is None or (changing and missing is None):
                return redirect("grants:public-check", application.pk)
            return redirect("grants:public-question", application.pk, following.slug)
    else:
        form = (
            journey.bound_form(grant_round, current, application.draft_answers)
            if current.slug in application.draft_answers
            else current.form_class(grant_round=grant_round)
        )
    return _question_page(request, application, current, form, changing)


def _question_page(request, application, current, form, changing, *, outage=False):
    previous = journey.previous_step(application.grant_round, current.slug)
    back_url = (
        reverse("grants:public-check", args=[application.pk])
        if changing
        else reverse("grants:public-question", args=[application.pk, previous.slug])
        if previous
        else reverse("grants:public-round", args=[application.grant_round.slug])
    )
    response = render(
        request,
        "grants/public/question.html",
        {
            "application": application,
            "round": application.grant_round,
            "step": current,
            "form": form,
            "back_url": back_url,
            "outage": outage,
        },
    )
    return _unavailable(response) if outage else response


@never_cache
@applicant_required
@require_http_methods(["GET", "POST"])
def check_answers(request, application_id: int):
    application = _draft(request, application_id)
    grant_round = application.grant_round
    if request.method == "POST":
        return _send(request, application)
    forms, missing = journey.validated(grant_round, application.draft_answers)
    if missing is not None:
        return redirect("grants:public-question", application.pk, missing.slug)
    return render(
        request,
        "grants/public/check_answers.html",
        {
            "application": application,
            "round": grant_round,
            "is_open": actions.round_is_open(grant_round),
            "rows": _summary_rows(application, forms),
            "signed_answers": journey.sign_answers(application.pk, application.draft_answers),
        },
    )


def _summary_rows(application: GrantApplication, forms: dict) -> list[dict]:
    rows = []
    for current in journey.steps_for(application.grant_round):
        form = forms[current.slug]
        values = []
        for name, form_field in form.fields.items():
            value = form.cleaned_data.get(name)
            if value in (None, "", []) or value is False:
                continue
            choices = dict(getattr(form_field, "choices", []) or [])
            if value is True:
                shown = str(form_field.label)
            elif choices:
                shown = f"{form_field.label}: {choices.get(value, value)}"
            elif hasattr(value, "strftime") and hasattr(value, "day"):
                shown = f"{form_field.label}: {value.strftime('%d/%m/%Y')}"
            elif hasattr(value, "strftime"):
                shown = f"{form_field.label}: {value.strftime('%H:%M')}"
            else:
                shown = f"{form_field.label}: {value}"
            values.append(shown)
        rows.append(
            {
                "label": current.title,
                "values": values or [_("Not given")],
                "change_url": reverse("grants:public-question", args=[application.pk, current.slug])
                + "?change=1",
            }
        )
    return rows


def _send(request, application: GrantApplication):
    answers = journey.unsign_answers(request.POST.get("answers", ""), application.pk)
    if answers is None:
        messages.error(request, _("Your answers could not be read. Check them and send them again."))
        return redirect("grants:public-check", application.pk)
    _forms, missing = journey.validated(application.grant_round, answers)
    if missing is not None:
        return redirect("grants:public-question", application.pk, missing.slug)
    try:
        actions.submit_application(
            applicant=request.applicant,
            application=application,
            answers=answers,
            site_root=request.build_absolute_uri("/"),
        )
    except ValidationError as refused:
        return render(
            request,
            "grants/public/not_sent.html",
            {"application": application, "reasons": refused.messages},
            status=409,
        )
    except DatabaseError:
        # Nothing was stored (one transaction); the draft is as it was. Ready to send again.
        return _unavailable(
            render(
                request,
                "grants/public/not_sent.html",
                {"application": application, "outage": True, "signed_answers": request.POST["answers"]},
            )
        )
    return redirect("grants:public-sent", application.pk)


@never_cache
@applicant_required
def sent(request, application_id: int):
    application = queries.application_of(request.applicant, application_id)
    if application.status == ApplicationStatus.DRAFT:
        return redirect("grants:public-continue", application.pk)
    return render(request, "grants/public/sent.html", {"application": application})
