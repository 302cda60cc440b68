"""One idempotency mechanism for every API operation that creates something.

Each such call carries an `Idempotency-Key` chosen by the partner. The first call with a key
stores, in the same transaction as the record it creates, an `IdempotencyKey` row: the agency, the
operation, the key, a hash of the whole validated request and the answer given. A retry with the
same key and the same request gets that answer again (200, `Idempotent-Replayed: true`) and makes
nothing; the same key with a different request is refused (409 `idempotency_key_reused`).

Keys are per agency and per operation, so two agencies (or a report and a referral) never collide.
The row is inserted before the record is made, so of two concurrent calls with one key the second
waits on the unique constraint until the first commits, then answers what the first answered; if
the first fails, nothing of it is kept and the second goes ahead. Rows are swept after
`API_IDEMPOTENCY_KEY_DAYS` (core/tasks.py)."""

import hashlib
import json
import re
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from ninja import Schema, Status
from ninja.responses import NinjaJSONEncoder

from commonground.api.errors import ApiError
from commonground.core.models import ApiToken, IdempotencyKey

IDEMPOTENCY_HEADER = "Idempotency-Key"
IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")
REPLAYED_HEADER = "Idempotent-Replayed"


def idempotency_key(request: HttpRequest) -> str:
    """The call's key, or a 400 problem saying what is wrong with it."""
    key = request.headers.get(IDEMPOTENCY_HEADER, "")
    if not key:
        raise ApiError(
            400,
            "idempotency_key_missing",
            "The Idempotency-Key header is required",
            "Send 'Idempotency-Key: <key>' with a key of your own for this call, e.g. a UUID. "
            "Send the same key if you retry.",
        )
    if not IDEMPOTENCY_KEY.match(key):
        raise ApiError(
            400,
            "idempotency_key_malformed",
            "The Idempotency-Key header is not a valid key",
            "A key is 1 to 100 letters (A-Z, a-z), digits, '.', '_', ':' or '-'.",
        )
    return key


def request_hash(payload: Schema) -> str:
    """SHA-256 of the validated request as canonical JSON: defaults filled in, keys sorted, dates
    and times in one form, so two requests that mean the same hash the same."""
    canonical = json.dumps(
        payload.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def create_once(
    request: HttpRequest,
    response: HttpResponse,
    *,
    operation: str,
    key: str,
    payload: Schema,
    what: str,
    create: Callable[[], tuple[int, dict]],
):
    """Answer the call with `create()` (status and body) the first time a key is used, and with the
    stored answer on every retry with the same request. `what` names the record in a 409."""
    # django-ninja sets `auth` once the token is checked; the stubs do not know it.
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    digest = request_hash(payload)
    earlier = _earlier(token, operation, key)
    if earlier is None:
        try:
            with transaction.atomic():
                row = IdempotencyKey.objects.create(
                    agency_id=token.agency_id,
                    operation=operation,
                    key=key,
                    request_hash=digest,
                    response_status=0,  # replaced below, before the transaction commits
                    response_body={},
                )
                status, body = create()
                row.response_status, row.response_body = status, _as_stored(body)
                row.save(update_fields=["response_status", "response_body"])
            return Status(row.response_status, row.response_body)
        except IntegrityError:
            # A concurrent call with the same key committed first: answer what it answered.
            earlier = _earlier(token, operation, key)
            if earlier is None:
                raise
    if earlier.request_hash != digest:
        raise ApiError(
            409,
            "idempotency_key_reused",
            f"That Idempotency-Key was used for a different {what}",
            f"Each {what} needs its own key. Send the same key only when retrying the same {what}.",
        )
    response[REPLAYED_HEADER] = "true"
    # The first answer made the record (201); a replay makes nothing, so it is an OK with that body.
    return Status(200 if earlier.response_status == 201 else earlier.response_status, earlier.response_body)


def _earlier(token: ApiToken, operation: str, key: str) -> IdempotencyKey | None:
    return IdempotencyKey.objects.filter(agency_id=token.agency_id, operation=operation, key=key).first()


def _as_stored(body: dict) -> dict:
    # Dates and times as the API renders them, so a replay's body is the first body to the byte.
    return json.loads(json.dumps(body, cls=NinjaJSONEncoder))
