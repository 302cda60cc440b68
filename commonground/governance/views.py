"""The data protection officer's pages for subject access and erasure requests. Thin adapters: parse
the form, call one query or action, render. Every page answers 404 to anyone without
HANDLE_SUBJECT_ACCESS (the queries check), so the routes are not revealed."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.governance import documents
from commonground.governance.actions import disclosure, erasure, holds, requests
from commonground.governance.forms import (
    ChooseForm,
    CloseForm,
    EraseForm,
    ExportForm,
    ExtendForm,
    HoldForm,
    LiftHoldForm,
    RequestForm,
    SearchForm,
)
from commonground.governance.queries import requests as request_queries
from commonground.governance.queries import search as search_queries


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@staff_view(Permission.USE_STAFF_AREA)
def request_list(request):
    scope = scope_for(request.user)
    show_closed = request.GET.get("closed") == "1"
    page = request_queries.requests_page(scope, request.GET.get("page"), show_closed=show_closed)
    return render(request, "governance/requests.html", {"page": page, "show_closed": show_closed})


@staff_view(Permission.USE_STAFF_AREA)
def request_new(request):
    search_queries.may_handle_subject_access_or_404(scope_for(request.user))
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = requests.create_request(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return redirect("governance:request", request_id=created.pk)
    return render(request, "governance/request_new.html", {"form": form})


@staff_view(Permission.USE_STAFF_AREA)
def request_detail(request, request_id: int):
    page = request_queries.request_page(scope_for(request.user), request_id)
    return _no_store(render(request, "governance/request.html", {"page": page, "sar": page.request}))


@staff_view(Permission.USE_STAFF_AREA)
def search(request, request_id: int):
    scope = scope_for(request.user)
    sar = request_queries.request_or_404(scope, request_id)
    form = SearchForm(request.POST or None, initial={"name": sar.subject_name})
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        criteria = search_queries.Criteria(
            name=data["name"].strip(),
            date_of_birth=data["date_of_birth"],
            email=data["email"].strip(),
            phone=data["phone"].strip(),
            reference=data["reference"].strip(),
        )
        try:
            result = search_queries.search(scope, criteria, data["reason"])
        except ValidationError as error:
            add_action_errors(form, error)
    chosen = request_queries.chosen_refs(sar) if result else set()
    return _no_store(
        render(
            request, "governance/search.html", {"form": form, "sar": sar, "result": result, "chosen": chosen}
        )
    )


@staff_view(Permission.USE_STAFF_AREA)
def choose(request, request_id: int):
    """The records ticked on the search's results (POST); the search itself otherwise."""
    scope = scope_for(request.user)
    sar = request_queries.request_or_404(scope, request_id)
    if request.method != "POST":
        return redirect("governance:search", request_id=sar.pk)
    form = ChooseForm(request.POST)
    if form.is_valid():
        try:
            requests.choose_records(actor=request.user, request_id=sar.pk, refs=form.cleaned_data["refs"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return redirect("governance:request", request_id=sar.pk)
    return render(request, "governance/choose_failed.html", {"form": form, "sar": sar}, status=400)


@staff_view(Permission.USE_STAFF_AREA)
def remove_record(request, request_id: int, record_id: int):
    """A chosen record taken off the request (POST, from its row); the request page otherwise."""
    sar = request_queries.request_or_404(scope_for(request.user), request_id)
    if request.method == "POST":
        try:
            requests.remove_record(actor=request.user, request_id=sar.pk, record_id=record_id)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The record was taken off the request")
    return redirect("governance:request", request_id=sar.pk)


@staff_view(Permission.USE_STAFF_AREA)
def export(request, request_id: int):
    scope = scope_for(request.user)
    sar = request_queries.request_or_404(scope, request_id)
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        document = form.cleaned_data["format"] or "json"
        try:
            data = disclosure.disclose(
                actor=request.user, request_id=sar.pk, reason=form.cleaned_data["reason"], document=document
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            if document == "pdf":
                response = HttpResponse(documents.export_pdf(data), content_type="application/pdf")
            else:
                response = HttpResponse(documents.export_json(data), content_type="application/json")
            response["Content-Disposition"] = f'attachment; filename="{documents.filename(data, document)}"'
            return _no_store(response)
    return _no_store(render(request, "governance/export_form.html", {"form": form, "sar": sar}))


@staff_view(Permission.USE_STAFF_AREA)
def extend(request, request_id: int):
    scope = scope_for(request.user)
    sar = request_queries.request_or_404(scope, request_id)
    form = ExtendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            requests.extend(actor=request.user, request_id=sar.pk, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return redirect("governance:request", request_id=sar.pk)
    return render(request, "governance/extend.html", {"form": form, "sar": sar})


@staff_view(Permission.USE_STAFF_AREA)
def erase(request, request_id: int):
    scope = scope_for(request.user)
    sar = request_queries.request_or_404(scope, request_id)
    form = EraseForm(request.POST or None)
    outcomes = None
    if request.method == "POST" and form.is_valid():
        try:
            outcomes = erasure.erase(
                actor=request.user,
                request_id=sar.pk,
                reason=form.cleaned_data["reason"],
                restrict_only=form.cleaned_data["what"] == "restrict",
            )
        except ValidationError as error:
            add_action_errors(form, error)
    return _no_store(
        render(request, "governance/erase.html", {"form": form, "sar": sar, "outcomes": outcomes})
    )


@staff_view(Permission.USE_STAFF_AREA)
def close(request, request_id: int):
    scope = scope_for(request.user)
    sar = request_queries.request_or_404(scope, request_id)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            requests.close(actor=request.user, request_id=sar.pk, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return redirect("governance:request", request_id=sar.pk)
    return render(request, "governance/close.html", {"form": form, "sar": sar})


@staff_view(Permission.USE_STAFF_AREA)
def hold_list(request):
    scope = scope_for(request.user)
    held = request_queries.active_holds(scope)
    form = HoldForm(request.POST or None, initial={"ref": request.GET.get("ref", "")})
    if request.method == "POST" and form.is_valid():
        try:
            holds.place_hold(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return redirect("governance:holds")
    return render(request, "governance/holds.html", {"holds": held, "form": form})


@staff_view(Permission.USE_STAFF_AREA)
def hold_lift(request, hold_id: int):
    scope = scope_for(request.user)
    hold = request_queries.hold_or_404(scope, hold_id)
    form = LiftHoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            holds.lift_hold(actor=request.user, hold_id=hold.pk, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return redirect("governance:holds")
    return render(request, "governance/hold_lift.html", {"form": form, "hold": hold})
