"""Report references and status-link secrets.

A reference (CG-7K3M-9Q2X) is for reading aloud: Crockford's base-32 alphabet, no I, L, O or U,
40 random bits. It opens nothing. The status link carries a separate secret derived from a random
nonce and the server's key, so a retried submission can show the same link again, and a copy of
the database alone cannot rebuild any link (only the secret's hash is stored)."""

import hashlib
import secrets

from django.utils.crypto import salted_hmac

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference(prefix: str = "CG") -> str:
    """A new random reference; safeguarding referrals use the same form with the prefix SG."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{prefix}-{chars[:4]}-{chars[4:]}"


def normalise_reference(value: str) -> str:
    compact = "".join(ch for ch in value.upper() if ch.isalnum())
    compact = compact.removeprefix("CG").translate(str.maketrans("ILOU", "110V"))
    return f"CG-{compact[:4]}-{compact[4:8]}" if len(compact) == 8 else ""


def new_nonce() -> str:
    return secrets.token_hex(16)


def status_secret(nonce: str) -> str:
    return salted_hmac("commonground.reports.status-link", nonce, algorithm="sha256").hexdigest()[:40]


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
