"""Agency API tokens: `Authorization: Bearer cg_<prefix>_<secret>`. Stored hashed; revocable."""

import hmac
import re
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from ninja.security import HttpBearer

from commonground.api.errors import ApiError
from commonground.core.actions.api_tokens import hash_secret
from commonground.core.models import ApiToken
from commonground.core.models.api_tokens import ApiScope
from commonground.reports.routing import partnership_triage_team
from commonground.sharing.actions.checks import SharingRefused, check_agreement
from commonground.sharing.models import DataCategory

# What a partner system shares with the partnership through each scope that writes about people.
SHARED_THROUGH = {
    ApiScope.REPORTS_WRITE: DataCategory.HATE_INCIDENT_REPORTS,
    ApiScope.REFERRALS_WRITE: DataCategory.SAFEGUARDING_CASES,
    ApiScope.TENSION_WRITE: DataCategory.TENSION_MONITORING,
}

TOKEN_FORMAT = re.compile(r"^cg_(?P<prefix>[0-9a-f]{8})_(?P<secret>[A-Za-z0-9_-]{20,100})$")


class AgencyToken(HttpBearer):
    """A valid agency token; with `needs`, one holding that scope. An operation that takes a body names
    its scope here, so that the scope is checked before the body is read: a token without it is told
    so (403), whatever it sent, and only a permitted caller hears that a body was too large (413)."""

    def __init__(self, needs: ApiScope | None = None):
        super().__init__()
        self.needs = needs

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if not header:
            raise ApiError(
                401,
                "token_missing",
                "An API token is required",
                "Send 'Authorization: Bearer <token>' with a token issued to your agency.",
            )
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise ApiError(
                401,
                "token_malformed",
                "The Authorization header is not a bearer token",
                "Send 'Authorization: Bearer <token>'.",
            )
        return self.authenticate(request, value.strip())

    def authenticate(self, request, token: str):
        match = TOKEN_FORMAT.match(token)
        if not match:
            raise ApiError(
                401,
                "token_malformed",
                "That is not a Common Ground API token",
                "Tokens look like cg_0123abcd_… . Check it was copied whole.",
            )
        api_token = ApiToken.objects.select_related("agency").filter(key_prefix=match["prefix"]).first()
        if api_token is None or not hmac.compare_digest(api_token.key_hash, hash_secret(match["secret"])):
            raise ApiError(401, "token_invalid", "That API token is not recognised")
        now = timezone.now()
        if api_token.revoked_at is not None:
            raise ApiError(
                401,
                "token_revoked",
                "That API token has been revoked",
                "Ask your agency's Common Ground administrator for a new one.",
            )
        if api_token.expires_at is not None and api_token.expires_at <= now:
            raise ApiError(
                401,
                "token_expired",
                "That API token has expired",
                "Ask your agency's Common Ground administrator for a new one.",
            )
        if not api_token.agency.is_active:
            raise ApiError(401, "token_invalid", "That API token's agency is no longer active")
        resolution: timedelta = settings.API_TOKEN_LAST_USED_RESOLUTION
        if api_token.last_used_at is None or now - api_token.last_used_at > resolution:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.api_token = api_token
        if self.needs is not None:
            check_scope(api_token, self.needs)
            check_sharing_agreed(api_token, self.needs)
        return api_token


def check_sharing_agreed(token: ApiToken, scope: ApiScope) -> None:
    """A partner system writing about people shares its agency's data with the partnership: an
    agreement in force must cover it, or the request is refused (403) naming what is missing, before
    the body is read, and the data protection officers are told."""
    category = SHARED_THROUGH.get(scope)
    if category is None:
        return
    try:
        check_agreement(
            from_agency=token.agency, to_agency=partnership_triage_team().agency, category=category
        )
    except SharingRefused as refusal:
        raise ApiError(
            403,
            "no_sharing_agreement",
            "No information sharing agreement covers this",
            refusal.messages[0],
        ) from refusal


def require_scope(request, scope: ApiScope) -> ApiToken:
    return check_scope(request.auth, scope)


def check_scope(token: ApiToken, scope: ApiScope) -> ApiToken:
    if scope.value not in token.scopes:
        raise ApiError(
            403,
            "scope_missing",
            "This token does not have the scope this needs",
            f"The request needs the scope '{scope.value}'.",
        )
    return token
