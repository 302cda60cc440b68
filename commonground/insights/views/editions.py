"""Staff pages of statistics editions: the list, drafting an edition, changing a draft, sending it
for approval, the data protection officer's decision, publishing, correcting a published edition,
and the quarterly report as a PDF. Thin adapters: parse the form, call one action or query."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.insights import presentation, quarterly_report
from commonground.insights.actions import editions as actions
from commonground.insights.forms.editions import CorrectionForm, DecisionForm, DraftChangesForm, DraftForm
from commonground.insights.queries import editions as queries


def _detail(edition_id: int):
    return redirect("insights:edition", edition_id=edition_id)


@staff_view(Permission.VIEW_INSIGHTS)
def edition_list(request):
    scope = scope_for(request.user)
    return render(
        request,
        "insights/editions/list.html",
        {
            "editions": queries.editions_for_staff(scope),
            "may_prepare": scope.can(Permission.PREPARE_STATISTICS),
        },
    )


@staff_view(Permission.PREPARE_STATISTICS)
def new(request):
    quarters = queries.quarters_to_draft()
    form = DraftForm(request.POST or None, quarters=quarters)
    if request.method == "POST" and form.is_valid():
        try:
            edition = actions.draft_edition(
                actor=request.user,
                quarter=form.cleaned_data["quarter"],
                quality_note=form.cleaned_data["quality_note"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"Draft edition for {edition.quarter_label} prepared")
            return _detail(edition.pk)
    return render(request, "insights/editions/new.html", {"form": form, "quarters": quarters})


@staff_view(Permission.VIEW_INSIGHTS)
def edition(request, edition_id: int):
    scope = scope_for(request.user)
    found = queries.edition_for_staff(scope, edition_id)
    tables = queries.tables_of(found)
    return render(
        request,
        "insights/editions/detail.html",
        {
            "edition": found,
            "corrected_by": queries.corrected_by(found),
            "headlines": found.headlines,
            "tables": [presentation.display_table(t) for t in tables],
            "charts": presentation.edition_charts(tables, period_label=found.quarter_label),
            "may_prepare": scope.can(Permission.PREPARE_STATISTICS),
            "may_approve": scope.can(Permission.APPROVE_STATISTICS)
            and found.prepared_by_id != request.user.pk,
            "decision_form": DecisionForm(),
            "suppression_note": presentation.SUPPRESSION_NOTE,
        },
    )


@staff_view(Permission.PREPARE_STATISTICS)
def change(request, edition_id: int):
    found = queries.edition_for_staff(scope_for(request.user), edition_id)
    form = DraftChangesForm(request.POST or None, initial={"quality_note": found.quality_note})
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_draft(
                actor=request.user,
                edition=found,
                quality_note=form.cleaned_data["quality_note"],
                recount=form.cleaned_data["recount"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "Draft updated")
            return _detail(found.pk)
    return render(request, "insights/editions/change.html", {"form": form, "edition": found})


def _step(request, edition_id: int, action, done: str):
    found = queries.edition_for_staff(scope_for(request.user), edition_id)
    try:
        action(actor=request.user, edition=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return _detail(found.pk)


@require_POST
@staff_view(Permission.PREPARE_STATISTICS)
def submit(request, edition_id: int):
    return _step(request, edition_id, actions.submit_for_approval, "Sent for approval")


@require_POST
@staff_view(Permission.PREPARE_STATISTICS)
def publish(request, edition_id: int):
    return _step(request, edition_id, actions.publish_edition, "Edition published")


@staff_view(Permission.APPROVE_STATISTICS)
def decide(request, edition_id: int):
    found = queries.edition_for_staff(scope_for(request.user), edition_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == DecisionForm.APPROVE:
                actions.approve_edition(actor=request.user, edition=found, note=form.cleaned_data["note"])
                done = "Edition approved for publication"
            else:
                actions.send_back(actor=request.user, edition=found, reasons=form.cleaned_data["note"])
                done = "Edition sent back to the preparer"
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, done)
            return _detail(found.pk)
    return render(request, "insights/editions/decide.html", {"form": form, "edition": found})


@staff_view(Permission.PREPARE_STATISTICS)
def correct(request, edition_id: int):
    found = queries.edition_for_staff(scope_for(request.user), edition_id)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            correction = actions.correct_edition(
                actor=request.user, edition=found, correction_note=form.cleaned_data["correction_note"]
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"Revision {correction.revision} drafted")
            return _detail(correction.pk)
    return render(request, "insights/editions/correct.html", {"form": form, "edition": found})


@staff_view(Permission.USE_STAFF_AREA)
def report(request, edition_id: int):
    """The quarterly report (PDF) of an approved or published edition; producing it is audited."""
    found = queries.edition_for_quarterly_report(scope_for(request.user), edition_id)
    produced_for = request.user.get_full_name() or request.user.get_username()
    content = quarterly_report.report_pdf(found, produced_for=produced_for, produced_at=timezone.now())
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{quarterly_report.report_filename(found)}"'
    response["Cache-Control"] = "no-store"
    return response
