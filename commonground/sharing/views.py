"""The pages of sharing agreements: every agency party to one sees it and what was shared under it;
data protection officers record, amend and end them. Thin adapters: parse the form, call one query
or action, render. Anyone without VIEW_SHARING_AGREEMENTS, or outside an agreement, gets 404."""

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from commonground.core.access import scope_for
from commonground.core.conflicts import ConflictError
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.sharing import queries
from commonground.sharing.actions import agreements
from commonground.sharing.forms import AgreementForm, EndForm


def _may_manage_or_404(request) -> None:
    if not scope_for(request.user).can(Permission.MANAGE_SHARING_AGREEMENTS):
        raise Http404("No such page")


def _terms(form: AgreementForm) -> agreements.AgreementTerms:
    data = form.cleaned_data
    return agreements.AgreementTerms(
        title=data["title"].strip(),
        purpose=data["purpose"].strip(),
        article_6_basis=data["article_6_basis"],
        article_9_condition=data["article_9_condition"],
        schedule_1_condition=data["schedule_1_condition"],
        categories=list(data["categories"]),
        parties=list(data["parties"]),
        starts_on=data["starts_on"],
        review_on=data["review_on"],
        ends_on=data["ends_on"],
    )


@staff_view(Permission.USE_STAFF_AREA)
def agreement_list(request):
    rows = queries.agreements_for(scope_for(request.user))
    may_manage = scope_for(request.user).can(Permission.MANAGE_SHARING_AGREEMENTS)
    return render(request, "sharing/agreements.html", {"rows": rows, "may_manage": may_manage})


@staff_view(Permission.USE_STAFF_AREA)
def record(request):
    _may_manage_or_404(request)
    initial = {"parties": request.GET.getlist("parties"), "categories": request.GET.getlist("category")}
    form = AgreementForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            created = agreements.record_agreement(
                actor=request.user, terms=_terms(form), signed_document=form.cleaned_data["signed_document"]
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return redirect("sharing:agreement", agreement_id=created.pk)
    return render(request, "sharing/agreement_form.html", {"form": form, "agreement": None})


@staff_view(Permission.USE_STAFF_AREA)
def agreement(request, agreement_id: int):
    page = queries.agreement_page(scope_for(request.user), agreement_id)
    return render(request, "sharing/agreement.html", {"page": page, "agreement": page.row.agreement})


@staff_view(Permission.USE_STAFF_AREA)
def amend(request, agreement_id: int):
    _may_manage_or_404(request)
    current = queries.agreement_or_404(scope_for(request.user), agreement_id)
    initial = queries.form_values(current)
    form = AgreementForm(request.POST or None, request.FILES or None, initial=initial)
    version = current.version
    if request.method == "POST":
        version = int(request.POST.get("version") or 0) if request.POST.get("version", "").isdigit() else 0
        if form.is_valid():
            try:
                agreements.amend_agreement(
                    actor=request.user,
                    agreement=current,
                    version=version,
                    terms=_terms(form),
                    signed_document=form.cleaned_data["signed_document"],
                )
            except ConflictError as conflict:
                version = conflict.current_version or current.version
                form.add_error(
                    None,
                    _("Someone else changed this agreement after you opened it. Check it, then save again."),
                )
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                return redirect("sharing:agreement", agreement_id=current.pk)
    return render(
        request, "sharing/agreement_form.html", {"form": form, "agreement": current, "version": version}
    )


@staff_view(Permission.USE_STAFF_AREA)
def end(request, agreement_id: int):
    _may_manage_or_404(request)
    current = queries.agreement_or_404(scope_for(request.user), agreement_id)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            agreements.end_agreement(
                actor=request.user, agreement=current, ends_on=form.cleaned_data["ends_on"]
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return redirect("sharing:agreement", agreement_id=current.pk)
    return render(request, "sharing/end.html", {"form": form, "agreement": current})


@staff_view(Permission.USE_STAFF_AREA)
def signed_document(request, agreement_id: int):
    current = queries.agreement_or_404(scope_for(request.user), agreement_id)
    if not current.signed_document:
        raise Http404("No signed document")
    response = FileResponse(
        current.signed_document.open("rb"),
        as_attachment=True,
        filename=f"sharing-agreement-{current.pk}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "no-store"
    return response
