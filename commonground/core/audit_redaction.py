"""The one rule that keeps secrets out of the audit trail, kept free of Django.

A value is withheld when the name it is stored under says it is a secret — a word of the name is
password, passphrase, secret, token, key, otp or pin ("password1", "new_password", "api_key",
"clientSecret") — or when the value itself is a stored password hash ("argon2$…"). The name is
kept, so the trail still says that a password was set; the value is replaced by `REDACTED`.
`audit.record` applies the rule to every event's changes, at any depth, before it is sealed.
"""

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

REDACTED = "[redacted]"

SECRET_WORDS = frozenset({"password", "passwd", "pwd", "passphrase", "secret", "token", "key", "otp", "pin"})
# Names with a secret word that hold no secret. Each says why.
NOT_SECRET_NAMES = frozenset(
    {
        # Chosen by a partner system for its retries and looked up in the trail: not a credential.
        "idempotency_key",
    }
)
# Django's stored password formats ("algorithm$…"): never useful in a trail, even under a plain name.
PASSWORD_HASH = re.compile(r"^(argon2|pbkdf2_sha256|pbkdf2_sha1|bcrypt_sha256|bcrypt|scrypt|md5|sha1)\$")
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")


def name_is_secret(name: str) -> bool:
    if name.lower() in NOT_SECRET_NAMES:
        return False
    words = {word.lower() for word in _WORD.findall(name)}
    return any(word in SECRET_WORDS or word.removesuffix("s") in SECRET_WORDS for word in words)


def redact(value: Any, path: str = "") -> tuple[Any, list[str]]:
    """`value` with every secret withheld, and the paths ("changes.password1") of what was."""
    if isinstance(value, Mapping):
        result, paths = {}, []
        for key, item in value.items():
            where = f"{path}.{key}" if path else str(key)
            if name_is_secret(str(key)) and item not in (None, "", REDACTED):
                result[key] = REDACTED
                paths.append(where)
            else:
                result[key], inner = redact(item, where)
                paths += inner
        return result, paths
    if isinstance(value, list):
        items: list[Any] = []
        paths = []
        for index, item in enumerate(value):
            clean, inner = redact(item, f"{path}[{index}]")
            items.append(clean)
            paths += inner
        return items, paths
    if isinstance(value, str) and PASSWORD_HASH.match(value):
        return REDACTED, [path]
    return value, []


def values_digest(values: Mapping[str, Any]) -> str:
    """SHA-256 of the withheld values (path → value), so that a copy kept elsewhere can be matched."""
    body = json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(body.encode()).hexdigest()


def value_at(value: Any, path: str) -> Any:
    """The value at a path made by `redact` ("changes.old[0].password")."""
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        value = value[int(part[1:-1])] if part.startswith("[") else value[part]
    return value
