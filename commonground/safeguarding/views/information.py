"""Staff pages of information requests: the coordinator sends one from a referral; the addressed
agency lists and answers its own; a data protection officer opens a referral outside normal scope
with a reason. The small forms of these pages are here too (GOV.UK wording)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from commonground.core.access import scope_for
from commonground.core.forms import DATE_FORMATS
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.safeguarding import queries
from commonground.safeguarding.actions.information import (
    ANSWER_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    answer_information_request,
    send_information_request,
)
from commonground.safeguarding.forms import add_action_errors
from commonground.safeguarding.views.referral_pages import referral_page

# --- Forms ----------------------------------------------------------------------------------------


class SendInformationRequestForm(forms.Form):
    agency = forms.ModelChoiceField(
        label="Agency to ask",
        queryset=queries.agencies_to_ask(),
        empty_label="Select an agency",
        error_messages={"required": "Select the agency to ask", "invalid_choice": "Select the agency to ask"},
    )
    question = forms.CharField(
        label="Your question",
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The agency will see your question, the person's name and date of birth, and who asked: "
        "nothing else about the referral. Do not include details of the concern they do not need.",
        error_messages={
            "required": "Enter the question to ask",
            "max_length": f"The question must be {QUESTION_MAX_LENGTH} characters or fewer",
        },
    )
    due_on = forms.DateField(
        label="Answer needed by",
        input_formats=DATE_FORMATS,
        help_text="For example, 27/3/2027",
        error_messages={
            "required": "Enter the date the answer is due",
            "invalid": "Enter the date the answer is due as day/month/year, for example 27/3/2027",
        },
    )

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise ValidationError("The date the answer is due must be today or in the future")
        return due_on


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label="Your answer",
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Share only what is relevant to the question. You can answer once.",
        error_messages={
            "required": "Enter your answer",
            "max_length": f"Your answer must be {ANSWER_MAX_LENGTH} characters or fewer",
        },
    )


class OutsideScopeReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why do you need to open this record?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, a subject access request or a complaint. The reason is kept in the audit trail.",
        error_messages={"required": "Give the reason you need to open this record"},
    )


# --- The coordinator sends a request ---------------------------------------------------------------


@referral_page(Permission.MANAGE_CASES)
def send_request(request, referral_id: int):
    referral = queries.referral_for(scope_for(request.user), referral_id)
    form = SendInformationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            send_information_request(actor=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"Information request sent to {form.cleaned_data['agency'].name}")
            return redirect("safeguarding:referral", referral.pk)
    return render(request, "safeguarding/information/send.html", {"form": form, "referral": referral})


# --- The addressed agency answers ------------------------------------------------------------------


@staff_view(Permission.ANSWER_INFORMATION_REQUESTS)
def request_list(request):
    requests = queries.information_requests_for_my_agency(scope_for(request.user))
    return render(request, "safeguarding/information/list.html", {"requests": requests})


@staff_view(Permission.ANSWER_INFORMATION_REQUESTS)
def request_page(request, request_id: int):
    """The request only: never the concern, the screening or other agencies' answers. A request for
    another agency answers 404."""
    scope = scope_for(request.user)
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        information_request = queries.information_request_for(scope, request_id)
        if form.is_valid():
            try:
                answer_information_request(
                    actor=request.user, request=information_request, answer=form.cleaned_data["answer"]
                )
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(request, "Answer sent to the safeguarding coordinator")
                return redirect("safeguarding:information-request", request_id)
    to_answer = queries.open_information_request(scope, request_id)
    return render(request, "safeguarding/information/request.html", {"item": to_answer, "form": form})


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
