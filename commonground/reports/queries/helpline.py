"""The helpline's reads: the call log, a call's page, advice scripts, and call-back requests."""

from typing import TYPE_CHECKING

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet

from commonground.core import access

if TYPE_CHECKING:
    from typing import TypedDict

    from django_stubs_ext import WithAnnotations

    class _Attempts(TypedDict):
        attempt_count: int


from commonground.core.access import Scope
from commonground.core.audit_reads import audited_page, record_list_view, record_read
from commonground.reports.models import AdviceScript, CallBackRequest, HelplineCall, Report, ReportStatus


def calls_visible_to(scope: Scope) -> QuerySet[HelplineCall]:
    return access.visible(scope, HelplineCall).select_related("advisor", "report", "borough")


def calls_page(scope: Scope, *, page_number: str | int | None) -> Page:
    """One page of the call log; its reading is audited with the calls on that page."""
    return audited_page(scope, calls_visible_to(scope), page_number=page_number, list_name="Helpline calls")


def open_call(scope: Scope, call_id: int) -> HelplineCall:
    """One call for its page (the caller's words in the notes); each opening is audited, with the
    report made from the call as its subject when there is one. Out of scope answers 404."""
    call = access.get_visible_or_404(
        scope, calls_visible_to(scope).prefetch_related("advice_given"), pk=call_id
    )
    record_read(scope=scope, obj=call, subject=call.report or call)
    return call


def active_advice_scripts() -> QuerySet[AdviceScript]:
    return AdviceScript.objects.filter(is_active=True)


def open_call_backs(scope: Scope) -> "QuerySet[WithAnnotations[CallBackRequest, _Attempts]]":
    """Call-back requests still waiting for an advisor, oldest first."""
    return (
        access.visible(scope, CallBackRequest)
        .filter(spoken_at__isnull=True, passed_to_triage_at__isnull=True)
        .select_related("report", "report__borough")
        .annotate(attempt_count=Count("attempts"))
        .order_by("requested_at", "pk")
    )


def call_back_queue_page(scope: Scope, *, page_number: str | int | None) -> Page:
    """One page of the call-back queue (names and phone numbers): audited with the rows shown."""
    page = Paginator(open_call_backs(scope), 50).get_page(page_number)
    page.object_list = list(page.object_list)
    # The rows show the callers' names and numbers from their reports: the event names both.
    shown = [record for request in page.object_list for record in (request, request.report)]
    record_list_view(scope=scope, records=shown, list_name="Call-back queue", page_number=page.number)
    return page


def open_call_back(scope: Scope, request_id: int) -> CallBackRequest:
    """One call-back request with its tries; opening it is audited. Out of scope answers 404."""
    request = access.get_visible_or_404(
        scope,
        CallBackRequest.objects.select_related("report", "report__borough").prefetch_related(
            "attempts__advisor"
        ),
        pk=request_id,
    )
    record_read(scope=scope, obj=request, subject=request.report)
    return request


def call_backs_passed_to_triage(scope: Scope) -> QuerySet[Report]:
    """Reports in scope whose caller the helpline could not reach: still waiting for triage."""
    return (
        access.visible(scope, Report)
        .filter(call_back_request__passed_to_triage_at__isnull=False, status=ReportStatus.RECEIVED)
        .select_related("borough")
        .order_by("submitted_at")
    )
