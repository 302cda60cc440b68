"""One-time recovery codes (django-otp's static tokens): issued at each enrolment, shown once, each
signs in once in place of a code from the authenticator app."""

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from commonground.core import audit
from commonground.core.models import AuditAction, User

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "Recovery codes"
_LENGTH = 8  # django-otp's random tokens: 8 base32 characters, 40 random bits each
_ALPHABET = frozenset("abcdefghijklmnopqrstuvwxyz234567")


def issue_recovery_codes(*, user: User) -> list[str]:
    """Replace the user's recovery codes with new ones. Part of the caller's transaction."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def for_display(code: str) -> str:
    """Two halves of four, easier to copy onto paper."""
    return f"{code[:4]}-{code[4:]}"


def normalised(typed: str) -> str:
    """What was typed, without the spaces, hyphens and capitals people add when copying."""
    return "".join(character for character in typed.lower() if character.isalnum())


def looks_like_recovery_code(code: str) -> bool:
    return len(code) == _LENGTH and set(code) <= _ALPHABET


def recovery_device_for(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).first()


def use_recovery_code(*, actor: User, code: str) -> StaticDevice | None:
    """The recovery device if `code` is one of the user's unused codes, which is then spent."""
    with transaction.atomic():
        # Locked, so that two requests with the same code cannot both spend it.
        device = StaticDevice.objects.select_for_update().filter(user=actor, confirmed=True).first()
        if device is None or not device.verify_token(code):
            return None
        remaining = device.token_set.count()
        audit.record(
            actor=actor,
            action=AuditAction.RECOVERY_CODE_USED,
            obj=actor,
            subject=actor,
            changes={"recovery_codes_left": remaining},
        )
    return device
