import hashlib
import secrets
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from commonground.core import audit
from commonground.core.access import scope_for
from commonground.core.models import Agency, ApiToken, AuditAction, User
from commonground.core.models.api_tokens import ApiScope
from commonground.core.roles import Permission

TOKEN_PREFIX = "cg"  # noqa: S105 (a label, not a secret)


def hash_secret(secret: str) -> str:
    # The secret is 256 random bits, so a fast hash is enough; a slow one would slow every API call.
    return hashlib.sha256(secret.encode()).hexdigest()


def _check_may_manage_tokens(actor: User | None, agency: Agency) -> None:
    if actor is None:
        return  # the command line
    scope = scope_for(actor)
    scope.require(Permission.MANAGE_API_TOKENS)
    if not scope.covers_combined_authority and not agency.areas.filter(pk__in=scope.area_ids).exists():
        raise PermissionDenied("That agency is outside your areas.")


def issue_api_token(
    *,
    actor: User | None,
    agency: Agency,
    name: str,
    scopes: list[ApiScope],
    expires_at: datetime | None = None,
) -> tuple[ApiToken, str]:
    """Create a token; returns it with the full key, which is shown once and never stored."""
    _check_may_manage_tokens(actor, agency)
    unknown = [s for s in scopes if s not in ApiScope.values]
    if unknown or not scopes:
        raise ValueError(f"Choose at least one known scope (unknown: {', '.join(unknown) or 'none given'}).")
    if not name.strip():
        raise ValueError("Give the token a name that says what uses it.")
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            agency=agency,
            name=name.strip(),
            key_prefix=prefix,
            key_hash=hash_secret(secret),
            scopes=sorted(set(scopes)),
            created_by=actor if actor is not None else _system_user(),
            expires_at=expires_at,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=token,
            changes={"agency": agency.name, "scopes": token.scopes, "expires_at": expires_at},
        )
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


def revoke_api_token(*, actor: User | None, token: ApiToken, reason: str) -> None:
    _check_may_manage_tokens(actor, token.agency)
    if not reason.strip():
        raise ValueError("Give a reason for revoking the token.")
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            return
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
        audit.record(
            actor=actor, action=AuditAction.UPDATE, obj=token, changes={"revoked": True}, reason=reason
        )


def _system_user() -> User:
    """Tokens issued from the command line are recorded as created by the first superuser."""
    user = User.objects.filter(is_superuser=True).order_by("pk").first()
    if user is None:
        raise ValueError(
            "Create a superuser first (manage.py createsuperuser), or issue the token as a named user."
        )
    return user
