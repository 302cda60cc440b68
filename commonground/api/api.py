"""The JSON API: /api/v1/, documented at /api/v1/openapi.json (and /api/v1/docs)."""

from django.conf import settings
from ninja import NinjaAPI

from commonground.api import errors
from commonground.api.auth import AgencyToken
from commonground.api.docs import ReferencePage
from commonground.api.routers import (
    areas,
    events,
    grants,
    openreferral,
    programme,
    referrals,
    reports,
    statistics,
    tension,
)

api = NinjaAPI(
    title="Common Ground API",
    version="1",
    description=(
        "For partner systems of the Common Ground partnership. Every call needs an agency token "
        "(`Authorization: Bearer cg_…`) with the scope the operation names. Errors are problem "
        "details (RFC 9457) with a stable `code`: token_missing, token_malformed, token_invalid, "
        "token_revoked, token_expired, scope_missing, not_found, invalid_request, payload_too_large, "
        "idempotency_key_missing, idempotency_key_malformed, idempotency_key_reused, service_unavailable.\n\n"
        "Every operation that creates something needs an `Idempotency-Key` header chosen by the caller: a "
        "retry with the same key and the same request gets the first answer again (200, "
        "`Idempotent-Replayed: true`) and creates nothing; the same key with a different request is refused "
        f"(409). Keys are kept per agency and operation for {settings.API_IDEMPOTENCY_KEY_DAYS} days.\n\n"
        f"A request body may be at most {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes (each field's own limit "
        "is in its schema); a larger one is refused with 413 once the token and its scope have been checked.\n\n"
        "Area data contains public sector information licensed under the Open Government Licence v3.0 "
        "(source: Office for National Statistics)."
    ),
    auth=AgencyToken(),
    urls_namespace="api",
    # An accessible reference page built from the OpenAPI document (see docs.py), not Swagger UI.
    docs=ReferencePage(),
)
errors.install(api)
api.add_router("/areas", areas.router)
api.add_router("/reports", reports.router)
api.add_router("/referrals", referrals.router)
api.add_router("/tension", tension.router)
api.add_router("/statistics", statistics.router)
api.add_router("/programme", programme.router)
api.add_router("/openreferral", openreferral.router)
api.add_router("/grants", grants.router)
api.add_router("/events", events.router)
