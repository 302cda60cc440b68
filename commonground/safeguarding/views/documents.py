"""Safeguarding documents as downloads: the panel pack (PDF) for the meeting's coordinator and the
panel members attending it, and the subject access export (JSON or PDF) for a data protection
officer, with a reason. Thin adapters: call one query (which checks access and audits the export),
turn its data into bytes with `documents`, and send them as an attachment that is never cached."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render

from commonground.core.access import scope_for
from commonground.core.form_helpers import add_action_errors
from commonground.core.roles import Permission
from commonground.core.views.staff import staff_view
from commonground.safeguarding import documents, queries
from commonground.safeguarding.actions.documents import prepare_panel_pack
from commonground.safeguarding.forms.documents import SubjectAccessForm


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@staff_view(Permission.USE_STAFF_AREA)
def panel_pack(request, meeting_id: int):
    """The meeting's coordinator, or a panel member recorded as present; anyone else 404. A large
    pack is prepared by the worker: the reader is told, and emailed when it is ready."""
    scope = scope_for(request.user)
    if queries.panel_pack_size(scope, meeting_id) >= settings.PANEL_PACK_BACKGROUND_FROM:
        prepared = prepare_panel_pack(actor=request.user, meeting_id=meeting_id)
        response = render(
            request,
            "safeguarding/documents/panel_pack_preparing.html",
            {"prepared": prepared, "keep_hours": settings.PANEL_PACK_KEEP_HOURS},
        )
        response["Cache-Control"] = "no-store"
        return response
    pack = queries.panel_pack(scope, meeting_id)
    return _download(documents.panel_pack_pdf(pack), "application/pdf", documents.panel_pack_filename(pack))


@staff_view(Permission.USE_STAFF_AREA)
def prepared_panel_pack(request, meeting_id: int, pack_id: int):
    """A pack the worker prepared, for the person who asked for it alone; anyone else 404."""
    pack = queries.prepared_panel_pack_pdf(scope_for(request.user), meeting_id, pack_id)
    return _download(bytes(pack.pdf), "application/pdf", documents.prepared_panel_pack_filename(pack))


@staff_view(Permission.USE_STAFF_AREA)
def subject_access(request, referral_id: int):
    """Without ACCESS_OUTSIDE_SCOPE this page answers 404. With it: a reason, then the export as
    JSON or PDF, each download audited with the reason."""
    scope = scope_for(request.user)
    queries.may_export_subject_access_or_404(scope, referral_id)
    form = SubjectAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            export = queries.subject_access_export(scope, referral_id, form.cleaned_data["reason"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            if form.cleaned_data["format"] == "pdf":
                return _download(
                    documents.subject_access_pdf(export),
                    "application/pdf",
                    documents.subject_access_filename(export, "pdf"),
                )
            return _download(
                documents.subject_access_json(export),
                "application/json",
                documents.subject_access_filename(export, "json"),
            )
    response = render(
        request,
        "safeguarding/documents/subject_access_request.html",
        {"form": form, "referral_id": referral_id},
    )
    response["Cache-Control"] = "no-store"
    return response
