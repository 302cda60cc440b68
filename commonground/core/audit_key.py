"""The audit chain's key: HMAC-SHA256 needs a key the database does not hold.

Where it comes from, first found wins:
1. `AUDIT_CHAIN_KEY` (the environment), at least 32 characters;
2. `AUDIT_CHAIN_KEY_FILE`, a file readable only by the service holding the key;
3. otherwise derived from SECRET_KEY (HKDF-SHA256 with its own salt, so the key says nothing about
   SECRET_KEY). With the development SECRET_KEY this is the development key, known to everyone:
   settings refuse the development SECRET_KEY with DEBUG off, and the `core.E003` check refuses it
   in a deployment. A deployment should set its own key, so that rotating SECRET_KEY does not
   change it (the keyed events sealed so far would no longer verify): docs/decisions/0009.
"""

import hashlib
import hmac
from functools import lru_cache
from pathlib import Path

from django.conf import settings

MINIMUM_KEY_LENGTH = 32
DERIVATION_SALT = b"commonground.audit-chain.v1"
DERIVATION_INFO = b"audit chain HMAC-SHA256 key"


def derive_from_secret_key(secret_key: str) -> bytes:
    """HKDF-SHA256 (RFC 5869), one block: extract with a salt of our own, then expand."""
    pseudo_random_key = hmac.new(DERIVATION_SALT, secret_key.encode(), hashlib.sha256).digest()
    return hmac.new(pseudo_random_key, DERIVATION_INFO + b"\x01", hashlib.sha256).digest()


def source() -> str:
    """Where the key comes from: "setting", "file" or "derived"."""
    if settings.AUDIT_CHAIN_KEY:
        return "setting"
    if settings.AUDIT_CHAIN_KEY_FILE:
        return "file"
    return "derived"


@lru_cache(maxsize=4)
def _resolve(key: str, key_file: str, secret_key: str) -> bytes:
    # Cached: `audit.record` seals every event with it while holding the chain lock.
    if key:
        return key.encode()
    if key_file:
        return Path(key_file).read_text(encoding="utf-8").strip().encode()
    return derive_from_secret_key(secret_key)


def chain_key() -> bytes:
    return _resolve(settings.AUDIT_CHAIN_KEY, str(settings.AUDIT_CHAIN_KEY_FILE or ""), settings.SECRET_KEY)


def is_development_key(key: bytes) -> bool:
    development = getattr(settings, "DEVELOPMENT_SECRET_KEY", "")
    return bool(development) and hmac.compare_digest(key, derive_from_secret_key(development))
