"""One-time recovery codes (django-otp's static tokens): issued at each enrolment, shown once, each
signs in once in place of a code from the authenticator app. Issuing and spending them are actions
(core/actions/second_factor.py); here, how they look and whose they are."""

from django_otp.plugins.otp_static.models import StaticDevice

from commonground.core.models import User

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "Recovery codes"
_LENGTH = 8  # django-otp's random tokens: 8 base32 characters, 40 random bits each
_ALPHABET = frozenset("abcdefghijklmnopqrstuvwxyz234567")


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
