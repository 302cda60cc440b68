"""API errors as RFC 9457 problem details, each with a stable `code` partner systems can rely on."""

import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest
from ninja import Field, NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

# How every operation that takes a body documents the 413 (its handler is in `install`).
PAYLOAD_TOO_LARGE = (
    "The body is larger than the service reads at once (`payload_too_large`); each field's limit is in "
    "the schema. Nothing was stored."
)

UNAUTHENTICATED = (
    "No valid token (`token_missing`, `token_malformed`, `token_invalid`, `token_revoked`, `token_expired`)."
)
UNAVAILABLE = (
    "The service is unavailable (`service_unavailable`, with Retry-After): try again later. Nothing was "
    "saved; a create retried with the same Idempotency-Key is made once."
)
INVALID_QUERY = "A path or query parameter is not valid (`invalid_request`); `errors` names each."


class Problem(Schema):
    """Problem details (RFC 9457), sent as application/problem+json."""

    type: str
    title: str
    status: int
    code: str = Field(..., description="Stable error code.")
    detail: str | None = None
    errors: list[dict[str, str | list[str]]] | None = Field(
        None, description="For invalid_request: each problem's location and message."
    )


def problem_responses(refusals: dict[int, str]) -> dict:
    """OpenAPI responses for an operation's refusals, each as application/problem+json with the
    codes it may carry; every operation may also answer 503 when the database is unavailable."""
    return {
        code: {
            "description": text,
            "content": {"application/problem+json": {"schema": Problem.model_json_schema()}},
        }
        for code, text in {**refusals, 503: refusals.get(503, UNAVAILABLE)}.items()
    }


class ApiError(Exception):
    def __init__(self, status: int, code: str, title: str, detail: str = ""):
        self.status, self.code, self.title, self.detail = status, code, title, detail
        super().__init__(title)


def problem(
    api: NinjaAPI, request: HttpRequest, status: int, code: str, title: str, detail: str = "", **extra
):
    body = {"type": f"/api/v1/docs#errors-{code}", "title": title, "status": status, "code": code}
    if detail:
        body["detail"] = detail
    body.update(extra)
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = "application/problem+json"
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="Common Ground"'
    return response


def install(api: NinjaAPI) -> None:
    @api.exception_handler(ApiError)
    def api_error(request, exc: ApiError):
        return problem(api, request, exc.status, exc.code, exc.title, exc.detail)

    @api.exception_handler(AuthenticationError)
    def not_authenticated(request, exc):
        return problem(
            api,
            request,
            401,
            "token_missing",
            "An API token is required",
            "Send 'Authorization: Bearer <token>' with a token issued to your agency.",
        )

    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        return problem(
            api,
            request,
            422,
            "invalid_request",
            "The request is not valid",
            errors=[
                {"location": list(map(str, e.get("loc", []))), "message": e.get("msg", "")}
                for e in exc.errors
            ],
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc: HttpError):
        codes = {
            400: "invalid_request",
            404: "not_found",
            405: "method_not_allowed",
            429: "too_many_requests",
        }
        return problem(api, request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))

    @api.exception_handler(RequestDataTooBig)
    def payload_too_large(request, exc):
        # Raised when the body is read, which is after the token and its scope were checked.
        return problem(
            api,
            request,
            413,
            "payload_too_large",
            "The request body is too large",
            f"Send at most {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes. Each field's own limit is in the "
            "OpenAPI document. Nothing was stored.",
            limit_bytes=settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        )

    @api.exception_handler(OperationalError)
    @api.exception_handler(InterfaceError)
    def database_unavailable(request, exc):
        logging.getLogger("commonground.api").warning("The database is unavailable: %s", exc, exc_info=exc)
        response = problem(
            api,
            request,
            503,
            "service_unavailable",
            "The service is unavailable",
            "Nothing was saved. Try again in a few minutes; a retry with the same idempotency key is safe.",
        )
        response["Retry-After"] = "60"
        return response

    @api.exception_handler(Exception)
    def unexpected(request, exc):
        logging.getLogger("commonground.api").exception("Unhandled API error")
        return problem(
            api, request, 500, "server_error", "Something went wrong on our side", "Try again later."
        )
