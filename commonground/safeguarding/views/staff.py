"""Staff pages of safeguarding casework: the referral form (any member of staff who refers), and
the coordinator's list, referral page, its recorded steps and the edit form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from commonground.core.access import scope_for
from commonground.core.conflicts import ConflictError
from commonground.core.form_helpers import add_action_errors, form_after_conflict
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.reports import queries as report_queries
from commonground.safeguarding import queries, workflow
from commonground.safeguarding.actions import steps
from commonground.safeguarding.actions.duplicate_check import send_referral
from commonground.safeguarding.actions.referrals import edit_referral
from commonground.safeguarding.forms.referrals import (
    EditReferralForm,
    GatewayCheckForm,
    ListFilterForm,
    NewReferralForm,
    ScreeningDecisionForm,
)
from commonground.safeguarding.views.referral_pages import referral_page

# --- Referring ----------------------------------------------------------------------------------


@staff_view(Permission.REFER_TO_SAFEGUARDING)
def refer(request):
    """One page in sections. The first "Continue" checks for existing records (coordinators see
    possible matches in their own boroughs); "Send referral" then saves it, and only then are other
    boroughs checked (audited, and their coordinators told)."""
    scope = scope_for(request.user)
    # From the report line's "worried about someone" route: the report's words start the referral.
    source_report = report_queries.worry_for_referral(
        scope, request.POST.get("from_report") or request.GET.get("from_report")
    )
    initial = {}
    if source_report is not None:
        initial = {
            "concern": source_report.description
            + (
                f"\n\nAbout the person: {source_report.person_of_concern}"
                if source_report.person_of_concern
                else ""
            ),
            "borough": source_report.borough.code if source_report.borough else None,
            "referring_sector": "family_and_friends",
        }
    form = NewReferralForm(request.POST or None, initial=initial)
    duplicates = queries.NO_DUPLICATES
    checked = False
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["checked"] == form.fingerprint():
            try:
                sent = send_referral(
                    actor=request.user,
                    details=form.details(),
                    equality=form.equality(),
                    source_report=source_report,
                )
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(request, _sent_message(sent))
                return redirect("core:staff-home")
        else:
            details = form.details()
            duplicates = queries.possible_duplicates(
                scope,
                details.first_name,
                details.last_name,
                details.date_of_birth,
                age_years=details.age_years,
            )
            checked = True
            data = request.POST.copy()
            data["checked"] = form.fingerprint()
            form = NewReferralForm(data)
            form.is_valid()
    return render(
        request,
        "safeguarding/refer.html",
        {
            "form": form,
            "source_report": source_report,
            "duplicates": duplicates,
            "checked": checked,
            "is_coordinator": scope.can(Permission.MANAGE_CASES),
        },
    )


def _sent_message(sent) -> str:
    message = (
        f"Referral sent. Its reference is {sent.referral.reference}. The safeguarding coordinator for "
        "the borough will screen it and may contact you."
    )
    if sent.other_boroughs_told:
        message += " Another borough may hold a record about this person; their coordinator has been told."
    return message


# --- The coordinator's list and a referral's page --------------------------------------------------


@staff_view(Permission.MANAGE_CASES)
def referral_list(request):
    scope = scope_for(request.user)
    form = ListFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    page = queries.referrals_page(scope, page_number=request.GET.get("page"), status=status)
    return render(request, "safeguarding/list.html", {"form": form, "page": page, "filtered": bool(status)})


def _referral_page(request, referral_id: int, **forms):
    scope = scope_for(request.user)
    referral = queries.open_referral_page(scope, referral_id)
    # Only the steps the referral's status allows are offered (the actions refuse the others too).
    # A refused form comes back whole, with what was typed, beside the reason in the error summary.
    gateway_form = forms.get("gateway_form") or GatewayCheckForm()
    screening_form = forms.get("screening_form") or ScreeningDecisionForm()
    offered = {}
    for kind, form in (("gateway", gateway_form), ("screening", screening_form)):
        outcomes = workflow.allowed(referral.status, kind)
        if not form.errors:
            form.offer_only(outcomes)
        offered[kind] = bool(outcomes or form.errors)
    can_screen = scope.can(Permission.SCREEN_REFERRALS)
    context = {
        "referral": referral,
        "equality_recorded": queries.has_equality_monitoring(scope, referral),
        "gateway_form": gateway_form,
        "screening_form": screening_form if can_screen else None,
        "offer_gateway": offered["gateway"],
        "offer_screening": can_screen and offered["screening"],
        "has_errors": any(form.errors for form in forms.values()),
    }
    return render(request, "safeguarding/referral.html", context)


@referral_page(Permission.MANAGE_CASES)
def referral(request, referral_id: int):
    """The coordinator's page of a referral in their boroughs. Everyone else gets 404, exactly as
    for a referral that does not exist: a referrer cannot open what they sent, and a panel member
    sees their cases only as the panel case view (`safeguarding:panel-case`)."""
    return _referral_page(request, referral_id)


@referral_page(Permission.MANAGE_CASES)
@require_POST
def record_gateway_check(request, referral_id: int):
    referral = queries.referral_for(scope_for(request.user), referral_id)
    form = GatewayCheckForm(request.POST)
    if form.is_valid():
        try:
            steps.record_gateway_check(actor=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Police gateway check recorded")
            return redirect("safeguarding:referral", referral.pk)
    return _referral_page(request, referral_id, gateway_form=form)


@referral_page(Permission.SCREEN_REFERRALS)
@require_POST
def record_screening_decision(request, referral_id: int):
    referral = queries.referral_for(scope_for(request.user), referral_id)
    form = ScreeningDecisionForm(request.POST)
    if form.is_valid():
        try:
            steps.record_screening_decision(actor=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Screening decision recorded")
            return redirect("safeguarding:referral", referral.pk)
    return _referral_page(request, referral_id, screening_form=form)


@referral_page(Permission.MANAGE_CASES)
def edit(request, referral_id: int):
    """Edit a referral's details. If someone else saved since this form was opened, refuse, say
    what they changed, and keep what this person typed."""
    scope = scope_for(request.user)
    # Opening the form shows the person's details, so it is audited like the referral's page.
    opened = queries.open_referral if request.method == "GET" else queries.referral_for
    referral = opened(scope, referral_id)
    conflict = None
    if request.method == "POST":
        form = EditReferralForm(request.POST)
        if form.is_valid():
            try:
                edit_referral(
                    actor=request.user,
                    referral=referral,
                    expected_version=form.cleaned_data["version"],
                    details=form.details(),
                    reason=form.cleaned_data["reason"],
                )
            except ConflictError as error:
                conflict = error
                # Keep what was typed; a second save knowingly replaces the other person's changes.
                form = form_after_conflict(EditReferralForm, request.POST, error)
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(request, "Referral updated")
                return redirect("safeguarding:referral", referral.pk)
    else:
        form = EditReferralForm(initial=EditReferralForm.initial_for(referral))
    return render(
        request, "safeguarding/edit.html", {"form": form, "referral": referral, "conflict": conflict}
    )
