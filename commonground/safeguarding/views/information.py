"""Staff pages of information requests, both ways: the coordinator sends one from a referral, lists
the requests of their cases (to chase) and works on each; an agency lists the requests exchanged
with it, answers those asked of it and asks the coordinator about a case it is part of; each side
amends its answer with a reason, follows up in the thread, and the asking side closes it. A data
protection officer opens a referral outside normal scope with a reason."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.safeguarding import queries
from commonground.safeguarding.actions import information as actions
from commonground.safeguarding.actions import information_answers
from commonground.safeguarding.forms.information import (
    AmendAnswerForm,
    AnswerForm,
    AskCoordinatorForm,
    MessageForm,
    OutsideScopeReasonForm,
    SendInformationRequestForm,
)
from commonground.safeguarding.views.referral_pages import referral_page

# What each form on a request's page does: (form, action, prefix). Closing has no fields.
# intent: (its form, its action, the form's prefix)
INTENTS: dict[str, tuple[type[forms.Form], Callable[..., object], str | None]] = {
    "answer": (AnswerForm, information_answers.answer_information_request, None),
    "amend": (AmendAnswerForm, information_answers.amend_answer, "amend"),
    "message": (MessageForm, information_answers.post_message, "message"),
    "close": (forms.Form, actions.close_information_request, "close"),
}


def _forms_for(request) -> tuple[str | None, dict[str, forms.Form]]:
    """Every form of a request's page; the one posted is bound."""
    intent = request.POST.get("intent", "answer") if request.method == "POST" else None
    if intent is not None and intent not in INTENTS:
        intent = "answer"
    return intent, {
        name: form_class(request.POST if name == intent else None, prefix=prefix)
        for name, (form_class, _, prefix) in INTENTS.items()
    }


def _act(request, information_request, intent: str, form: forms.Form) -> bool:
    """Call the action of the posted form; its refusals go on the form."""
    if not form.is_valid():
        return False
    try:
        INTENTS[intent][1](actor=request.user, request=information_request, **form.cleaned_data)
    except ValidationError as error:
        add_action_errors(form, error)
        return False
    return True


# --- The coordinator sends a request ---------------------------------------------------------------


@referral_page(Permission.MANAGE_CASES)
def send_request(request, referral_id: int):
    referral = queries.referral_for(scope_for(request.user), referral_id)
    form = SendInformationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.send_information_request(actor=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"Information request sent to {form.cleaned_data['agency'].name}")
            return redirect("safeguarding:referral", referral.pk)
    return render(request, "safeguarding/information/send.html", {"form": form, "referral": referral})


# --- The coordinator's requests: outgoing (to chase) and agencies' questions -----------------------------


@staff_view(Permission.MANAGE_CASES)
def case_requests(request):
    listed = queries.requests_of_my_cases(scope_for(request.user))
    return render(request, "safeguarding/information/case_requests.html", {"listed": listed})


CASE_REQUEST_DONE = {
    "answer": "Answer sent",
    "amend": "Answer amended",
    "message": "Message sent",
    "close": "Request closed",
}


@referral_page(Permission.MANAGE_CASES)
def case_request(request, request_id: int):
    """A request about one of the coordinator's cases, either way; 404 to anyone else."""
    scope = scope_for(request.user)
    intent, page_forms = _forms_for(request)
    if intent is not None:
        information_request = queries.case_request_for(scope, request_id)
        if _act(request, information_request, intent, page_forms[intent]):
            messages.success(request, CASE_REQUEST_DONE[intent])
            return redirect("safeguarding:case-request", request_id)
    page = queries.open_case_request(scope, request_id)
    return render(
        request,
        "safeguarding/information/case_request.html",
        {"page": page, "forms": page_forms, "posted": page_forms.get(intent) if intent else None},
    )


@referral_page(Permission.MANAGE_CASES)
@require_POST
def chase_request(request, request_id: int):
    """Chase an agency from the list of requests (or a request's page): back to the list."""
    information_request = queries.case_request_for(scope_for(request.user), request_id)
    try:
        chased = actions.chase_information_request(actor=request.user, request=information_request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{chased.agency.name} has been reminded about request {chased.pk}")
    return redirect("safeguarding:case-requests")


# --- The agency: requests asked of it and its own questions ---------------------------------------------


@staff_view(Permission.ANSWER_INFORMATION_REQUESTS)
def request_list(request):
    listed = queries.information_requests_for_my_agency(scope_for(request.user))
    return render(request, "safeguarding/information/list.html", {"listed": listed})


AGENCY_DONE = {
    "answer": "Answer sent to the safeguarding coordinator",
    "amend": "Answer amended: the coordinator has been told",
    "message": "Message sent",
    "close": "Question closed",
}


@staff_view(Permission.ANSWER_INFORMATION_REQUESTS)
def request_page(request, request_id: int):
    """The request and its thread only: never the concern, the screening or other agencies'
    requests. A request for another agency answers 404."""
    scope = scope_for(request.user)
    intent, page_forms = _forms_for(request)
    if intent is not None:
        information_request = queries.information_request_for(scope, request_id)
        if _act(request, information_request, intent, page_forms[intent]):
            messages.success(request, AGENCY_DONE[intent])
            return redirect("safeguarding:information-request", request_id)
    item = queries.open_information_request(scope, request_id)
    return render(
        request,
        "safeguarding/information/request.html",
        {
            "item": item,
            "form": page_forms["answer"],
            "forms": page_forms,
            "posted": page_forms.get(intent) if intent else None,
        },
    )


@referral_page(Permission.ANSWER_INFORMATION_REQUESTS)
def ask_coordinator(request, referral_id: int):
    """An agency that is part of the case asks its coordinator; 404 for any other agency."""
    scope = scope_for(request.user)
    form = AskCoordinatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        referral = queries.referral_to_ask_about(scope, referral_id)
        try:
            asked = actions.ask_coordinator(actor=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Question sent to the safeguarding coordinator")
            return redirect("safeguarding:information-request", asked.pk)
    case = queries.open_case_to_ask_about(scope, referral_id)
    return render(request, "safeguarding/information/ask.html", {"form": form, "case": case})


# --- A data protection officer, outside normal scope -------------------------------------------------


@staff_view(Permission.USE_STAFF_AREA)
def referral_outside_scope(request, referral_id: int):
    """Without ACCESS_OUTSIDE_SCOPE this page answers 404. With it, the referral is shown read-only
    only after a reason is given, and the opening is flagged in the audit trail."""
    scope = scope_for(request.user)
    queries.may_open_outside_scope_or_404(scope)
    form = OutsideScopeReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            referral = queries.open_referral_outside_scope(scope, referral_id, form.cleaned_data["reason"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return render(
                request,
                "safeguarding/information/outside_scope_referral.html",
                {"referral": referral, "reason": form.cleaned_data["reason"]},
            )
    return render(
        request,
        "safeguarding/information/outside_scope_reason.html",
        {"form": form, "referral_id": referral_id},
    )
